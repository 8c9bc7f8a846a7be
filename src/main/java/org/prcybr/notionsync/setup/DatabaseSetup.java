package org.prcybr.notionsync.setup;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * databases that exist. It never renames, retypes or deletes a property.
 */
@Singleton
public class DatabaseSetup {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSetup.class);

    /** What setup did for one role. */
    public record Result(DatabaseRole role, String databaseId, String action, List<String> added,
                         List<String> conflicts, boolean statusAsSelect, boolean created) {
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
        for (DatabaseRole role : DatabaseRole.values()) {
            String id = configured.get(role);
            if (id == null) {
                Optional<Block> existing = children.stream()
                        .filter(b -> b.childDatabase() != null && role.title().equals(b.childDatabase().title()))
                        .findFirst();
                id = existing.map(Block::id).orElse(null);
            }
            try {
                results.add(id == null ? create(pageId, role, mapping) : extend(id, role, mapping));
            } catch (NotionApiException e) {
                throw new SyncException(NotionErrors.explain(e, id == null ? "(new) " + role.title() : id,
                        role.input().id(), mapping));
            }
        }
        return results;
    }

    private Result create(String pageId, DatabaseRole role, PageMapping mapping) {
        Database db;
        boolean asSelect = false;
        try {
            db = notion.createDatabase(pageId, role.title(), DatabaseSchemas.forRole(role, mapping, false));
        } catch (NotionApiException e) {
            if (e.status() != 400 || role == DatabaseRole.PERFORMANCE_LOG) {
                throw e;
            }
            // Notion's API has not always been able to create status properties: fall back to a select.
            LOG.info("Notion refused a status property ({}); creating Status as a select", e.code());
            db = notion.createDatabase(pageId, role.title(), DatabaseSchemas.forRole(role, mapping, true));
            asSelect = true;
        }
        return new Result(role, db.id(), "created", List.of(), List.of(), asSelect, true);
    }

    private Result extend(String databaseId, DatabaseRole role, PageMapping mapping) {
        String dataSourceId = pages.dataSourceOf(databaseId);
        DataSource ds = notion.dataSource(dataSourceId);
        Map<String, PropertySchema> existing = ds.properties() == null ? Map.of() : ds.properties();
        Map<String, Object> missing = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        DatabaseSchemas.forRole(role, mapping, false).forEach((name, config) -> {
            Optional<PropertySchema> have = existing.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
            List<String> accepted = DatabaseSchemas.acceptedTypes(role, mapping, name);
            if (have.isEmpty()) {
                if (!accepted.contains("title")) { // a database has exactly one title, whatever its name
                    missing.put(name, config);
                }
            } else if (!accepted.contains(have.get().type())) {
                conflicts.add("\"" + name + "\" is a " + have.get().type() + " property but must be "
                        + String.join(" or ", accepted));
            }
        });
        if (!conflicts.isEmpty()) {
            return new Result(role, databaseId, "left unchanged", List.of(), conflicts, false, false);
        }
        if (missing.isEmpty()) {
            return new Result(role, databaseId, "unchanged", List.of(), List.of(), false, false);
        }
        boolean asSelect = false;
        try {
            notion.addProperties(dataSourceId, missing);
        } catch (NotionApiException e) {
            String status = missing.keySet().stream()
                    .filter(n -> n.toLowerCase(Locale.ROOT).equals(mapping.propertyName("Status").toLowerCase(Locale.ROOT)))
                    .findFirst().orElse(null);
            if (e.status() != 400 || status == null || role == DatabaseRole.PERFORMANCE_LOG) {
                throw e;
            }
            missing.put(status, DatabaseSchemas.config("select", DatabaseSchemas.statusOptions(mapping)));
            notion.addProperties(dataSourceId, missing);
            asSelect = true;
        }
        return new Result(role, databaseId, "extended", List.copyOf(missing.keySet()), List.of(), asSelect, false);
    }
}
