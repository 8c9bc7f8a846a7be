package org.prcybr.notionsync.github;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.prcybr.notionsync.mapping.GitHubDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects v2 item payloads carry no title, body or details: this reads the item's content (issue,
 * pull request or draft) and its field values through GraphQL, in one request. Any failure
 * leaves the readable fallback in place.
 */
@Singleton
public class ProjectItemDetails {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectItemDetails.class);

    private final GitHubGraphQlApi api;
    private final String path;

    public ProjectItemDetails(GitHubGraphQlApi api, @Property(name = "github.graphql-path") String path) {
        this.api = api;
        this.path = path;
    }

    public Optional<GitHubDetails> read(String itemNodeId, String token) {
        try {
            JsonNode response = api.query(path, "bearer " + token,
                    Map.of("query", GraphQlDocuments.PROJECT_ITEM, "variables", Map.of("item", itemNodeId)));
            JsonNode item = GraphQlPages.at(response, "data", "node");
            return GraphQlPages.details(item, GraphQlPages.text(GraphQlPages.at(item, "project"), "title"));
        } catch (RuntimeException e) {
            LOG.debug("GraphQL read of the project item failed: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
