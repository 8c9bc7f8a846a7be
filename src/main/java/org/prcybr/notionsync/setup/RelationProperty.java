package org.prcybr.notionsync.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.mapping.Field;

/**
 * The relation properties setup declares (issue 17): each on the database of one role, pointing at
 * the data source of another (or its own), and for a two-way pair the name of the other side, which
 * Notion creates on the target. The sync paths fill them; this list only shapes the schema.
 *
 * <p>{@code Tasks} is not here: it points at the task-ID database, which is not a role (see
 * {@link DatabaseSetup}); it is declared with {@link #oneWay}.
 */
public enum RelationProperty {
    /** Issue → parent issue; Notion keeps {@code Sub-issues} as its other side (a self-relation). */
    PARENT(Field.PARENT, DatabaseRole.TASK_BACKLOG, DatabaseRole.TASK_BACKLOG, Field.SUB_ISSUES),
    /** Pull request → the issues it closes; Notion keeps {@code Pull Requests} on the issues as its other side. */
    ISSUES(Field.ISSUES, DatabaseRole.PROJECT_BOARD_BACKLOG, DatabaseRole.TASK_BACKLOG, Field.PULL_REQUESTS),
    /** Projects v2 item → its issue's page; one-way, as the item's content may live in either database. */
    CONTENT(Field.CONTENT, DatabaseRole.PROJECT_BOARD_BACKLOG, DatabaseRole.TASK_BACKLOG, null);

    private final String defaultName;
    private final DatabaseRole role;
    private final DatabaseRole target;
    private final String partnerDefaultName;

    RelationProperty(Field field, DatabaseRole role, DatabaseRole target, Field partner) {
        this.defaultName = field.defaultName();
        this.role = role;
        this.target = target;
        this.partnerDefaultName = partner == null ? null : partner.defaultName();
    }

    public String defaultName() {
        return defaultName;
    }

    /** The role whose database holds the property. */
    public DatabaseRole role() {
        return role;
    }

    /** The role whose data source the relation points at. */
    public DatabaseRole target() {
        return target;
    }

    /** The default name of the other side of a two-way pair, on the target; empty for a one-way relation. */
    public Optional<String> partnerDefaultName() {
        return Optional.ofNullable(partnerDefaultName);
    }

    boolean selfRelation() {
        return role == target;
    }

    /** The property configuration in the 2025-09-03 shape: always {@code data_source_id}, never {@code database_id}. */
    Map<String, Object> config(String targetDataSourceId, PageMapping mapping) {
        if (partnerDefaultName == null) {
            return oneWay(targetDataSourceId);
        }
        Map<String, Object> relation = new LinkedHashMap<>();
        relation.put("data_source_id", targetDataSourceId);
        relation.put("type", "dual_property");
        relation.put("dual_property", Map.of("synced_property_name", mapping.propertyName(partnerDefaultName)));
        return Map.of("relation", relation);
    }

    /** A one-way ({@code single_property}) relation to the data source. */
    static Map<String, Object> oneWay(String targetDataSourceId) {
        Map<String, Object> relation = new LinkedHashMap<>();
        relation.put("data_source_id", targetDataSourceId);
        relation.put("type", "single_property");
        relation.put("single_property", Map.of());
        return Map.of("relation", relation);
    }

    /** "Parent ⇄ Sub-issues" or "Content → Task Backlog", in the user's names, for the summary. */
    String describe(PageMapping mapping) {
        String name = mapping.propertyName(defaultName);
        return partnerDefaultName == null ? name + " → " + target.title()
                : name + " ⇄ " + mapping.propertyName(partnerDefaultName)
                        + (selfRelation() ? "" : " (" + target.title() + ")");
    }

    /** The relation sides the role's database holds (its own relations and the partners Notion keeps there), in the user's names. */
    static List<String> sidesOn(DatabaseRole role, PageMapping mapping) {
        List<String> names = new ArrayList<>();
        for (RelationProperty r : values()) {
            if (r.role == role) {
                names.add(mapping.propertyName(r.defaultName));
            }
            if (r.target == role && r.partnerDefaultName != null) {
                names.add(mapping.propertyName(r.partnerDefaultName));
            }
        }
        return names;
    }
}
