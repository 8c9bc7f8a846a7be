package org.prcybr.notionsync.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.prcybr.notionsync.config.NotionIds;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.mapping.Category;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.mapping.PropertyValue;
import org.prcybr.notionsync.mapping.TaskMentions;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;

/**
 * Notion tasks an issue or pull request mentions by their unique ID ({@code TASK-42}): found in the
 * database the {@code Tasks} relation points at, by the number its unique ID property holds (Notion
 * filters on the number only, so the prefix is checked here). A pull request then moves each task's
 * Status as {@code task-status-map} says.
 */
final class TaskLinks {
    private TaskLinks() {
    }

    /**
     * The mentioned tasks' pages; empty when the database has no Tasks relation, or its target no
     * prefixed unique ID.
     *
     * @param schema    the page's data source's schema, with each relation's configuration
     * @param schemaOf  a data source's schema by id (the page's own is already read)
     */
    static Optional<List<Page>> find(NotionClient notion, PageSpec spec, Map<String, PropertySchema> schema,
                                     PageMapping mapping, RelationLinks.Targets targets, String databaseId,
                                     Function<String, Map<String, PropertySchema>> schemaOf) {
        PropertySchema tasks = RelationLinks.property(schema, mapping.propertyName(Field.TASKS.defaultName()))
                .filter(p -> "relation".equals(p.type()) && p.relation() != null).orElse(null);
        if (tasks == null) {
            return Optional.empty();
        }
        var config = tasks.relation();
        if (!targets.taskDatabaseId().isEmpty() && !NotionIds.same(config.databaseId(), targets.taskDatabaseId())) {
            throw new SyncException("The relation property \"" + tasks.name() + "\" of Notion database " + databaseId
                    + " points at another database: make it a relation to the task-id-database "
                    + targets.taskDatabaseId() + ", or remove it; nothing was written.");
        }
        try {
            return find(notion, spec, config.dataSourceId(), schemaOf);
        } catch (NotionApiException e) {
            throw RelationLinks.unshared(e, tasks.name(), databaseId);
        }
    }

    private static Optional<List<Page>> find(NotionClient notion, PageSpec spec, String taskDataSourceId,
                                             Function<String, Map<String, PropertySchema>> schemaOf) {
        Optional<Map.Entry<String, PropertySchema>> uniqueId = schemaOf.apply(taskDataSourceId).entrySet().stream()
                .filter(e -> "unique_id".equals(e.getValue().type()) && e.getValue().uniqueId() != null
                        && e.getValue().uniqueId().prefix() != null && !e.getValue().uniqueId().prefix().isBlank())
                .findFirst();
        if (uniqueId.isEmpty()) {
            return Optional.empty();
        }
        String prefix = uniqueId.get().getValue().uniqueId().prefix();
        PropertyValue head = spec.values().getOrDefault(Field.HEAD, PropertyValue.CLEARED);
        List<Integer> numbers = TaskMentions.find(prefix, spec.title(), head.display(), spec.body().orElse(""));
        if (numbers.isEmpty()) {
            return Optional.of(List.of());
        }
        List<Page> found = new ArrayList<>();
        Map<Integer, Page> byNumber = new LinkedHashMap<>();
        for (Page page : notion.findByUniqueIds(taskDataSourceId, uniqueId.get().getKey(), numbers)) {
            number(page, uniqueId.get().getKey(), prefix).ifPresent(n -> byNumber.putIfAbsent(n, page));
        }
        numbers.stream().map(byNumber::get).filter(p -> p != null).forEach(found::add);
        return Optional.of(found);
    }

    /** The spec with the tasks found as its Tasks value. */
    static PageSpec linked(PageSpec spec, List<Page> tasks) {
        return spec.withValues(Map.of(Field.TASKS, new PropertyValue.Pages(tasks.stream().map(Page::id).toList())));
    }

    /** The page's unique ID number, when its prefix is the one the database's property has. */
    private static Optional<Integer> number(Page page, String property, String prefix) {
        var id = page.property(property).map(e -> e.getValue().get("unique_id")).orElse(null);
        if (id == null || !id.isObject() || id.get("number") == null || !id.get("number").isNumber()) {
            return Optional.empty();
        }
        var pagePrefix = id.get("prefix");
        if (pagePrefix != null && pagePrefix.isString()
                && !pagePrefix.getStringValue().toLowerCase(Locale.ROOT).equals(prefix.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(id.get("number").getNumberValue().intValue());
    }

    /**
     * Moves each task's Status to the option {@code task-status-map} gives the pull request's state,
     * where it differs. The pull request's page is written already, so a task Notion refuses to
     * move is a warning (returned), not a failure.
     */
    static String moveStatus(NotionClient notion, PageSpec spec, List<Page> tasks, PageMapping mapping) {
        if (spec.category() != Category.PULL_REQUEST || tasks.isEmpty()) {
            return "";
        }
        Optional<String> option = mapping.taskStatusOption(spec.states());
        if (option.isEmpty()) {
            return "";
        }
        String name = mapping.propertyName(Field.STATUS.defaultName());
        for (Page task : tasks) {
            var entry = task.property(name).orElse(null);
            if (entry == null || entry.getValue().get("type") == null) {
                continue;
            }
            String type = entry.getValue().get("type").getStringValue();
            if (!type.equals("status") && !type.equals("select")) {
                continue;
            }
            var current = entry.getValue().get(type);
            String now = current != null && current.isObject() && current.get("name") != null
                    ? current.get("name").getStringValue() : "";
            if (!now.equalsIgnoreCase(option.get())) {
                try {
                    Map<String, Object> body = new java.util.LinkedHashMap<>();
                    body.put(entry.getKey(), Map.of(type, Map.of("name", option.get())));
                    SyncStateMerge.ownWrite(task, body, mapping);
                    notion.updatePage(task.id(), body);
                } catch (NotionApiException e) {
                    return "The mentioned task " + task.id() + " was not moved to \"" + option.get() + "\": its database "
                            + "refused it (" + e.status() + " " + e.code() + "); check that its " + entry.getKey()
                            + " property has that option, or change task-status-map.";
                }
            }
        }
        return "";
    }
}
