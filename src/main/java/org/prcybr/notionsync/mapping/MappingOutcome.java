package org.prcybr.notionsync.mapping;

/** The result of mapping an event: a page to write, or a reason to do nothing. */
public sealed interface MappingOutcome {
    String eventType();

    record Mapped(PageSpec page) implements MappingOutcome {
        @Override
        public String eventType() {
            return page.eventType();
        }
    }

    record Skipped(String eventType, String reason) implements MappingOutcome {
    }
}
