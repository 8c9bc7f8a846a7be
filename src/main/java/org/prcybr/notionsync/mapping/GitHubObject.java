package org.prcybr.notionsync.mapping;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An issue, pull request or discussion as GitHub tells it. A webhook payload ({@link WebhookObject})
 * and a GraphQL node spell the same facts differently; {@link #details} and {@link #states} turn
 * either into the page's values, so a live event and a backfill write the same page.
 *
 * <p>A fact the object does not have reads as "", null, false or an empty list.
 */
public interface GitHubObject {
    Number number();

    /** {@code owner/name}. */
    String repository();

    List<String> labels();

    List<String> assignees();

    String author();

    String milestone();

    String createdAt();

    String updatedAt();

    String closedAt();

    Number comments();

    boolean closed();

    /** Why an issue was closed, in lower case: {@code completed}, {@code not_planned}. */
    String stateReason();

    boolean merged();

    String mergedAt();

    boolean draft();

    List<String> reviewers();

    String baseRef();

    String headRef();

    String discussionCategory();

    boolean answered();

    /** The object's details as {@link Field} values: those its kind has, the rest left out. */
    default Map<Field, PropertyValue> details(Category category) {
        Map<Field, PropertyValue> v = new EnumMap<>(Field.class);
        v.put(Field.NUMBER, PropertyValue.number(number()));
        v.put(Field.REPOSITORY, PropertyValue.text(repository()));
        v.put(Field.LABELS, PropertyValue.names(labels()));
        v.put(Field.AUTHOR, PropertyValue.text(author()));
        v.put(Field.CREATED, PropertyValue.date(createdAt()));
        v.put(Field.UPDATED, PropertyValue.date(updatedAt()));
        v.put(Field.CLOSED, PropertyValue.date(closedAt()));
        v.put(Field.COMMENTS, PropertyValue.number(comments()));
        // Discussions have neither assignees nor milestones.
        if (category != Category.DISCUSSION) {
            v.put(Field.ASSIGNEES, PropertyValue.names(assignees()));
            v.put(Field.MILESTONE, PropertyValue.text(milestone()));
        }
        switch (category) {
            case ISSUE -> v.put(Field.STATE_REASON, PropertyValue.text(stateReason()));
            case PULL_REQUEST -> {
                v.put(Field.MERGED, PropertyValue.flag(merged()));
                v.put(Field.MERGED_AT, PropertyValue.date(mergedAt()));
                v.put(Field.DRAFT, PropertyValue.flag(draft()));
                v.put(Field.REVIEWERS, PropertyValue.names(reviewers()));
                v.put(Field.BASE, PropertyValue.text(baseRef()));
                v.put(Field.HEAD, PropertyValue.text(headRef()));
            }
            case DISCUSSION -> {
                v.put(Field.DISCUSSION_CATEGORY, PropertyValue.text(discussionCategory()));
                v.put(Field.ANSWERED, PropertyValue.flag(answered()));
            }
            default -> {
            }
        }
        return v;
    }

    /** GitHub's states for the object, most specific first; the last is always open or closed. */
    default List<String> states(Category category) {
        String base = closed() ? "closed" : "open";
        return switch (category) {
            case ISSUE -> closed() && "not_planned".equals(stateReason()) ? List.of("not_planned", "closed")
                    : List.of(base);
            case PULL_REQUEST -> merged() ? List.of("merged", "closed")
                    : !closed() && draft() ? List.of("draft", "open") : List.of(base);
            case DISCUSSION -> answered() ? List.of("answered", base) : List.of(base);
            default -> List.of(base);
        };
    }
}
