package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.prcybr.notionsync.support.NotionMock.DB;
import static org.prcybr.notionsync.support.NotionMock.DS;
import static org.prcybr.notionsync.support.NotionMock.PAGE;

import io.micronaut.json.tree.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.matchers.Times;
import org.mockserver.model.StringBody;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;
import org.prcybr.notionsync.support.NotionMock.Schema;

/**
 * Relations on the live path, the jar as a process: GitHub's GraphQL answers the issue's links,
 * Notion (MockServer) holds some of the linked pages. The page's relation properties are written
 * in the same update, with pages not synced yet left out.
 */
@ExtendWith(MockServerExtension.class)
class RelationsIT {
    private static final String ISSUE = "MDU6SXNzdWU0NDQ1MDAwNDE=";
    private static final String PR_DB = "3c4d5e6f-7081-4923-a4b5-c6d7e8f90a1b";
    private static final String PR_DS = "4d5e6f70-8192-4a34-b5c6-d7e8f90a1b2c";
    private static final String PARENT_PAGE = "5e6f7081-92a3-4b45-86d7-e8f90a1b2c3d";
    private static final String CHILD_PAGE = "6f708192-a3b4-4c56-97e8-f90a1b2c3d4e";
    private static final String PR_PAGE = "708192a3-b4c5-4d67-a8f9-0a1b2c3d4e5f";

    @TempDir
    Path workspace;

    private static Schema withRelations(String pullRequestsDatabase) {
        return Schema.full().relation("Parent", DB, DS, "Sub-issues").relation("Sub-issues", DB, DS, "Parent")
                .relation("Pull Requests", pullRequestsDatabase, PR_DS, "Issues");
    }

    /** A query answer with one page per External ID. */
    private static String pages(Map<String, String> pageByNode) {
        List<String> results = new ArrayList<>();
        pageByNode.forEach((node, page) -> results.add(NotionMock.page(page, "2026-01-01T10:00:00.000Z")
                .replace("\"properties\":{}", "\"properties\":{\"External ID\":{\"id\":\"e\",\"type\":\"rich_text\","
                        + "\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"" + node + "\"},\"plain_text\":\""
                        + node + "\"}]}}")));
        return "{\"object\":\"list\",\"results\":[" + String.join(",", results) + "],\"has_more\":false,\"next_cursor\":null}";
    }

    private void github(NotionMock mock, String node) {
        mock.server().when(request().withMethod("POST").withPath("/graphql")).respond(NotionMock.ok(
                "{\"data\":{\"node\":" + node + "}}"));
    }

