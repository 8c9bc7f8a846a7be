package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prcybr.notionsync.support.NotionMock.DB;
import static org.prcybr.notionsync.support.NotionMock.DS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;
import org.prcybr.notionsync.support.NotionMock.Schema;

/**
 * Every mistake a user can make ends the same way: one plain sentence naming the thing and the
 * fix, an ::error:: annotation, status=error, a non-zero exit, and no write to Notion.
 */
@ExtendWith(MockServerExtension.class)
class BadInputIT {
    @TempDir
    Path workspace;

    private ActionProcess action(NotionMock notion) throws Exception {
        return new ActionProcess(workspace).notion(notion.url()).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .event("issues", "issues.opened.json");
    }

    /** The common shape of every failure; returns the single ::error:: line. */
    private static String assertFailedPlainly(Result r, String... keyWords) {
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("error", r.output("status"));
        List<String> errors = r.errors();
        assertEquals(1, errors.size(), r.stdout());
        String error = errors.get(0);
        for (String word : keyWords) {
            assertTrue(error.contains(word), "missing '" + word + "' in " + error);
        }
        assertFalse(error.contains("Exception"), "a stack trace or exception name is not a message: " + error);
        assertFalse(r.stdout().contains("\tat org.") || r.stdout().contains("\tat io."), "no stack trace without RUNNER_DEBUG");
        assertFalse(r.stdout().contains(ActionProcess.TOKEN) && r.stdout().indexOf(ActionProcess.TOKEN)
                != r.stdout().lastIndexOf(ActionProcess.TOKEN), "token printed beyond its mask");
        assertTrue(r.summary().contains("Error: "), r.summary());
        return error;
    }

    private static void assertNoNotionCall(NotionMock notion) {
        assertEquals(0, notion.recorded().length, "no Notion request is allowed here");
    }

    private static void assertNothingWritten(NotionMock notion) {
        assertEquals(0, notion.recorded("POST", "/v1/pages").size(), "no page may be created");
        assertEquals(0, notion.recorded("PATCH", ".*").size(), "no page may be changed");
    }

    @Test
    void emptyTokenIsCaughtBeforeAnyCall(NotionMock notion) throws Exception {
        Result r = action(notion).input(Input.NOTION_TOKEN, "").run();
        assertFailedPlainly(r, "notion-token", "secrets.NOTION_TOKEN");
        assertNoNotionCall(notion);
        assertTrue(r.metrics().contains("\"status\":\"error\""), "the run still leaves its metrics line: " + r.metrics());
    }

    @Test
    void missingTokenVariableIsCaughtBeforeAnyCall(NotionMock notion) throws Exception {
        Result r = action(notion).env(Input.NOTION_TOKEN.envName(), null).run();
        assertFailedPlainly(r, "notion-token");
        assertNoNotionCall(notion);
    }

    @ParameterizedTest
    @CsvSource({"NOTION_TASK_BACKLOG_DB_ID, notion-task-backlog-db-id", "NOTION_PAGE_ID, notion-page-id",
        "NOTION_PERFORMANCE_LOG_DB_ID, notion-performance-log-db-id",
        "NOTION_DISCUSSIONS_ARC_DB_ID, notion-discussions-arc-db-id"})
    void malformedIdIsCaughtBeforeAnyCallWithoutEchoingIt(Input input, String name, NotionMock notion) throws Exception {
        Result r = action(notion).input(input, "secret_pastedIntoTheWrongBox123").run();
        String error = assertFailedPlainly(r, name, "32 hexadecimal");
        assertFalse(error.contains("secret_pastedIntoTheWrongBox123"));
        assertNoNotionCall(notion);
    }

    @Test
    void malformedApiUrlIsCaughtBeforeAnyCall(NotionMock notion) throws Exception {
        Result r = action(notion).input(Input.NOTION_API_URL, "api.notion.com/v1").run();
        assertFailedPlainly(r, "notion-api-url", "https://api.notion.com");
        assertNoNotionCall(notion);
    }

