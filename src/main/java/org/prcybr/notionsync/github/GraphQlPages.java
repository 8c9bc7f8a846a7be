package org.prcybr.notionsync.github;

import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prcybr.notionsync.mapping.Category;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.FieldValue;
import org.prcybr.notionsync.mapping.GitHubDetails;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.mapping.PropertyValue;

/**
 * GraphQL nodes (issues, pull requests, discussions, Projects v2 items) as the pages a live event
 * for the same object would write: the same values, states and content as the webhook mapping.
 */
public final class GraphQlPages {
    /** What a Projects v2 item's page takes from its content (the README's table). */
    private static final Set<Field> PROJECT_ITEM_FIELDS = Set.of(Field.NUMBER, Field.REPOSITORY, Field.LABELS,
            Field.ASSIGNEES, Field.AUTHOR, Field.MILESTONE, Field.CREATED, Field.UPDATED, Field.CLOSED);

    private GraphQlPages() {
    }

    public static Category category(JsonNode node) {
        return switch (text(node, "__typename")) {
            case "PullRequest" -> Category.PULL_REQUEST;
            case "Discussion" -> Category.DISCUSSION;
            default -> Category.ISSUE;
        };
    }

    /** An issue, pull request or discussion node as its page. */
    public static PageSpec page(JsonNode node) {
        Category category = category(node);
        Map<Field, PropertyValue> values = values(node, category);
        values.put(Field.SOURCE_URL, PropertyValue.text(text(node, "url")));
        String title = text(node, "title").isBlank() ? "(untitled)" : text(node, "title");
        return new PageSpec("backfill." + category.name().toLowerCase(java.util.Locale.ROOT), category, title,
                text(node, "id"), values, Map.of(), states(node), optional(text(node, "body")), false, false,
                Optional.empty(), optional(text(node, "updatedAt")), text(at(node, "repository"), "url"));
    }

    /** A Projects v2 item node, with its content, as its page. */
    public static PageSpec projectItem(JsonNode item, String projectTitle) {
        String archived = item.get("isArchived") != null && item.get("isArchived").getBooleanValue() ? "closed" : "open";
        Map<Field, PropertyValue> own = new EnumMap<>(Field.class);
        own.put(Field.SOURCE_URL, PropertyValue.CLEARED);
        JsonNode content = at(item, "content");
        String type = content == null ? "Item" : text(content, "__typename");
        PageSpec page = new PageSpec("backfill.projects_v2_item", Category.PROJECT_BOARD,
                "Project item: " + type + " " + text(content, "id"), text(item, "id"), own, Map.of(), List.of(archived),
                Optional.empty(), false, false, Optional.empty(), optional(text(item, "updatedAt")), "");
        return details(item, projectTitle).map(page::withContent).orElse(page);
    }

    /** An item's content and field values, when it has readable content. */
    static Optional<GitHubDetails> details(JsonNode item, String projectTitle) {
        JsonNode content = at(item, "content");
        if (item == null || content == null || text(content, "title").isBlank()) {
            return Optional.empty();
        }
        Map<Field, PropertyValue> values = new EnumMap<>(Field.class);
        values(content, category(content)).forEach((f, v) -> {
            if (PROJECT_ITEM_FIELDS.contains(f)) {
                values.put(f, v);
            }
        });
        if ("DraftIssue".equals(text(content, "__typename"))) {
            values.keySet().retainAll(Set.of(Field.AUTHOR, Field.ASSIGNEES, Field.CREATED, Field.UPDATED));
        }
        values.put(Field.PROJECT, PropertyValue.text(projectTitle));
        // A draft has no page of its own to point at.
        if (!"DraftIssue".equals(text(content, "__typename")) && !text(content, "id").isEmpty()) {
            values.put(Field.CONTENT, PropertyValue.relation(List.of(text(content, "id"))));
        }
        return Optional.of(new GitHubDetails(text(content, "title"), text(content, "url"),
                optional(text(content, "body")), states(content), values, fieldValues(item),
                text(at(content, "repository"), "url")));
    }

    /** The details of an issue, pull request or discussion, as the webhook mapping gives them. */
    static Map<Field, PropertyValue> values(JsonNode c, Category category) {
        Map<Field, PropertyValue> v = new EnumMap<>(Field.class);
        boolean draftIssue = "DraftIssue".equals(text(c, "__typename"));
        v.put(Field.AUTHOR, PropertyValue.text(text(at(c, draftIssue ? "creator" : "author"), "login")));
        v.put(Field.CREATED, PropertyValue.date(text(c, "createdAt")));
        v.put(Field.UPDATED, PropertyValue.date(text(c, "updatedAt")));
        v.put(Field.NUMBER, PropertyValue.number(number(c, "number")));
        v.put(Field.REPOSITORY, PropertyValue.text(text(at(c, "repository"), "nameWithOwner")));
        v.put(Field.LABELS, PropertyValue.names(names(at(c, "labels", "nodes"), "name")));
        v.put(Field.CLOSED, PropertyValue.date(text(c, "closedAt")));
        v.put(Field.COMMENTS, PropertyValue.number(number(at(c, "comments"), "totalCount")));
        if (category != Category.DISCUSSION) {
            v.put(Field.ASSIGNEES, PropertyValue.names(names(at(c, "assignees", "nodes"), "login")));
            v.put(Field.MILESTONE, PropertyValue.text(text(at(c, "milestone"), "title")));
        }
        v.putAll(relations(c));
        switch (category) {
            case ISSUE -> v.put(Field.STATE_REASON, PropertyValue.text(text(c, "stateReason").toLowerCase(java.util.Locale.ROOT)));
            case PULL_REQUEST -> {
                v.put(Field.MERGED, PropertyValue.flag(bool(c, "merged")));
                v.put(Field.MERGED_AT, PropertyValue.date(text(c, "mergedAt")));
                v.put(Field.DRAFT, PropertyValue.flag(bool(c, "isDraft")));
                List<String> reviewers = new ArrayList<>();
                JsonNode requests = at(c, "reviewRequests", "nodes");
                if (requests != null && requests.isArray()) {
                    for (JsonNode r : requests.values()) {
                        String login = text(at(r, "requestedReviewer"), "login");
                        if (!login.isEmpty()) {
                            reviewers.add(login);
                        }
                    }
                }
                v.put(Field.REVIEWERS, PropertyValue.names(reviewers));
                v.put(Field.BASE, PropertyValue.text(text(c, "baseRefName")));
                v.put(Field.HEAD, PropertyValue.text(text(c, "headRefName")));
            }
            case DISCUSSION -> {
                v.put(Field.DISCUSSION_CATEGORY, PropertyValue.text(text(at(c, "category"), "name")));
                v.put(Field.ANSWERED, PropertyValue.flag(bool(c, "isAnswered")));
            }
            default -> {
            }
        }
        return v;
    }

