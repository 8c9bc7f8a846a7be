package org.prcybr.notionsync.mapping;

import static org.prcybr.notionsync.mapping.EventMapper.isObject;
import static org.prcybr.notionsync.mapping.EventMapper.text;

import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The details of an issue, pull request or discussion webhook object, as {@link Field} values. */
final class WebhookDetails {
    private WebhookDetails() {
    }

    static Map<Field, PropertyValue> of(Category category, JsonNode object, JsonNode repository) {
        Map<Field, PropertyValue> v = new EnumMap<>(Field.class);
        v.put(Field.NUMBER, PropertyValue.number(number(object, "number")));
        v.put(Field.REPOSITORY, PropertyValue.text(isObject(repository) ? text(repository, "full_name") : null));
        v.put(Field.LABELS, PropertyValue.names(names(object.get("labels"), "name")));
        v.put(Field.AUTHOR, PropertyValue.text(login(object.get("user"))));
        v.put(Field.CREATED, PropertyValue.date(text(object, "created_at")));
        v.put(Field.UPDATED, PropertyValue.date(text(object, "updated_at")));
        v.put(Field.CLOSED, PropertyValue.date(text(object, "closed_at")));
        v.put(Field.COMMENTS, PropertyValue.number(number(object, "comments")));
        if (category != Category.DISCUSSION) {
            v.put(Field.ASSIGNEES, PropertyValue.names(names(object.get("assignees"), "login")));
            JsonNode milestone = object.get("milestone");
            v.put(Field.MILESTONE, PropertyValue.text(isObject(milestone) ? text(milestone, "title") : null));
        }
        switch (category) {
            case ISSUE -> v.put(Field.STATE_REASON, PropertyValue.text(text(object, "state_reason")));
            case PULL_REQUEST -> {
                v.put(Field.MERGED, PropertyValue.flag(merged(object)));
                v.put(Field.MERGED_AT, PropertyValue.date(text(object, "merged_at")));
                v.put(Field.DRAFT, PropertyValue.flag(bool(object, "draft")));
                v.put(Field.REVIEWERS, PropertyValue.names(names(object.get("requested_reviewers"), "login")));
                v.put(Field.BASE, PropertyValue.text(ref(object.get("base"))));
                v.put(Field.HEAD, PropertyValue.text(ref(object.get("head"))));
            }
            case DISCUSSION -> {
                JsonNode cat = object.get("category");
                v.put(Field.DISCUSSION_CATEGORY, PropertyValue.text(isObject(cat) ? text(cat, "name") : null));
                v.put(Field.ANSWERED, PropertyValue.flag(answered(object)));
            }
            default -> {
            }
        }
        return v;
    }

    /** GitHub's states for the object, most specific first; the last is always open or closed. */
    static List<String> states(Category category, JsonNode object) {
        boolean closed = "closed".equals(text(object, "state"));
        String base = closed ? "closed" : "open";
        return switch (category) {
            case ISSUE -> closed && "not_planned".equals(text(object, "state_reason"))
                    ? List.of("not_planned", "closed") : List.of(base);
            case PULL_REQUEST -> merged(object) ? List.of("merged", "closed")
                    : !closed && bool(object, "draft") ? List.of("draft", "open") : List.of(base);
            case DISCUSSION -> answered(object) ? List.of("answered", base) : List.of(base);
            default -> List.of(base);
        };
    }

    private static boolean merged(JsonNode pr) {
        JsonNode m = pr.get("merged");
        if (m != null && m.isBoolean()) {
            return m.getBooleanValue();
        }
        return !text(pr, "merged_at").isEmpty();
    }

    private static boolean answered(JsonNode discussion) {
        return !text(discussion, "answer_chosen_at").isEmpty() || !text(discussion, "answer_html_url").isEmpty();
    }

    private static Boolean bool(JsonNode object, String key) {
        JsonNode n = object.get(key);
        return n != null && n.isBoolean() && n.getBooleanValue();
    }

    private static Number number(JsonNode object, String key) {
        JsonNode n = object.get(key);
        return n != null && n.isNumber() ? n.getNumberValue() : null;
    }

    private static String login(JsonNode user) {
        return isObject(user) ? nullIfEmpty(text(user, "login")) : null;
    }

    private static String ref(JsonNode branch) {
        return isObject(branch) ? nullIfEmpty(text(branch, "ref")) : null;
    }

    private static List<String> names(JsonNode array, String key) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode item : array.values()) {
                if (isObject(item) && !text(item, key).isEmpty()) {
                    out.add(text(item, key));
                }
            }
        }
        return out;
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
