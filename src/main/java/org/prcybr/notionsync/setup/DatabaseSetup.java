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
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.Block;
import org.prcybr.notionsync.notion.NotionModels.DataSource;
import org.prcybr.notionsync.notion.NotionModels.Database;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;
import org.prcybr.notionsync.sync.NotionErrors;
import org.prcybr.notionsync.sync.PageUpsert;
import org.prcybr.notionsync.sync.SyncException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The setup mode: creates, under the root page, each database whose input is empty (a second run
 * finds them there by title and creates no duplicates), and adds the missing properties to the
 * databases that exist, the relations between them included. It never renames, retypes or deletes a property.
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
     * @throws SyncException when the root page cannot be read: nothing is created then
     */
    public List<Result> run(String pageId, Map<DatabaseRole, String> configured, PageMapping mapping) {
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
        List<Result> results = new ArrayList<>();
        // Relations need their target's data source: roles are set up in order, the Task Backlog first,
        // so a relation is declared in the same request that creates or extends its database.
        Map<DatabaseRole, KnownSchema> ready = new EnumMap<>(DatabaseRole.class);
        for (DatabaseRole role : DatabaseRole.values()) {
            String id = configured.get(role);
            if (id == null) {
                Optional<Block> existing = children.stream()
                        .filter(b -> b.childDatabase() != null && role.title().equals(b.childDatabase().title()))
                        .findFirst();
                id = existing.map(Block::id).orElse(null);
            }
            try {
                results.add(id == null ? create(pageId, role, mapping, ready) : extend(id, role, mapping, ready));
            } catch (NotionApiException e) {
                throw new SyncException(NotionErrors.explain(e, id == null ? "(new) " + role.title() : id,
                        role.input().id(), mapping));
            }
        }
        return results;
    }

    private Result create(String pageId, DatabaseRole role, PageMapping mapping, Map<DatabaseRole, KnownSchema> ready) {
        KnownSchema planned = new KnownSchema(null, types(DatabaseSchemas.forRole(role, mapping, false)));
        RelationPlan withCreate = plan(role, planned, ready, mapping, r -> !r.selfRelation());
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
                notion.addProperties(created.dataSourceId(), self.properties);
            }
            relations.addAll(self.added);
            notes.addAll(self.notes);
        }
        return new Result(role, db.id(), "created", List.of(), List.of(), asSelect, true, relations, notes,
                skippedSentence(role, withCreate.skipped, mapping));
    }

    private Result extend(String databaseId, DatabaseRole role, PageMapping mapping, Map<DatabaseRole, KnownSchema> ready) {
        String dataSourceId = pages.dataSourceOf(databaseId);
        DataSource ds = notion.dataSource(dataSourceId);
        Map<String, PropertySchema> existing = ds.properties() == null ? Map.of() : ds.properties();
        Map<String, Object> schema = DatabaseSchemas.forRole(role, mapping, false);
        Map<String, Object> missing = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        List<String> names = new ArrayList<>(schema.keySet());
        names.addAll(RelationProperty.sidesOn(role, mapping));
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
            notion.addProperties(dataSourceId, body);
        } catch (NotionApiException e) {
            String status = missing.keySet().stream()
                    .filter(n -> n.toLowerCase(Locale.ROOT).equals(mapping.propertyName("Status").toLowerCase(Locale.ROOT)))
                    .findFirst().orElse(null);
            if (e.status() != 400 || status == null || role == DatabaseRole.PERFORMANCE_LOG) {
                throw e;
            }
            body.put(status, DatabaseSchemas.config("select", DatabaseSchemas.statusOptions(mapping)));
            notion.addProperties(dataSourceId, body);
            asSelect = true;
        }
        return new Result(role, databaseId, "extended", List.copyOf(missing.keySet()), List.of(), asSelect, false,
                relations.added, relations.notes, skipped);
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