    private ActionProcess action(NotionMock notion) {
        return new ActionProcess(workspace).notion(notion.url()).env("GITHUB_GRAPHQL_URL", notion.url() + "/graphql")
                .input(Input.NOTION_TASK_BACKLOG_DB_ID, DB).input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, PR_DB);
    }

    private static List<String> related(JsonNode properties, String name) {
        List<String> ids = new ArrayList<>();
        properties.get(name).get("relation").values().forEach(r -> ids.add(r.get("id").getStringValue()));
        return ids;
    }

    @Test
    void anIssueEventWritesItsParentSubIssuesAndClosingPullRequestsInTheSameUpdate(NotionMock notion) throws Exception {
        notion.standard(withRelations(PR_DB)).queryFinds(DS, PAGE).updateReturns(PAGE);
        // The External ID lookups: one query per target data source, an "or" of the linked node IDs.
        notion.server().when(request().withMethod("POST").withPath("/v1/data_sources/" + DS + "/query")
                        .withBody(StringBody.subString("\"or\"")), Times.unlimited(),
                        org.mockserver.matchers.TimeToLive.unlimited(), 10)
                .respond(NotionMock.ok(pages(Map.of("I_parent", PARENT_PAGE, "I_child1", CHILD_PAGE))));
        notion.server().when(request().withMethod("POST").withPath("/v1/data_sources/" + PR_DS + "/query"))
                .respond(NotionMock.ok(pages(Map.of("PR_closing", PR_PAGE))));
        github(notion, "{\"__typename\":\"Issue\",\"parent\":{\"id\":\"I_parent\"},"
                + "\"subIssues\":{\"nodes\":[{\"id\":\"I_child1\"},{\"id\":\"I_child2\"}]},"
                + "\"closedByPullRequestsReferences\":{\"nodes\":[{\"id\":\"PR_closing\"}]}}");

        Result r = action(notion).event("issues", "issues.labeled.json").run();

        assertEquals("updated", r.output("operation"), r.toString());
        assertEquals(1, notion.recorded("POST", "/graphql").size(), "one GraphQL request for the relations");
        String query = notion.recorded("POST", "/graphql").get(0).getBodyAsString();
        assertTrue(query.contains(ISSUE) && query.contains("closedByPullRequestsReferences"), query);
        JsonNode patch = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + PAGE).get(0)).get("properties");
        assertEquals(List.of(PARENT_PAGE), related(patch, "Parent"));
        assertEquals(List.of(CHILD_PAGE), related(patch, "Sub-issues"), "a sub-issue without a page is left out");
        assertEquals(List.of(PR_PAGE), related(patch, "Pull Requests"));
        String lookup = notion.recorded("POST", "/v1/data_sources/" + DS + "/query").get(1).getBodyAsString();
        assertTrue(lookup.contains("I_parent") && lookup.contains("I_child2"), lookup);
        // The update path (database, query, patch) plus the schema and one lookup per target data source.
        assertEquals(6, notion.recorded().length - 1, "Notion requests besides the GraphQL one");
    }

    @Test
    void aRelationPointingAtTheWrongDatabaseIsAnErrorAndNothingIsWritten(NotionMock notion) throws Exception {
        String elsewhere = "0a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f";
        notion.standard(withRelations(elsewhere)).queryFinds(DS, PAGE).updateReturns(PAGE);
        github(notion, "{\"__typename\":\"Issue\",\"parent\":null,\"subIssues\":{\"nodes\":[]},"
                + "\"closedByPullRequestsReferences\":{\"nodes\":[{\"id\":\"PR_closing\"}]}}");

        Result r = action(notion).event("issues", "issues.labeled.json").run();

        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("error", r.output("status"));
        String error = r.errors().get(0);
        assertTrue(error.contains("\"Pull Requests\"") && error.contains(PR_DB) && error.contains(DB), error);
        assertEquals(0, notion.recorded("PATCH", ".*").size(), "nothing written");
        assertEquals(0, notion.recorded("POST", "/v1/pages").size());
    }

    @Test
    void aDatabaseWithoutRelationPropertiesCostsNoGitHubRequest(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryFinds(DS, PAGE).updateReturns(PAGE);

        Result r = action(notion).event("issues", "issues.labeled.json").run();

        assertEquals("updated", r.output("operation"), r.toString());
        assertEquals(0, notion.recorded("POST", "/graphql").size());
        assertEquals(3, notion.recorded().length, "the update path's 3 requests");
    }

    @Test
    void aPullRequestLinksTheIssuesItCloses(NotionMock notion) throws Exception {
        String issuesDs = "8192a3b4-c5d6-4e78-b90a-1b2c3d4e5f60";
        notion.standard(Schema.full().relation("Issues", DB.replace("-", ""), issuesDs, "Pull Requests"))
                .queryFinds(DS, PAGE).updateReturns(PAGE);
        notion.server().when(request().withMethod("POST").withPath("/v1/data_sources/" + issuesDs + "/query"))
                .respond(NotionMock.ok(pages(Map.of("I_closed", PARENT_PAGE))));
        github(notion, "{\"__typename\":\"PullRequest\",\"closingIssuesReferences\":{\"nodes\":[{\"id\":\"I_closed\"}]}}");

        // The pull request database is DB here; its "Issues" point at the issues database.
        Result r = new ActionProcess(workspace).notion(notion.url()).env("GITHUB_GRAPHQL_URL", notion.url() + "/graphql")
                .input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, DB).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB.replace("-", ""))
                .event("pull_request", "pull_request.reopened.json").run();

        assertEquals("updated", r.output("operation"), r.toString());
        JsonNode patch = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + PAGE).get(0)).get("properties");
        assertEquals(List.of(PARENT_PAGE), related(patch, "Issues"));
    }

    @Test
    void aProjectItemLinksItsContentsPageFromTheLookupItAlreadyMakes(NotionMock notion) throws Exception {
        String issuesDs = "8192a3b4-c5d6-4e78-b90a-1b2c3d4e5f60";
        notion.standard(Schema.full().relation("Content", "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5", issuesDs, null))
                .queryFinds(DS, PAGE).updateReturns(PAGE);
        notion.server().when(request().withMethod("POST").withPath("/v1/data_sources/" + issuesDs + "/query"))
                .respond(NotionMock.ok(pages(Map.of("I_content", PARENT_PAGE))));
        github(notion, "{\"isArchived\":false,\"updatedAt\":\"2026-11-20T10:00:00Z\",\"project\":{\"title\":\"Roadmap\"},"
                + "\"fieldValues\":{\"nodes\":[]},\"content\":{\"__typename\":\"Issue\",\"id\":\"I_content\","
                + "\"title\":\"Plan the launch\",\"url\":\"https://github.com/octo-org/octo-repo/issues/7\",\"body\":\"b\","
                + "\"number\":7,\"issueState\":\"OPEN\",\"stateReason\":null,\"createdAt\":\"2026-11-01T09:00:00Z\","
                + "\"updatedAt\":\"2026-11-19T09:00:00Z\",\"closedAt\":null}}");

        Result r = new ActionProcess(workspace).notion(notion.url()).env("GITHUB_GRAPHQL_URL", notion.url() + "/graphql")
                .input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, DB)
                .event("projects_v2_item", "projects_v2_item.edited.json").run();

        assertEquals("updated", r.output("operation"), r.toString());
        assertEquals(1, notion.recorded("POST", "/graphql").size(), "the item lookup only, no relations request");
        JsonNode patch = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + PAGE).get(0)).get("properties");
        assertEquals(List.of(PARENT_PAGE), related(patch, "Content"));
    }

    @Test
    void aGitHubOutageDuringTheRelationsReadStillWritesThePageSoon(NotionMock notion) throws Exception {
        notion.standard(withRelations(PR_DB)).queryFinds(DS, PAGE).updateReturns(PAGE);
        notion.server().when(request().withMethod("POST").withPath("/graphql")).respond(
                org.mockserver.model.HttpResponse.response().withStatusCode(502).withBody("{\"message\":\"Server Error\"}"));

        Result r = action(notion).event("issues", "issues.labeled.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("updated", r.output("operation"));
        assertTrue(r.wallMs() < 40_000, "the optional read gave up after its own patience: " + r.wallMs() + " ms");
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("relations were not written")
                && w.contains("next event")), r.warnings().toString());
        JsonNode patch = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + PAGE).get(0)).get("properties");
        assertTrue(patch.get("Parent") == null, "an unread relation is not written, never cleared");
    }
}
