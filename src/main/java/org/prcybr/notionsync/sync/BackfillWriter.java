package org.prcybr.notionsync.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.mapping.PropertyValue;
import org.prcybr.notionsync.mapping.Relations;
import org.prcybr.notionsync.notion.PropertyWriter;
import org.prcybr.notionsync.markdown.NotionContent;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;

/**
 * Writes many objects into one database cheaply: every existing page is read once (100 per
 * request) and indexed by External ID, so an object costs a request only when its page is
 * missing (create) or holds an older Updated (update). Several pages for one object converge as
 * on the live path. Nothing is half-done: a page exists with its properties or not at all, so a
 * later run completes an interrupted one.
 */
public final class BackfillWriter {
    /** What happened to one object. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final NotionClient notion;
    private final PageUpsert pages;
    private final PageMapping mapping;
    private final String databaseId;
    private final String dataSourceId;
    private final Map<String, PropertySchema> schema;
    private final Map<String, List<Page>> byExternalId = new HashMap<>();
    private final NotionPeople people;
    private final String lastSynced = PageUpsert.nowUtc();
    private final String externalIdProperty;
    private final ExternalIdIndex index;
    /** False when Notion capped the listing (10,000 pages): an object not listed is looked up before it is created. */
    private final boolean listedAll;
    private final Map<String, Map<String, PropertySchema>> otherSchemas = new HashMap<>();
    private final RelationLinks.Targets targets;

    /**
     * Reads the database's schema and indexes its pages (1 + 1 + pages/100 requests) into the
     * run's {@code index}, which relations of every database resolve through.
     */
    public BackfillWriter(NotionClient notion, PageUpsert pages, PageMapping mapping, String databaseId,
                          ExternalIdIndex index, RelationLinks.Targets targets) {
        this.notion = notion;
        this.index = index;
        this.targets = targets;
        this.pages = pages;
        this.mapping = mapping;
        this.databaseId = databaseId;
        this.dataSourceId = pages.dataSourceOf(databaseId);
        this.schema = notion.schema(dataSourceId);
        this.people = new NotionPeople(mapping, notion);
        String configured = mapping.propertyName(Field.EXTERNAL_ID.defaultName());
        this.externalIdProperty = schema.keySet().stream().filter(n -> n.equalsIgnoreCase(configured)).findFirst()
                .orElseThrow(() -> new SyncException("Notion database " + databaseId + " cannot hold the pages: it has "
                        + "no property \"" + configured + "\" (a rich_text property): add it, or run the action with "
                        + "mode: setup."));
        NotionClient.Listing listing = notion.allPages(dataSourceId);
        this.listedAll = listing.complete();
        for (Page page : listing.pages()) {
            String id = ExternalIdIndex.externalIdOf(page, externalIdProperty);
            if (!id.isEmpty()) {
                byExternalId.computeIfAbsent(id, k -> new ArrayList<>()).add(page);
            }
        }
        Map<String, String> survivors = new HashMap<>();
        byExternalId.forEach((node, found) -> survivors.put(node, Convergence.survivor(found).id()));
        if (listedAll) {
            index.loadAll(dataSourceId, survivors);
        } else {
            survivors.forEach((node, page) -> index.add(dataSourceId, node, page));
        }
    }

    /** Pages already in the database, by External ID. */
    public int indexed() {
        return byExternalId.size();
    }