    @Test
    void oldApiVersionIsCaughtBeforeAnyCall(NotionMock notion) throws Exception {
        Result r = action(notion).input(Input.NOTION_VERSION, "2022-06-28").run();
        assertFailedPlainly(r, "notion-version", "2026-03-11");
        assertNoNotionCall(notion);
    }

    @Test
    void missingEventFileIsCaughtBeforeAnyCall(NotionMock notion) throws Exception {
        Result r = action(notion).env("GITHUB_EVENT_PATH", workspace.resolve("nope.json").toString()).run();
        assertFailedPlainly(r, "event file", "does not exist");
        assertNoNotionCall(notion);
    }

    @Test
    void unreadableEventFileIsCaughtBeforeAnyCall(NotionMock notion) throws Exception {
        Path dir = Files.createDirectories(workspace.resolve("event-dir.json"));
        Result r = action(notion).env("GITHUB_EVENT_PATH", dir.toString()).run();
        assertFailedPlainly(r, "event file", "cannot be read");
        assertNoNotionCall(notion);
    }

    @Test
    void malformedEventFileIsCaughtBeforeAnyCall(NotionMock notion) throws Exception {
        Result r = action(notion).eventJson("issues", "{\"action\": \"opened\", \"issue\": {").run();
        assertFailedPlainly(r, "event file", "not valid JSON");
        assertNoNotionCall(notion);
        assertTrue(r.metrics().contains("\"status\":\"error\""), "the run still leaves its metrics line: " + r.metrics());
    }

    @Test
    void eventFileOfTheWrongShapeIsCaughtBeforeAnyCall(NotionMock notion) throws Exception {
        Result r = action(notion).eventJson("issues", "{\"action\": \"opened\"}").run();
        assertFailedPlainly(r, "\"issue\"", "GITHUB_EVENT_NAME");
        assertNoNotionCall(notion);
    }

    @Test
    void invalidTokenNamesTheToken(NotionMock notion) throws Exception {
        notion.fails("GET", "/v1/databases/" + DB, 401, "unauthorized", "API token is invalid.");
        Result r = action(notion).run();
        assertFailedPlainly(r, "token", "notion-token", DB);
        assertNothingWritten(notion);
    }

    @Test
    void missingCapabilityIsExplained(NotionMock notion) throws Exception {
        notion.fails("GET", "/v1/databases/" + DB, 403, "restricted_resource",
                "Insufficient permissions for this endpoint.");
        Result r = action(notion).run();
        assertFailedPlainly(r, "capability", DB, "Insert content");
        assertNothingWritten(notion);
    }

    @Test
    void unsharedDatabaseSaysHowToShareIt(NotionMock notion) throws Exception {
        notion.fails("GET", "/v1/databases/" + DB, 404, "object_not_found",
                "Could not find database with ID: " + DB + ". Make sure the relevant pages and databases are shared with your integration.");
        Result r = action(notion).run();
        assertFailedPlainly(r, DB, "not shared", "Connections", "notion-task-backlog-db-id");
        assertNothingWritten(notion);
    }

    @Test
    void validationErrorGivesNotionsMessageAndTheProperty(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryFinds(DS).fails("POST", "/v1/pages", 400, "validation_error",
                "body failed validation: body.properties.Source URL.url should be a string or `null`.");
        Result r = action(notion).run();
        assertFailedPlainly(r, "validation_error", "Source URL", "should be a string", DB);
        assertEquals(1, notion.recorded("POST", "/v1/pages").size(), "a 400 is not retried");
    }

    @Test
    void aRefusedPropertyIsNamedAsTheDatabaseNamesIt(NotionMock notion) throws Exception {
        notion.standard(Schema.full().without("Source URL").prop("Link", "url")).queryFinds(DS).fails("POST",
                "/v1/pages", 400, "validation_error", "body failed validation: body.properties.Link.url should be a string.");
        Result r = action(notion).input(Input.PROPERTY_NAMES, "Source URL=Link").run();
        String error = assertFailedPlainly(r, "validation_error", "the property \"Link\"", DB);
        assertFalse(error.contains("\"Source URL\""), error);
    }