    /**
     * The relations a node carries (parent, sub-issues and closing pull requests of an issue, the
     * issues a pull request closes), for those of its fields the query asked for.
     */
    public static Map<Field, PropertyValue> relations(JsonNode c) {
        Map<Field, PropertyValue> v = new EnumMap<>(Field.class);
        if (c == null) {
            return v;
        }
        if (c.get("parent") != null) {
            String parent = text(at(c, "parent"), "id");
            v.put(Field.PARENT, PropertyValue.relation(parent.isEmpty() ? List.of() : List.of(parent)));
        }
        if (c.get("subIssues") != null) {
            v.put(Field.SUB_ISSUES, PropertyValue.relation(names(at(c, "subIssues", "nodes"), "id")));
        }
        if (c.get("closedByPullRequestsReferences") != null) {
            v.put(Field.PULL_REQUESTS, PropertyValue.relation(names(at(c, "closedByPullRequestsReferences", "nodes"), "id")));
        }
        if (c.get("closingIssuesReferences") != null) {
            v.put(Field.ISSUES, PropertyValue.relation(names(at(c, "closingIssuesReferences", "nodes"), "id")));
        }
        return v;
    }

    /** GitHub's states, most specific first, as the webhook mapping gives them. */
    static List<String> states(JsonNode c) {
        // Aliased in the queries: an issue's and a pull request's state are different enums.
        String state = text(c, "issueState") + text(c, "prState");
        boolean closed = state.equals("CLOSED") || state.equals("MERGED") || bool(c, "closed");
        String base = closed ? "closed" : "open";
        if (bool(c, "merged") || state.equals("MERGED")) {
            return List.of("merged", "closed");
        }
        if (closed && "NOT_PLANNED".equals(text(c, "stateReason"))) {
            return List.of("not_planned", "closed");
        }
        if (!closed && bool(c, "isDraft")) {
            return List.of("draft", "open");
        }
        if (bool(c, "isAnswered")) {
            return List.of("answered", base);
        }
        return List.of(base);
    }

    static Map<String, FieldValue> fieldValues(JsonNode item) {
        Map<String, FieldValue> out = new LinkedHashMap<>();
        JsonNode nodes = at(item, "fieldValues", "nodes");
        if (nodes == null || !nodes.isArray()) {
            return out;
        }
        for (JsonNode n : nodes.values()) {
            String name = text(at(n, "field"), "name");
            if (name.isEmpty()) {
                continue;
            }
            switch (text(n, "__typename")) {
                case "ProjectV2ItemFieldSingleSelectValue" -> out.put(name, FieldValue.option(text(n, "name")));
                case "ProjectV2ItemFieldIterationValue" -> out.put(name, FieldValue.option(text(n, "title")));
                case "ProjectV2ItemFieldTextValue" -> out.put(name, FieldValue.text(text(n, "text")));
                case "ProjectV2ItemFieldDateValue" -> out.put(name, FieldValue.date(text(n, "date")));
                case "ProjectV2ItemFieldNumberValue" -> {
                    Number number = number(n, "number");
                    if (number != null) {
                        out.put(name, FieldValue.number(number));
                    }
                }
                default -> {
                    // labels, assignees, milestone, repository, reviewers: read from the content
                }
            }
        }
        return out;
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(p);
        }
        return n == null || n.isNull() ? null : n;
    }

    static String text(JsonNode node, String key) {
        JsonNode v = node == null || !node.isObject() ? null : node.get(key);
        return v != null && v.isString() ? v.getStringValue() : "";
    }

    private static boolean bool(JsonNode node, String key) {
        JsonNode v = node == null ? null : node.get(key);
        return v != null && v.isBoolean() && v.getBooleanValue();
    }

    private static Number number(JsonNode node, String key) {
        JsonNode v = node == null || !node.isObject() ? null : node.get(key);
        return v != null && v.isNumber() ? v.getNumberValue() : null;
    }

    private static List<String> names(JsonNode nodes, String key) {
        List<String> out = new ArrayList<>();
        if (nodes != null && nodes.isArray()) {
            for (JsonNode n : nodes.values()) {
                if (!text(n, key).isEmpty()) {
                    out.add(text(n, key));
                }
            }
        }
        return out;
    }

    private static Optional<String> optional(String s) {
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

}
