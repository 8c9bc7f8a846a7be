package org.prcybr.notionsync.github;

import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.prcybr.notionsync.config.SyncSettings.ProjectRef;
import org.prcybr.notionsync.mapping.GitHubComment;
import org.prcybr.notionsync.mapping.JsonValues;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.sync.SyncException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repository's issues, pull requests and discussions (and optionally a Projects v2 board's
 * items), every state, through GraphQL, 100 per request, as the pages live events would write.
 * Requests go through {@link GitHubClient}, so server faults are retried and a refusal is one
 * sentence naming the fix ({@link GitHubException}), before anything is written.
 */
@Singleton
public class RepositoryHistory {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryHistory.class);
    private final GitHubClient github;

    public RepositoryHistory(GitHubClient github) {
        this.github = github;
    }

    /**
     * A repository's objects as pages, and the comments of each that has any, oldest first, by
     * External ID.
     */
    public record Objects(List<PageSpec> pages, Map<String, List<GitHubComment>> comments) {
    }

    /**
     * The repository's objects and their comments: the first 100 comments of each come with the
     * page of objects; only an object with more costs requests of its own, one per further 100.
     */
    public Objects repositoryObjects(String repository) {
        String[] ownerName = repository.split("/", 2);
        Map<String, Object> vars = new HashMap<>(Map.of("owner", ownerName[0], "name", ownerName.length > 1 ? ownerName[1] : ""));
        List<PageSpec> pages = new ArrayList<>();
        Map<String, List<GitHubComment>> comments = new HashMap<>();
        for (String[] kind : new String[][] {{GraphQlDocuments.ISSUES, "issues"},
                {GraphQlDocuments.PULL_REQUESTS, "pullRequests"}, {GraphQlDocuments.DISCUSSIONS, "discussions"}}) {
            for (JsonNode node : all(kind[0], vars, "repository " + repository, "repository", kind[1])) {
                PageSpec page = GraphQlPages.page(node);
                pages.add(page);
                List<GitHubComment> own = comments(node, page.repositoryUrl());
                if (!own.isEmpty()) {
                    comments.put(page.externalId(), own);
                }
            }
        }
        return new Objects(pages, comments);
    }

    /** An object's comments: the page it came in, then the rest 100 at a time. */
    private List<GitHubComment> comments(JsonNode node, String repositoryUrl) {
        List<GitHubComment> out = new ArrayList<>();
        JsonNode connection = node.get("commentPage");
        GraphQlComments.add(connection, repositoryUrl, out);
        String cursor = GraphQlComments.next(connection);
        String id = JsonValues.text(node, "id");
        while (cursor != null) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("id", id);
            vars.put("cursor", cursor);
            JsonNode data = send(GraphQlDocuments.COMMENTS, vars, "comments of " + JsonValues.text(node, "url"));
            connection = JsonValues.at(data, "node", "commentPage");
            if (connection == null) {
                throw new SyncException("GitHub returned no comments for " + JsonValues.text(node, "url")
                        + ": check that github-token can read it.");
            }
            GraphQlComments.add(connection, repositoryUrl, out);
            cursor = GraphQlComments.next(connection);
        }
        return out;
    }

    public List<PageSpec> projectItems(ProjectRef project) {
        String owner = project.organization() ? "organization" : "user";
        Map<String, Object> vars = new HashMap<>(Map.of("owner", project.owner(), "number", project.number()));
        String what = "project " + project.number() + " of " + project.owner();
        String[] title = {""};
        List<JsonNode> items = all(project.organization() ? GraphQlDocuments.ORGANIZATION_PROJECT_ITEMS
                : GraphQlDocuments.USER_PROJECT_ITEMS, vars, what, owner, "projectV2", "items", title);
        List<PageSpec> pages = new ArrayList<>();
        items.forEach(item -> pages.add(GraphQlPages.projectItem(item, title[0])));
        return pages;
    }

    private List<JsonNode> all(String query, Map<String, Object> vars, String what, String... path) {
        return all(query, vars, what, path[0], path[1], null, null);
    }

    /** Every node of a connection at data.first.second(.third), page by page. */
    private List<JsonNode> all(String query, Map<String, Object> vars, String what, String first,
                               String second, String third, String[] titleOut) {
        List<JsonNode> nodes = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> v = new HashMap<>(vars);
            v.put("cursor", cursor);
            JsonNode data = send(query, v, what);
            JsonNode owner = JsonValues.at(data, first);
            JsonNode connection = owner == null ? null : JsonValues.at(owner, second);
            if (third != null && connection != null) {
                if (titleOut != null) {
                    titleOut[0] = JsonValues.text(connection, "title");
                }
                connection = JsonValues.at(connection, third);
            }
            if (connection == null) {
                throw new SyncException("GitHub returned no " + what + ": check the name and that github-token can read it.");
            }
            JsonNode list = connection.get("nodes");
            if (list != null && list.isArray()) {
                list.values().forEach(n -> {
                    if (n != null && n.isObject()) {
                        nodes.add(n);
                    }
                });
            }
            JsonNode total = connection.get("totalCount");
            // Reading a large repository takes a while too: one progress line per page of 100.
            LOG.info("Backfill: read {}/{} {} of the {}", nodes.size(),
                    total != null && total.isNumber() ? total.getNumberValue() : "?", third == null ? second : third, what);
            JsonNode pageInfo = connection.get("pageInfo");
            boolean more = pageInfo != null && pageInfo.get("hasNextPage") != null && pageInfo.get("hasNextPage").getBooleanValue();
            cursor = more ? JsonValues.text(pageInfo, "endCursor") : null;
        } while (cursor != null && !cursor.isEmpty());
        return nodes;
    }

    private JsonNode send(String query, Map<String, Object> vars, String what) {
        JsonNode data = github.query(what, query, vars);
        if (data == null) {
            throw new SyncException("GitHub returned nothing for the " + what + ": check that github-token can read it.");
        }
        return data;
    }
}
