package org.prcybr.notionsync.mapping;

import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Values read from a JSON tree (a webhook payload or a GraphQL response) along a path of keys.
 * GitHub leaves out or nulls what an object does not have, so a missing, null or mistyped value
 * reads as empty rather than failing.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** The node at the path, or null when a step is missing, null or not an object. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String key : path) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(key);
        }
        return n == null || n.isNull() ? null : n;
    }

    /** The string at the path, or "". */
    public static String text(JsonNode node, String... path) {
        JsonNode v = at(node, path);
        return v != null && v.isString() ? v.getStringValue() : "";
    }

    /** The number at the path, or null. */
    public static Number number(JsonNode node, String... path) {
        JsonNode v = at(node, path);
        return v != null && v.isNumber() ? v.getNumberValue() : null;
    }

    /** The boolean at the path, false when there is none. */
    public static boolean bool(JsonNode node, String... path) {
        JsonNode v = at(node, path);
        return v != null && v.isBoolean() && v.getBooleanValue();
    }

    /** The non-empty strings at the path in each element of an array: labels' names, assignees' logins. */
    public static List<String> strings(JsonNode array, String... path) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode element : array.values()) {
                String s = text(element, path);
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
