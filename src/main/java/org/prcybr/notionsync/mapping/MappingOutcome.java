package org.prcybr.notionsync.mapping;

import java.util.Optional;

/** The result of mapping an event: a page to write, or a reason to do nothing. */
public sealed interface MappingOutcome {
    String eventType();

    /** A page to write and, for a comment event, the comment to mirror on it. */
    record Mapped(PageSpec page, Optional<GitHubComment> comment) implements MappingOutcome {
        public Mapped(PageSpec page) {
            this(page, Optional.empty());
        }

        @Override
        public String eventType() {
            return page.eventType();
        }
    }

    record Skipped(String eventType, String reason) implements MappingOutcome {
    }
}
