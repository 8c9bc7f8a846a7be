package org.prcybr.notionsync.github;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.FieldValue;
import org.prcybr.notionsync.mapping.GitHubDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects v2 item payloads carry no title, body or details: this reads the item's content (issue,
 * pull request or draft) and its field values through GraphQL, in one request. Any failure
 * leaves the readable fallback in place.
 */
@Singleton
public class ProjectItemDetails {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectItemDetails.class);

    private final GitHubGraphQlApi api;
    private final String path;

    public ProjectItemDetails(GitHubGraphQlApi api, @Property(name = "github.graphql-path") String path) {
        this.api = api;
        this.path = path;
    }

    public Optional<GitHubDetails> read(String itemNodeId, String token) {
        try {
            JsonNode response = api.query(path, "bearer " + token,
                    Map.of("query", GraphQlDocuments.PROJECT_ITEM, "variables", Map.of("item", itemNodeId)));
            JsonNode item = at(response, "data", "node");
            JsonNode content = at(item, "content");
            if (item == null || content == null || text(content, "title").isBlank()) {
                return Optional.empty();
            }
            Map<Field, Object> values = contentValues(content);
            values.put(Field.PROJECT, text(at(item, "project"), "title"));
            return Optional.of(new GitHubDetails(text(content, "title"), text(content, "url"),
                    optional(text(content, "body")), states(content), values, fieldValues(item),
                    text(at(content, "repository"), "url")));
        } catch (RuntimeException e) {
            LOG.debug("GraphQL read of the project item failed: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** An issue's or pull request's details in the terms of a webhook payload. */
    static Map<Field, Object> contentValues(JsonNode c) {
        Map<Field, Object> v = new EnumMap<>(Field.class);
        boolean draftIssue = "DraftIssue".equals(text(c, "__typename"));
        v.put(Field.AUTHOR, nullIfEmpty(text(at(c, draftIssue ? "creator" : "author"), "login")));
        v.put(Field.ASSIGNEES, names(at(c, "assignees", "nodes"), "login"));
        v.put(Field.CREATED, nullIfEmpty(text(c, "createdAt")));
        v.put(Field.UPDATED, nullIfEmpty(text(c, "updatedAt")));
        if (draftIssue) {
            return v;
        }
        JsonNode number = at(c, "number");
        v.put(Field.NUMBER, number != null && number.isNumber() ? number.getNumberValue() : null);
        v.put(Field.REPOSITORY, nullIfEmpty(text(at(c, "repository"), "nameWithOwner")));
        v.put(Field.LABELS, names(at(c, "labels", "nodes"), "name"));
        v.put(Field.MILESTONE, nullIfEmpty(text(at(c, "milestone"), "title")));
        v.put(Field.CLOSED, nullIfEmpty(text(c, "closedAt")));
        return v;
    }

    /** GitHub's states, most specific first, as the webhook mapping gives them. */
    static List<String> states(JsonNode c) {
        // Aliased in the query: an issue's and a pull request's state are different enums.
        String state = text(c, "issueState") + text(c, "prState");
        boolean closed = state.equals("CLOSED") || state.equals("MERGED");
        if (bool(c, "merged") || state.equals("MERGED")) {
            return List.of("merged", "closed");
        }
        if (closed && "NOT_PLANNED".equals(text(c, "stateReason"))) {
            return List.of("not_planned", "closed");
        }
        if (!closed && bool(c, "isDraft")) {
            return List.of("draft", "open");
        }
        return List.of(closed ? "closed" : "open");
    }

    private static Map<String, FieldValue> fieldValues(JsonNode item) {
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
                    JsonNode number = at(n, "number");
                    if (number != null && number.isNumber()) {
                        out.put(name, FieldValue.number(number.getNumberValue()));
                    }
                }
                default -> {
                    // labels, assignees, milestone, repository, reviewers: already read from the content
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
        JsonNode v = node.get(key);
        return v != null && v.isBoolean() && v.getBooleanValue();
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

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }
}
