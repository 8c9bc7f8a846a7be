# No providers and no backend here, so fmt, init, validate and plan run offline with the
# placeholders. The tfc-sync workflow binds the Terraform Cloud workspace by writing
# cloud_override.tf (a "cloud {}" block configured from TF_CLOUD_ORGANIZATION and TF_WORKSPACE).
terraform {
  required_version = ">= 1.6.0"
}

locals {
  # Which database each GitHub event is synced to (the action's routing), for reviewers of a plan.
  sync_routing = {
    "issues" = {
      database_variable = "NOTION_TASK_BACKLOG_DB_ID"
      database_id       = var.NOTION_TASK_BACKLOG_DB_ID
      fallback_variable = "NOTION_ISSUES_BACKLOG_DB_ID"
      fallback_id       = var.NOTION_ISSUES_BACKLOG_DB_ID
      category          = "Issue"
    }
    "pull_request" = {
      database_variable = "NOTION_PROJECT_BOARD_BACKLOG_DB_ID"
      database_id       = var.NOTION_PROJECT_BOARD_BACKLOG_DB_ID
      fallback_variable = null
      fallback_id       = null
      category          = "Pull Request"
    }
    "discussion" = {
      database_variable = "NOTION_DISCUSSIONS_ARC_DB_ID"
      database_id       = var.NOTION_DISCUSSIONS_ARC_DB_ID
      fallback_variable = null
      fallback_id       = null
      category          = "Discussion"
    }
    "projects_v2_item" = {
      database_variable = "NOTION_PROJECT_BOARD_BACKLOG_DB_ID"
      database_id       = var.NOTION_PROJECT_BOARD_BACKLOG_DB_ID
      fallback_variable = null
      fallback_id       = null
      category          = "Project Board"
    }
    "workflow_dispatch" = {
      database_variable = "NOTION_KNOWLEDGE_FILE_DB_ID"
      database_id       = var.NOTION_KNOWLEDGE_FILE_DB_ID
      fallback_variable = null
      fallback_id       = null
      category          = "Manual"
    }
  }
}

output "sync_routing" {
  description = "GitHub event to Notion database routing that the workspace configures (no secrets)."
  value       = local.sync_routing
}

output "notion_root_page_id" {
  description = "Root Notion page used for contextual linking."
  value       = var.NOTION_PAGE_ID
}