    @Test
    void aRefusedContentIsExplainedAsContentNotAsAProperty(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryFinds(DS).fails("POST", "/v1/pages", 400, "validation_error",
                "body failed validation: body.markdown could not be parsed.");
        Result r = action(notion).run();
        String error = assertFailedPlainly(r, "validation_error", "content converted from the GitHub body", DB);
        assertFalse(error.contains("fix that property"), error);
    }

    @Test
    void severalDataSourcesOnAnOldVersionPointsAtTheNewVersion(NotionMock notion) throws Exception {
        notion.fails("GET", "/v1/databases/" + DB, 400, "validation_error",
                "Databases with multiple data sources are not supported in this API version.");
        Result r = action(notion).run();
        assertFailedPlainly(r, "2026-03-11", "notion-version", DB);
        assertNothingWritten(notion);
    }

    @Test
    void databaseWithoutDataSourcesPointsAtTheNewVersion(NotionMock notion) throws Exception {
        notion.server().when(org.mockserver.model.HttpRequest.request().withMethod("GET").withPath("/v1/databases/" + DB))
                .respond(NotionMock.ok("{\"object\":\"database\",\"id\":\"" + DB + "\",\"properties\":{}}"));
        Result r = action(notion).run();
        assertFailedPlainly(r, "2025-09-03", DB);
        assertNothingWritten(notion);
    }

    @Test
    void missingPropertyNamesItAndItsType(NotionMock notion) throws Exception {
        notion.standard(Schema.full().without("Category").without("Last Synced"));
        Result r = action(notion).run();
        assertFailedPlainly(r, "\"Category\" (a select, multi_select or rich_text property)", "\"Last Synced\" (a date property)", DB);
        assertNothingWritten(notion);
    }

    @Test
    void propertyOfTheWrongTypeNamesBothTypes(NotionMock notion) throws Exception {
        notion.standard(Schema.full().without("Category").prop("Category", "number"));
        Result r = action(notion).run();
        assertFailedPlainly(r, "\"Category\"", "number", "a select");
        assertNothingWritten(notion);
    }

    @Test
    void unknownStatusOptionListsValidOptions(NotionMock notion) throws Exception {
        notion.standard(Schema.full().without("Status").status("Status", "Backlog", "Done"));
        Result r = action(notion).run();
        assertFailedPlainly(r, "Backlog, Done", "\"Open\"");
        assertNothingWritten(notion);
    }

    @Test
    void failOnErrorFalseStillReportsTheErrorButExitsZero(NotionMock notion) throws Exception {
        notion.fails("GET", "/v1/databases/" + DB, 404, "object_not_found", "Could not find database.");
        Result r = action(notion).input(Input.FAIL_ON_ERROR, "false").run();
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("error", r.output("status"));
        assertEquals(1, r.errors().size());
        assertTrue(r.summary().contains("Error: "));
    }

    @Test
    void badBooleanInputIsNamed(NotionMock notion) throws Exception {
        Result r = action(notion).input(Input.DRY_RUN, "yes please").run();
        assertFailedPlainly(r, "dry-run", "true or false");
        assertNoNotionCall(notion);
    }

    @Test
    void stackTraceOnlyWithRunnerDebug(NotionMock notion) throws Exception {
        // A summary path that is a directory cannot be written: a warning, never a trace, without debug.
        notion.standard(Schema.full()).queryFinds(DS, NotionMock.PAGE).updateReturns(NotionMock.PAGE);
        Path dir = Files.createDirectories(workspace.resolve("summary-dir"));
        Result r = action(notion).env("GITHUB_STEP_SUMMARY", dir.toString()).run();
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1, r.warnings().size(), r.stdout());
        assertFalse(r.stdout().contains("\tat "));
    }
}
