package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.prcybr.notionsync.support.NotionMock.DB;
import static org.prcybr.notionsync.support.NotionMock.DB_PLAIN;
import static org.prcybr.notionsync.support.NotionMock.DS;
import static org.prcybr.notionsync.support.NotionMock.PAGE;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockserver.model.HttpRequest;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;
import org.prcybr.notionsync.support.NotionMock.Schema;

/** The built jar, run as the runner runs it, against Notion on MockServer. */
@ExtendWith(MockServerExtension.class)
class SyncEndToEndIT {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @TempDir
    Path workspace;

    private ActionProcess action(NotionMock notion) {
        return new ActionProcess(workspace).notion(notion.url());
    }


    private static String prop(JsonNode props, String name, String type, String... path) {
        JsonNode n = props.get(name).get(type);
        for (String p : path) {
            n = n.isArray() ? n.get(Integer.parseInt(p)) : n.get(p);
        }
        return n.isString() ? n.getStringValue() : String.valueOf(n.getValue());
    }

    @Test
    void newIssueCreatesOnePageWithEveryPropertyAndReportsIt(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB_PLAIN)
                .event("issues", "issues.opened.json").run();

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("synced", r.output("status"));
        assertEquals("created", r.output("operation"));
        assertEquals(PAGE, r.output("page-id"));
        assertEquals("https://www.notion.so/" + PAGE.replace("-", ""), r.output("page-url"));
        assertEquals(DB, r.output("database-id"));
        assertEquals("Issue", r.output("category"));
        assertEquals("MDU6SXNzdWU0NDQ1MDAwNDE=", r.output("external-id"));
        assertEquals("0", r.output("retries"));
        assertTrue(Long.parseLong(r.output("latency-ms")) > 0);
        assertEquals(List.of("status", "latency-ms", "operation", "page-id", "page-url", "database-id", "category",
                "external-id", "retries"), List.copyOf(r.outputs().keySet()));

        List<HttpRequest> creates = notion.recorded("POST", "/v1/pages");
        assertEquals(1, creates.size());
        JsonNode created = NotionMock.json(creates.get(0));
        assertEquals(DS, created.get("parent").get("data_source_id").getStringValue());
        JsonNode props = created.get("properties");
        assertEquals("Spelling error in the README file", prop(props, "Name", "title", "0", "text", "content"));
        assertEquals("Open", prop(props, "Status", "status", "name"));
        assertEquals("Issue", prop(props, "Category", "select", "name"));
        assertEquals("https://github.com/Codertocat/Hello-World/issues/1", prop(props, "Source URL", "url"));
        assertEquals("MDU6SXNzdWU0NDQ1MDAwNDE=", prop(props, "External ID", "rich_text", "0", "text", "content"));
        assertTrue(prop(props, "Last Synced", "date", "start").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00"));

        // Every request carries the version and the token; the query filters on External ID.
        for (HttpRequest req : notion.recorded()) {
            assertEquals("2026-03-11", req.getFirstHeader("Notion-Version"));
            assertEquals("Bearer " + ActionProcess.TOKEN, req.getFirstHeader("Authorization"));
        }
        JsonNode query = NotionMock.json(notion.recorded("POST", "/v1/data_sources/" + DS + "/query").get(0));
        assertEquals("External ID", query.get("filter").get("property").getStringValue());
        assertEquals("MDU6SXNzdWU0NDQ1MDAwNDE=", query.get("filter").get("rich_text").get("equals").getStringValue());
        // Hot path of a create: database, data source, query, create, re-query.
        assertEquals(5, notion.recorded().length);

        assertTrue(r.summary().contains("| Operation | created |"), r.summary());
        assertTrue(r.summary().contains("[Open in Notion](https://www.notion.so/" + PAGE.replace("-", "") + ")"));
        assertTrue(r.summary().contains("](https://github.com/Codertocat/Hello-World/issues/1)"));

        String metrics = r.metrics();
        assertEquals(1, metrics.lines().count(), metrics);
        JsonNode line = JSON.readValue(metrics.lines().findFirst().orElseThrow(), JsonNode.class);
        assertEquals("issues.opened", line.get("event_type").getStringValue());
        assertEquals("synced", line.get("status").getStringValue());
        assertTrue(line.get("latency_ms").isNumber());
        assertTrue(line.get("timestamp").getStringValue().matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z"));
        assertEquals(DB, line.get("metadata").get("database_id").getStringValue());
        assertEquals(PAGE, line.get("metadata").get("page_id").getStringValue());
        assertTrue(r.stdout().startsWith("::add-mask::" + ActionProcess.TOKEN + "\n"), r.stdout());
    }

    @Test
    void existingPageIsUpdatedNotDuplicated(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryFinds(DS, PAGE).updateReturns(PAGE);

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .event("issues", "issues.closed.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("updated", r.output("operation"));
        assertEquals(0, notion.recorded("POST", "/v1/pages").size());
        JsonNode update = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + PAGE).get(0));
        assertEquals("Closed", prop(update.get("properties"), "Status", "status", "name"));
        // Hot path of an update: database, query, update (the page found carries the property types).
        assertEquals(3, notion.recorded().length);
    }

