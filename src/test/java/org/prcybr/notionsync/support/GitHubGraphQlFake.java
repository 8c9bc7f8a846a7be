package org.prcybr.notionsync.support;

import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.ConnectionOptions;
import org.mockserver.model.MediaType;

/**
 * GitHub's GraphQL API for backfills, on MockServer: a repository's issues, pull requests and
 * discussions and a project's items, served 100 per page with cursors, as GitHub shapes them.
 */
public final class GitHubGraphQlFake {
    private static final ObjectMapper JSON = new ObjectMapper();
    public final List<ObjectNode> issues = new ArrayList<>();
    public final List<ObjectNode> pullRequests = new ArrayList<>();
    public final List<ObjectNode> discussions = new ArrayList<>();
    public final List<ObjectNode> projectItems = new ArrayList<>();
    /** Comments by their object's node id, oldest first; served 100 per page as {@code commentPage}. */
    public final java.util.Map<String, List<ObjectNode>> comments = new java.util.LinkedHashMap<>();
    /** Requests for an object's further comments (past its first 100). */
    public final AtomicInteger commentRequests = new AtomicInteger();
    public final AtomicInteger requests = new AtomicInteger();
    private final ClientAndServer server;
    public final AtomicInteger serverErrors = new AtomicInteger();
    public final AtomicInteger resets = new AtomicInteger();
    private volatile int status = 200;
    private volatile String error;
    private final java.util.Random random = new java.util.Random(7);
    private volatile double serverErrorRate;
    private volatile double resetRate;
    private volatile int failFirst;

    public GitHubGraphQlFake(ClientAndServer server) {
        this.server = server;
        server.when(request().withMethod("POST").withPath("/graphql")).respond(req -> {
            int n = requests.incrementAndGet();
            double roll;
            synchronized (random) {
                roll = random.nextDouble();
            }
            if (n <= failFirst) {
                // The first answers fail for certain, alternately 502 and reset.
                roll = n % 2 == 1 ? 0 : serverErrorRate;
            }
            if (roll < serverErrorRate) {
                serverErrors.incrementAndGet();
                return response().withStatusCode(502).withContentType(MediaType.APPLICATION_JSON)
                        .withBody("{\"message\":\"Server Error\"}");
            }
            if (roll < serverErrorRate + resetRate) {
                // The connection closes mid-answer: the client sees a reset, not a response.
                resets.incrementAndGet();
                return response().withStatusCode(200).withBody("{\"data\":")
                        .withConnectionOptions(ConnectionOptions.connectionOptions()
                                .withContentLengthHeaderOverride(4096).withCloseSocket(true));
            }
            if (status != 200) {
                return response().withStatusCode(status).withContentType(MediaType.APPLICATION_JSON)
                        .withBody("{\"message\":\"Bad credentials\"}");
            }
            JsonNode body = JSON.readTree(req.getBodyAsString());
            return response().withStatusCode(200).withContentType(MediaType.APPLICATION_JSON)
                    .withBody(answer(body.get("query").asText(), body.get("variables")).toString());
        });
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort() + "/graphql";
    }

    /** A share of the answers are 502, and another share of the connections close mid-answer. */
    public GitHubGraphQlFake faults(double serverErrorRate, double resetRate) {
        this.serverErrorRate = serverErrorRate;
        this.resetRate = resetRate;
        return this;
    }

    /** The first {@code requests} answers fail for certain (alternately 502 and a reset), then {@link #faults} rules. */
    public GitHubGraphQlFake failFirst(int requests) {
        this.failFirst = requests;
        return this;
    }

    /** Every request is answered with this HTTP status (401: a refused token). */
    public GitHubGraphQlFake status(int status) {
        this.status = status;
        return this;
    }

    /** Every request is answered with a GraphQL error of this type (NOT_FOUND: no such repository). */
    public GitHubGraphQlFake error(String type) {
        this.error = type;
        return this;
    }

