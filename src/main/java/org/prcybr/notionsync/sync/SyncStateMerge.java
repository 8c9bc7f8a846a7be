package org.prcybr.notionsync.sync;

import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prcybr.notionsync.config.NotionIds;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.config.PullField;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.mapping.PropertyValue;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;
import org.prcybr.notionsync.notion.NotionText;
import org.prcybr.notionsync.notion.PropertyReader;

/**
 * The three-way merge applied to a properties body about to be written over a page, with the
 * snapshot kept in the database's Sync State property: every mode writes through it, so a live event never
 * overwrites a person's pending change, and the pull sees exactly what changed on which side.
 *
 * <p>Tracked fields are those {@code pull-fields} lists (project fields by name) and those the page's
 * snapshot already holds. After the write, the snapshot holds GitHub's value for each: a Notion
 * value kept over it therefore reads as "changed in Notion" until the pull carries it to GitHub.
 */
public final class SyncStateMerge {
    /** The snapshot key of a Projects v2 field, by its name. */
    static final String PROJECT_FIELD_KEY = "field:";

    /** One tracked field of one page: the decision, and both sides' values in Notion's terms. */
    public record FieldChange(String key, String property, ThreeWayMerge.Decision decision, PropertyValue notion,
                              PropertyValue github, boolean snapshotted) {
        /** GitHub's value replaces one a person set in Notion (a lost conflict, or no snapshot to tell). */
        public boolean pulledBack() {
            return decision == ThreeWayMerge.Decision.CONFLICT_GITHUB_WINS
                    || decision == ThreeWayMerge.Decision.TAKE_GITHUB && !snapshotted;
        }
    }

    /** The body to write (Notion's winning values left out, the new Sync State in) and each field's decision. */
    public record Result(Map<String, Object> properties, List<FieldChange> changes) {
        public List<FieldChange> notionWins() {
            return changes.stream().filter(c -> c.decision().notionWins()).toList();
        }

        public List<FieldChange> conflicts() {
            return changes.stream().filter(c -> c.decision().conflict()).toList();
        }

        /** A sentence for each conflict, for the run's warnings. */
        public String conflictNote() {
            List<String> parts = new ArrayList<>();
            for (FieldChange c : conflicts()) {
                parts.add(c.property() + " changed in Notion and on GitHub since the last sync; the "
                        + (c.decision().notionWins() ? "Notion" : "GitHub") + " change is newer and was kept");
            }
            return parts.isEmpty() ? "" : String.join("; ", parts) + ".";
        }
    }

    private SyncStateMerge() {
    }

    /** The Sync State property's actual name, when the database has one that can hold it. */
    public static Optional<String> syncStateProperty(Map<String, PropertySchema> types, PageMapping mapping) {
        String wanted = mapping.propertyName(Field.SYNC_STATE.defaultName());
        return types.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(wanted) && "rich_text".equals(e.getValue().type()))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The page's snapshot, empty when it has none. */
    public static SyncState snapshotOf(Page page, String syncStateProperty) {
        return page.property(syncStateProperty).map(e -> SyncState.parse(PropertyReader.plainText(
                e.getValue().get("rich_text")))).orElse(SyncState.empty());
    }

