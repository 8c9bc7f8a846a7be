package org.prcybr.notionsync.setup;

import org.prcybr.notionsync.runner.Input;

/** The databases the action writes to, each with the input that names it and the output setup reports it in. */
public enum DatabaseRole {
    TASK_BACKLOG("Task Backlog", Input.NOTION_TASK_BACKLOG_DB_ID, "task-backlog-db-id"),
    PROJECT_BOARD_BACKLOG("Project Board Backlog", Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, "project-board-backlog-db-id"),
    DISCUSSIONS_ARCHIVE("Discussions Archive", Input.NOTION_DISCUSSIONS_ARC_DB_ID, "discussions-arc-db-id"),
    KNOWLEDGE_FILE("Knowledge File", Input.NOTION_KNOWLEDGE_FILE_DB_ID, "knowledge-file-db-id"),
    PERFORMANCE_LOG("Performance Log", Input.NOTION_PERFORMANCE_LOG_DB_ID, "performance-log-db-id");

    private final String title;
    private final Input input;
    private final String output;

    DatabaseRole(String title, Input input, String output) {
        this.title = title;
        this.input = input;
        this.output = output;
    }

    /** The title of the database setup creates, by which a later run finds it under the page. */
    public String title() {
        return title;
    }

    public Input input() {
        return input;
    }

    public String output() {
        return output;
    }

    /** The repository secret the examples pass to the input, e.g. NOTION_TASK_BACKLOG_DB_ID. */
    public String secretName() {
        return input.id().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
