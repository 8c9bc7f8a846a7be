package org.prcybr.notionsync.setup;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.prcybr.notionsync.config.NotionIds;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.Block;
import org.prcybr.notionsync.notion.NotionModels.Database;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.sync.NotionErrors;
import org.prcybr.notionsync.sync.PageUpsert;
import org.prcybr.notionsync.sync.SyncException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The setup mode: creates, under the root page, each database whose input is empty (a second run
 * finds them there by title and creates no duplicates), and adds the missing properties to the
 * databases that exist, the relations between them included. It never renames, retypes or deletes a property.
 *
 * <p>{@code Tasks} goes on the Task Backlog and the Project Board Backlog when the task-ID database
 * ({@code task-id-database}, else the Task Backlog) has a {@code unique_id} property with a prefix,
 * as the sync path links mentions only then.
 */
@Singleton
public class DatabaseSetup {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSetup.class);

    /**
     * What setup did for one role.
     *
     * @param relations the relation properties added, as "Parent ⇄ Sub-issues" or "Content → Task Backlog"
     * @param relationNotes relations setup found half there and left as they are, one sentence each
     * @param relationsSkipped why relations were not added because their target was not set up; empty when none were
     */
    public record Result(DatabaseRole role, String databaseId, String action, List<String> added,
                         List<String> conflicts, boolean statusAsSelect, boolean created,
                         List<String> relations, List<String> relationNotes, String relationsSkipped) {
    }

    /**
     * What setup did: each role's result, and warnings for the summary (at most the one sentence on
     * a task-id-database without a prefixed unique ID).
     */
    public record Outcome(List<Result> results, List<String> warnings) {
    }

    /**
     * Where {@code Tasks} points. The Task Backlog's schema decides when it is the task-ID database
     * (read there anyway); another database's is read once, before anything is written.
     */
    private static final class TaskTarget {
        /** task-id-database as set, or null. */
        final String explicitId;
        /** Whether the Task Backlog is the task-ID database. */
        final boolean taskBacklog;
        /** The task-ID data source once its schema shows a prefixed unique ID; null: no Tasks. */
        String dataSourceId;

        TaskTarget(String explicitId, boolean taskBacklog) {
            this.explicitId = explicitId;
            this.taskBacklog = taskBacklog;
        }

        boolean on(DatabaseRole role) {
            return dataSourceId != null
                    && (role == DatabaseRole.TASK_BACKLOG || role == DatabaseRole.PROJECT_BOARD_BACKLOG);
        }

        String describe(PageMapping mapping) {
            return mapping.propertyName(Field.TASKS.defaultName()) + " → "
                    + (taskBacklog ? DatabaseRole.TASK_BACKLOG.title() : Input.TASK_ID_DATABASE.id());
        }

        /** The one sentence for a task-id-database set explicitly without a prefixed unique ID. */
        String missingSentence() {
            return "Setup did not add Tasks: the " + Input.TASK_ID_DATABASE.id() + " " + explicitId + " has no "
                    + "unique ID property with a prefix; add one (such as TASK) to that database in Notion and run "
                    + "setup again.";
        }
    }

    /** A database set up in this run: its data source and its property types by lower-case name, kept current as setup adds to it. */
    private record KnownSchema(String dataSourceId, Map<String, String> types) {
        boolean has(String name) {
            return types.containsKey(name.toLowerCase(Locale.ROOT));
        }

        void add(String name, String type) {
            types.put(name.toLowerCase(Locale.ROOT), type);
        }
    }

    /** The relation properties to declare on one database, and what setup says about those it leaves alone. */
    private static final class RelationPlan {
        final Map<String, Object> properties = new LinkedHashMap<>();
        final List<String> added = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<RelationProperty> skipped = new ArrayList<>();
    }

    private final NotionClient notion;
    private final PageUpsert pages;

    public DatabaseSetup(NotionClient notion, PageUpsert pages) {
        this.notion = notion;
        this.pages = pages;
    }

    /**
     * @param configured the database ID of each role whose input is set
     * @param taskIdDatabase the task-id-database input's database ID, empty when not set
     * @throws SyncException when the root page or the task-id-database cannot be read: nothing is created then
     */
    public Outcome run(String pageId, Map<DatabaseRole, String> configured, PageMapping mapping,
                       String taskIdDatabase) {
        List<Block> children;
        try {
            children = notion.childDatabases(pageId);
        } catch (NotionApiException e) {
            if (e.status() == 404 || e.status() == 403) {
                throw new SyncException("The Notion page " + pageId + " (input notion-page-id) was not found or is not "
                        + "shared with the integration (" + e.status() + " " + e.code() + "): open the page in Notion, "
                        + "choose ... > Connections, add your integration, and run setup again. Nothing was created.");
            }
            throw e;
        }
        Map<DatabaseRole, String> ids = new EnumMap<>(DatabaseRole.class);
        for (DatabaseRole role : DatabaseRole.values()) {
            String id = configured.get(role);
            if (id == null) {
                id = children.stream()
                        .filter(b -> b.childDatabase() != null && role.title().equals(b.childDatabase().title()))
                        .findFirst().map(Block::id).orElse(null);
            }
            if (id != null) {
                ids.put(role, id);
            }
        }
        List<String> warnings = new ArrayList<>();
        TaskTarget tasks = taskTarget(taskIdDatabase, ids.get(DatabaseRole.TASK_BACKLOG), mapping, warnings);
        List<Result> results = new ArrayList<>();
        // Relations need their target's data source: roles are set up in order, the Task Backlog first,
        // so a relation is declared in the same request that creates or extends its database.
        Map<DatabaseRole, KnownSchema> ready = new EnumMap<>(DatabaseRole.class);
        for (DatabaseRole role : DatabaseRole.values()) {
            String id = ids.get(role);
            try {
                results.add(id == null ? create(pageId, role, mapping, ready, tasks)
                        : extend(id, role, mapping, ready, tasks, warnings));
            } catch (NotionApiException e) {
                throw new SyncException(NotionErrors.explain(e, id == null ? "(new) " + role.title() : id,
                        role.input().id(), mapping));
            }
        }
        return new Outcome(results, warnings);
    }

    /**
     * The task-ID database: the Task Backlog when task-id-database is empty or names it (its schema is
     * read as it is extended), else the named database, whose schema is read here (2 requests).
     */
    private TaskTarget taskTarget(String explicit, String taskBacklogId, PageMapping mapping, List<String> warnings) {
        String id = explicit == null || explicit.isBlank() ? null : explicit;
        if (id == null || NotionIds.same(id, taskBacklogId)) {
            return new TaskTarget(id, true);
        }
        TaskTarget target = new TaskTarget(id, false);
        try {
            String dataSourceId = pages.dataSourceOf(id);
            if (hasPrefixedUniqueId(notion.schema(dataSourceId))) {
                target.dataSourceId = dataSourceId;
            } else {
                warnings.add(target.missingSentence());
            }
        } catch (NotionApiException e) {
            throw new SyncException(NotionErrors.explain(e, id, Input.TASK_ID_DATABASE.id(), mapping));
        }
        return target;
    }

    /** Whether the schema has a unique_id property with a prefix, as the sync path needs to match TASK-42. */
    private static boolean hasPrefixedUniqueId(Map<String, PropertySchema> properties) {
        return properties != null && properties.values().stream()
                .anyMatch(p -> "unique_id".equals(p.type()) && p.uniqueId() != null && p.uniqueId().prefix() != null
                        && !p.uniqueId().prefix().isBlank());
    }

    private Result create(String pageId, DatabaseRole role, PageMapping mapping, Map<DatabaseRole, KnownSchema> ready,
                          TaskTarget tasks) {
        KnownSchema planned = new KnownSchema(null, types(DatabaseSchemas.forRole(role, mapping, false)));
        RelationPlan withCreate = plan(role, planned, ready, mapping, r -> !r.selfRelation());
        // A new Task Backlog has no unique ID: Tasks goes here only when it points at another database.
        planTasks(role, planned, tasks, mapping, withCreate);
        Database db;
        boolean asSelect = false;
        try {
            db = notion.createDatabase(pageId, role.title(), schema(role, mapping, false, withCreate));
        } catch (NotionApiException e) {
            if (e.status() != 400 || role == DatabaseRole.PERFORMANCE_LOG) {
                throw e;
            }
            // Notion's API has not always been able to create status properties: fall back to a select.
            LOG.info("Notion refused a status property ({}); creating Status as a select", e.code());
            db = notion.createDatabase(pageId, role.title(), schema(role, mapping, true, withCreate));
            asSelect = true;
        }
        List<String> relations = new ArrayList<>(withCreate.added);
        List<String> notes = new ArrayList<>(withCreate.notes);
        if (db.dataSources() != null && !db.dataSources().isEmpty()) {
            KnownSchema created = new KnownSchema(db.dataSources().get(0).id(), planned.types());
            ready.put(role, created);
            // A self-relation needs the data source's own ID, known only now.
            RelationPlan self = plan(role, created, ready, mapping, RelationProperty::selfRelation);
            if (!self.properties.isEmpty()) {
                addProperties(created.dataSourceId(), self.properties);
            }
            relations.addAll(self.added);
            notes.addAll(self.notes);
        }
        return new Result(role, db.id(), "created", List.of(), List.of(), asSelect, true, relations, notes,
                skippedSentence(role, withCreate.skipped, mapping));
    }

    private Result extend(String databaseId, DatabaseRole role, PageMapping mapping, Map<DatabaseRole, KnownSchema> ready,
                          TaskTarget tasks, List<String> warnings) {
        String dataSourceId = pages.dataSourceOf(databaseId);
        Map<String, PropertySchema> existing = notion.schema(dataSourceId);
        if (role == DatabaseRole.TASK_BACKLOG && tasks.taskBacklog) {
            if (hasPrefixedUniqueId(existing)) {
                tasks.dataSourceId = dataSourceId;
            } else if (tasks.explicitId != null) {
                warnings.add(tasks.missingSentence());
            }
        }
        Map<String, Object> schema = DatabaseSchemas.forRole(role, mapping, false);
        Map<String, Object> missing = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        List<String> names = new ArrayList<>(schema.keySet());
        names.addAll(RelationProperty.sidesOn(role, mapping));
        if (tasks.on(role)) {
            names.add(mapping.propertyName(Field.TASKS.defaultName()));
        }
        for (String name : names) {
            Optional<PropertySchema> have = existing.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
            List<String> accepted = DatabaseSchemas.acceptedTypes(role, mapping, name);
            if (have.isEmpty()) {
                // A database has exactly one title, whatever its name; relations are planned below.
                if (schema.containsKey(name) && !accepted.contains("title")) {
                    missing.put(name, schema.get(name));
                }
            } else if (!accepted.contains(have.get().type())) {
                conflicts.add("\"" + name + "\" is a " + have.get().type() + " property but must be "
                        + String.join(" or ", accepted));
            }
        }
        if (!conflicts.isEmpty()) {
            return new Result(role, databaseId, "left unchanged", List.of(), conflicts, false, false, List.of(),
                    List.of(), "");
        }
        Map<String, String> types = new LinkedHashMap<>();
        existing.forEach((name, p) -> types.put(name.toLowerCase(Locale.ROOT), p.type()));
        types.putAll(types(missing));
        KnownSchema known = new KnownSchema(dataSourceId, types);
        RelationPlan relations = plan(role, known, ready, mapping, r -> true);
        planTasks(role, known, tasks, mapping, relations);
        ready.put(role, known);
        String skipped = skippedSentence(role, relations.skipped, mapping);
        if (missing.isEmpty() && relations.properties.isEmpty()) {
            return new Result(role, databaseId, "unchanged", List.of(), List.of(), false, false, List.of(),
                    relations.notes, skipped);
        }
        Map<String, Object> body = new LinkedHashMap<>(missing);
        body.putAll(relations.properties);
        boolean asSelect = false;
        try {
            addProperties(dataSourceId, body);
        } catch (NotionApiException e) {
            String status = missing.keySet().stream()
                    .filter(n -> n.toLowerCase(Locale.ROOT).equals(mapping.propertyName("Status").toLowerCase(Locale.ROOT)))
                    .findFirst().orElse(null);
            if (e.status() != 400 || status == null || role == DatabaseRole.PERFORMANCE_LOG) {
                throw e;
            }
            body.put(status, DatabaseSchemas.config("select", DatabaseSchemas.statusOptions(mapping)));
            addProperties(dataSourceId, body);
            asSelect = true;
        }
        return new Result(role, databaseId, "extended", List.copyOf(missing.keySet()), List.of(), asSelect, false,
                relations.added, relations.notes, skipped);
    }

    /**
     * Adds properties to a data source. Whether Notion's API pairs a two-way relation within one
     * data source (Parent ⇄ Sub-issues) is not documented: if it refuses one, both sides are
     * declared one-way instead, which the sync fills itself (it writes every side from GitHub).
     * The body then holds what was sent, so a later retry keeps that shape.
     */
    private void addProperties(String dataSourceId, Map<String, Object> body) {
        try {
            notion.addProperties(dataSourceId, body);
        } catch (NotionApiException e) {
            Map<String, Object> oneWay = withOneWaySelfRelations(dataSourceId, body);
            if (e.status() != 400 || oneWay.equals(body)) {
                throw e;
            }
            notion.addProperties(dataSourceId, oneWay);
            body.clear();
            body.putAll(oneWay);
        }
    }

    /** The body with each two-way relation to its own data source split into two one-way ones. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withOneWaySelfRelations(String dataSourceId, Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>();
        body.forEach((name, config) -> {
            Object relation = config instanceof Map<?, ?> m ? m.get("relation") : null;
            if (relation instanceof Map<?, ?> r && dataSourceId.equals(r.get("data_source_id"))
                    && "dual_property".equals(r.get("type"))) {
                Object partner = ((Map<String, Object>) r.get("dual_property")).get("synced_property_name");
                out.put(name, oneWay(dataSourceId));
                if (partner != null) {
                    out.put(partner.toString(), oneWay(dataSourceId));
                }
            } else {
                out.put(name, config);
            }
        });
        return out;
    }

    private static Map<String, Object> oneWay(String dataSourceId) {
        Map<String, Object> relation = new LinkedHashMap<>();
        relation.put("data_source_id", dataSourceId);
        relation.put("type", "single_property");
        relation.put("single_property", Map.of());
        return Map.of("relation", relation);
    }

    /** The database's schema for create: its fields, then the relations whose targets exist. */
    private static Map<String, Object> schema(DatabaseRole role, PageMapping mapping, boolean statusAsSelect,
                                              RelationPlan relations) {
        Map<String, Object> props = DatabaseSchemas.forRole(role, mapping, statusAsSelect);
        props.putAll(relations.properties);
        return props;
    }

    /** Property types by lower-case name, of a schema about to be sent. */
    private static Map<String, String> types(Map<String, Object> schema) {
        Map<String, String> types = new LinkedHashMap<>();
        schema.forEach((name, config) -> types.put(name.toLowerCase(Locale.ROOT),
                ((Map<?, ?>) config).keySet().iterator().next().toString()));
        return types;
    }

    /**
     * The relations of the role to declare now. One that exists is left alone, whatever it points at
     * (a wrong type is a conflict found before). For a two-way pair whose other side exists alone,
     * declaring this side could make Notion add a second partner, so setup leaves that pair to the user.
     * Declared relations are recorded on both schemas, as Notion creates the other side of a pair.
     */
    private static RelationPlan plan(DatabaseRole role, KnownSchema own, Map<DatabaseRole, KnownSchema> ready,
                                     PageMapping mapping, Predicate<RelationProperty> which) {
        RelationPlan plan = new RelationPlan();
        for (RelationProperty rel : RelationProperty.values()) {
            if (rel.role() != role || !which.test(rel)) {
                continue;
            }
            String name = mapping.propertyName(rel.defaultName());
            KnownSchema target = rel.selfRelation() ? own : ready.get(rel.target());
            if (target == null) {
                plan.skipped.add(rel);
                continue;
            }
            Optional<String> partner = rel.partnerDefaultName().map(mapping::propertyName);
            String where = rel.selfRelation() ? "" : " in the " + rel.target().title();
            boolean partnerThere = partner.isPresent() && target.has(partner.get());
            if (own.has(name)) {
                if (partner.isPresent() && !partnerThere) {
                    plan.notes.add(name + " is there without " + partner.get() + where + ": left as it is (if its "
                            + "other side has another name, map it with property-names; if " + name
                            + " is one-way, make it two-way in Notion)");
                }
                continue;
            }
            if (partnerThere) {
                plan.notes.add(partner.get() + where + " is there without " + name + ": left as it is (make "
                        + partner.get() + " two-way in Notion, naming its other side " + name + ")");
                continue;
            }
            plan.properties.put(name, rel.config(target.dataSourceId(), mapping));
            plan.added.add(rel.describe(mapping));
            own.add(name, "relation");
            partner.ifPresent(p -> target.add(p, "relation"));
        }
        return plan;
    }

    /** Adds Tasks to the plan when the role's database should have it and has no property of that name yet. */
    private static void planTasks(DatabaseRole role, KnownSchema own, TaskTarget tasks, PageMapping mapping,
                                  RelationPlan plan) {
        String name = mapping.propertyName(Field.TASKS.defaultName());
        if (!tasks.on(role) || own.has(name)) {
            return; // one that exists is left alone, whatever it points at (a wrong type is a conflict found before)
        }
        plan.properties.put(name, RelationProperty.oneWay(tasks.dataSourceId));
        plan.added.add(tasks.describe(mapping));
        own.add(name, "relation");
    }

    /** One sentence on the relations not declared because the database they point at was not set up. */
    private static String skippedSentence(DatabaseRole role, List<RelationProperty> skipped, PageMapping mapping) {
        if (skipped.isEmpty()) {
            return "";
        }
        List<String> names = skipped.stream().map(r -> mapping.propertyName(r.defaultName())).toList();
        List<String> targets = skipped.stream().map(r -> "the " + r.target().title()).distinct().toList();
        return "Setup did not add " + String.join(" and ", names) + " to the " + role.title() + ": "
                + (names.size() == 1 ? "it points" : "they point") + " at " + String.join(" and ", targets)
                + ", which setup left unchanged; run setup again once that database is set up.";
    }
}
