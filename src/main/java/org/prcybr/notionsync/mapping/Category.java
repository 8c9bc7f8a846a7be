package org.prcybr.notionsync.mapping;

import java.util.List;
import org.prcybr.notionsync.runner.Input;

/** The spec's categories, each with the database inputs it routes to, in order of preference. */
public enum Category {
    ISSUE("Issue", List.of(Input.NOTION_TASK_BACKLOG_DB_ID, Input.NOTION_ISSUES_BACKLOG_DB_ID)),
    PULL_REQUEST("Pull Request", List.of(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID)),
    DISCUSSION("Discussion", List.of(Input.NOTION_DISCUSSIONS_ARC_DB_ID)),
    PROJECT_BOARD("Project Board", List.of(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID)),
    MANUAL("Manual", List.of(Input.NOTION_KNOWLEDGE_FILE_DB_ID));

    private final String label;
    private final List<Input> databaseInputs;

    Category(String label, List<Input> databaseInputs) {
        this.label = label;
        this.databaseInputs = databaseInputs;
    }

    /** The value written to the Category select. */
    public String label() {
        return label;
    }

    public List<Input> databaseInputs() {
        return databaseInputs;
    }
}
