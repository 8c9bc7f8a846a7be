package org.prcybr.notionsync.sync;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.DataSource;
import org.prcybr.notionsync.notion.NotionModels.Database;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.OutcomeUnknownException;
import org.prcybr.notionsync.notion.PropertyWriter;
import org.prcybr.notionsync.notion.SchemaException;
import org.prcybr.notionsync.notion.PropertyWriter.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page per GitHub object, whatever the timing: find the page by External ID, then update it
 * or create it. After a create, look again; when concurrent runs each created a page, every run
 * keeps the same survivor (earliest created, then smallest id) and trashes the rest, so they converge.
 */
@Singleton
public class PageUpsert {
    static final String EXTERNAL_ID = "External ID";
    private static final Logger LOG = LoggerFactory.getLogger(PageUpsert.class);
    private static final int CREATE_ATTEMPTS = 4;
    private static final int MAX_ROUNDS = 5;
    private static final long SETTLE_MS = 1500;
    /** Every run must order pages the same way for all of them to keep the same one. */
    static final Comparator<Page> SURVIVOR_ORDER = Comparator
            .comparing((Page p) -> createdAt(p))
            .thenComparing(Page::id);

    private final NotionClient notion;

    public PageUpsert(NotionClient notion) {
        this.notion = notion;
    }

    /** The data source pages of a database are written to (its first one). */
    public String dataSourceOf(String databaseId) {
        Database db = notion.database(databaseId);
        if (db.dataSources() == null || db.dataSources().isEmpty()) {
            throw new SyncException("Notion returned database " + databaseId + " without data sources, which "
                    + "happens with API versions before 2025-09-03: set the notion-version input to 2025-09-03 "
                    + "or later, or check the ID is a database and not a page.");
        }
        return db.dataSources().get(0).id();
    }

    public PageWrite upsert(PageSpec spec, String databaseId) {
        String dataSourceId = dataSourceOf(databaseId);
        DataSource schema = notion.dataSource(dataSourceId);
        PropertyWriter writer = new PropertyWriter(schema)
                .required(EXTERNAL_ID, Kind.TEXT, spec.externalId());
        if (!spec.trash()) {
            writer.title(spec.title())
                    .required("Status", Kind.STATUS, spec.statusName())
                    .required("Category", Kind.SELECT, spec.category().label())
                    .required("Last Synced", Kind.DATE, nowUtc())
                    .required("Source URL", Kind.URL, spec.sourceUrl());
            spec.merged().ifPresent(merged -> writer.optional("Merged", Kind.CHECKBOX, merged));
        }
        Map<String, Object> properties;
        try {
            properties = writer.build();
        } catch (SchemaException e) {
            throw new SyncException("Notion database " + databaseId + " cannot hold the page: " + e.getMessage());
        }
        String externalIdProperty = writer.actualName(EXTERNAL_ID).orElse(EXTERNAL_ID);
        List<Page> live = notion.findByText(dataSourceId, externalIdProperty, spec.externalId());

        if (spec.trash()) {
            if (live.isEmpty()) {
                return PageWrite.none();
            }
            live.forEach(p -> notion.trashPage(p.id()));
            Page first = survivor(live);
            return new PageWrite("archived", first.id(), url(first));
        }
        Page created = null;
        if (live.isEmpty()) {
            created = create(dataSourceId, properties, externalIdProperty, spec.externalId());
            live = findWith(dataSourceId, externalIdProperty, spec.externalId(), created);
        }
        for (int round = 1; ; round++) {
            Page keep = converge(live);
            PageWrite result;
            if (created != null && keep.id().equals(created.id())) {
                result = new PageWrite("created", created.id(), url(created));
            } else {
                try {
                    Page updated = notion.updatePage(keep.id(), properties);
                    result = new PageWrite("updated", keep.id(), url(updated.url() != null ? updated : keep));
                } catch (NotionApiException e) {
                    if (!trashedMeanwhile(e) || round >= MAX_ROUNDS) {
                        throw e;
                    }
                    // A concurrent run kept another page and trashed this one: look again.
                    LOG.info("Page {} was trashed by a concurrent run; looking again", keep.id());
                    live = notion.findByText(dataSourceId, externalIdProperty, spec.externalId());
                    if (live.isEmpty()) {
                        created = create(dataSourceId, properties, externalIdProperty, spec.externalId());
                        live = findWith(dataSourceId, externalIdProperty, spec.externalId(), created);
                    }
                    continue;
                }
            }
            if (live.size() == 1 || round >= MAX_ROUNDS) {
                return result;
            }
            // Duplicates mean concurrent runs, which may still be creating pages. Look once more
            // after they settle, so that every run reports the page that survives.
            sleep(SETTLE_MS);
            List<Page> again = notion.findByText(dataSourceId, externalIdProperty, spec.externalId());
            if (again.isEmpty() || survivor(again).id().equals(keep.id())) {
                converge(again);
                return result;
            }
            live = again;
        }
    }

    private static boolean trashedMeanwhile(NotionApiException e) {
        String message = e.notionMessage() == null ? "" : e.notionMessage().toLowerCase(java.util.Locale.ROOT);
        return e.status() == 404 || (e.status() == 400 && (message.contains("archived") || message.contains("trash")));
    }

    /** The live pages after our own create; the query index may lag behind it, so it is counted. */
    private List<Page> findWith(String dataSourceId, String externalIdProperty, String externalId, Page page) {
        List<Page> all = new ArrayList<>(notion.findByText(dataSourceId, externalIdProperty, externalId));
        if (all.stream().noneMatch(p -> p.id().equals(page.id()))) {
            all.add(page);
        }
        return all;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Creates the page, but never blindly re-sends a create whose outcome is unknown: it looks
     * for the page first and only creates again when none exists.
     */
    private Page create(String dataSourceId, Map<String, Object> properties, String externalIdProperty,
                        String externalId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return notion.createPage(dataSourceId, properties);
            } catch (OutcomeUnknownException e) {
                if (attempt >= CREATE_ATTEMPTS) {
                    throw new SyncException("Notion did not confirm creating the page after " + attempt
                            + " attempts (" + e.getMessage() + "): re-run the job; it will not duplicate the page.");
                }
                LOG.info("Create outcome unknown ({}); checking whether the page exists before retrying", e.getMessage());
                List<Page> existing = notion.findByText(dataSourceId, externalIdProperty, externalId);
                if (!existing.isEmpty()) {
                    return survivor(existing);
                }
            }
        }
    }

    /** Keeps the survivor and trashes the other live pages for the same object. */
    private Page converge(List<Page> pages) {
        if (pages.isEmpty()) {
            return null;
        }
        Page keep = survivor(pages);
        for (Page p : pages) {
            if (!p.id().equals(keep.id())) {
                LOG.info("Trashing duplicate page {} (keeping {})", p.id(), keep.id());
                try {
                    notion.trashPage(p.id());
                } catch (NotionApiException e) {
                    if (!trashedMeanwhile(e)) {
                        throw e;
                    }
                }
            }
        }
        return keep;
    }

    static Page survivor(List<Page> pages) {
        return pages.stream().min(SURVIVOR_ORDER).orElseThrow();
    }

    private static Instant createdAt(Page p) {
        try {
            return p.createdTime() == null ? Instant.MAX : OffsetDateTime.parse(p.createdTime()).toInstant();
        } catch (RuntimeException e) {
            return Instant.MAX;
        }
    }

    private static String url(Page p) {
        return p.url() == null ? "" : p.url();
    }

    /** Last Synced: UTC with an explicit offset, to the second. */
    static String nowUtc() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx"));
    }
}
