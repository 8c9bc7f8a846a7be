package org.prcybr.notionsync.github;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.prcybr.notionsync.config.SyncSettings.ProjectRef;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.sync.SyncException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repository's issues, pull requests and discussions (and optionally a Projects v2 board's
 * items), every state, through GraphQL, 100 per request, as the pages live events would write.
 * Any refusal is one sentence naming the fix ({@link SyncException}), before anything is written.
 */
@Singleton
public class RepositoryHistory {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryHistory.class);
    private final GitHubGraphQlApi api;
    private final String path;
    private final AtomicInteger requests = new AtomicInteger();

    public RepositoryHistory(GitHubGraphQlApi api, @Property(name = "github.graphql-path") String path) {
        this.api = api;
        this.path = path;
    }

    /** GraphQL requests sent so far. */
    public int requests() {
        return requests.get();
    }

    public List<PageSpec> repositoryObjects(String repository, String token) {
        String[] ownerName = repository.split("/", 2);
        Map<String, Object> vars = new HashMap<>(Map.of("owner", ownerName[0], "name", ownerName.length > 1 ? ownerName[1] : ""));
        List<PageSpec> pages = new ArrayList<>();
        for (String[] kind : new String[][] {{GraphQlDocuments.ISSUES, "issues"},
                {GraphQlDocuments.PULL_REQUESTS, "pullRequests"}, {GraphQlDocuments.DISCUSSIONS, "discussions"}}) {
            for (JsonNode node : all(kind[0], vars, token, "repository " + repository, "repository", kind[1])) {
                pages.add(GraphQlPages.page(node));
            }
        }
        return pages;
    }

    public List<PageSpec> projectItems(ProjectRef project, String token) {
        String owner = project.organization() ? "organization" : "user";
        Map<String, Object> vars = new HashMap<>(Map.of("owner", project.owner(), "number", project.number()));
        String what = "project " + project.number() + " of " + project.owner();
        String[] title = {""};
        List<JsonNode> items = all(project.organization() ? GraphQlDocuments.ORGANIZATION_PROJECT_ITEMS
                : GraphQlDocuments.USER_PROJECT_ITEMS, vars, token, what, owner, "projectV2", "items", title);
        List<PageSpec> pages = new ArrayList<>();
        items.forEach(item -> pages.add(GraphQlPages.projectItem(item, title[0])));
        return pages;
    }

    private List<JsonNode> all(String query, Map<String, Object> vars, String token, String what, String... path) {
        return all(query, vars, token, what, path[0], path[1], null, null);
    }

    /** Every node of a connection at data.first.second(.third), page by page. */
    private List<JsonNode> all(String query, Map<String, Object> vars, String token, String what, String first,
                               String second, String third, String[] titleOut) {
        List<JsonNode> nodes = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> v = new HashMap<>(vars);
            v.put("cursor", cursor);
            JsonNode data = send(query, v, token, what);
            JsonNode owner = GraphQlPages.at(data, first);
            JsonNode connection = owner == null ? null : GraphQlPages.at(owner, second);
            if (third != null && connection != null) {
                if (titleOut != null) {
                    titleOut[0] = GraphQlPages.text(connection, "title");
                }
                connection = GraphQlPages.at(connection, third);
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
            cursor = more ? GraphQlPages.text(pageInfo, "endCursor") : null;
        } while (cursor != null && !cursor.isEmpty());
        return nodes;
    }

    private JsonNode send(String query, Map<String, Object> vars, String token, String what) {
        JsonNode response;
        try {
            requests.incrementAndGet();
            response = api.query(path, "bearer " + token, Map.of("query", query, "variables", vars));
        } catch (HttpClientResponseException e) {
            int status = e.getResponse().code();
            if (status == 401) {
                throw new SyncException("GitHub refused the github-token (401 Unauthorized) while reading the " + what
                        + ": pass a valid token, such as the default ${{ github.token }}.");
            }
            throw new SyncException("GitHub answered " + status + " while reading the " + what + ": check that "
                    + "github-token can read it (a fine-grained token needs read access to issues, pull requests, "
                    + "discussions and projects), then run the backfill again.");
        } catch (HttpClientException e) {
            throw new SyncException("GitHub's GraphQL API could not be reached while reading the " + what
                    + ": run the backfill again later.");
        }
        if (response == null) {
            throw new SyncException("GitHub returned nothing for the " + what + ": check that github-token can read it.");
        }
        JsonNode errors = response.get("errors");
        if (errors != null && errors.isArray() && errors.size() > 0) {
            String type = GraphQlPages.text(errors.get(0), "type");
            throw new SyncException("GitHub could not read the " + what + (type.isEmpty() ? "" : " (" + type + ")")
                    + ": check the name and that github-token can read it (for a project, a token with the "
                    + "read:project scope; the default github.token cannot read organization projects).");
        }
        return response.get("data");
    }
}
