# Terraform Cloud workspace inputs for the performance agent (A-08). Values are delivered through
# the workspace's variables; infra/variables.tfvars holds obviously fake placeholders for local runs.

locals {
  # A Notion ID: 32 hex characters, bare or in the dashed 8-4-4-4-12 form.
  notion_id_pattern = "^([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
}

variable "AGENT_ACTIONS" {
  description = "Token that authorizes CI/CD automation for the performance agent."
  type        = string
  sensitive   = true
}

variable "NOTION_TOKEN" {
  description = "Integration token for Notion API access."
  type        = string
  sensitive   = true
}

variable "NOTION_PAGE_ID" {
  description = "Root Notion page identifier used for contextual linking."
  type        = string

  validation {
    condition     = can(regex(local.notion_id_pattern, var.NOTION_PAGE_ID))
    error_message = "NOTION_PAGE_ID must be a Notion ID: 32 hexadecimal characters, with or without dashes."
  }
}

variable "NOTION_DISCUSSIONS_ARC_DB_ID" {
  description = "Database ID for archiving GitHub discussions."
  type        = string

  validation {
    condition     = can(regex(local.notion_id_pattern, var.NOTION_DISCUSSIONS_ARC_DB_ID))
    error_message = "NOTION_DISCUSSIONS_ARC_DB_ID must be a Notion ID: 32 hexadecimal characters, with or without dashes."
  }
}

variable "NOTION_ISSUES_BACKLOG_DB_ID" {
  description = "Database ID that mirrors the GitHub issues backlog."
  type        = string

  validation {
    condition     = can(regex(local.notion_id_pattern, var.NOTION_ISSUES_BACKLOG_DB_ID))
    error_message = "NOTION_ISSUES_BACKLOG_DB_ID must be a Notion ID: 32 hexadecimal characters, with or without dashes."
  }
}

variable "NOTION_KNOWLEDGE_FILE_DB_ID" {
  description = "Database ID for knowledge base associations."
  type        = string

  validation {
    condition     = can(regex(local.notion_id_pattern, var.NOTION_KNOWLEDGE_FILE_DB_ID))
    error_message = "NOTION_KNOWLEDGE_FILE_DB_ID must be a Notion ID: 32 hexadecimal characters, with or without dashes."
  }
}

variable "NOTION_PROJECT_BOARD_BACKLOG_DB_ID" {
  description = "Database ID for project board backlog synchronization."
  type        = string

  validation {
    condition     = can(regex(local.notion_id_pattern, var.NOTION_PROJECT_BOARD_BACKLOG_DB_ID))
    error_message = "NOTION_PROJECT_BOARD_BACKLOG_DB_ID must be a Notion ID: 32 hexadecimal characters, with or without dashes."
  }
}

variable "NOTION_TASK_BACKLOG_DB_ID" {
  description = "Database ID for actionable task synchronization."
  type        = string

  validation {
    condition     = can(regex(local.notion_id_pattern, var.NOTION_TASK_BACKLOG_DB_ID))
    error_message = "NOTION_TASK_BACKLOG_DB_ID must be a Notion ID: 32 hexadecimal characters, with or without dashes."
  }
}

variable "TFC_TOKEN" {
  description = "Terraform Cloud token used for workspace operations."
  type        = string
  sensitive   = true
}