    public static ObjectNode issue(int n, String updatedAt, String body) {
        ObjectNode i = JSON.createObjectNode().put("__typename", "Issue").put("id", "I_kwDOBackfill" + n)
                .put("title", "Backfilled issue " + n).put("url", "https://github.com/Codertocat/Hello-World/issues/" + n)
                .put("body", body).put("number", n).put("issueState", "OPEN").putNull("stateReason")
                .put("createdAt", "2026-01-01T00:00:00Z").put("updatedAt", updatedAt).putNull("closedAt");
        common(i);
        i.putObject("assignees").putArray("nodes").addObject().put("login", "octocat");
        i.putObject("milestone").put("title", "v1.0");
        return i;
    }

    public static ObjectNode pullRequest(int n, boolean merged) {
        ObjectNode p = JSON.createObjectNode().put("__typename", "PullRequest").put("id", "PR_kwDOBackfill" + n)
                .put("title", "Backfilled PR " + n).put("url", "https://github.com/Codertocat/Hello-World/pull/" + n)
                .put("body", "Fixes #1").put("number", n).put("prState", merged ? "MERGED" : "OPEN").put("isDraft", false)
                .put("merged", merged).put("mergedAt", merged ? "2026-02-01T00:00:00Z" : null)
                .put("createdAt", "2026-01-15T00:00:00Z").put("updatedAt", "2026-02-01T00:00:00Z")
                .put("closedAt", merged ? "2026-02-01T00:00:00Z" : null).put("baseRefName", "main").put("headRefName", "fix-" + n);
        common(p);
        p.putObject("assignees").putArray("nodes");
        p.putNull("milestone");
        p.putObject("reviewRequests").putArray("nodes").addObject().putObject("requestedReviewer")
                .put("__typename", "User").put("login", "hubot");
        return p;
    }

    public static ObjectNode discussion(int n) {
        ObjectNode d = JSON.createObjectNode().put("__typename", "Discussion").put("id", "D_kwDOBackfill" + n)
                .put("title", "Backfilled discussion " + n).put("url", "https://github.com/Codertocat/Hello-World/discussions/" + n)
                .put("body", "Question?").put("number", n).put("closed", false).putNull("closedAt").put("isAnswered", true)
                .put("createdAt", "2026-01-20T00:00:00Z").put("updatedAt", "2026-01-21T00:00:00Z");
        common(d);
        d.putObject("category").put("name", "Q&A");
        return d;
    }

    /**
     * A comment as GraphQL lists it: {@code number} makes its id and its link on the object at
     * {@code objectUrl}; a bot's login comes without "[bot]", its type says Bot.
     */
    public static ObjectNode comment(String objectUrl, int number, String login, boolean bot, String body,
                                     String updatedAt) {
        ObjectNode c = JSON.createObjectNode().put("id", "IC_kwDOBackfill" + number).put("body", body)
                .put("url", objectUrl + "#issuecomment-" + number);
        c.putObject("author").put("__typename", bot ? "Bot" : "User").put("login", login);
        c.put("createdAt", "2026-01-02T00:00:00Z").put("updatedAt", updatedAt).put("isMinimized", false);
        return c;
    }

    /** Adds a comment by {@code login} to the object, as the next in its conversation; returns it. */
    public ObjectNode addComment(ObjectNode object, String login, boolean bot, String body) {
        List<ObjectNode> list = comments.computeIfAbsent(object.path("id").asText(), k -> new ArrayList<>());
        int number = comments.values().stream().mapToInt(List::size).sum() + 1;
        ObjectNode c = comment(object.path("url").asText(), number, login, bot, body, "2026-01-02T00:00:00Z");
        list.add(c);
        return c;
    }