    @Test
    void statusAsSelectIsWrittenAsSelect(NotionMock notion) throws Exception {
        notion.standard(Schema.full().without("Status").select("Status")).queryFinds(DS, PAGE).updateReturns(PAGE);

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .event("issues", "issues.reopened.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        JsonNode props = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + PAGE).get(0)).get("properties");
        assertEquals("Open", prop(props, "Status", "select", "name"));
    }

    @Test
    void aStatusOptionSpelledOtherwiseIsTakenFromTheSchemaAfterARefusal(NotionMock notion) throws Exception {
        // The page found lists no status options; Notion refuses "Closed" where the option is "closed".
        notion.standard(Schema.full().without("Status").status("Status", "open", "closed")).queryFinds(DS, PAGE);
        notion.server().when(request().withMethod("PATCH").withPath("/v1/pages/" + PAGE)
                        .withBody(org.mockserver.model.StringBody.subString("\"name\":\"Closed\"")))
                .respond(org.mockserver.model.HttpResponse.response().withStatusCode(400)
                        .withContentType(org.mockserver.model.MediaType.APPLICATION_JSON)
                        .withBody("{\"object\":\"error\",\"status\":400,\"code\":\"validation_error\","
                                + "\"message\":\"Invalid status option.\"}"));
        notion.updateReturns(PAGE);

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB).event("issues", "issues.closed.json").run();

        assertEquals("updated", r.output("operation"), r.toString());
        List<HttpRequest> patches = notion.recorded("PATCH", "/v1/pages/" + PAGE);
        assertEquals(2, patches.size());
        assertEquals("closed", prop(NotionMock.json(patches.get(1)).get("properties"), "Status", "status", "name"));
        assertEquals(1, notion.recorded("GET", "/v1/data_sources/" + DS).size());
    }

    @Test
    void issuesFallBackToTheIssuesBacklog(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryFinds(DS, PAGE).updateReturns(PAGE);

        Result r = action(notion).input(Input.NOTION_ISSUES_BACKLOG_DB_ID, DB)
                .event("issues", "issues.labeled.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(DB, r.output("database-id"));
    }

    @ParameterizedTest
    @CsvSource({
        "pull_request, pull_request.closed.merged.json, NOTION_PROJECT_BOARD_BACKLOG_DB_ID, Pull Request, Closed, true",
        "pull_request, pull_request.closed.unmerged.json, NOTION_PROJECT_BOARD_BACKLOG_DB_ID, Pull Request, Closed, false",
        "pull_request, pull_request.opened.json, NOTION_PROJECT_BOARD_BACKLOG_DB_ID, Pull Request, Open, false",
        "discussion, discussion.created.json, NOTION_DISCUSSIONS_ARC_DB_ID, Discussion, Open, ",
        "discussion, discussion.answered.json, NOTION_DISCUSSIONS_ARC_DB_ID, Discussion, Open, ",
        "projects_v2_item, projects_v2_item.created.json, NOTION_PROJECT_BOARD_BACKLOG_DB_ID, Project Board, Open, ",
        "repository_dispatch, repository_dispatch.projects_v2_item.json, NOTION_PROJECT_BOARD_BACKLOG_DB_ID, Project Board, Open, ",
        "workflow_dispatch, workflow_dispatch.json, NOTION_KNOWLEDGE_FILE_DB_ID, Manual, Open, ",
    })
    void everyEventKindLandsInItsDatabase(String event, String fixture, Input database, String category,
                                          String status, String merged, NotionMock notion) throws Exception {
        notion.standard(Schema.full().prop("Merged", "checkbox")).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);

        Result r = action(notion).input(database, DB).input(Input.GITHUB_TOKEN, "")
                .event(event, fixture).run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(category, r.output("category"));
        JsonNode props = NotionMock.json(notion.recorded("POST", "/v1/pages").get(0)).get("properties");
        assertEquals(category, prop(props, "Category", "select", "name"));
        assertEquals(status, prop(props, "Status", "status", "name"));
        if (merged != null) {
            assertEquals(merged, prop(props, "Merged", "checkbox"));
        } else {
            assertTrue(props.get("Merged") == null, "Merged is only written for pull requests");
        }
    }

