package org.prcybr.notionsync.sync;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page per object, whatever concurrent runs did: of several live pages for one External ID,
 * every run keeps the same survivor (earliest created, then smallest id) and trashes the rest.
 */
public final class Convergence {
    private static final Logger LOG = LoggerFactory.getLogger(Convergence.class);
    /** Every run must order pages the same way for all of them to keep the same one. */
    static final Comparator<Page> SURVIVOR_ORDER = Comparator
            .comparing((Page p) -> createdAt(p))
            .thenComparing(Page::id);

    private final NotionClient notion;

    public Convergence(NotionClient notion) {
        this.notion = notion;
    }

    /** A page gone since it was found: a concurrent run kept another one and trashed it. */
    static boolean trashedMeanwhile(NotionApiException e) {
        String message = e.notionMessage() == null ? "" : e.notionMessage().toLowerCase(java.util.Locale.ROOT);
        return e.status() == 404 || (e.status() == 400 && (message.contains("archived") || message.contains("trash")));
    }

    /** Keeps the survivor and trashes the other live pages for the same object. */
    Page converge(List<Page> pages) {
        if (pages.isEmpty()) {
            return null;
        }
        Page keep = survivor(pages);
        for (Page p : pages) {
            if (!p.id().equals(keep.id())) {
                LOG.info("Trashing duplicate page {} (keeping {})", p.id(), keep.id());
                try {
                    notion.trashPage(p.id());
                } catch (NotionApiException e) {
                    if (!trashedMeanwhile(e)) {
                        throw e;
                    }
                }
            }
        }
        return keep;
    }

    static Page survivor(List<Page> pages) {
        return pages.stream().min(SURVIVOR_ORDER).orElseThrow();
    }

    private static Instant createdAt(Page p) {
        return p.createdTime() == null ? Instant.MAX : PageUpsert.instant(p.createdTime()).orElse(Instant.MAX);
    }
}
