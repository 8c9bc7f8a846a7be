package org.prcybr.notionsync.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code pull-fields} may list: the fields a Notion edit may change on GitHub. Nothing else
 * ever changes GitHub. Each is also tracked in a page's Sync State, so the live sync keeps a
 * person's pending change to it.
 */
public enum PullField {
    STATUS("status"),
    TITLE("title"),
    LABELS("labels"),
    ASSIGNEES("assignees"),
    MILESTONE("milestone"),
    /** A project item page's properties named as the project's fields. */
    PROJECT_FIELDS("project-fields"),
    /** Comments people make on synced pages, posted to the GitHub conversation. */
    COMMENTS("comments");

    private final String id;

    PullField(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<PullField> byId(String id) {
        String lower = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(lower)).findFirst();
    }
}
