package org.prcybr.notionsync.runner;

/**
 * Every input the action declares in {@code action.yml}, with its default. The runner passes each
 * one as {@code INPUT_<NAME>} (upper-cased, hyphens kept); a test keeps this list and action.yml equal.
 */
public enum Input {
    NOTION_TOKEN("notion-token", "", "Notion internal integration secret."),
    NOTION_PAGE_ID("notion-page-id", "", "Root Notion page for contextual linking (shown in the summary)."),
    NOTION_TASK_BACKLOG_DB_ID("notion-task-backlog-db-id", "", "Database for issues."),
    NOTION_ISSUES_BACKLOG_DB_ID("notion-issues-backlog-db-id", "", "Fallback database for issues."),
    NOTION_PROJECT_BOARD_BACKLOG_DB_ID("notion-project-board-backlog-db-id", "", "Database for pull requests and Projects v2 items."),
    NOTION_DISCUSSIONS_ARC_DB_ID("notion-discussions-arc-db-id", "", "Database for discussions."),
    NOTION_KNOWLEDGE_FILE_DB_ID("notion-knowledge-file-db-id", "", "Database for manual workflow_dispatch runs."),
    NOTION_PERFORMANCE_LOG_DB_ID("notion-performance-log-db-id", "", "Optional database that receives one summary page per run."),
    NOTION_API_URL("notion-api-url", "https://api.notion.com", "Base URL of the Notion API."),
    NOTION_VERSION("notion-version", "2026-03-11", "Notion-Version header; 2026-03-11 or later (the markdown content endpoints)."),
    METRICS_FILE("metrics-file", "logs/sync_metrics.jsonl", "JSONL telemetry file, relative to the workspace."),
    DRY_RUN("dry-run", "false", "Map the event and print the page without calling Notion."),
    GITHUB_TOKEN("github-token", "${{ github.token }}", "Token for GitHub's GraphQL API: Projects v2 item details, and what backfill reads."),
    FAIL_ON_ERROR("fail-on-error", "true", "Exit non-zero when the sync fails."),
    RETRY_BUDGET_SECONDS("retry-budget-seconds", "120", "Total seconds spent retrying Notion and GitHub (rate limits, 5xx, resets) before the step fails."),
    REQUEST_TIMEOUT_SECONDS("request-timeout-seconds", "30", "Read timeout of one Notion request, in seconds."),
    PROPERTY_NAMES("property-names", "", "Your own property names, one Default=Yours per line (Name=Title, Labels=Tags)."),
    STATUS_MAP("status-map", "", "Status options per GitHub state, one state=Option per line (open, closed, merged, draft, not_planned, answered)."),
    NOTION_USER_MAP("notion-user-map", "", "Notion people per GitHub login, one login=<Notion user id or email> per line."),
    MODE("mode", "sync", "sync (the event), backfill (the repository's history), setup (create and extend the databases) or pull (Notion edits back to GitHub)."),
    PROJECT_URL("project-url", "", "With mode backfill: a Projects v2 board whose items come too, e.g. https://github.com/orgs/ORG/projects/N"),
    TASK_ID_DATABASE("task-id-database", "", "Database of Notion tasks with a unique ID (such as TASK-42) that pull requests and issues mention; default: the issues database."),
    TASK_STATUS_MAP("task-status-map", "", "Status a mentioned task moves to when its pull request changes, one state=Option per line (open, draft, merged, closed)."),
    SYNC_BOT_COMMENTS("sync-bot-comments", "false", "Mirror comments by bots (logins ending in [bot]) to Notion too."),
    PULL_FIELDS("pull-fields", "status", "Fields a Notion edit may change on GitHub: status, title, labels, assignees, milestone, project-fields, comments."),
    PULL_SINCE("pull-since", "24h", "With mode pull: how far back Notion edits are looked for, such as 90m, 24h or 7d."),
    CREATE_ISSUES("create-issues", "false", "With mode pull: a titled page without External ID in the issues database becomes a GitHub issue."),
    REPOSITORIES("repositories", "", "With mode pull: further owner/name repositories whose objects Notion edits may change.");

    private final String id;
    private final String defaultValue;
    private final String description;

    Input(String id, String defaultValue, String description) {
        this.id = id;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The name used in action.yml and as the CLI option (without the leading dashes). */
    public String id() {
        return id;
    }

    /** The default action.yml declares (expressions are left for the runner to expand). */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The environment variable the runner sets: spaces become underscores, hyphens stay. */
    public String envName() {
        return "INPUT_" + id.replace(' ', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
