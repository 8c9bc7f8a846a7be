package org.prcybr.notionsync.mapping;

import java.util.Optional;

/**
 * What one GitHub event means for Notion, before any schema is known: the page's values, and
 * whether the page should be moved to trash instead.
 *
 * @param eventType      {@code issues.opened} style name used in telemetry
 * @param title          the object's title, untrusted text
 * @param open           GitHub state: open, or closed/merged
 * @param sourceUrl      the object's html_url, or empty when the payload has none
 * @param externalId     the GraphQL node id (or run-derived id) that identifies the page
 * @param merged         for pull requests, whether the PR was merged
 * @param trash          the object was deleted on GitHub
 * @param contentNodeId  for Projects v2 items, the node whose title a GitHub token can resolve
 */
public record PageSpec(String eventType, Category category, String title, boolean open, String sourceUrl,
                       String externalId, Optional<Boolean> merged, boolean trash,
                       Optional<String> contentNodeId) {

    public String statusName() {
        return open ? "Open" : "Closed";
    }

    public PageSpec withTitleAndUrl(String newTitle, String newUrl) {
        return new PageSpec(eventType, category, newTitle, open, newUrl.isEmpty() ? sourceUrl : newUrl,
                externalId, merged, trash, contentNodeId);
    }
}
