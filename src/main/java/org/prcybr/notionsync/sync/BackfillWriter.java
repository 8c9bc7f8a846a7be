package org.prcybr.notionsync.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.markdown.NotionContent;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.DataSource;
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

    /** Reads the database's schema and indexes its pages (1 + 1 + pages/100 requests). */
    public BackfillWriter(NotionClient notion, PageUpsert pages, PageMapping mapping, String databaseId) {
        this.notion = notion;
        this.pages = pages;
        this.mapping = mapping;
        this.databaseId = databaseId;
        this.dataSourceId = pages.dataSourceOf(databaseId);
        DataSource ds = notion.dataSource(dataSourceId);
        this.schema = ds.properties() == null ? Map.of() : ds.properties();
        this.people = new NotionPeople(mapping, notion);
        String configured = mapping.propertyName(Field.EXTERNAL_ID.defaultName());
        this.externalIdProperty = schema.keySet().stream().filter(n -> n.equalsIgnoreCase(configured)).findFirst()
                .orElseThrow(() -> new SyncException("Notion database " + databaseId + " cannot hold the pages: it has "
                        + "no property \"" + configured + "\" (a rich_text property): add it, or run the action with "
                        + "mode: setup."));
        for (Page page : notion.allPages(dataSourceId)) {
            String id = externalId(page);
            if (!id.isEmpty()) {
                byExternalId.computeIfAbsent(id, k -> new ArrayList<>()).add(page);
            }
        }
    }

    /** Pages already in the database, by External ID. */
    public int indexed() {
        return byExternalId.size();
    }

    public Outcome write(PageSpec spec) {
        List<Page> existing = byExternalId.getOrDefault(spec.externalId(), List.of());
        if (existing.isEmpty()) {
            Page created = create(spec);
            byExternalId.put(spec.externalId(), new ArrayList<>(List.of(created)));
            return Outcome.CREATED;
        }
        Page keep = pages.converge(existing);
        boolean trashed = existing.size() > 1;
        byExternalId.put(spec.externalId(), new ArrayList<>(List.of(keep)));
        Optional<Instant> stored = PageUpsert.storedUpdated(keep, mapping).flatMap(PageUpsert::instant);
        Optional<Instant> current = spec.updatedAt().flatMap(PageUpsert::instant);
        // Compared to the minute: should Notion keep dates only to the minute (as it does created_time),
        // an unchanged object must still count as current.
        if (stored.isPresent() && current.isPresent()
                && !stored.get().isBefore(current.get().truncatedTo(ChronoUnit.MINUTES))) {
            return trashed ? Outcome.UPDATED : Outcome.UNCHANGED;
        }
        notion.updatePage(keep.id(), properties(spec, PageUpsert.typesOf(keep).orElse(schema)));
        NotionContent content = PageUpsert.content(spec);
        // Content only when the body changed: compared with what the page holds, ignoring spacing
        // and escapes, which Notion may write differently from how they were sent.
        if (!normalized(content.markdown()).equals(normalized(notion.pageMarkdown(keep.id())))) {
            pages.replaceContent(keep.id(), content);
        }
        return Outcome.UPDATED;
    }

    private Page create(PageSpec spec) {
        return pages.createLookingFirst(dataSourceId, properties(spec, schema), PageUpsert.content(spec),
                () -> notion.findByText(dataSourceId, externalIdProperty, spec.externalId()));
    }

    private Map<String, Object> properties(PageSpec spec, Map<String, PropertySchema> types) {
        return PageProperties.forDatabase(databaseId, spec, types, mapping, people, lastSynced);
    }

    private String externalId(Page page) {
        var value = page.properties() == null ? null : page.properties().get(externalIdProperty);
        var parts = value == null ? null : value.get("rich_text");
        StringBuilder sb = new StringBuilder();
        if (parts != null && parts.isArray()) {
            for (var part : parts.values()) {
                var plain = part.get("plain_text");
                var text = part.get("text");
                if (plain != null && plain.isString()) {
                    sb.append(plain.getStringValue());
                } else if (text != null && text.get("content") != null) {
                    sb.append(text.get("content").getStringValue());
                }
            }
        }
        return sb.toString();
    }

    private static String normalized(String markdown) {
        StringBuilder sb = new StringBuilder();
        markdown.codePoints().filter(c -> !Character.isWhitespace(c) && c != '\\').forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
