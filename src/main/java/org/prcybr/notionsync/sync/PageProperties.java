package org.prcybr.notionsync.sync;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.mapping.PropertyValue;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;
import org.prcybr.notionsync.notion.PropertyWriter;
import org.prcybr.notionsync.notion.SchemaException;

/** A {@link PageSpec}'s values as the properties body for one schema, in the user's own names. */
final class PageProperties {
    private PageProperties() {
    }

    /** The properties body, or a {@link SyncException} naming the database and what it lacks. */
    static Map<String, Object> forDatabase(String databaseId, PageSpec spec, Map<String, PropertySchema> schema,
                                           PageMapping mapping, Function<List<String>, List<String>> people,
                                           String lastSynced, PropertyWriter.RelationPages relationPages) {
        try {
            return build(spec, schema, mapping, people, lastSynced, relationPages);
        } catch (SchemaException e) {
            throw new SyncException("Notion database " + databaseId + " cannot hold the page: " + e.getMessage());
        }
    }

    static Map<String, Object> build(PageSpec spec, Map<String, PropertySchema> schema, PageMapping mapping,
                                     Function<List<String>, List<String>> people, String lastSynced,
                                     PropertyWriter.RelationPages relationPages) {
        PropertyWriter writer = new PropertyWriter(schema, people, relationPages);
        writer.put(mapping.propertyName(Field.EXTERNAL_ID.defaultName()), Field.EXTERNAL_ID.types(),
                PropertyValue.text(spec.externalId()), true);
        if (spec.trash()) {
            return writer.build();
        }
        String titleName = mapping.propertyName(Field.TITLE_NAME);
        writer.title(titleName.equals(Field.TITLE_NAME) ? Optional.empty() : Optional.of(titleName), spec.title());
        for (Field f : Field.values()) {
            PropertyValue value = switch (f) {
                case EXTERNAL_ID -> PropertyValue.CLEARED;
                case STATUS -> PropertyValue.text(mapping.statusOption(spec.states()));
                case CATEGORY -> PropertyValue.text(spec.category().label());
                case LAST_SYNCED -> PropertyValue.date(lastSynced);
                default -> spec.values().getOrDefault(f, PropertyValue.CLEARED);
            };
            if (f == Field.STATUS && spec.states().isEmpty()) {
                // The event does not tell the state (a comment on an open pull request: draft or not?).
                continue;
            }
            if (f.relation()) {
                // A property of that name that is no relation is the user's own: left alone.
                if (spec.values().containsKey(f)) {
                    writer.putIfFits(mapping.propertyName(f.defaultName()), f.types(), value);
                }
            } else if (f != Field.EXTERNAL_ID && (f.required() || spec.values().containsKey(f))) {
                writer.put(mapping.propertyName(f.defaultName()), f.types(), value, f.required());
            }
        }
        // Projects v2 field values never overwrite a property the action fills itself (every project has a "Status").
        Set<String> ours = ownNames(mapping);
        spec.fieldValues().forEach((name, v) -> {
            if (!ours.contains(name.toLowerCase(Locale.ROOT))) {
                writer.putIfFits(name, v.types(), v.value());
            }
        });
        return writer.build();
    }

    /** The names of every property the action writes, in the user's names, lower-cased. */
    static Set<String> ownNames(PageMapping mapping) {
        Set<String> names = new HashSet<>();
        names.add(mapping.propertyName(Field.TITLE_NAME).toLowerCase(Locale.ROOT));
        names.add(Field.TITLE_NAME.toLowerCase(Locale.ROOT));
        names.add("title");
        for (Field f : Field.values()) {
            names.add(mapping.propertyName(f.defaultName()).toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
