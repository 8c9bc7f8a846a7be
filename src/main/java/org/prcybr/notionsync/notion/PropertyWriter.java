package org.prcybr.notionsync.notion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.prcybr.notionsync.mapping.PropertyValue;
import org.prcybr.notionsync.notion.NotionModels.Option;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;

/**
 * Writes values in the shape each property of a data source has (Status may be a status or a
 * select, Source URL a url or text, Assignees people or options, …). The schema decides: a value
 * is written only where a property of that name exists with a type that can hold it. Problems are
 * collected so one message names them all, and nothing is written while any remain.
 */
public final class PropertyWriter {
    /** Types Notion computes itself: no integration can write them, so they are never ours to fill. */
    private static final Set<String> COMPUTED = Set.of("created_time", "last_edited_time", "created_by",
            "last_edited_by", "formula", "rollup", "unique_id", "button", "verification");
    private static final int MAX_OPTIONS = 100;
    /** Notion takes at most 100 related pages per property in one request. */
    private static final int MAX_RELATED = 100;

    private final Map<String, PropertySchema> byLowerName = new LinkedHashMap<>();
    private final Map<String, String> actualNames = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Function<List<String>, List<String>> people;
    private final RelationPages relationPages;
    private String firstTitle;

    /** The pages a relation property points to, for the GitHub node IDs of its value; null when unknown. */
    @FunctionalInterface
    public interface RelationPages {
        List<String> pageIds(PropertySchema property, List<String> nodeIds);
    }

    /**
     * @param schema property name to schema; from a data source, or from a page (types only, no options)
     * @param people GitHub logins to Notion user ids (unmapped logins left out)
     */
    public PropertyWriter(Map<String, PropertySchema> schema, Function<List<String>, List<String>> people) {
        this(schema, people, (property, nodeIds) -> null);
    }

    /** @param relationPages node IDs to page IDs, already resolved for every relation value written */
    public PropertyWriter(Map<String, PropertySchema> schema, Function<List<String>, List<String>> people,
                          RelationPages relationPages) {
        this.people = people;
        this.relationPages = relationPages;
        (schema == null ? Map.<String, PropertySchema>of() : schema).forEach((name, s) -> {
            byLowerName.putIfAbsent(name.toLowerCase(Locale.ROOT), s);
            actualNames.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if ("title".equals(s.type()) && firstTitle == null) {
                firstTitle = name;
            }
        });
    }

    /** The title, into the property named so (when the user renamed it) or the database's title property. */
    public PropertyWriter title(Optional<String> name, String text) {
        String target = firstTitle;
        if (name.isPresent()) {
            PropertySchema s = byLowerName.get(name.get().toLowerCase(Locale.ROOT));
            if (s == null) {
                missing.add("\"" + name.get() + "\" (a title property)");
                return this;
            }
            target = actualNames.get(name.get().toLowerCase(Locale.ROOT));
            if (!"title".equals(s.type())) {
                problems.add("its property \"" + target + "\" is of type " + s.type() + " but must be the title property");
                return this;
            }
        }
        if (target == null) {
            problems.add("it has no title property");
        } else {
            properties.put(target, Map.of("title", NotionText.title(text)));
        }
        return this;
    }

    /**
     * A value for the property {@code name} if it has one of {@code types}; a missing property is
     * an error only when {@code required}, a property of another type always is.
     */
    public PropertyWriter put(String name, List<String> types, PropertyValue value, boolean required) {
        String lower = name.toLowerCase(Locale.ROOT);
        PropertySchema schema = byLowerName.get(lower);
        String typeList = types.size() == 1 ? types.get(0)
                : String.join(", ", types.subList(0, types.size() - 1)) + " or " + types.get(types.size() - 1);
        if (schema == null) {
            if (required) {
                missing.add("\"" + name + "\" (a " + typeList + " property)");
            }
            return this;
        }
        String actual = actualNames.get(lower);
        if (!types.contains(schema.type())) {
            if (required || !COMPUTED.contains(schema.type())) {
                problems.add("its property \"" + actual + "\" is of type " + schema.type()
                        + ", which cannot hold this value: make it a " + typeList + " property"
                        + (required ? "" : ", or map another name to it with the property-names input"));
            }
            return this;
        }
        Object written = write(actual, schema, value, required);
        if (written != null) {
            properties.put(actual, written);
        }
        return this;
    }

