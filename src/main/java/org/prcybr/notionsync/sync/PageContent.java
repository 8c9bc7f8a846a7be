package org.prcybr.notionsync.sync;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.markdown.GfmToNotion;
import org.prcybr.notionsync.markdown.NotionContent;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.OutcomeUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing a page's content: created with the page (its first chunk), replaced after a body edit,
 * the rest appended chunk by chunk. A create whose answer was lost is looked up, never re-sent blindly.
 */
public final class PageContent {
    private static final Logger LOG = LoggerFactory.getLogger(PageContent.class);
    private static final int CREATE_ATTEMPTS = 4;

    private final NotionClient notion;

    public PageContent(NotionClient notion) {
        this.notion = notion;
    }

    /**
     * Creates a page with its content, but never blindly re-sends a create whose outcome is
     * unknown: it looks for the page first ({@code lookup}) and only creates again when none exists.
     */
    Page createLookingFirst(String dataSourceId, Map<String, Object> properties, NotionContent content,
                            Supplier<List<Page>> lookup) {
        String first = content.isEmpty() ? "" : content.chunks().get(0);
        for (int attempt = 1; ; attempt++) {
            try {
                Page page = notion.createPage(dataSourceId, properties, first);
                appendRest(page.id(), content);
                return page;
            } catch (OutcomeUnknownException e) {
                if (attempt >= CREATE_ATTEMPTS) {
                    throw new SyncException("Notion did not confirm creating the page after " + attempt
                            + " attempts (" + e.getMessage() + "): re-run the job; it will not duplicate the page.");
                }
                LOG.info("Create outcome unknown ({}); checking whether the page exists before retrying", e.getMessage());
                List<Page> existing = lookup.get();
                if (!existing.isEmpty()) {
                    return Convergence.survivor(existing);
                }
            }
        }
    }

    /** Replaces a page's content: the first chunk replaces, the rest is appended. */
    void replaceContent(String pageId, NotionContent content) {
        notion.replaceContent(pageId, content.isEmpty() ? "" : content.chunks().get(0));
        appendRest(pageId, content);
    }

    private void appendRest(String pageId, NotionContent content) {
        for (int i = 1; i < content.chunks().size(); i++) {
            notion.appendContent(pageId, content.chunks().get(i));
        }
    }

    /** The page's content as Notion-flavoured markdown, in request-sized chunks. */
    static NotionContent content(PageSpec spec) {
        return new GfmToNotion(spec.repositoryUrl()).convert(spec.body().orElse(null));
    }
}