    /**
     * Merges and returns the body to write. With no Sync State property the body is returned as it is.
     *
     * @param page        the page written over; null for a create (GitHub's values, a fresh snapshot)
     * @param fieldNames  the Projects v2 field names the object has (its page's properties of those names)
     * @param keepNotion  when present, the decisions are made already: these keys keep Notion's value,
     *                    every other takes GitHub's (the pull's re-sync after writing to GitHub)
     */
    public static Result apply(Map<String, Object> body, Page page, Map<String, PropertySchema> types,
                               PageMapping mapping, Set<String> fieldNames, ThreeWayMerge.Times times,
                               Optional<Set<String>> keepNotion) {
        Optional<String> syncState = syncStateProperty(types, mapping);
        Map<String, Object> out = new LinkedHashMap<>(body);
        SyncState old = page == null || syncState.isEmpty() ? SyncState.empty() : snapshotOf(page, syncState.get());
        SyncState next = old;
        List<FieldChange> changes = new ArrayList<>();
        boolean unwritten = false;
        for (Map.Entry<String, String> tracked : tracked(types, mapping, fieldNames, old).entrySet()) {
            String key = tracked.getKey();
            Optional<String> written = out.keySet().stream().filter(k -> k.equalsIgnoreCase(tracked.getValue())).findFirst();
            if (written.isEmpty()) {
                unwritten = true;
                continue; // not written this time (a comment does not tell the state): the snapshot stands
            }
            JsonNode githubValue = JsonNode.from(out.get(written.get()));
            String github = PropertyReader.canonical(githubValue);
            if (syncState.isPresent()) {
                next = next.with(key, SyncState.hashOf(github));
            }
            if (page == null) {
                continue;
            }
            JsonNode notionValue = page.property(written.get()).map(Map.Entry::getValue).orElse(null);
            String notion = PropertyReader.canonical(notionValue);
            ThreeWayMerge.Decision decision;
            if (keepNotion.isPresent()) {
                decision = notion.equals(github) ? ThreeWayMerge.Decision.IN_SYNC : keepNotion.get().contains(key)
                        ? ThreeWayMerge.Decision.TAKE_NOTION : ThreeWayMerge.Decision.TAKE_GITHUB;
            } else if (old.hash(key).isEmpty()) {
                decision = ThreeWayMerge.decide(Optional.empty(), notion, github, times);
            } else {
                decision = ThreeWayMerge.decide(old.hash(key), SyncState.hashOf(notion), SyncState.hashOf(github), times);
            }
            if (decision.notionWins()) {
                out.remove(written.get());
            }
            changes.add(new FieldChange(key, written.get(), decision, PropertyReader.read(notionValue),
                    PropertyReader.read(githubValue), old.hash(key).isPresent()));
        }
        // Without a Sync State property nothing is snapshotted: a field with no snapshot takes GitHub's
        // value unless a person's newer edit says otherwise (which only a pull knows).
        // A Notion value kept over GitHub's is a change the pull still has to carry: say so.
        boolean pending = changes.stream().anyMatch(c -> c.decision().notionWins()) || unwritten && old.pending();
        if (syncState.isPresent()) {
            out.put(syncState.get(), Map.of("rich_text", NotionText.richText(next.withPending(pending).text())));
        }
        return new Result(out, changes);
    }

    /**
     * {@link #apply} for the object {@code github} over {@code page}: the times are the page's last
     * edit and the object's last change on GitHub, the project fields the object's.
     *
     * @param personEditedLast the page's last editor is not this integration (only a pull knows; it decides
     *                         fields with no snapshot)
     */
    public static Result over(Map<String, Object> body, Page page, Map<String, PropertySchema> types,
                              PageMapping mapping, PageSpec github, boolean personEditedLast,
                              Optional<Set<String>> keepNotion) {
        ThreeWayMerge.Times times = new ThreeWayMerge.Times(
                Optional.ofNullable(page == null ? null : page.lastEditedTime()).flatMap(PageUpsert::instant),
                github.updatedAt().flatMap(PageUpsert::instant), personEditedLast);
        return apply(body, page, types, mapping, github.fieldValues().keySet(), times, keepNotion);
    }

