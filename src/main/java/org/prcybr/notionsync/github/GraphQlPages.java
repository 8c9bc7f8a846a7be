package org.prcybr.notionsync.github;

import static org.prcybr.notionsync.mapping.JsonValues.at;
import static org.prcybr.notionsync.mapping.JsonValues.number;
import static org.prcybr.notionsync.mapping.JsonValues.strings;
import static org.prcybr.notionsync.mapping.JsonValues.text;

import io.micronaut.json.tree.JsonNode;
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
 * for the same object would write: their details and states come from the same rules as a webhook
 * payload's ({@link org.prcybr.notionsync.mapping.GitHubObject}); relations only GraphQL gives.
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
        GraphQlObject object = new GraphQlObject(node);
        Map<Field, PropertyValue> values = object.details(category);
        values.putAll(relations(node));
        values.put(Field.SOURCE_URL, PropertyValue.text(text(node, "url")));
        String title = text(node, "title").isBlank() ? "(untitled)" : text(node, "title");
        return new PageSpec("backfill." + category.name().toLowerCase(java.util.Locale.ROOT), category, title,
                text(node, "id"), values, Map.of(), object.states(category), optional(text(node, "body")), false, false,
                Optional.empty(), optional(text(node, "updatedAt")), text(node, "repository", "url"));
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
        GraphQlObject object = new GraphQlObject(content);
        Map<Field, PropertyValue> values = object.details(category(content));
        values.keySet().retainAll(PROJECT_ITEM_FIELDS);
        if ("DraftIssue".equals(text(content, "__typename"))) {
            values.keySet().retainAll(Set.of(Field.AUTHOR, Field.ASSIGNEES, Field.CREATED, Field.UPDATED));
        }
        values.put(Field.PROJECT, PropertyValue.text(projectTitle));
        // A draft has no page of its own to point at.
        if (!"DraftIssue".equals(text(content, "__typename")) && !text(content, "id").isEmpty()) {
            values.put(Field.CONTENT, PropertyValue.relation(List.of(text(content, "id"))));
        }
        return Optional.of(new GitHubDetails(text(content, "title"), text(content, "url"),
                optional(text(content, "body")), object.states(category(content)), values, fieldValues(item),
                text(content, "repository", "url")));
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
            String parent = text(c, "parent", "id");
            v.put(Field.PARENT, PropertyValue.relation(parent.isEmpty() ? List.of() : List.of(parent)));
        }
        if (c.get("subIssues") != null) {
            v.put(Field.SUB_ISSUES, PropertyValue.relation(strings(at(c, "subIssues", "nodes"), "id")));
        }
        if (c.get("closedByPullRequestsReferences") != null) {
            v.put(Field.PULL_REQUESTS, PropertyValue.relation(strings(at(c, "closedByPullRequestsReferences", "nodes"), "id")));
        }
        if (c.get("closingIssuesReferences") != null) {
            v.put(Field.ISSUES, PropertyValue.relation(strings(at(c, "closingIssuesReferences", "nodes"), "id")));
        }
        return v;
    }

    /**
     * A Projects v2 item as a pull reads it: every single select, iteration, text, number and date
     * field of its project, cleared where the item has no value (so a value set only in Notion is
     * seen), and the later of the item's and its content's last change.
     */
    public static PageSpec pulledProjectItem(JsonNode item) {
        PageSpec page = projectItem(item, text(item, "project", "title"));
        Map<String, FieldValue> cleared = new LinkedHashMap<>();
        JsonNode fields = at(item, "project", "fields", "nodes");
        if (fields != null && fields.isArray()) {
            for (JsonNode f : fields.values()) {
                String name = text(f, "name");
                if (name.isEmpty() || page.fieldValues().containsKey(name)) {
                    continue;
                }
                switch (text(f, "dataType")) {
                    case "SINGLE_SELECT", "ITERATION" -> cleared.put(name, FieldValue.option(""));
                    case "TEXT" -> cleared.put(name, FieldValue.text(""));
                    case "NUMBER" -> cleared.put(name, new FieldValue(PropertyValue.CLEARED, List.of("number")));
                    case "DATE" -> cleared.put(name, FieldValue.date(""));
                    default -> {
                        // title, assignees, labels, …: read from the content
                    }
                }
            }
        }
        String itemUpdated = text(item, "updatedAt");
        Optional<String> updated = page.updatedAt();
        if (!itemUpdated.isEmpty() && (updated.isEmpty() || itemUpdated.compareTo(updated.get()) > 0)) {
            updated = Optional.of(itemUpdated);
        }
        return page.withFields(cleared, updated);
    }

    static Map<String, FieldValue> fieldValues(JsonNode item) {
        Map<String, FieldValue> out = new LinkedHashMap<>();
        JsonNode nodes = at(item, "fieldValues", "nodes");
        if (nodes == null || !nodes.isArray()) {
            return out;
        }
        for (JsonNode n : nodes.values()) {
            String name = text(n, "field", "name");
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

    private static Optional<String> optional(String s) {
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

}
