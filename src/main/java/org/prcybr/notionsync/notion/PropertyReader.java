package org.prcybr.notionsync.notion;

import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prcybr.notionsync.mapping.JsonValues;
import org.prcybr.notionsync.mapping.PropertyValue;

/**
 * The reverse of {@link PropertyWriter}: a property value as Notion holds it (a page's property, or
 * a value about to be written) read back as a {@link PropertyValue} in Notion's terms: an option's
 * name, people's ids, text. Two-way sync compares what Notion holds with what GitHub would write
 * through {@link #canonical}, so both sides are read by this one reader.
 */
public final class PropertyReader {
    private PropertyReader() {
    }

    /** A property value ({@code {"type":"select","select":{"name":"Done"}}} or {@code {"select":…}}). */
    public static PropertyValue read(JsonNode property) {
        if (property == null || !property.isObject()) {
            return PropertyValue.CLEARED;
        }
        String type = typeOf(property);
        JsonNode v = property.get(type);
        if (v == null || v.isNull()) {
            return type.equals("checkbox") ? PropertyValue.flag(false) : PropertyValue.CLEARED;
        }
        return switch (type) {
            case "title", "rich_text" -> PropertyValue.text(plainText(v));
            case "select", "status" -> PropertyValue.text(JsonValues.text(v, "name"));
            case "multi_select" -> PropertyValue.names(JsonValues.strings(v, "name"));
            case "people" -> PropertyValue.names(JsonValues.strings(v, "id"));
            case "relation" -> new PropertyValue.Pages(JsonValues.strings(v, "id"));
            case "url" -> PropertyValue.text(v.isString() ? v.getStringValue() : "");
            case "date" -> PropertyValue.date(JsonValues.text(v, "start"));
            case "number" -> v.isNumber() ? PropertyValue.number(v.getNumberValue()) : PropertyValue.CLEARED;
            case "checkbox" -> PropertyValue.flag(v.isBoolean() && v.getBooleanValue());
            default -> PropertyValue.CLEARED;
        };
    }

    /** Rich text's text: each piece's content (or plain_text, for mentions and equations), joined. */
    public static String plainText(JsonNode richText) {
        StringBuilder sb = new StringBuilder();
        if (richText != null && richText.isArray()) {
            for (JsonNode piece : richText.values()) {
                String content = JsonValues.text(piece, "text", "content");
                sb.append(content.isEmpty() ? JsonValues.text(piece, "plain_text") : content);
            }
        }
        return sb.toString();
    }

    /**
     * One spelling for values that mean the same, so equal forms are the same value: option names
     * without case (Notion matches them so), sets sorted, ids without dashes, dates and numbers in
     * one form, text without surrounding space.
     */
    public static String canonical(JsonNode property) {
        PropertyValue value = read(property);
        String type = typeOf(property);
        boolean option = type.equals("select") || type.equals("status") || type.equals("multi_select");
        String text;
        if (value instanceof PropertyValue.Names || value instanceof PropertyValue.Pages) {
            List<String> items = new ArrayList<>();
            value.asList().forEach(s -> items.add(s.strip().replace("-", "").toLowerCase(Locale.ROOT)));
            items.sort(null);
            text = String.join("\n", items.stream().distinct().toList());
        } else if (value instanceof PropertyValue.Date d) {
            text = date(d.iso());
        } else if (value instanceof PropertyValue.Numeric n) {
            text = new BigDecimal(n.number().toString()).stripTrailingZeros().toPlainString();
        } else {
            text = value.display().strip();
        }
        return option ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** The property's type: its "type", or the one key a value about to be written carries. */
    public static String typeOf(JsonNode property) {
        String type = JsonValues.text(property, "type");
        if (!type.isEmpty() || property == null || !property.isObject()) {
            return type;
        }
        for (String key : List.of("title", "rich_text", "select", "status", "multi_select", "people", "url",
                "date", "number", "checkbox", "relation")) {
            if (property.get(key) != null) {
                return key;
            }
        }
        return "";
    }

    private static String date(String iso) {
        try {
            return OffsetDateTime.parse(iso).toInstant().toString();
        } catch (RuntimeException e) {
            try {
                return Instant.parse(iso).toString();
            } catch (RuntimeException e2) {
                return iso;
            }
        }
    }
}