    /**
     * An action's own write to a page that is not a sync of its object (a mentioned task's Status
     * moved by its pull request): the snapshot takes the written values, so no run reads them as a
     * person's change to carry to GitHub.
     */
    static void ownWrite(Page page, Map<String, Object> body, PageMapping mapping) {
        Map<String, PropertySchema> types = PageUpsert.typesOf(page).orElse(Map.of());
        Optional<String> syncState = syncStateProperty(types, mapping);
        if (syncState.isEmpty()) {
            return;
        }
        SyncState old = snapshotOf(page, syncState.get());
        SyncState next = old;
        for (Map.Entry<String, String> tracked : tracked(types, mapping, Set.of(), old).entrySet()) {
            Optional<String> written = body.keySet().stream().filter(k -> k.equalsIgnoreCase(tracked.getValue())).findFirst();
            if (written.isPresent()) {
                next = next.with(tracked.getKey(), SyncState.hashOf(PropertyReader.canonical(JsonNode.from(body.get(written.get())))));
            }
        }
        if (next != old) {
            body.put(syncState.get(), Map.of("rich_text", NotionText.richText(next.text())));
        }
    }

    /**
     * Whether the page holds a Notion change to a tracked field: one that differs from its snapshot
     * or, where there is none, an edit by a person (anyone but {@code botUserId}).
     */
    public static boolean notionChanged(Page page, Map<String, PropertySchema> types, PageMapping mapping,
                                        String botUserId) {
        boolean personEditedLast = personEditedLast(page, botUserId);
        Optional<String> syncState = syncStateProperty(types, mapping);
        if (syncState.isEmpty()) {
            return personEditedLast;
        }
        SyncState old = snapshotOf(page, syncState.get());
        for (Map.Entry<String, String> tracked : tracked(types, mapping, Set.of(), old).entrySet()) {
            Optional<String> base = old.hash(tracked.getKey());
            Optional<JsonNode> value = page.property(tracked.getValue()).map(Map.Entry::getValue);
            if (value.isEmpty()) {
                continue;
            }
            if (base.isEmpty() ? personEditedLast
                    : !base.get().equals(SyncState.hashOf(PropertyReader.canonical(value.get())))) {
                return true;
            }
        }
        return false;
    }

    /** Snapshot key to property name, for the fields tracked on a page of this database. */
    static Map<String, String> tracked(Map<String, PropertySchema> types, PageMapping mapping, Set<String> fieldNames,
                                       SyncState old) {
        Map<String, String> keys = new LinkedHashMap<>();
        Set<PullField> fields = mapping.pullFields();
        for (PullField f : PullField.values()) {
            if (!fields.contains(f) && !old.keys().contains(f.id())) {
                continue;
            }
            if (f == PullField.TITLE) {
                titleProperty(types).ifPresent(name -> keys.put(f.id(), name));
            }
            f.field().ifPresent(field -> keys.put(f.id(), mapping.propertyName(field.defaultName())));
        }
        // A project's own "Status" or "Title" field is not the page's: those properties are the action's.
        Set<String> own = PageProperties.ownNames(mapping);
        if (fields.contains(PullField.PROJECT_FIELDS)) {
            fieldNames.stream().filter(name -> !own.contains(name.toLowerCase(Locale.ROOT)))
                    .forEach(name -> keys.put(PROJECT_FIELD_KEY + name.toLowerCase(Locale.ROOT), name));
        }
        for (String key : old.keys()) {
            if (key.startsWith(PROJECT_FIELD_KEY) && !keys.containsKey(key)
                    && !own.contains(key.substring(PROJECT_FIELD_KEY.length()))) {
                types.keySet().stream().filter(n -> (PROJECT_FIELD_KEY + n.toLowerCase(Locale.ROOT)).equals(key))
                        .findFirst().ifPresent(name -> keys.put(key, name));
            }
        }
        return keys;
    }

    /** The name of the database's title property. */
    public static Optional<String> titleProperty(Map<String, PropertySchema> types) {
        return types.entrySet().stream().filter(e -> "title".equals(e.getValue().type())).map(Map.Entry::getKey).findFirst();
    }

    /** Whether the page's last editor is someone other than this integration's bot (a person, another integration). */
    public static boolean personEditedLast(Page page, String botUserId) {
        return page.lastEditedBy() != null && page.lastEditedBy().id() != null
                && !NotionIds.same(page.lastEditedBy().id(), botUserId);
    }
}
