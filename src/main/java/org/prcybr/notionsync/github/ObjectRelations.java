package org.prcybr.notionsync.github;

import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.Map;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.JsonValues;
import org.prcybr.notionsync.mapping.PropertyValue;

/**
 * The relations of the issue or pull request a live event is about: webhook payloads do not carry
 * them, so one GraphQL request reads them, and only when the page's database has a relation
 * property to write them to.
 */
@Singleton
public class ObjectRelations {
    private final GitHubClient github;

    public ObjectRelations(GitHubClient github) {
        this.github = github;
    }

    /** How long the read may retry: the page is worth writing without its links, which catch up later. */
    static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(15);

    public Map<Field, PropertyValue> read(String nodeId) {
        JsonNode data = github.query("issue or pull request " + nodeId, GraphQlDocuments.RELATIONS, Map.of("id", nodeId),
                PATIENCE);
        return GraphQlPages.relations(data == null ? null : JsonValues.at(data, "node"));
    }
}