    /** A value written only where a property of that name has one of {@code types}; anything else is left alone. */
    public PropertyWriter putIfFits(String name, List<String> types, PropertyValue value) {
        PropertySchema schema = byLowerName.get(name.toLowerCase(Locale.ROOT));
        if (schema != null && types.contains(schema.type())) {
            Object written = write(actualNames.get(name.toLowerCase(Locale.ROOT)), schema, value, false);
            if (written != null) {
                properties.put(actualNames.get(name.toLowerCase(Locale.ROOT)), written);
            }
        }
        return this;
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

    private Object write(String name, PropertySchema schema, PropertyValue value, boolean required) {
        String text = value.display();
        List<String> list = value.asList();
        return switch (schema.type()) {
            case "status" -> statusValue(name, schema, text, required);
            case "select" -> list.isEmpty() ? nullValue("select")
                    : Map.of("select", Map.of("name", NotionText.selectName(list.get(0))));
            case "multi_select" -> Map.of("multi_select", options(list));
            case "rich_text" -> Map.of("rich_text", NotionText.richText(text));
            case "people" -> Map.of("people", people.apply(list).stream().limit(MAX_OPTIONS)
                    .map(id -> Map.of("object", "user", "id", id)).toList());
            case "date" -> text.isEmpty() ? nullValue("date") : Map.of("date", Map.of("start", text));
            case "url" -> text.isEmpty() ? nullValue("url") : Map.of("url", NotionText.cut(text, NotionText.MAX_TEXT));
            case "checkbox" -> Map.of("checkbox", value instanceof PropertyValue.Flag f && f.value());
            case "number" -> value instanceof PropertyValue.Numeric n ? Map.of("number", n.number()) : nullValue("number");
            // The whole set, as GitHub has it: targets without a page yet are left out until they sync.
            case "relation" -> value instanceof PropertyValue.Relation r ? relation(schema, r)
                    : value instanceof PropertyValue.Pages p ? Map.of("relation", p.pageIds().stream().distinct()
                            .limit(MAX_RELATED).map(id -> Map.of("id", id)).toList())
                    : null;
            default -> null;
        };
    }

    /** The related pages, or nothing written when they could not be resolved. */
    private Object relation(PropertySchema schema, PropertyValue.Relation value) {
        List<String> pages = relationPages.pageIds(schema, value.nodeIds());
        return pages == null ? null : Map.of("relation", pages.stream().distinct().limit(MAX_RELATED)
                .map(id -> Map.of("id", id)).toList());
    }

    /** Notion refuses unknown status options (it creates select options itself), so check first where the options are known. */
    private Object statusValue(String name, PropertySchema schema, String wanted, boolean required) {
        if (schema.status() == null || schema.status().options() == null) {
            // Known from a page, not the schema: the options are not listed; Notion checks the name.
            return Map.of("status", Map.of("name", wanted));
        }
        List<Option> options = schema.status().options();
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
                + (names.isEmpty() ? "none" : String.join(", ", names)) + "): add the option to it in Notion, "
                + "map the state to an existing option with the status-map input, or make it a select property");
        return null;
    }

    /** Option names: commas replaced, cut at 100 characters, duplicates dropped, at most 100. */
    private static List<Map<String, Object>> options(List<String> values) {
        Set<String> names = new LinkedHashSet<>();
        for (String s : values) {
            String name = NotionText.selectName(s);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names.stream().limit(MAX_OPTIONS).map(n -> Map.<String, Object>of("name", n)).toList();
    }

    private static Map<String, Object> nullValue(String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, null);
        return m;
    }
}
