package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.prcybr.notionsync.support.NotionMock.DB;
import static org.prcybr.notionsync.support.NotionMock.DS;
import static org.prcybr.notionsync.support.NotionMock.PAGE;

import io.micronaut.json.tree.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;
import org.prcybr.notionsync.support.NotionMock.Schema;

/**
 * Notion task IDs, the jar as a process: a pull request that names TASK-n in its title, branch or
 * body (outside code) links those tasks through its Tasks relation, and moves their Status.
 */
@ExtendWith(MockServerExtension.class)
class TaskIdsIT {
    private static final String TASKS_DB = "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    private static final String TASKS_DS = "0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e";
    private static final String TASK_42 = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    private static final String TASK_43 = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60";
    private static final String TASK_9 = "3e4f5a6b-7c8d-4e9f-a0b1-2c3d4e5f6071";

    @TempDir
    Path workspace;

    private static String task(String id, int number, String status) {
        return NotionMock.page(id, "2026-01-01T10:00:00.000Z").replace("\"properties\":{}", "\"properties\":{"
                + "\"ID\":{\"id\":\"u\",\"type\":\"unique_id\",\"unique_id\":{\"prefix\":\"TASK\",\"number\":" + number + "}},"
                + "\"Status\":{\"id\":\"s\",\"type\":\"status\",\"status\":{\"name\":\"" + status + "\"}}}");
    }

    private void tasksDatabase(NotionMock notion) {
        notion.server().when(request().withMethod("GET").withPath("/v1/data_sources/" + TASKS_DS)).respond(NotionMock.ok(
                "{\"object\":\"data_source\",\"id\":\"" + TASKS_DS + "\",\"properties\":{"
                        + "\"Task\":{\"id\":\"title\",\"name\":\"Task\",\"type\":\"title\",\"title\":{}},"
                        + "\"ID\":{\"id\":\"u\",\"name\":\"ID\",\"type\":\"unique_id\",\"unique_id\":{\"prefix\":\"TASK\"}},"
                        + "\"Status\":{\"id\":\"s\",\"name\":\"Status\",\"type\":\"status\",\"status\":{\"options\":[]}}}}"));
        notion.server().when(request().withMethod("POST").withPath("/v1/data_sources/" + TASKS_DS + "/query")).respond(
                NotionMock.ok("{\"object\":\"list\",\"results\":[" + task(TASK_42, 42, "In progress") + ","
                        + task(TASK_43, 43, "In review") + "," + task(TASK_9, 9, "Backlog")
                        + "],\"has_more\":false,\"next_cursor\":null}"));
        notion.server().when(request().withMethod("PATCH").withPath("/v1/pages/.*")).respond(
                NotionMock.ok(NotionMock.page(PAGE, "2026-01-01T10:00:00.000Z")));
    }

    private ActionProcess pullRequest(NotionMock notion, String title, String branch, String body) throws Exception {
        String payload = Files.readString(Path.of("src/test/resources/events/pull_request.reopened.json"))
                .replace("\"Update the README with new information.\"", "\"" + title + "\"")
                .replace("\"ref\": \"changes\"", "\"ref\": \"" + branch + "\"")
                .replace("\"This is a pretty simple change that we need to pull into master.\"", "\"" + body + "\"");
        return new ActionProcess(workspace).notion(notion.url())
                .input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, DB).eventJson("pull_request", payload);
    }

    private static List<String> related(JsonNode properties, String name) {
        List<String> ids = new ArrayList<>();
        properties.get(name).get("relation").values().forEach(r -> ids.add(r.get("id").getStringValue()));
        return ids;
    }

    @Test
    void mentionsInTitleBranchAndBodyLinkTheTasksAndMoveTheirStatus(NotionMock notion) throws Exception {
        notion.standard(Schema.full().relation("Tasks", TASKS_DB, TASKS_DS, null)).queryFinds(DS, PAGE);
        tasksDatabase(notion);

        Result r = pullRequest(notion, "Fix the login (TASK-42)", "feature/task-9-login",
                "Done, see Task-43.\\n\\n```\\nTASK-7 in a log\\n```\\n\\nNot `TASK-8` either, nor XTASK-5.")
                .input(Input.TASK_STATUS_MAP, "open=In review\nmerged=Done").run();

        assertEquals("updated", r.output("operation"), r.toString());
        assertEquals(1, notion.recorded("POST", "/v1/data_sources/" + TASKS_DS + "/query").size(), "one task query");
        JsonNode filter = NotionMock.json(notion.recorded("POST", "/v1/data_sources/" + TASKS_DS + "/query").get(0))
                .get("filter").get("or");
        List<Integer> asked = new ArrayList<>();
        filter.values().forEach(f -> {
            assertEquals("ID", f.get("property").getStringValue());
            asked.add(f.get("unique_id").get("equals").getNumberValue().intValue());
        });
        assertEquals(List.of(42, 9, 43), asked, "code spans, code blocks and XTASK-5 never count");
        JsonNode patch = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + PAGE).get(0)).get("properties");
        assertEquals(List.of(TASK_42, TASK_9, TASK_43), related(patch, "Tasks"), "title, branch, then body");
        // open=In review: task 42 (In progress) and task 9 (Backlog) move, task 43 is there already.
        assertEquals(1, notion.recorded("PATCH", "/v1/pages/" + TASK_42).size());
        assertEquals(1, notion.recorded("PATCH", "/v1/pages/" + TASK_9).size());
        assertEquals(0, notion.recorded("PATCH", "/v1/pages/" + TASK_43).size());
        JsonNode moved = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + TASK_42).get(0));
        assertEquals("In review", moved.get("properties").get("Status").get("status").get("name").getStringValue());
    }

    @Test
    void withoutATaskStatusMapNothingMovesAndWithoutMentionsNothingIsQueried(NotionMock notion) throws Exception {
        notion.standard(Schema.full().relation("Tasks", TASKS_DB, TASKS_DS, null)).queryFinds(DS, PAGE);
        tasksDatabase(notion);

        Result linked = pullRequest(notion, "Fix TASK-42", "changes", "body").run();
        assertEquals("updated", linked.output("operation"), linked.toString());
        assertEquals(0, notion.recorded("PATCH", "/v1/pages/" + TASK_42).size(), "an empty task-status-map moves nothing");

        Result none = pullRequest(notion, "No task here", "changes", "Plain text.").run();
        assertEquals("updated", none.output("operation"), none.toString());
        assertEquals(1, notion.recorded("POST", "/v1/data_sources/" + TASKS_DS + "/query").size(),
                "only the first run queried the tasks");
    }

    @Test
    void aMalformedTaskStatusMapLineIsAnInputError(NotionMock notion) throws Exception {
        Result r = pullRequest(notion, "t", "changes", "b").input(Input.TASK_STATUS_MAP, "shipped=Done").run();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.errors().get(0).contains("task-status-map"), r.errors().get(0));
        assertEquals(0, notion.recorded().length);
    }
}
