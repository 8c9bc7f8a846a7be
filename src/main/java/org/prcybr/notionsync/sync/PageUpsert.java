package org.prcybr.notionsync.sync;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.mapping.PropertyValue;
import org.prcybr.notionsync.mapping.Relations;
import org.prcybr.notionsync.notion.PropertyWriter;
import org.prcybr.notionsync.markdown.NotionContent;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.Database;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;
import org.prcybr.notionsync.retry.Retrier;
import org.prcybr.notionsync.retry.RetryBudgetExhaustedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page per GitHub object, whatever the timing: find the page by External ID, link it
 * ({@link RelationLinks}, {@link TaskLinks}), then update it or create it ({@link PageContent}).
 * After a create, look again: when concurrent runs each created a page, they converge on one
 * ({@link Convergence}).
 *
 * <p>Round trips: an update reads the database, queries, and patches (3 requests): the page found
 * carries every property with its type, so the schema is read only to create, to link, or to
 * explain a refusal.
 */
@Singleton
public class PageUpsert {
    private static final Logger LOG = LoggerFactory.getLogger(PageUpsert.class);
    private static final int MAX_ROUNDS = 5;
    private static final long SETTLE_MS = 1500;

    /** A cancelled schema read ends at its next wait or read; this only bounds a stuck one. */
    private static final long PREFETCH_JOIN_MS = 5000;
    private final NotionClient notion;
    private final PageContent contents;
    private final Convergence convergence;

    public PageUpsert(NotionClient notion) {
        this.notion = notion;
        this.contents = new PageContent(notion);
        this.convergence = new Convergence(notion);
    }

    public PageContent contents() {
        return contents;
    }

    public Convergence convergence() {
        return convergence;
    }

    /** The data source pages of a database are written to (its first one). */
    public String dataSourceOf(String databaseId) {
        Database db = notion.database(databaseId);
        if (db.dataSources() == null || db.dataSources().isEmpty()) {
            throw new SyncException("Notion returned database " + databaseId + " without data sources, which "
                    + "happens with API versions before 2025-09-03: leave the notion-version input unset, "
                    + "or check the ID is a database and not a page.");
        }
        return db.dataSources().get(0).id();
    }

    public PageWrite upsert(PageSpec spec, String databaseId, PageMapping mapping) {
        return upsert(spec, databaseId, mapping, RelationLinks.Context.NONE);
    }

    /** @param linking where relations must point, and how to read them from GitHub */
    public PageWrite upsert(PageSpec spec, String databaseId, PageMapping mapping, RelationLinks.Context linking) {
        return new Run(spec, databaseId, mapping, dataSourceOf(databaseId), linking).write();
    }

    /** One upsert: its data source, its schema once read, and the External ID property's name. */
    private final class Run {
        private PageSpec spec;
        private final RelationLinks.Context linking;
        /** The tasks the object mentions, whose Status a pull request may move after its page is written. */
        private List<Page> tasks = List.of();
        /** Unresolved relations are not written at all (null), never written empty. */
        private PropertyWriter.RelationPages relationPages = (property, nodeIds) -> null;
        private final String databaseId;
        private final PageMapping mapping;
        private final String dataSourceId;
        private final NotionPeople people;
        private final String lastSynced = nowUtc();
        private Map<String, PropertySchema> schema;
        /** The schema read ahead of a likely create, on a thread of its own, until it is taken. */
        private FutureTask<Map<String, PropertySchema>> prefetch;
        private Thread prefetchThread;
        private String externalIdProperty;

        Run(PageSpec spec, String databaseId, PageMapping mapping, String dataSourceId, RelationLinks.Context linking) {
            this.spec = spec;
            this.linking = linking;
            this.databaseId = databaseId;
            this.mapping = mapping;
            this.dataSourceId = dataSourceId;
            this.people = new NotionPeople(mapping, notion);
            this.externalIdProperty = mapping.propertyName(Field.EXTERNAL_ID.defaultName());
            if (likelyCreate(spec)) {
                // The schema is needed to create, and does not depend on the query: ask for both at once.
                prefetch = new FutureTask<>(() -> notion.schema(dataSourceId));
                prefetchThread = new Thread(prefetch, "schema-prefetch");
                prefetchThread.setDaemon(true);
                prefetchThread.start();
            }
        }

        PageWrite write() {
            PageWrite written;
            try {
                written = writeOnce();
            } finally {
                settlePrefetch();
            }
            if (written.wrote()) {
                String refused = TaskLinks.moveStatus(notion, spec, tasks, mapping);
                if (!refused.isEmpty()) {
                    return new PageWrite(written.operation(), written.pageId(), written.pageUrl(),
                            written.note().isEmpty() ? refused : written.note() + " " + refused);
                }
            }
            return written;
        }

