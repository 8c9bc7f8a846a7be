package org.prcybr.notionsync.sync;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;

/**
 * One page of a pull: what its object on GitHub would write (as a live event or a backfill would),
 * merged three ways with what the page holds; then, once GitHub took Notion's changes, the page
 * written from GitHub's new state with a fresh snapshot, so the next run finds nothing to do.
 */
public final class PagePull {
    private final NotionClient notion;
    private final PageMapping mapping;
    private final NotionPeople people;
    private final String lastSynced = PageUpsert.nowUtc();

    public PagePull(NotionClient notion, PageMapping mapping) {
        this.notion = notion;
        this.mapping = mapping;
        this.people = new NotionPeople(mapping, notion);
    }

    /**
     * The merge of the page with its object: which fields Notion's value wins (to be written to
     * GitHub), which GitHub's, which conflict.
     *
     * @param personEditedLast the page's last editor is not this integration (decides fields with no snapshot)
     */
    public SyncStateMerge.Result plan(Page page, Map<String, PropertySchema> types, PageSpec github,
                                      boolean personEditedLast) {
        return SyncStateMerge.over(body(github, types), page, types, mapping, github, personEditedLast,
                Optional.empty());
    }

    /**
     * Writes the page from its object's state on GitHub, keeping Notion's value for {@code keepNotion}
     * (changes GitHub did not take, reported by the caller), with a fresh snapshot.
     */
    public Page resync(Page page, Map<String, PropertySchema> types, PageSpec github, Set<String> keepNotion) {
        SyncStateMerge.Result merged = SyncStateMerge.over(body(github, types), page, types, mapping, github, false,
                Optional.of(keepNotion));
        return notion.updatePage(page.id(), merged.properties());
    }

    /** The GitHub login a Notion person stands for, through notion-user-map. */
    public Optional<String> loginOf(String notionUserId) {
        return people.loginOf(notionUserId);
    }

    private Map<String, Object> body(PageSpec github, Map<String, PropertySchema> types) {
        return PageProperties.build(github, types, mapping, people, lastSynced, (property, nodeIds) -> null);
    }

    /** The properties a page carries, with their types (a page from a query always carries them). */
    public static Map<String, PropertySchema> typesOf(Page page, Map<String, PropertySchema> fallback) {
        return PageUpsert.typesOf(page).orElse(fallback);
    }
}
