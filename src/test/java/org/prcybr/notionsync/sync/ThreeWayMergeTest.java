package org.prcybr.notionsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.prcybr.notionsync.sync.ThreeWayMerge.Decision.CONFLICT_GITHUB_WINS;
import static org.prcybr.notionsync.sync.ThreeWayMerge.Decision.CONFLICT_NOTION_WINS;
import static org.prcybr.notionsync.sync.ThreeWayMerge.Decision.IN_SYNC;
import static org.prcybr.notionsync.sync.ThreeWayMerge.Decision.TAKE_GITHUB;
import static org.prcybr.notionsync.sync.ThreeWayMerge.Decision.TAKE_NOTION;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThreeWayMergeTest {
    private static final Instant T10_00 = Instant.parse("2026-11-30T10:00:00Z");

    private static ThreeWayMerge.Times times(String notionEdited, String githubUpdated, boolean person) {
        return new ThreeWayMerge.Times(Optional.of(Instant.parse(notionEdited)), Optional.of(Instant.parse(githubUpdated)), person);
    }

    private static final ThreeWayMerge.Times NOTION_OLDER = times("2026-11-30T10:00:00Z", "2026-11-30T10:03:00Z", true);
    private static final ThreeWayMerge.Times NOTION_NEWER = times("2026-11-30T10:05:00Z", "2026-11-30T10:03:00Z", true);

    @Test
    void equalSidesAreInSyncWhateverTheBase() {
        assertEquals(IN_SYNC, ThreeWayMerge.decide(Optional.of("open"), "done", "done", NOTION_OLDER));
        assertEquals(IN_SYNC, ThreeWayMerge.decide(Optional.empty(), "done", "done", NOTION_NEWER));
    }

    @Test
    void onlyGitHubChangedTakesGitHub() {
        assertEquals(TAKE_GITHUB, ThreeWayMerge.decide(Optional.of("open"), "open", "closed", NOTION_NEWER));
    }

    @Test
    void onlyNotionChangedTakesNotionEvenWhenGitHubIsNewer() {
        // A label added on GitHub at 10:03 does not undo the person's Status of 10:00.
        assertEquals(TAKE_NOTION, ThreeWayMerge.decide(Optional.of("open"), "done", "open", NOTION_OLDER));
    }

    @Test
    void bothChangedTheNewerWins() {
        assertEquals(CONFLICT_GITHUB_WINS, ThreeWayMerge.decide(Optional.of("open"), "done", "closed", NOTION_OLDER));
        assertEquals(CONFLICT_NOTION_WINS, ThreeWayMerge.decide(Optional.of("open"), "done", "closed", NOTION_NEWER));
    }

    @Test
    void withinNotionsMinuteThePersonsEditWins() {
        // Notion says 10:00 for an edit made any time before 10:01; GitHub changed at 10:00:40.
        assertEquals(CONFLICT_NOTION_WINS, ThreeWayMerge.decide(Optional.of("a"), "b", "c",
                times("2026-11-30T10:00:00Z", "2026-11-30T10:00:40Z", true)));
        assertEquals(CONFLICT_GITHUB_WINS, ThreeWayMerge.decide(Optional.of("a"), "b", "c",
                times("2026-11-30T10:00:00Z", "2026-11-30T10:01:00Z", true)));
    }

    @Test
    void withoutASnapshotOnlyAPersonsNewerEditStands() {
        assertEquals(TAKE_NOTION, ThreeWayMerge.decide(Optional.empty(), "done", "open", NOTION_NEWER));
        assertEquals(TAKE_GITHUB, ThreeWayMerge.decide(Optional.empty(), "done", "open", NOTION_OLDER));
        // The integration edited last: Notion's value is what it wrote, GitHub's is newer news.
        assertEquals(TAKE_GITHUB, ThreeWayMerge.decide(Optional.empty(), "done", "open",
                times("2026-11-30T10:05:00Z", "2026-11-30T10:03:00Z", false)));
        assertEquals(TAKE_GITHUB, ThreeWayMerge.decide(Optional.empty(), "done", "open", ThreeWayMerge.Times.UNKNOWN));
    }

    @Test
    void decisionsSayWhoWinsAndWhetherItWasAConflict() {
        assertEquals(true, TAKE_NOTION.notionWins());
        assertEquals(false, TAKE_NOTION.conflict());
        assertEquals(true, CONFLICT_GITHUB_WINS.conflict());
        assertEquals(false, CONFLICT_GITHUB_WINS.notionWins());
        assertEquals(T10_00, NOTION_OLDER.notionEdited().orElseThrow());
    }
}
