package org.prcybr.notionsync.mapping;

import java.util.Set;

/**
 * A Projects v2 field value: written to the database property of the field's name when that
 * property has one of {@code types} (a single select or iteration fits a select or text, a number a
 * number, a date a date).
 */
public record FieldValue(Object value, Set<String> types) {
    public static FieldValue option(String name) {
        return new FieldValue(name, Set.of("select", "multi_select", "rich_text"));
    }

    public static FieldValue text(String text) {
        return new FieldValue(text, Set.of("rich_text", "select"));
    }

    public static FieldValue number(Number n) {
        return new FieldValue(n, Set.of("number"));
    }

    public static FieldValue date(String isoDate) {
        return new FieldValue(isoDate, Set.of("date"));
    }
}
