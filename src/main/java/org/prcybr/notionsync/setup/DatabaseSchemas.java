package org.prcybr.notionsync.setup;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.mapping.Field;

/** The schema setup gives each database: every property of {@link Field}, in the user's names, of its usual type. */
final class DatabaseSchemas {
    private DatabaseSchemas() {
    }

    /** Property name to Notion property configuration, the title first. */
    static Map<String, Object> forRole(DatabaseRole role, PageMapping mapping, boolean statusAsSelect) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(mapping.propertyName(Field.TITLE_NAME), Map.of("title", Map.of()));
        if (role == DatabaseRole.PERFORMANCE_LOG) {
            props.put("Event", config("select", List.of()));
            props.put("Status", config("select", List.of()));
            props.put("Latency (ms)", config("number", List.of()));
            props.put("Timestamp", config("date", List.of()));
            return props;
        }
        for (Field f : Field.values()) {
            if (f.relation()) {
                continue; // relations point at other databases: set up once all of them exist
            }
            String type = f == Field.STATUS && statusAsSelect ? "select" : f.types().get(0);
            props.put(mapping.propertyName(f.defaultName()), config(type, f == Field.STATUS ? statusOptions(mapping) : List.of()));
        }
        return props;
    }

    /** The types that may hold a property's values, by the name setup gives it (empty: not one of ours). */
    static List<String> acceptedTypes(DatabaseRole role, PageMapping mapping, String name) {
        if (name.equalsIgnoreCase(mapping.propertyName(Field.TITLE_NAME))) {
            return List.of("title");
        }
        if (role == DatabaseRole.PERFORMANCE_LOG) {
            return switch (name) {
                case "Event" -> List.of("select", "rich_text");
                case "Status" -> List.of("select", "status", "rich_text");
                case "Latency (ms)" -> List.of("number");
                case "Timestamp" -> List.of("date");
                default -> List.of();
            };
        }
        for (Field f : Field.values()) {
            if (name.equalsIgnoreCase(mapping.propertyName(f.defaultName()))) {
                return f.types();
            }
        }
        for (String side : RelationProperty.sidesOn(role, mapping)) {
            if (name.equalsIgnoreCase(side)) {
                return List.of("relation");
            }
        }
        return List.of();
    }

    /** Open and Closed, or the options status-map names instead. */
    static List<String> statusOptions(PageMapping mapping) {
        Set<String> options = new LinkedHashSet<>();
        options.add(mapping.statusOption(List.of("open")));
        options.add(mapping.statusOption(List.of("closed")));
        options.addAll(mapping.statusOptions().values());
        return List.copyOf(options);
    }

    static Object config(String type, List<String> options) {
        return switch (type) {
            case "status", "select", "multi_select" ->
                    Map.of(type, Map.of("options", options.stream().map(o -> Map.of("name", o)).toList()));
            case "number" -> Map.of("number", Map.of("format", "number"));
            default -> Map.of(type, Map.of());
        };
    }
}
