# Placeholders for local validation only: valid in format, obviously fake.
# The real values live in the Terraform Cloud workspace.
AGENT_ACTIONS                      = "placeholder-agent-actions-token"
NOTION_TOKEN                       = "placeholder-notion-token"
NOTION_PAGE_ID                     = "00000000000000000000000000000001"
NOTION_DISCUSSIONS_ARC_DB_ID       = "00000000-0000-0000-0000-000000000002"
NOTION_ISSUES_BACKLOG_DB_ID        = "00000000000000000000000000000003"
NOTION_KNOWLEDGE_FILE_DB_ID        = "00000000000000000000000000000004"
NOTION_PROJECT_BOARD_BACKLOG_DB_ID = "00000000000000000000000000000005"
NOTION_TASK_BACKLOG_DB_ID          = "00000000000000000000000000000006"
TFC_TOKEN                          = "placeholder-tfc-token"
