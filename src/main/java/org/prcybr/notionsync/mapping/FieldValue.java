package org.prcybr.notionsync.mapping;

import java.util.List;

/**
 * A Projects v2 field value: written to the database property of the field's name when that
 * property has one of {@code types} (a single select or iteration fits a select or text, a number a
 * number, a date a date).
 */
public record FieldValue(Object value, List<String> types) {
    public static FieldValue option(String name) {
        return new FieldValue(name, List.of("select", "multi_select", "rich_text"));
    }

    public static FieldValue text(String text) {
        return new FieldValue(text, List.of("rich_text", "select"));
    }

    public static FieldValue number(Number n) {
        return new FieldValue(n, List.of("number"));
    }

    public static FieldValue date(String isoDate) {
        return new FieldValue(isoDate, List.of("date"));
    }
}
