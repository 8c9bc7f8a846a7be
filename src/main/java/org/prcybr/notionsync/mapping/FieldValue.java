package org.prcybr.notionsync.mapping;

import java.util.List;

/**
 * A Projects v2 field value: written to the database property of the field's name when that
 * property has one of {@code types} (a single select or iteration fits a select or text, a number a
 * number, a date a date).
 */
public record FieldValue(PropertyValue value, List<String> types) {
    public static FieldValue option(String name) {
        return new FieldValue(PropertyValue.text(name), List.of("select", "multi_select", "rich_text"));
    }

    public static FieldValue text(String text) {
        return new FieldValue(PropertyValue.text(text), List.of("rich_text", "select"));
    }

    public static FieldValue number(Number n) {
        return new FieldValue(PropertyValue.number(n), List.of("number"));
    }

    public static FieldValue date(String isoDate) {
        return new FieldValue(PropertyValue.date(isoDate), List.of("date"));
    }
}
