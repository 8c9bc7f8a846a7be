package org.prcybr.notionsync.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prcybr.notionsync.config.NotionIds;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.mapping.PropertyValue;
import org.prcybr.notionsync.mapping.Relations;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;
import org.prcybr.notionsync.notion.PropertyWriter;

/**
 * A page's relation values as Notion pages: each relation property the database has is checked to
 * point where it must, then every node ID is resolved through the {@link ExternalIdIndex}, one
 * batch per target data source. A relation pointing elsewhere stops the write with one sentence.
 */
public final class RelationLinks {
    /** The databases issue and pull request pages are written to, which relations must point at. */
    public record Targets(String issuesDatabaseId, String pullRequestsDatabaseId, String taskDatabaseId) {
        public static final Targets NONE = new Targets("", "", "");
    }

    /**
     * What a live sync needs to link a page: where relations must point, and how to read an
     * object's relations from GitHub when the event did not carry them (empty when it cannot).
     */
    public record Context(Targets targets, java.util.function.Function<PageSpec, Map<Field, PropertyValue>> fromGitHub) {
        public static final Context NONE = new Context(Targets.NONE, spec -> Map.of());
    }

    private RelationLinks() {
    }

    /** The relation fields of the spec's kind that the database has as relation properties. */
    static List<Field> present(PageSpec spec, Map<String, PropertySchema> types, PageMapping mapping) {
        List<Field> present = new ArrayList<>();
        for (Field f : Relations.of(spec.category())) {
            property(types, mapping.propertyName(f.defaultName())).filter(p -> "relation".equals(p.type()))
                    .ifPresent(p -> present.add(f));
        }
        return present;
    }

    /**
     * Checks the targets and resolves every node ID of the spec's relation values.
     *
     * @param schema the data source's schema, with each relation's configuration
     */
    static PropertyWriter.RelationPages resolve(PageSpec spec, Map<String, PropertySchema> schema, String databaseId,
                                                String dataSourceId, PageMapping mapping, Targets targets,
                                                ExternalIdIndex index) {
        Map<String, Set<String>> nodesByDataSource = new LinkedHashMap<>();
        Map<String, String> propertyByDataSource = new LinkedHashMap<>();
        for (Field f : Relations.of(spec.category())) {
            if (!(spec.values().get(f) instanceof PropertyValue.Relation value)) {
                continue;
            }
            Optional<PropertySchema> property = property(schema, mapping.propertyName(f.defaultName()))
                    .filter(p -> "relation".equals(p.type()) && p.relation() != null);
            if (property.isEmpty()) {
                continue;
            }
            var config = property.get().relation();
            String expected = switch (Relations.target(f)) {
                case SAME_DATA_SOURCE -> NotionIds.same(config.dataSourceId(), dataSourceId) ? ""
                        : "this database itself (a relation within one database)";
                case ISSUES_DATABASE -> targets.issuesDatabaseId().isEmpty() || NotionIds.same(config.databaseId(),
                        targets.issuesDatabaseId()) ? "" : "the issues database " + targets.issuesDatabaseId();
                case PULL_REQUESTS_DATABASE -> targets.pullRequestsDatabaseId().isEmpty() || NotionIds.same(config.databaseId(),
                        targets.pullRequestsDatabaseId()) ? "" : "the pull requests database " + targets.pullRequestsDatabaseId();
                case ANY, TASK_DATABASE -> ""; // tasks are found and checked by TaskLinks
            };
            if (!expected.isEmpty()) {
                throw new SyncException("The relation property \"" + property.get().name() + "\" of Notion database "
                        + databaseId + " points at another database: make it a relation to " + expected
                        + " (mode: setup creates it so), or remove it; nothing was written.");
            }
            nodesByDataSource.computeIfAbsent(config.dataSourceId(), k -> new LinkedHashSet<>()).addAll(value.nodeIds());
            propertyByDataSource.putIfAbsent(config.dataSourceId(), property.get().name());
        }
        nodesByDataSource.forEach((ds, nodes) -> {
            try {
                index.resolve(ds, nodes);
            } catch (NotionApiException e) {
                throw unshared(e, propertyByDataSource.get(ds), databaseId);
            }
        });
        // By name: the writer may see the property as a page lists it, without its configuration.
        return (property, nodeIds) -> property(schema, property.name() == null ? "" : property.name())
                .filter(p -> p.relation() != null)
                .map(p -> index.pages(p.relation().dataSourceId(), nodeIds))
                .orElse(null);
    }

    /** A relation's target the integration cannot open: named as the relation, not as the page's database. */
    static RuntimeException unshared(NotionApiException e, String property, String databaseId) {
        if (e.status() != 404 && e.status() != 403) {
            return e;
        }
        return new SyncException("The relation property \"" + property + "\" of Notion database " + databaseId
                + " points at a database the integration cannot open (" + e.status() + " " + e.code() + "): share "
                + "that database with the integration (its ... menu > Connections), or remove the property.");
    }

    static Optional<PropertySchema> property(Map<String, PropertySchema> schema, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return schema.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(lower))
                .map(e -> e.getValue().name() == null ? new PropertySchema(e.getValue().id(), e.getKey(),
                        e.getValue().type(), e.getValue().status(), e.getValue().select(), e.getValue().relation(),
                        e.getValue().uniqueId()) : e.getValue())
                .findFirst();
    }
}
