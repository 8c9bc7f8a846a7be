package org.prcybr.notionsync.github;

import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.prcybr.notionsync.mapping.GitHubDetails;
import org.prcybr.notionsync.mapping.JsonValues;

/**
 * Projects v2 item payloads carry no title, body or details: this reads the item's content (issue,
 * pull request or draft) and its field values through GraphQL, in one request, retried as every
 * GitHub request is. A refusal ({@link GitHubException}) is the caller's to report; anything else
 * that goes wrong is a fault and is not hidden.
 */
@Singleton
public class ProjectItemDetails {
    private final GitHubClient github;

    public ProjectItemDetails(GitHubClient github) {
        this.github = github;
    }

    /** The item's details, or empty when GitHub has the item but no readable content for it. */
    public Optional<GitHubDetails> read(String itemNodeId) {
        JsonNode data = github.query("Projects v2 item " + itemNodeId, GraphQlDocuments.PROJECT_ITEM,
                Map.of("item", itemNodeId));
        JsonNode item = data == null ? null : data.get("node");
        return GraphQlPages.details(item, JsonValues.text(item, "project", "title"));
    }
}