    @Test
    void manualDispatchIsNamedAfterTheRunAndKeyedByRunId(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);

        Result r = action(notion).input(Input.NOTION_KNOWLEDGE_FILE_DB_ID, DB)
                .event("workflow_dispatch", "workflow_dispatch.json").run();

        JsonNode props = NotionMock.json(notion.recorded("POST", "/v1/pages").get(0)).get("properties");
        assertEquals("Notion sync #7", prop(props, "Name", "title", "0", "text", "content"));
        assertEquals("https://github.com/Codertocat/Hello-World/actions/runs/1658821493", prop(props, "Source URL", "url"));
        assertEquals("workflow-run-1658821493", r.output("external-id"));
    }

    @Test
    void manualDispatchUsesTheTitleInput(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);

        action(notion).input(Input.NOTION_KNOWLEDGE_FILE_DB_ID, DB)
                .eventJson("workflow_dispatch", "{\"inputs\":{\"title\":\"Quarterly knowledge sync\"},\"ref\":\"refs/heads/main\"}")
                .run();

        JsonNode props = NotionMock.json(notion.recorded("POST", "/v1/pages").get(0)).get("properties");
        assertEquals("Quarterly knowledge sync", prop(props, "Name", "title", "0", "text", "content"));
    }

    @Test
    void projectItemTitleIsResolvedThroughGraphQl(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);
        notion.server().when(request().withMethod("POST").withPath("/api/graphql"))
                .respond(NotionMock.ok("{\"data\":{\"node\":{\"isArchived\":false,\"project\":{\"title\":\"Roadmap\"},"
                        + "\"fieldValues\":{\"nodes\":[]},\"content\":{\"__typename\":\"DraftIssue\",\"title\":\"Plan the launch\","
                        + "\"body\":null,\"creator\":{\"login\":\"octocat\"},\"assignees\":{\"nodes\":[]}}}}}"));

        Result r = action(notion).input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, DB)
                .env("GITHUB_GRAPHQL_URL", notion.url() + "/api/graphql")
                .event("projects_v2_item", "projects_v2_item.edited.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        HttpRequest graphql = notion.recorded("POST", "/api/graphql").get(0);
        assertEquals("bearer ghs_FAKEgithubTOKEN", graphql.getFirstHeader("Authorization"));
        assertTrue(graphql.getBodyAsString().contains("PVTI_lADOAWcTxs07G84AVqWu"), graphql.getBodyAsString());
        JsonNode props = NotionMock.json(notion.recorded("POST", "/v1/pages").get(0)).get("properties");
        assertEquals("Plan the launch", prop(props, "Name", "title", "0", "text", "content"));
        assertEquals("PVTI_lADOAWcTxs07G84AVqWu", r.output("external-id"));
    }

    @Test
    void projectItemWithoutTokenGetsAReadableFallbackTitle(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);

        action(notion).input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, DB).input(Input.GITHUB_TOKEN, "")
                .event("projects_v2_item", "projects_v2_item.created.json").run();

        JsonNode props = NotionMock.json(notion.recorded("POST", "/v1/pages").get(0)).get("properties");
        assertEquals("Project item: DraftIssue DI_lAAEAQo", prop(props, "Name", "title", "0", "text", "content"));
    }

    @ParameterizedTest
    @CsvSource({"issues, issues.deleted.json, NOTION_TASK_BACKLOG_DB_ID",
        "projects_v2_item, projects_v2_item.deleted.json, NOTION_PROJECT_BOARD_BACKLOG_DB_ID",
        "discussion, discussion.deleted.json, NOTION_DISCUSSIONS_ARC_DB_ID"})
    void deletedMovesThePageToTrash(String event, String fixture, Input database, NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryFinds(DS, PAGE).updateReturns(PAGE);

        Result r = action(notion).input(database, DB).event(event, fixture).run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("archived", r.output("operation"));
        JsonNode patch = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + PAGE).get(0));
        assertEquals(1, patch.size(), "only in_trash is sent");
        assertTrue(patch.get("in_trash").getBooleanValue());
    }

    @Test
    void unhandledEventIsSkippedWithNoNotionCall(NotionMock notion) throws Exception {
        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB).event("push", "push.json").run();

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("skipped", r.output("status"));
        assertEquals("none", r.output("operation"));
        assertTrue(r.summary().contains("push"), r.summary());
        assertEquals(0, notion.recorded().length);
        // Every metrics line carries metadata, even a skipped run's empty one.
        JsonNode line = JSON.readValue(r.metrics().strip(), JsonNode.class);
        assertTrue(line.get("metadata") != null && line.get("metadata").isObject(), r.metrics());
    }

    @Test
    void eventWithoutConfiguredDatabaseIsSkippedWithNoNotionCall(NotionMock notion) throws Exception {
        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .event("discussion", "discussion.created.json").run();

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("skipped", r.output("status"));
        assertTrue(r.summary().contains("notion-discussions-arc-db-id"), r.summary());
        assertEquals(0, notion.recorded().length);
    }

    @Test
    void missingPropertyIsAnErrorNamingItAndNothingIsWritten(NotionMock notion) throws Exception {
        // Notion refuses a filter on a property the data source lacks.
        notion.standard(Schema.full().without("External ID")).fails("POST", "/v1/data_sources/" + DS + "/query", 400,
                "validation_error", "Could not find property with name or id: External ID.");

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .event("issues", "issues.opened.json").run();

        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("error", r.output("status"));
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().get(0).contains("\"External ID\" (a rich_text property)"), r.errors().get(0));
        assertTrue(r.errors().get(0).contains(DB));
        assertEquals(0, notion.recorded("POST", "/v1/pages").size());
        assertEquals(0, notion.recorded("PATCH", ".*").size());
    }

    @Test
    void unknownStatusOptionListsTheValidOnes(NotionMock notion) throws Exception {
        notion.standard(Schema.full().without("Status").status("Status", "Not started", "In progress", "Done"));

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .event("issues", "issues.opened.json").run();

        assertEquals("error", r.output("status"), r.toString());
        assertTrue(r.errors().get(0).contains("Not started, In progress, Done"), r.errors().get(0));
        assertEquals(0, notion.recorded("POST", "/v1/pages").size());
    }

    @Test
    void performanceLogGetsOneSummaryPage(NotionMock notion) throws Exception {
        String perfDb = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
        String perfDs = "ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee";
        notion.standard(Schema.full()).queryFinds(DS, PAGE).updateReturns(PAGE)
                .database(perfDb, perfDs)
                .dataSource(perfDs, new Schema().title("Name").select("Event").select("Status")
                        .prop("Latency (ms)", "number").prop("Timestamp", "date"))
                .createReturns("cccccccc-bbbb-4ccc-8ddd-eeeeeeeeeeee");

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .input(Input.NOTION_PERFORMANCE_LOG_DB_ID, perfDb)
                .event("issues", "issues.edited.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        List<HttpRequest> creates = notion.recorded("POST", "/v1/pages");
        assertEquals(1, creates.size());
        JsonNode body = NotionMock.json(creates.get(0));
        assertEquals(perfDs, body.get("parent").get("data_source_id").getStringValue());
        JsonNode props = body.get("properties");
        assertEquals("issues.edited", prop(props, "Event", "select", "name"));
        assertEquals("synced", prop(props, "Status", "select", "name"));
        assertTrue(props.get("Latency (ms)").get("number").isNumber());
        assertTrue(r.warnings().isEmpty(), r.stdout());
    }

    @Test
    void performanceLogFailureIsOnlyAWarning(NotionMock notion) throws Exception {
        String perfDb = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
        notion.standard(Schema.full()).queryFinds(DS, PAGE).updateReturns(PAGE)
                .fails("GET", "/v1/databases/" + perfDb, 404, "object_not_found", "Could not find database.");

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .input(Input.NOTION_PERFORMANCE_LOG_DB_ID, perfDb)
                .event("issues", "issues.edited.json").run();

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("synced", r.output("status"));
        assertEquals(1, r.warnings().size(), r.stdout());
        assertTrue(r.warnings().get(0).contains("performance-log"));
        assertFalse(r.stdout().contains("::error"));
    }

    @Test
    void dryRunPrintsThePageWithNoNotionCallAndNoToken(NotionMock notion) throws Exception {
        Result r = action(notion).input(Input.NOTION_TOKEN, "").input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .input(Input.DRY_RUN, "true").event("issues", "issues.opened.json").run();

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("skipped", r.output("status"));
        assertTrue(r.stdout().contains("Name: Spelling error in the README file"), r.stdout());
        assertTrue(r.summary().contains("dry run"), r.summary());
        assertEquals(0, notion.recorded().length);
    }
}
