package org.prcybr.notionsync.github;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects v2 item payloads carry no title: this looks up the item's content (issue, pull request
 * or draft) through GraphQL. Any failure leaves the readable fallback title in place.
 */
@Singleton
public class ProjectItemTitles {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectItemTitles.class);
    private static final String QUERY = "query($id: ID!) { node(id: $id) { __typename "
            + "... on Issue { title url } ... on PullRequest { title url } ... on DraftIssue { title } } }";

    /** A resolved title and, where the content has one, its URL. */
    public record Content(String title, String url) {
    }

    private final GitHubGraphQlApi api;
    private final String path;

    public ProjectItemTitles(GitHubGraphQlApi api, @Property(name = "github.graphql-path") String path) {
        this.api = api;
        this.path = path;
    }

    public Optional<Content> resolve(String contentNodeId, String token) {
        try {
            JsonNode response = api.query(path, "bearer " + token,
                    Map.of("query", QUERY, "variables", Map.of("id", contentNodeId)));
            JsonNode data = response == null ? null : response.get("data");
            JsonNode node = data == null ? null : data.get("node");
            JsonNode title = node == null ? null : node.get("title");
            if (title == null || !title.isString() || title.getStringValue().isBlank()) {
                return Optional.empty();
            }
            JsonNode url = node.get("url");
            return Optional.of(new Content(title.getStringValue(), url != null && url.isString() ? url.getStringValue() : ""));
        } catch (RuntimeException e) {
            LOG.debug("GraphQL title lookup failed: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
