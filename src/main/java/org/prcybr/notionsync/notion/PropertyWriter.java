package org.prcybr.notionsync.notion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prcybr.notionsync.notion.NotionModels.DataSource;
import org.prcybr.notionsync.notion.NotionModels.Option;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;

/**
 * Writes values in the shape each property of a data source has (Status may be a status or a
 * select, Source URL a url or text, …). Problems are collected so one message names them all,
 * and nothing is written while any remain.
 */
public final class PropertyWriter {
    /** What a value is, which decides the Notion property types that can hold it. */
    public enum Kind {
        STATUS("a status or select", Set.of("status", "select", "rich_text")),
        SELECT("a select", Set.of("select", "multi_select", "rich_text")),
        DATE("a date", Set.of("date")),
        URL("a url", Set.of("url", "rich_text")),
        TEXT("a text", Set.of("rich_text")),
        CHECKBOX("a checkbox", Set.of("checkbox")),
        NUMBER("a number", Set.of("number"));

        private final String description;
        private final Set<String> accepted;

        Kind(String description, Set<String> accepted) {
            this.description = description;
            this.accepted = accepted;
        }
    }

    private final Map<String, PropertySchema> byLowerName = new LinkedHashMap<>();
    private final Map<String, String> actualNames = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private String titleName;

    public PropertyWriter(DataSource dataSource) {
        Map<String, PropertySchema> props = dataSource.properties() == null ? Map.of() : dataSource.properties();
        props.forEach((name, schema) -> {
            byLowerName.putIfAbsent(name.toLowerCase(Locale.ROOT), schema);
            actualNames.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if ("title".equals(schema.type()) && titleName == null) {
                titleName = name;
            }
        });
    }

    /** The database's title property, whatever it is called. */
    public PropertyWriter title(String text) {
        if (titleName == null) {
            problems.add("it has no title property");
        } else {
            properties.put(titleName, Map.of("title", NotionText.title(text)));
        }
        return this;
    }

    /** A value the page needs: a missing property is an error. */
    public PropertyWriter required(String name, Kind kind, Object value) {
        return put(name, kind, value, true);
    }

    /** A value written only where the database has the property. */
    public PropertyWriter optional(String name, Kind kind, Object value) {
        return put(name, kind, value, false);
    }

    /** The actual name of a property (names match case-insensitively), if the data source has it. */
    public Optional<String> actualName(String name) {
        return Optional.ofNullable(actualNames.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The properties body, or a {@link SchemaException} naming every problem found. */
    public Map<String, Object> build() {
        List<String> all = new ArrayList<>();
        if (!missing.isEmpty()) {
            all.add((missing.size() == 1 ? "it has no property " : "it lacks the properties ")
                    + String.join(", ", missing) + ": add " + (missing.size() == 1 ? "it" : "them")
                    + " to the database in Notion");
        }
        all.addAll(problems);
        if (!all.isEmpty()) {
            throw new SchemaException(String.join("; ", all) + ".");
        }
        return properties;
    }

    private PropertyWriter put(String name, Kind kind, Object value, boolean required) {
        PropertySchema schema = byLowerName.get(name.toLowerCase(Locale.ROOT));
        if (schema == null) {
            if (required) {
                missing.add("\"" + name + "\" (" + kind.description + " property)");
            }
            return this;
        }
        String actual = actualNames.get(name.toLowerCase(Locale.ROOT));
        if (!kind.accepted.contains(schema.type())) {
            if (required) {
                problems.add("its property \"" + actual + "\" is of type " + schema.type() + " but must be "
                        + kind.description + " property");
            }
            return this;
        }
        Object written = write(actual, schema, value, required);
        if (written != null) {
            properties.put(actual, written);
        }
        return this;
    }

    private Object write(String name, PropertySchema schema, Object value, boolean required) {
        String text = value == null ? "" : String.valueOf(value);
        return switch (schema.type()) {
            case "status" -> statusValue(name, schema, text, required);
            case "select" -> Map.of("select", Map.of("name", NotionText.selectName(text)));
            case "multi_select" -> Map.of("multi_select", List.of(Map.of("name", NotionText.selectName(text))));
            case "rich_text" -> Map.of("rich_text", NotionText.richText(text));
            case "date" -> Map.of("date", Map.of("start", text));
            case "url" -> text.isEmpty() ? mapOfNull("url") : Map.of("url", NotionText.cut(text, NotionText.MAX_TEXT));
            case "checkbox" -> Map.of("checkbox", Boolean.TRUE.equals(value));
            case "number" -> Map.of("number", value);
            default -> null;
        };
    }

    /** Notion refuses unknown status options (it creates select options itself), so check first. */
    private Object statusValue(String name, PropertySchema schema, String wanted, boolean required) {
        List<Option> options = schema.status() == null || schema.status().options() == null
                ? List.of() : schema.status().options();
        for (Option o : options) {
            if (o.name().equalsIgnoreCase(wanted)) {
                return Map.of("status", Map.of("name", o.name()));
            }
        }
        if (!required) {
            return null;
        }
        List<String> names = options.stream().map(Option::name).toList();
        problems.add("its status property \"" + name + "\" has no option \"" + wanted + "\" (valid options: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + "): add the options Open and Closed "
                + "to it in Notion, or make it a select property");
        return null;
    }

    private static Map<String, Object> mapOfNull(String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, null);
        return m;
    }
}
