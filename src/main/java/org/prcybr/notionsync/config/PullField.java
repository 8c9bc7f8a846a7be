package org.prcybr.notionsync.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.prcybr.notionsync.mapping.Field;

/**
 * What {@code pull-fields} may list: the fields a Notion edit may change on GitHub. Nothing else
 * ever changes GitHub. Each is also tracked in a page's Sync State, so the live sync keeps a
 * person's pending change to it.
 */
public enum PullField {
    STATUS("status", Field.STATUS),
    /** The page's title property. */
    TITLE("title", null),
    LABELS("labels", Field.LABELS),
    ASSIGNEES("assignees", Field.ASSIGNEES),
    MILESTONE("milestone", Field.MILESTONE),
    /** A project item page's properties named as the project's fields. */
    PROJECT_FIELDS("project-fields", null),
    /** Comments people make on synced pages, posted to the GitHub conversation. */
    COMMENTS("comments", null);

    private final String id;
    private final Field field;

    PullField(String id, Field field) {
        this.id = id;
        this.field = field;
    }

    /** The row of {@link Field} whose property it reads back, where there is one. */
    public Optional<Field> field() {
        return Optional.ofNullable(field);
    }

    public String id() {
        return id;
    }

    public static Optional<PullField> byId(String id) {
        String lower = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(lower)).findFirst();
    }
}