    public static ObjectNode projectItem(String id, ObjectNode content, String priority) {
        ObjectNode item = JSON.createObjectNode().put("id", id).put("isArchived", false).put("updatedAt", "2026-03-01T00:00:00Z");
        ArrayNode values = item.putObject("fieldValues").putArray("nodes");
        values.addObject().put("__typename", "ProjectV2ItemFieldSingleSelectValue").put("name", priority)
                .putObject("field").put("name", "Priority");
        item.set("content", content);
        return item;
    }

    private static void common(ObjectNode o) {
        o.putObject("repository").put("nameWithOwner", "Codertocat/Hello-World").put("url", "https://github.com/Codertocat/Hello-World");
        o.putObject("author").put("login", "Codertocat");
        o.putObject("labels").putArray("nodes").addObject().put("name", "bug");
        o.putObject("comments").put("totalCount", 2);
    }

    private ObjectNode answer(String query, JsonNode variables) {
        ObjectNode root = JSON.createObjectNode();
        if (error != null) {
            root.putNull("data");
            root.putArray("errors").addObject().put("type", error).put("message", "Could not resolve to a Repository.");
            return root;
        }
        ObjectNode data = root.putObject("data");
        if (query.contains("node(id:") && variables.has("id")) {
            // An object's further comments, 100 after the cursor.
            commentRequests.incrementAndGet();
            String id = variables.get("id").asText();
            ObjectNode node = data.putObject("node").put("__typename", id.startsWith("D_") ? "Discussion"
                    : id.startsWith("PR_") ? "PullRequest" : "Issue");
            int after = variables.hasNonNull("cursor") ? Integer.parseInt(variables.get("cursor").asText()) : 0;
            page(node.putObject("commentPage"), comments.getOrDefault(id, List.of()), after);
            return root;
        }
        if (query.contains("node(id:")) {
            // The live Projects v2 lookup: one item by node id, with its project's title.
            String id = variables.get("item").asText();
            ObjectNode item = projectItems.stream().filter(i -> id.equals(i.path("id").asText())).findFirst()
                    .map(ObjectNode::deepCopy).orElse(null);
            if (item == null) {
                data.putNull("node");
                root.putArray("errors").addObject().put("type", "NOT_FOUND")
                        .put("message", "Could not resolve to a node with the global id of '" + id + "'");
                return root;
            }
            item.putObject("project").put("title", "Roadmap");
            data.set("node", item);
            return root;
        }
        int from = variables.hasNonNull("cursor") ? Integer.parseInt(variables.get("cursor").asText()) : 0;
        if (query.contains("projectV2(")) {
            ObjectNode project = data.putObject(query.contains("organization(") ? "organization" : "user").putObject("projectV2");
            project.put("title", "Roadmap");
            page(project.putObject("items"), projectItems, from);
            return root;
        }
        ObjectNode repository = data.putObject("repository");
        ObjectNode connection;
        if (query.contains("issues(")) {
            page(connection = repository.putObject("issues"), issues, from);
        } else if (query.contains("pullRequests(")) {
            page(connection = repository.putObject("pullRequests"), pullRequests, from);
        } else {
            page(connection = repository.putObject("discussions"), discussions, from);
        }
        if (query.contains("commentPage: comments(first: 100)")) {
            // Each object with its first 100 comments, as the query asks.
            ArrayNode nodes = (ArrayNode) connection.get("nodes");
            for (int i = 0; i < nodes.size(); i++) {
                ObjectNode node = ((ObjectNode) nodes.get(i)).deepCopy();
                page(node.putObject("commentPage"), comments.getOrDefault(node.path("id").asText(), List.of()), 0);
                nodes.set(i, node);
            }
        }
        return root;
    }

    private static void page(ObjectNode connection, List<ObjectNode> all, int from) {
        int to = Math.min(all.size(), from + 100);
        connection.put("totalCount", all.size());
        connection.putObject("pageInfo").put("hasNextPage", to < all.size()).put("endCursor", Integer.toString(to));
        ArrayNode nodes = connection.putArray("nodes");
        all.subList(Math.min(from, all.size()), to).forEach(n -> nodes.add(n.deepCopy()));
    }
}
