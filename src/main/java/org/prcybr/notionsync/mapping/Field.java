package org.prcybr.notionsync.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.List;

/**
 * Every property the action writes: its default name, the Notion types that can hold its value,
 * and whether a page cannot do without it. This table is the one place a property is declared;
 * the writer lets the database's schema decide which of them are written.
 *
 * <p>Values are {@link PropertyValue}s; the schema decides their Notion shape.
 */
public enum Field {
    // The spec's properties: a database must have them (Merged excepted).
    STATUS("Status", true, "status", "select", "rich_text"),
    CATEGORY("Category", true, "select", "multi_select", "rich_text"),
    LAST_SYNCED("Last Synced", true, "date"),
    SOURCE_URL("Source URL", true, "url", "rich_text"),
    EXTERNAL_ID("External ID", true, "rich_text"),
    MERGED("Merged", false, "checkbox"),
    // Details: written where the database has a property of that name and a fitting type.
    NUMBER("Number", false, "number"),
    REPOSITORY("Repository", false, "select", "rich_text"),
    LABELS("Labels", false, "multi_select"),
    ASSIGNEES("Assignees", false, "multi_select", "rich_text", "people"),
    AUTHOR("Author", false, "select", "rich_text", "people"),
    MILESTONE("Milestone", false, "select", "rich_text"),
    CREATED("Created", false, "date"),
    UPDATED("Updated", false, "date"),
    CLOSED("Closed", false, "date"),
    MERGED_AT("Merged At", false, "date"),
    DRAFT("Draft", false, "checkbox"),
    REVIEWERS("Reviewers", false, "multi_select"),
    BASE("Base", false, "select", "rich_text"),
    HEAD("Head", false, "select", "rich_text"),
    STATE_REASON("State Reason", false, "select"),
    DISCUSSION_CATEGORY("Discussion Category", false, "select"),
    ANSWERED("Answered", false, "checkbox"),
    COMMENTS("Comments", false, "number"),
    PROJECT("Project", false, "select", "rich_text"),
    // Relations: written where the database has a relation property of that name (see Relations).
    PARENT("Parent", false, "relation"),
    SUB_ISSUES("Sub-issues", false, "relation"),
    PULL_REQUESTS("Pull Requests", false, "relation"),
    ISSUES("Issues", false, "relation"),
    CONTENT("Content", false, "relation"),
    TASKS("Tasks", false, "relation"),
    // Two-way sync: a snapshot of the values the action last wrote for each field pull-fields lists,
    // and who edited the page last (Notion fills it), so a pull asks only for pages that may hold a change.
    SYNC_STATE("Sync State", false, "rich_text"),
    LAST_EDITED_BY("Last edited by", false, "last_edited_by");

    /** The name {@code property-names} uses for the database's title property. */
    public static final String TITLE_NAME = "Name";

    private final String defaultName;
    private final boolean required;
    private final List<String> types;

    Field(String defaultName, boolean required, String... types) {
        this.defaultName = defaultName;
        this.required = required;
        this.types = List.of(types);
    }

    public String defaultName() {
        return defaultName;
    }

    public boolean required() {
        return required;
    }

    /** The Notion property types that can hold this value, the usual one first. */
    public List<String> types() {
        return types;
    }

    /** A relation: its value names other GitHub objects, written as the pages that hold them. */
    public boolean relation() {
        return types.contains("relation");
    }

    public static Optional<Field> byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.defaultName.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }
}