    /** The page that holds the object, once {@link #write} has written or found it. */
    public Optional<String> pageId(String externalId) {
        List<Page> found = byExternalId.getOrDefault(externalId, List.of());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).id());
    }

    public Outcome write(PageSpec object) {
        PageSpec spec = withTasks(object);
        List<Page> existing = byExternalId.getOrDefault(spec.externalId(), List.of());
        if (existing.isEmpty() && !listedAll) {
            existing = notion.findByText(dataSourceId, externalIdProperty, spec.externalId());
        }
        PropertyWriter.RelationPages relations = RelationLinks.present(spec, schema, mapping).isEmpty()
                ? (property, nodeIds) -> null
                : RelationLinks.resolve(spec, schema, databaseId, dataSourceId, mapping, targets, index);
        if (existing.isEmpty()) {
            Page created = create(spec, relations);
            byExternalId.put(spec.externalId(), new ArrayList<>(List.of(created)));
            index.add(dataSourceId, spec.externalId(), created.id());
            return Outcome.CREATED;
        }
        Page keep = pages.convergence().converge(existing);
        boolean trashed = existing.size() > 1;
        byExternalId.put(spec.externalId(), new ArrayList<>(List.of(keep)));
        Optional<Instant> stored = PageUpsert.storedUpdated(keep, mapping).flatMap(PageUpsert::instant);
        Optional<Instant> current = spec.updatedAt().flatMap(PageUpsert::instant);
        // Compared to the minute: should Notion keep dates only to the minute (as it does created_time),
        // an unchanged object must still count as current.
        boolean currentInNotion = stored.isPresent() && current.isPresent()
                && !stored.get().isBefore(current.get().truncatedTo(ChronoUnit.MINUTES));
        if (currentInNotion) {
            // Linking an issue rarely changes its updatedAt: relations are compared on their own.
            if (relationsMatch(spec, keep, relations)) {
                return trashed ? Outcome.UPDATED : Outcome.UNCHANGED;
            }
            notion.updatePage(keep.id(), merged(spec, keep, schema, relations));
            return Outcome.UPDATED;
        }
        notion.updatePage(keep.id(), merged(spec, keep, PageUpsert.typesOf(keep).orElse(schema), relations));
        NotionContent content = PageContent.content(spec);
        // Content only when the body changed: compared with what the page holds, ignoring spacing
        // and escapes, which Notion may write differently from how they were sent.
        if (!normalized(content.markdown()).equals(normalized(notion.pageMarkdown(keep.id())))) {
            pages.contents().replaceContent(keep.id(), content);
        }
        return Outcome.UPDATED;
    }

    private Page create(PageSpec spec, PropertyWriter.RelationPages relations) {
        return pages.contents().createLookingFirst(dataSourceId, merged(spec, null, schema, relations), PageContent.content(spec),
                () -> notion.findByText(dataSourceId, externalIdProperty, spec.externalId()));
    }

    /** The object's properties merged with the page's, as on the live path (a person's pending change stands). */
    private Map<String, Object> merged(PageSpec spec, Page page, Map<String, PropertySchema> types,
                                       PropertyWriter.RelationPages relations) {
        Map<String, Object> properties = PageProperties.forDatabase(databaseId, spec, types, mapping, people,
                lastSynced, relations);
        return SyncStateMerge.over(properties, page, types, mapping, spec, false, Optional.empty()).properties();
    }

    /**
     * Whether every relation the database has already holds exactly the pages GitHub's links
     * resolve to, as Notion returns them (a page lists 25 references; more are read in full).
     */
    private boolean relationsMatch(PageSpec spec, Page page, PropertyWriter.RelationPages relations) {
        for (Field f : RelationLinks.present(spec, schema, mapping)) {
            PropertySchema property = RelationLinks.property(schema, mapping.propertyName(f.defaultName())).orElseThrow();
            PropertyValue value = spec.values().get(f);
            List<String> wanted = value instanceof PropertyValue.Relation r ? relations.pageIds(property, r.nodeIds())
                    : value instanceof PropertyValue.Pages p ? p.pageIds() : null;
            if (wanted != null && !Set.copyOf(wanted).equals(Set.copyOf(relatedPages(page, property)))) {
                return false;
            }
        }
        return true;
    }

    /** The tasks the object mentions, where the database has a Tasks relation to a task-ID database. */
    private PageSpec withTasks(PageSpec spec) {
        if (!Relations.of(spec.category()).contains(Field.TASKS)) {
            return spec;
        }
        return TaskLinks.find(notion, spec, schema, mapping, targets, databaseId, this::schemaOf)
                .map(found -> TaskLinks.linked(spec, found)).orElse(spec);
    }

    /** A data source's schema, read once per run. */
    private Map<String, PropertySchema> schemaOf(String otherDataSourceId) {
        if (otherDataSourceId.equals(dataSourceId)) {
            return schema;
        }
        return otherSchemas.computeIfAbsent(otherDataSourceId, notion::schema);
    }

    private List<String> relatedPages(Page page, PropertySchema property) {
        var value = page.property(property.name()).map(Map.Entry::getValue).orElse(null);
        if (value == null) {
            return List.of();
        }
        var hasMore = value.get("has_more");
        var id = value.get("id");
        if (hasMore != null && hasMore.isBoolean() && hasMore.getBooleanValue() && id != null && id.isString()) {
            return notion.relatedPages(page.id(), id.getStringValue());
        }
        List<String> ids = new ArrayList<>();
        var items = value.get("relation");
        if (items != null && items.isArray()) {
            for (var item : items.values()) {
                if (item.get("id") != null && item.get("id").isString()) {
                    ids.add(item.get("id").getStringValue());
                }
            }
        }
        return ids;
    }


    private static String normalized(String markdown) {
        StringBuilder sb = new StringBuilder();
        markdown.codePoints().filter(c -> !Character.isWhitespace(c) && c != '\\').forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
