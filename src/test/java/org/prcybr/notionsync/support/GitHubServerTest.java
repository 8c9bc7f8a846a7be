package org.prcybr.notionsync.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prcybr.notionsync.github.GraphQlDocuments;

/** GitHubServer through real HTTP: GitHub's schema validates, the state executes. */
class GitHubServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GitHubServer gh;
    private Map<String, Object> repo;
    private Map<String, Object> issue;
    private Map<String, Object> pr;

    @BeforeEach
    void start() {
        gh = new GitHubServer();
        gh.organization("acme");
        repo = gh.repository("acme", "app");
        issue = gh.issue(repo, 1, "It breaks", "Steps: run it");
        pr = gh.pullRequest(repo, 2, "Fix the break");
    }

    @AfterEach
    void stop() {
        gh.close();
    }

    private HttpResponse<String> send(String authorization, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gh.url())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(String query, Map<String, Object> variables) throws Exception {
        HttpResponse<String> response = send(null, query, variables);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private JsonNode post(String query) throws Exception {
        return post(query, Map.of());
    }

    private static String id(Map<String, Object> object) {
        return (String) object.get("id");
    }

    @Test
    void aliasesAndNodesOverAnIssueAndAPullRequest() throws Exception {
        gh.comment(issue, "alice", "Me too");
        gh.addLabels(issue, gh.label(repo, "bug"));
        JsonNode answer = post("""
                query($ids: [ID!]!) { nodes(ids: $ids) { __typename
                  ... on Issue { number issueState: state stateReason comments { totalCount }
                    commentPage: comments(first: 100) { nodes { body author { __typename login } isMinimized } }
                    labels(first: 10) { nodes { name } } repository { nameWithOwner url } author { login } }
                  ... on PullRequest { number prState: state isDraft merged headRefName } } }""",
                Map.of("ids", List.of(id(issue), id(pr), "I_nope")));
        JsonNode nodes = answer.get("data").get("nodes");
        assertEquals("OPEN", nodes.get(0).get("issueState").asText());
        assertTrue(nodes.get(0).get("stateReason").isNull());
        assertEquals(1, nodes.get(0).get("comments").get("totalCount").asInt());
        JsonNode comment = nodes.get(0).get("commentPage").get("nodes").get(0);
        assertEquals("Me too", comment.get("body").asText());
        assertEquals("User", comment.get("author").get("__typename").asText());
        assertEquals("alice", comment.get("author").get("login").asText());
        assertEquals("bug", nodes.get(0).get("labels").get("nodes").get(0).get("name").asText());
        assertEquals("acme/app", nodes.get(0).get("repository").get("nameWithOwner").asText());
        assertEquals("PullRequest", nodes.get(1).get("__typename").asText());
        assertEquals("OPEN", nodes.get(1).get("prState").asText());
        assertFalse(nodes.get(1).get("isDraft").asBoolean());
        assertTrue(nodes.get(2).isNull());
        JsonNode error = answer.get("errors").get(0);
        assertEquals("NOT_FOUND", error.get("type").asText());
        assertEquals("[\"nodes\",2]", error.get("path").toString());
        assertEquals("Could not resolve to a node with the global id of 'I_nope'", error.get("message").asText());
    }

    @Test
    void everyDocumentTheActionSendsExecutesWithoutErrors() throws Exception {
        gh.comment(issue, gh.bot("dependabot"), "Bump");
        gh.discussion(repo, 3, "Ideas");
        gh.closes(pr, issue);
        Map<String, Object> project = gh.project("acme", 1, "Roadmap");
        Map<String, Object> status = gh.singleSelectField(project, "Status", "Todo", "Done");
        Map<String, Object> sprint = gh.iterationField(project, "Sprint", "Sprint 1", "Sprint 2");
        Map<String, Object> points = gh.field(project, "Points", "NUMBER");
        Map<String, Object> item = gh.projectItem(project, issue);
        gh.setFieldValue(item, status, "Todo");
        gh.setFieldValue(item, sprint, "Sprint 2");
        gh.setFieldValue(item, points, 3);
        gh.projectItem(project, pr);
        gh.projectItem(project, gh.draftIssue("Draft", "Later"));
        gh.project("octocat", 2, "Mine");

        Map<String, Map<String, Object>> variables = new java.util.HashMap<>(Map.of(
                GraphQlDocuments.PROJECT_ITEM, Map.of("item", id(item)),
                GraphQlDocuments.ISSUES, Map.of("owner", "acme", "name", "app"),
                GraphQlDocuments.PULL_REQUESTS, Map.of("owner", "acme", "name", "app"),
                GraphQlDocuments.DISCUSSIONS, Map.of("owner", "acme", "name", "app"),
                GraphQlDocuments.ORGANIZATION_PROJECT_ITEMS, Map.of("owner", "acme", "number", 1),
                GraphQlDocuments.USER_PROJECT_ITEMS, Map.of("owner", "octocat", "number", 2),
                GraphQlDocuments.RELATIONS, Map.of("id", id(issue)),
                GraphQlDocuments.COMMENTS, Map.of("id", id(issue))));
        variables.put(GraphQlDocuments.PULL_NODES, Map.of("ids", List.of(id(issue), id(pr), id(item))));
        variables.put(GraphQlDocuments.REPOSITORY_NAMES, Map.of("owner", "acme", "name", "app"));
        variables.put(GraphQlDocuments.RECENT_ISSUES, Map.of("owner", "acme", "name", "app"));
        variables.put(GraphQlDocuments.LABEL, Map.of("owner", "acme", "name", "app", "label", "bug"));
        variables.put(GraphQlDocuments.USER, Map.of("login", "octocat"));
        variables.put(GraphQlDocuments.MILESTONE, Map.of("owner", "acme", "name", "app", "title", "v1"));
        // The queries; the mutations are executed by the pull's tests, on worlds of their own.
        for (String document : GraphQlDocuments.all().stream().filter(d -> d.startsWith("query")).toList()) {
            JsonNode answer = post(document, variables.get(document));
            assertTrue(answer.get("errors") == null && answer.get("data") != null, document + "\n" + answer);
        }

        JsonNode values = post(GraphQlDocuments.PROJECT_ITEM, Map.of("item", id(item)))
                .get("data").get("node").get("fieldValues").get("nodes");
        assertEquals("Todo", values.get(0).get("name").asText());
        assertEquals("Status", values.get(0).get("field").get("name").asText());
        assertEquals("Sprint 2", values.get(1).get("title").asText());
        assertEquals(3.0, values.get(2).get("number").asDouble());
        JsonNode relations = post(GraphQlDocuments.RELATIONS, Map.of("id", id(issue))).get("data").get("node");
        assertEquals(id(pr), relations.get("closedByPullRequestsReferences").get("nodes").get(0).get("id").asText());
        JsonNode items = post(GraphQlDocuments.ORGANIZATION_PROJECT_ITEMS, Map.of("owner", "acme", "number", 1))
                .get("data").get("organization").get("projectV2").get("items");
        assertEquals(3, items.get("totalCount").asInt());
        assertEquals("DraftIssue", items.get("nodes").get(2).get("content").get("__typename").asText());
    }

    @Test
    void closeIssueAsNotPlannedChangesStateReasonAndUpdatedAt() throws Exception {
        gh.setUpdatedAt(issue, Instant.parse("2020-01-01T00:00:00Z"));
        JsonNode answer = post("""
                mutation($id: ID!, $reason: IssueClosedStateReason) {
                  closeIssue(input: {issueId: $id, stateReason: $reason}) { issue { state stateReason closed closedAt updatedAt } } }""",
                Map.of("id", id(issue), "reason", "NOT_PLANNED"));
        JsonNode closed = answer.get("data").get("closeIssue").get("issue");
        assertEquals("CLOSED", closed.get("state").asText());
        assertEquals("NOT_PLANNED", closed.get("stateReason").asText());
        assertTrue(closed.get("closed").asBoolean());
        assertFalse(closed.get("closedAt").isNull());
        assertTrue(Instant.parse(closed.get("updatedAt").asText()).isAfter(Instant.parse("2020-01-01T00:00:00Z")));
        assertEquals("CLOSED", gh.node(id(issue)).get("state"));
        assertEquals(List.of("closeIssue"), gh.mutations());

        post("mutation($id: ID!) { reopenIssue(input: {issueId: $id}) { issue { state } } }", Map.of("id", id(issue)));
        assertEquals("OPEN", issue.get("state"));
        assertEquals("REOPENED", issue.get("stateReason"));
    }

    @Test
    void aBadEnumAnUnknownFieldOrAMissingInputFieldIsRefusedAndChangesNothing() throws Exception {
        String updatedAt = (String) issue.get("updatedAt");
        JsonNode literal = post("mutation { closeIssue(input: {issueId: \"" + id(issue)
                + "\", stateReason: FOO}) { issue { state } } }");
        assertFalse(literal.has("data"), literal.toString());
        assertFalse(literal.get("errors").isEmpty());
        assertTrue(literal.get("errors").get(0).get("extensions").has("code"));

        JsonNode variable = post("mutation($id: ID!, $reason: IssueClosedStateReason) { closeIssue(input: {issueId: $id, "
                + "stateReason: $reason}) { issue { state } } }", Map.of("id", id(issue), "reason", "FOO"));
        assertFalse(variable.has("data"), variable.toString());
        assertTrue(variable.get("errors").get(0).get("message").asText().contains("FOO"), variable.toString());

        JsonNode missing = post("mutation { closeIssue(input: {stateReason: COMPLETED}) { issue { state } } }");
        assertFalse(missing.has("data"), missing.toString());

        JsonNode unknown = post("mutation($id: ID!) { closeIssue(input: {issueId: $id}) { issue { stat } } }",
                Map.of("id", id(issue)));
        assertFalse(unknown.has("data"), unknown.toString());
        JsonNode error = unknown.get("errors").get(0);
        assertEquals("undefinedField", error.get("extensions").get("code").asText());
        assertEquals("Field 'stat' doesn't exist on type 'Issue'", error.get("message").asText());
        assertEquals(1, error.get("locations").get(0).get("line").asInt());

        JsonNode wrongType = post("query($n: String!) { repository(owner: \"acme\", name: \"app\") { issue(number: $n) "
                + "{ title } } }", Map.of("n", "1"));
        assertFalse(wrongType.has("data"), wrongType.toString());

        assertEquals("OPEN", issue.get("state"));
        assertEquals(updatedAt, issue.get("updatedAt"));
        assertEquals(List.of(), gh.mutations());
    }

    @Test
    void addLabelsToLabelable() throws Exception {
        Map<String, Object> bug = gh.label(repo, "bug");
        Map<String, Object> urgent = gh.label(repo, "urgent");
        JsonNode answer = post("""
                mutation($id: ID!, $labels: [ID!]!) { addLabelsToLabelable(input: {labelableId: $id, labelIds: $labels}) {
                  labelable { __typename ... on Issue { labels(first: 10) { totalCount nodes { name } } } } } }""",
                Map.of("id", id(issue), "labels", List.of(id(bug), id(urgent))));
        JsonNode labelable = answer.get("data").get("addLabelsToLabelable").get("labelable");
        assertEquals("Issue", labelable.get("__typename").asText());
        assertEquals(2, labelable.get("labels").get("totalCount").asInt());
        assertEquals("urgent", labelable.get("labels").get("nodes").get(1).get("name").asText());
        assertEquals(List.of(bug, urgent), GitHubServer.nodes(issue, "labels"));

        JsonNode unknown = post("mutation { removeLabelsFromLabelable(input: {labelableId: \"" + id(issue)
                + "\", labelIds: [\"LA_nope\"]}) { labelable { __typename } } }");
        assertTrue(unknown.get("data").get("removeLabelsFromLabelable").isNull());
        assertEquals("NOT_FOUND", unknown.get("errors").get(0).get("type").asText());
        assertEquals("[\"removeLabelsFromLabelable\"]", unknown.get("errors").get(0).get("path").toString());
        assertEquals(2, GitHubServer.nodes(issue, "labels").size());
    }

    @Test
    void aCreatedIssueIsListedFirstNewestFirst() throws Exception {
        gh.issue(repo, 3, "Older", "");
        JsonNode created = post("""
                mutation($repo: ID!) { createIssue(input: {repositoryId: $repo, title: "New one", body: "Fresh"}) {
                  issue { number title url author { login } } } }""", Map.of("repo", id(repo)));
        JsonNode issueJson = created.get("data").get("createIssue").get("issue");
        assertEquals(4, issueJson.get("number").asInt());
        assertEquals("https://github.com/acme/app/issues/4", issueJson.get("url").asText());

        JsonNode page = post("""
                { repository(owner: "acme", name: "app") {
                    issues(first: 5, orderBy: {field: CREATED_AT, direction: DESC}) {
                      totalCount pageInfo { hasNextPage endCursor } nodes { number title } } } }""")
                .get("data").get("repository").get("issues");
        assertEquals(3, page.get("totalCount").asInt());
        assertEquals(4, page.get("nodes").get(0).get("number").asInt());
        assertEquals("New one", page.get("nodes").get(0).get("title").asText());
        assertFalse(page.get("pageInfo").get("hasNextPage").asBoolean());

        JsonNode first = post("{ repository(owner: \"acme\", name: \"app\") { issues(first: 2) { pageInfo { hasNextPage "
                + "endCursor } nodes { number } } } }").get("data").get("repository").get("issues");
        assertTrue(first.get("pageInfo").get("hasNextPage").asBoolean());
        JsonNode rest = post("query($c: String) { repository(owner: \"acme\", name: \"app\") { issues(first: 2, after: $c) "
                + "{ nodes { number } } } }", Map.of("c", first.get("pageInfo").get("endCursor").asText()))
                .get("data").get("repository").get("issues");
        assertEquals(4, rest.get("nodes").get(0).get("number").asInt());

        JsonNode unbounded = post("{ repository(owner: \"acme\", name: \"app\") { issues { nodes { number } } } }");
        assertEquals("MISSING_PAGINATION_BOUNDARIES", unbounded.get("errors").get(0).get("type").asText());
        JsonNode missingRepo = post("{ repository(owner: \"acme\", name: \"gone\") { id } }");
        assertTrue(missingRepo.get("data").get("repository").isNull());
        assertEquals("Could not resolve to a Repository with the name 'acme/gone'.",
                missingRepo.get("errors").get(0).get("message").asText());
    }

    @Test
    void aForbiddenMutationAnswersAsForAGitHubTokenWithoutIssuesWrite() throws Exception {
        gh.forbid("closeIssue");
        JsonNode answer = post("mutation($id: ID!) { closeIssue(input: {issueId: $id}) { issue { state } } }",
                Map.of("id", id(issue)));
        assertTrue(answer.get("data").get("closeIssue").isNull());
        JsonNode error = answer.get("errors").get(0);
        assertEquals("FORBIDDEN", error.get("type").asText());
        assertEquals("Resource not accessible by integration", error.get("message").asText());
        assertEquals("[\"closeIssue\"]", error.get("path").toString());
        assertEquals("OPEN", issue.get("state"));
        assertEquals(List.of(), gh.mutations());
    }

    @Test
    void aLostAnswerStillAppliesTheMutation() throws Exception {
        gh.loseAnswerOnce("addComment");
        String mutation = "mutation($id: ID!) { addComment(input: {subjectId: $id, body: \"Thanks\"}) "
                + "{ commentEdge { node { body author { login } } } subject { id } } }";
        assertThrows(IOException.class, () -> send(null, mutation, Map.of("id", id(issue))));
        assertEquals(List.of("addComment"), gh.mutations());
        assertEquals("Thanks", GitHubServer.nodes(issue, "comments").get(0).get("body"));

        JsonNode again = post(mutation, Map.of("id", id(issue)));
        assertEquals("Thanks", again.get("data").get("addComment").get("commentEdge").get("node").get("body").asText());
        assertEquals(2, GitHubServer.nodes(issue, "comments").size());
        assertEquals(2, gh.requests());
    }

    @Test
    void updateProjectV2ItemFieldValueChangesWhatTheItemReads() throws Exception {
        Map<String, Object> project = gh.project("acme", 1, "Roadmap");
        Map<String, Object> status = gh.singleSelectField(project, "Status", "Todo", "Done");
        Map<String, Object> item = gh.projectItem(project, issue);
        gh.setFieldValue(item, status, "Todo");
        String read = "query($item: ID!) { node(id: $item) { ... on ProjectV2Item { fieldValues(first: 20) { nodes {"
                + " ... on ProjectV2ItemFieldSingleSelectValue { name optionId field { ... on ProjectV2FieldCommon { name } } } } } } } }";
        assertEquals("Todo", post(read, Map.of("item", id(item))).get("data").get("node").get("fieldValues")
                .get("nodes").get(0).get("name").asText());

        @SuppressWarnings("unchecked")
        String done = ((List<Map<String, Object>>) status.get("options")).get(1).get("id").toString();
        JsonNode answer = post("""
                mutation($project: ID!, $item: ID!, $field: ID!, $option: String!) {
                  updateProjectV2ItemFieldValue(input: {projectId: $project, itemId: $item, fieldId: $field,
                    value: {singleSelectOptionId: $option}}) { projectV2Item { id } } }""",
                Map.of("project", id(project), "item", id(item), "field", id(status), "option", done));
        assertEquals(id(item), answer.get("data").get("updateProjectV2ItemFieldValue").get("projectV2Item").get("id").asText());
        JsonNode value = post(read, Map.of("item", id(item))).get("data").get("node").get("fieldValues").get("nodes").get(0);
        assertEquals("Done", value.get("name").asText());
        assertEquals(done, value.get("optionId").asText());
        assertEquals("Status", value.get("field").get("name").asText());

        gh.forbidProjects();
        JsonNode forbidden = post(read, Map.of("item", id(item)));
        assertTrue(forbidden.get("data").get("node").isNull());
        assertEquals("FORBIDDEN", forbidden.get("errors").get(0).get("type").asText());
        JsonNode owner = post("{ organization(login: \"acme\") { login projectV2(number: 1) { title } } }");
        assertEquals("acme", owner.get("data").get("organization").get("login").asText());
        assertEquals("[\"organization\",\"projectV2\"]", owner.get("errors").get(0).get("path").toString());
    }

    @Test
    void onlyTheTokenIsLetIn() throws Exception {
        gh.token("s3cret");
        String query = "{ viewer { login } }";
        HttpResponse<String> none = send(null, query, Map.of());
        assertEquals(401, none.statusCode());
        assertEquals("Bad credentials", JSON.readTree(none.body()).get("message").asText());
        assertEquals(401, send("bearer wrong", query, Map.of()).statusCode());
        HttpResponse<String> good = send("Bearer s3cret", query, Map.of());
        assertEquals(200, good.statusCode());
        assertEquals("octocat", JSON.readTree(good.body()).get("data").get("viewer").get("login").asText());
        assertEquals(3, gh.requests());
        assertNotEquals(List.of(), gh.queries());
    }
}
