package org.prcybr.notionsync.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The field-level three-way merge of two-way sync, with the last-synced snapshot as base: a side
 * that still holds the base did not change, so the other side's change is taken; when both
 * changed, the newer change wins. Pure: values are compared as given (canonical forms or hashes).
 */
public final class ThreeWayMerge {
    /** Notion keeps edit times to the minute (rounded down): its edit may be up to this much later. */
    static final Duration NOTION_TIME_GRAIN = Duration.ofMinutes(1);

    /** What a field gets. */
    public enum Decision {
        /** Both sides hold the same value. */
        IN_SYNC(false, false),
        /** Only GitHub changed (or nothing says Notion's value is a person's): Notion takes GitHub's value. */
        TAKE_GITHUB(false, false),
        /** Only Notion changed: GitHub takes Notion's value, Notion keeps it. */
        TAKE_NOTION(true, false),
        /** Both changed, GitHub's change is newer: Notion takes it, and the conflict is reported. */
        CONFLICT_GITHUB_WINS(false, true),
        /** Both changed, Notion's change is newer: GitHub takes it, and the conflict is reported. */
        CONFLICT_NOTION_WINS(true, true);

        private final boolean notionWins;
        private final boolean conflict;

        Decision(boolean notionWins, boolean conflict) {
            this.notionWins = notionWins;
            this.conflict = conflict;
        }

        /** Notion's value stands: it is not overwritten, and it is what GitHub should hold. */
        public boolean notionWins() {
            return notionWins;
        }

        public boolean conflict() {
            return conflict;
        }
    }

    /** When each side last changed, and whether a person (not this integration) edited the page last. */
    public record Times(Optional<Instant> notionEdited, Optional<Instant> githubUpdated, boolean personEditedLast) {
        public static final Times UNKNOWN = new Times(Optional.empty(), Optional.empty(), false);

        /**
         * Whether Notion's edit is the newer one. A tie within Notion's minute goes to Notion: the
         * person's edit may be the later one, and losing it is the worse mistake.
         */
        boolean notionNewer() {
            if (notionEdited.isEmpty()) {
                return false;
            }
            return githubUpdated.isEmpty() || githubUpdated.get().isBefore(notionEdited.get().plus(NOTION_TIME_GRAIN));
        }
    }

    private ThreeWayMerge() {
    }

    /**
     * @param base   the snapshot, empty when the field was never snapshotted (then the page's last
     *               editor decides: a person's newer edit stands, anything else takes GitHub's value)
     * @param notion the value Notion holds
     * @param github the value GitHub has, as it would be written to Notion
     */
    public static Decision decide(Optional<String> base, String notion, String github, Times times) {
        if (notion.equals(github)) {
            return Decision.IN_SYNC;
        }
        if (base.isEmpty()) {
            return times.personEditedLast() && times.notionNewer() ? Decision.TAKE_NOTION : Decision.TAKE_GITHUB;
        }
        if (notion.equals(base.get())) {
            return Decision.TAKE_GITHUB;
        }
        if (github.equals(base.get())) {
            return Decision.TAKE_NOTION;
        }
        return times.notionNewer() ? Decision.CONFLICT_NOTION_WINS : Decision.CONFLICT_GITHUB_WINS;
    }
}