        /**
         * A schema read ahead of a create that did not happen (the page existed) is cancelled, its
         * request and retry waits interrupted, and its thread joined: it never outlives the run's
         * HTTP client. A read that was needed has already been taken, with its error if it failed.
         */
        private void settlePrefetch() {
            if (prefetch == null) {
                return;
            }
            prefetch.cancel(true);
            try {
                prefetchThread.join(PREFETCH_JOIN_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("The schema read ahead of a create was not needed; cancelled");
        }

        private PageWrite writeOnce() {
            List<Page> live = find();
            if (spec.trash()) {
                if (live.isEmpty()) {
                    return PageWrite.none("The object was deleted on GitHub and has no page in Notion to archive.");
                }
                live.forEach(p -> notion.trashPage(p.id()));
                Page first = Convergence.survivor(live);
                return new PageWrite("archived", first.id(), url(first), "");
            }
            link(live);
            Page created = null;
            if (live.isEmpty()) {
                created = create();
                live = findWith(created);
            }
            for (int round = 1; ; round++) {
                Page keep = convergence.converge(live);
                PageWrite result;
                if (created != null && keep.id().equals(created.id())) {
                    result = new PageWrite("created", created.id(), url(created), "");
                } else {
                    Optional<String> newer = newerInNotion(keep);
                    if (newer.isPresent()) {
                        return new PageWrite("none", keep.id(), url(keep), "A newer state is already in Notion "
                                + "(its Updated is " + newer.get() + ", this event's object was updated "
                                + spec.updatedAt().orElse("") + "), so this stale delivery changed nothing.");
                    }
                    try {
                        result = update(keep);
                    } catch (NotionApiException e) {
                        if (!Convergence.trashedMeanwhile(e) || round >= MAX_ROUNDS) {
                            throw e;
                        }
                        // A concurrent run kept another page and trashed this one: look again.
                        LOG.info("Page {} was trashed by a concurrent run; looking again", keep.id());
                        live = find();
                        if (live.isEmpty()) {
                            created = create();
                            live = findWith(created);
                        }
                        continue;
                    }
                }
                if (live.size() == 1 || round >= MAX_ROUNDS) {
                    return result;
                }
                // Duplicates mean concurrent runs, which may still be creating pages. Look once more
                // after they settle, so that every run reports the page that survives.
                Retrier.sleep(SETTLE_MS, Retrier.Service.NOTION);
                List<Page> again = find();
                if (again.isEmpty() || Convergence.survivor(again).id().equals(keep.id())) {
                    convergence.converge(again);
                    return result;
                }
                live = again;
            }
        }

        /**
         * Relations, where the database has relation properties for this kind of page: read from
         * GitHub when the event did not carry them, checked against where each property points,
         * resolved to pages in one query per target data source. Costs nothing otherwise.
         */
        private void link(List<Page> live) {
            if (Relations.of(spec.category()).isEmpty()) {
                return;
            }
            Map<String, PropertySchema> types = live.isEmpty() ? dataSourceSchema()
                    : typesOf(Convergence.survivor(live)).orElseGet(this::dataSourceSchema);
            List<Field> present = new ArrayList<>(RelationLinks.present(spec, types, mapping));
            if (present.isEmpty()) {
                return;
            }
            if (present.remove(Field.TASKS) && !spec.values().containsKey(Field.TASKS)) {
                TaskLinks.find(notion, spec, dataSourceSchema(), mapping, linking.targets(), databaseId,
                        ds -> ds.equals(dataSourceId) ? dataSourceSchema() : notion.schema(ds)).ifPresent(found -> {
                    tasks = found;
                    spec = TaskLinks.linked(spec, found);
                });
            }
            if (present.isEmpty()) {
                return;
            }
            if (present.stream().noneMatch(f -> spec.values().get(f) instanceof PropertyValue.Relation)) {
                Map<Field, PropertyValue> read = linking.fromGitHub().apply(spec);
                if (read.isEmpty()) {
                    return;
                }
                spec = spec.withValues(read);
            }
            relationPages = RelationLinks.resolve(spec, dataSourceSchema(), databaseId, dataSourceId, mapping,
                    linking.targets(), new ExternalIdIndex(notion, externalIdProperty));
        }

        private PageWrite update(Page page) {
            Optional<Map<String, PropertySchema>> pageTypes = typesOf(page);
            SyncStateMerge.Result merged = merged(page, pageTypes.orElseGet(this::dataSourceSchema));
            Map<String, Object> properties = merged.properties();
            Page updated;
            try {
                updated = notion.updatePage(page.id(), properties);
            } catch (NotionApiException e) {
                if (e.status() != 400 || pageTypes.isEmpty()) {
                    throw e;
                }
                // A page lists no status options: the schema either explains the refusal (a
                // SyncException naming the fix) or gives the option's exact spelling to send again.
                Map<String, Object> fromSchema = merged(page, dataSourceSchema()).properties();
                if (fromSchema.equals(properties)) {
                    throw e;
                }
                updated = notion.updatePage(page.id(), fromSchema);
            }
            String note = merged.conflictNote();
            if (spec.replaceBody()) {
                String refused = replaceContent(page.id());
                note = note.isEmpty() ? refused : refused.isEmpty() ? note : note + " " + refused;
            }
            return new PageWrite("updated", page.id(), url(updated.url() != null ? updated : page), note);
        }

        /**
         * GitHub's values merged with the page's (a person's pending change in Notion stands, see
         * {@link SyncStateMerge}); a page with no snapshot of a field takes GitHub's value, as before.
         */
        private SyncStateMerge.Result merged(Page page, Map<String, PropertySchema> types) {
            return SyncStateMerge.over(properties(types), page, types, mapping, spec, false, Optional.empty());
        }

        /** Replaces the content after a body edit; a refusal is reported, the properties stay written. */
        private String replaceContent(String pageId) {
            try {
                contents.replaceContent(pageId, content());
                return "";
            } catch (NotionApiException e) {
                if (e.status() != 400) {
                    throw e;
                }
                return "The page's content was not replaced with the edited body, because Notion refused ("
                        + e.code() + "): it would delete child pages or databases inside the page. Move them "
                        + "out of the page to let the body sync again.";
            }
        }

        private NotionContent content() {
            return PageContent.content(spec);
        }

        /** The page's Updated, when it is later than the event's object: the event is stale. */
        private Optional<String> newerInNotion(Page page) {
            Optional<Instant> event = spec.updatedAt().flatMap(PageUpsert::instant);
            Optional<String> stored = storedUpdated(page, mapping);
            if (event.isPresent() && stored.flatMap(PageUpsert::instant).filter(s -> s.isAfter(event.get())).isPresent()) {
                return stored;
            }
            return Optional.empty();
        }

        private Map<String, Object> properties(Map<String, PropertySchema> schemaProperties) {
            return PageProperties.forDatabase(databaseId, spec, schemaProperties, mapping, people, lastSynced,
                    relationPages);
        }

        private Map<String, PropertySchema> dataSourceSchema() {
            if (schema == null) {
                schema = prefetch != null ? takePrefetch() : notion.schema(dataSourceId);
            }
            return schema;
        }

        private Map<String, PropertySchema> takePrefetch() {
            FutureTask<Map<String, PropertySchema>> task = prefetch;
            prefetch = null;
            try {
                return task.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryBudgetExhaustedException("The run was interrupted while reading the database's "
                        + "schema: nothing was written; run the job again.");
            }
        }

        /**
         * Live pages with this External ID. The filter names the property as the user configured it;
         * if Notion does not know that name, the schema gives its real spelling, or says what is missing.
         */
        private List<Page> find() {
            try {
                return notion.findByText(dataSourceId, externalIdProperty, spec.externalId());
            } catch (NotionApiException e) {
                if (e.status() != 400) {
                    throw e;
                }
                Map<String, PropertySchema> props = dataSourceSchema();
                properties(props); // names what the database lacks, if anything
                String actual = props.keySet().stream().filter(n -> n.equalsIgnoreCase(externalIdProperty))
                        .findFirst().orElseThrow(() -> e);
                if (actual.equals(externalIdProperty)) {
                    throw e;
                }
                externalIdProperty = actual;
                return notion.findByText(dataSourceId, externalIdProperty, spec.externalId());
            }
        }

        /** The live pages after our own create; the query index may lag behind it, so it is counted. */
        private List<Page> findWith(Page page) {
            List<Page> all = new ArrayList<>(find());
            if (all.stream().noneMatch(p -> p.id().equals(page.id()))) {
                all.add(page);
            }
            return all;
        }

        private Page create() {
            return contents.createLookingFirst(dataSourceId, merged(null, dataSourceSchema()).properties(), content(),
                    this::find);
        }
    }

    /**
     * The property types a page carries (Notion sends every property with its type), or empty
     * when it carries none or lacks a type: then only the schema can say.
     */
    static Optional<Map<String, PropertySchema>> typesOf(Page page) {
        if (page.properties() == null || page.properties().isEmpty()) {
            return Optional.empty();
        }
        Map<String, PropertySchema> types = new LinkedHashMap<>();
        for (var e : page.properties().entrySet()) {
            var type = e.getValue() == null ? null : e.getValue().get("type");
            if (type == null || !type.isString()) {
                return Optional.empty();
            }
            types.put(e.getKey(), PropertySchema.ofType(e.getKey(), type.getStringValue()));
        }
        return Optional.of(types);
    }

    /** The page's Updated date (in the user's name for it), as Notion holds it. */
    static Optional<String> storedUpdated(Page page, PageMapping mapping) {
        return page.property(mapping.propertyName(Field.UPDATED.defaultName())).flatMap(e -> {
            var date = e.getValue().get("date");
            var start = date == null || !date.isObject() ? null : date.get("start");
            return start != null && start.isString() ? Optional.of(start.getStringValue()) : Optional.empty();
        });
    }

    /** Creates are announced by opened/created events; only then is the schema read ahead of the query. */
    private static boolean likelyCreate(PageSpec spec) {
        String type = spec.eventType();
        return !spec.trash() && (type.endsWith(".opened") || type.endsWith(".created")
                || type.startsWith("workflow_dispatch"));
    }

    /** A date-time with an offset, or a plain date (midnight UTC). */
    static Optional<Instant> instant(String s) {
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (RuntimeException e) {
            try {
                return Optional.of(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (RuntimeException e2) {
                return Optional.empty();
            }
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
