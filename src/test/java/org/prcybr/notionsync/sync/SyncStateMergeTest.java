package org.prcybr.notionsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.tree.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.config.PullField;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.NotionModels.PartialUser;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;

/** The merge on a properties body, as the live sync, the backfill and the pull apply it. */
class SyncStateMergeTest {
    private static final String BOT = "99999999-8888-4777-8666-555555555555";
    private static final PageMapping STATUS_AND_LABELS = new PageMapping(Map.of(), Map.of("closed", "Done"), Map.of(),
            Map.of(), Set.of(PullField.STATUS, PullField.LABELS));
    private static final Map<String, PropertySchema> TYPES = Map.of(
            "Name", PropertySchema.ofType("Name", "title"),
            "Status", PropertySchema.ofType("Status", "status"),
            "Labels", PropertySchema.ofType("Labels", "multi_select"),
            "Sync State", PropertySchema.ofType("Sync State", "rich_text"));

    private static Map<String, Object> github(String status, List<String> labels) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", Map.of("title", List.of(Map.of("type", "text", "text", Map.of("content", "Bug")))));
        body.put("Status", Map.of("status", Map.of("name", status)));
        body.put("Labels", Map.of("multi_select", labels.stream().map(l -> Map.of("name", l)).toList()));
        return body;
    }

    /** A page as Notion returns it, holding these values, its snapshot those of {@code synced}. */
    private static Page page(String status, List<String> labels, String snapshot, String editor, String edited) {
        Map<String, JsonNode> props = new LinkedHashMap<>();
        github(status, labels).forEach((k, v) -> props.put(k, JsonNode.from(v)));
        props.put("Sync State", JsonNode.from(Map.of("type", "rich_text", "rich_text",
                List.of(Map.of("type", "text", "text", Map.of("content", snapshot), "plain_text", snapshot)))));
        return new Page("p1", "https://www.notion.so/p1", null, false, props, edited, new PartialUser(editor));
    }

    private static String snapshotOf(String status, List<String> labels) {
        var r = SyncStateMerge.apply(github(status, labels), null, TYPES, STATUS_AND_LABELS, Set.of(),
                ThreeWayMerge.Times.UNKNOWN, Optional.empty());
        return JsonNode.from(r.properties().get("Sync State")).get("rich_text").get(0).get("text").get("content").getStringValue();
    }

    private static ThreeWayMerge.Times times(String edited, String updated) {
        return new ThreeWayMerge.Times(Optional.of(Instant.parse(edited)), Optional.of(Instant.parse(updated)), false);
    }

    @Test
    void aCreateTakesGitHubsValuesWithTheirSnapshot() {
        String snapshot = snapshotOf("Open", List.of("bug"));
        assertTrue(snapshot.startsWith("sync1;status="), snapshot);
        assertTrue(snapshot.contains(";labels="), snapshot);
        // Option names and sets compare without case and order.
        assertEquals(snapshot, snapshotOf("open", List.of("BUG")));
    }

    @Test
    void aPersonsPendingStatusSurvivesALiveEventThatChangedSomethingElse() {
        String synced = snapshotOf("Open", List.of("bug"));
        Page page = page("Done", List.of("bug"), synced, FakePerson.ID, "2026-11-30T10:00:00Z");
        // GitHub: still open, a label added at 10:03.
        var r = SyncStateMerge.apply(github("Open", List.of("bug", "ui")), page, TYPES, STATUS_AND_LABELS, Set.of(),
                times("2026-11-30T10:00:00Z", "2026-11-30T10:03:00Z"), Optional.empty());
        assertFalse(r.properties().containsKey("Status"), "the person's Done is not overwritten");
        assertTrue(r.properties().containsKey("Labels"));
        assertEquals(List.of("status"), r.notionWins().stream().map(SyncStateMerge.FieldChange::key).toList());
        // The snapshot now holds GitHub's Open: the pull still sees Done as a change made in Notion,
        // and the snapshot says a change is pending, so the pull's query finds the page the bot edited last.
        String kept = JsonNode.from(r.properties().get("Sync State")).get("rich_text").get(0).get("text").get("content")
                .getStringValue();
        assertTrue(kept.endsWith(";" + SyncState.PENDING), kept);
        Page after = page("Done", List.of("bug", "ui"), kept, BOT, "2026-11-30T10:04:00Z");
        assertTrue(SyncStateMerge.notionChanged(after, TYPES, STATUS_AND_LABELS, BOT));
        // Once GitHub holds Done too, nothing is pending.
        var inSync = SyncStateMerge.apply(github("Done", List.of("bug", "ui")), after, TYPES, STATUS_AND_LABELS,
                Set.of(), ThreeWayMerge.Times.UNKNOWN, Optional.empty());
        assertFalse(JsonNode.from(inSync.properties().get("Sync State")).get("rich_text").get(0).get("text")
                .get("content").getStringValue().contains(SyncState.PENDING));
    }

    @Test
    void bothChangedTheNewerWinsAndTheConflictIsNamed() {
        String synced = snapshotOf("Open", List.of("bug"));
        Page page = page("Done", List.of("bug"), synced, FakePerson.ID, "2026-11-30T10:00:00Z");
        var r = SyncStateMerge.apply(github("Closed", List.of("bug")), page, TYPES, STATUS_AND_LABELS, Set.of(),
                times("2026-11-30T10:00:00Z", "2026-11-30T10:05:00Z"), Optional.empty());
        assertTrue(r.properties().containsKey("Status"));
        assertEquals(1, r.conflicts().size());
        assertTrue(r.conflictNote().contains("GitHub change is newer"), r.conflictNote());
    }

    @Test
    void anUnchangedPageIsNoCandidateEvenIfAPersonEditedItLast() {
        String synced = snapshotOf("Open", List.of("bug"));
        assertFalse(SyncStateMerge.notionChanged(page("Open", List.of("bug"), synced, FakePerson.ID,
                "2026-11-30T10:00:00Z"), TYPES, STATUS_AND_LABELS, BOT));
    }

    @Test
    void withoutSyncStateTheLastEditorDecides() {
        Map<String, PropertySchema> noSyncState = new LinkedHashMap<>(TYPES);
        noSyncState.remove("Sync State");
        assertTrue(SyncStateMerge.notionChanged(page("Done", List.of(), "", FakePerson.ID, "2026-11-30T10:00:00Z"),
                noSyncState, STATUS_AND_LABELS, BOT));
        assertFalse(SyncStateMerge.notionChanged(page("Done", List.of(), "", BOT, "2026-11-30T10:00:00Z"),
                noSyncState, STATUS_AND_LABELS, BOT));
        var r = SyncStateMerge.apply(github("Open", List.of()), page("Done", List.of(), "", BOT, "2026-11-30T10:00:00Z"),
                noSyncState, STATUS_AND_LABELS, Set.of(), ThreeWayMerge.Times.UNKNOWN, Optional.empty());
        assertFalse(r.properties().containsKey("Sync State"));
        assertTrue(r.properties().containsKey("Status"), "no snapshot, no merge: written as before");
    }

    @Test
    void theResyncKeepsOnlyWhatGitHubDidNotTake() {
        String synced = snapshotOf("Open", List.of("bug"));
        Page page = page("Done", List.of("bug", "nope"), synced, FakePerson.ID, "2026-11-30T10:00:00Z");
        var r = SyncStateMerge.apply(github("Done", List.of("bug")), page, TYPES, STATUS_AND_LABELS, Set.of(),
                ThreeWayMerge.Times.UNKNOWN, Optional.of(Set.of("labels")));
        assertFalse(r.properties().containsKey("Labels"), "the unknown label stays in Notion, reported");
        assertTrue(r.properties().containsKey("Status"));
    }

    @Test
    void aGarbledSnapshotReadsAsNone() {
        assertTrue(SyncState.parse("someone typed here").keys().isEmpty());
        assertTrue(SyncState.parse("sync1;status").keys().isEmpty());
        SyncState s = SyncState.parse(SyncState.empty().with("field:sprint week", "abcd1234").text());
        assertEquals(Optional.of("abcd1234"), s.hash("field:sprint week"));
    }

    /** A person's user id. */
    private static final class FakePerson {
        static final String ID = "12345678-aaaa-4bbb-8ccc-1234567890ab";
    }
}
