package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.prcybr.notionsync.support.NotionMock.DB;
import static org.prcybr.notionsync.support.NotionMock.DS;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.StringBody;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;
import org.prcybr.notionsync.support.NotionMock.Schema;

/** mode: setup, the jar as a process against Notion on MockServer. */
@ExtendWith(MockServerExtension.class)
class SetupIT {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String ROOT = "0f1e2d3c-4b5a-4968-8776-655443322110";
    private static final String[] TITLES = {"Task Backlog", "Project Board Backlog", "Discussions Archive",
        "Knowledge File", "Performance Log"};

    @TempDir
    Path workspace;

    private ActionProcess setup(NotionMock notion) throws Exception {
        return new ActionProcess(workspace).notion(notion.url()).input(Input.MODE, "setup")
                .input(Input.NOTION_PAGE_ID, "https://www.notion.so/Engineering-" + ROOT.replace("-", ""))
                .eventJson("workflow_dispatch", "{\"inputs\":{},\"ref\":\"refs/heads/main\"}");
    }


    /** The root page's children: a paragraph and the child databases named. */
    private static void children(NotionMock notion, String... titles) {
        StringBuilder results = new StringBuilder("{\"object\":\"block\",\"id\":\"p1\",\"type\":\"paragraph\",\"paragraph\":{}}");
        for (int i = 0; i < titles.length; i++) {
            results.append(",{\"object\":\"block\",\"id\":\"").append(String.format("%08d-0000-4000-8000-000000000000", i + 1))
                    .append("\",\"type\":\"child_database\",\"child_database\":{\"title\":\"").append(titles[i]).append("\"}}");
        }
        notion.server().when(request().withMethod("GET").withPath("/v1/blocks/" + ROOT + "/children"))
                .respond(NotionMock.ok("{\"object\":\"list\",\"results\":[" + results + "],\"has_more\":false,\"next_cursor\":null}"));
    }

    private static void databasesCreated(NotionMock notion) {
        AtomicInteger n = new AtomicInteger();
        notion.server().when(request().withMethod("POST").withPath("/v1/databases")).respond(req -> {
            String id = String.format("%08d-aaaa-4aaa-8aaa-aaaaaaaaaaaa", n.incrementAndGet());
            return NotionMock.ok("{\"object\":\"database\",\"id\":\"" + id + "\",\"data_sources\":[{\"id\":\""
                    + id.replace('a', 'b') + "\",\"name\":\"x\"}]}");
        });
    }

    /** The request's JSON body as compact text, keys in the order sent, to compare with the exact body expected. */
    private static String body(HttpRequest req) throws Exception {
        return JSON.writeValueAsString(NotionMock.json(req));
    }

    /** Any data source PATCH succeeds (Notion answers with the schema; setup does not read it). */
    private static void dataSourcesPatched(NotionMock notion) {
        notion.server().when(request().withMethod("PATCH").withPath("/v1/data_sources/.*"))
                .respond(NotionMock.ok("{\"object\":\"data_source\",\"id\":\"x\",\"properties\":{}}"));
    }

    /** A schema with every Field property of its usual type (Status with Open and Closed), relations left out. */
    private static Schema everyField() {
        Schema schema = new Schema().title("Name");
        for (Field f : Field.values()) {
            if (f.relation()) {
                continue; // a relation needs its target: tests add those they mean with Schema.relation
            }
            if (f == Field.STATUS) {
                schema.status(f.defaultName(), "Open", "Closed");
            } else {
                schema.prop(f.defaultName(), f.types().get(0));
            }
        }
        return schema;
    }

    /** The five databases found under the page, 0000000n-0000-…, with data source dn000000-…, of these schemas. */
    private static String[] existing(NotionMock notion, Schema taskBacklog, Schema projectBoard) {
        children(notion, TITLES);
        String[] ds = new String[5];
        for (int i = 1; i <= 5; i++) {
            ds[i - 1] = String.format("d%d000000-0000-4000-8000-000000000000", i);
            notion.database(String.format("%08d-0000-4000-8000-000000000000", i), ds[i - 1]);
        }
        notion.dataSource(ds[0], taskBacklog).dataSource(ds[1], projectBoard).dataSource(ds[2], everyField())
                .dataSource(ds[3], everyField()).dataSource(ds[4], new Schema().title("Name").select("Event")
                        .select("Status").prop("Latency (ms)", "number").prop("Timestamp", "date"));
        return ds;
    }

    @Test
    void createsEveryMissingDatabaseWithTheFullSchemaAndReportsTheIds(NotionMock notion) throws Exception {
        children(notion);
        databasesCreated(notion);
        dataSourcesPatched(notion);

        Result r = setup(notion).run();

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("synced", r.output("status"));
        assertEquals(7, notion.recorded().length, "the page's children, five creates, the Task Backlog's Parent");
        List<HttpRequest> creates = notion.recorded("POST", "/v1/databases");
        assertEquals(5, creates.size());
        List<String> titles = new ArrayList<>();
        for (HttpRequest c : creates) {
            JsonNode b = NotionMock.json(c);
            assertEquals(ROOT, b.get("parent").get("page_id").getStringValue());
            titles.add(b.get("title").get(0).get("text").get("content").getStringValue());
        }
        assertEquals(List.of(TITLES), titles);
        for (HttpRequest req : notion.recorded()) {
            assertFalse(req.getBodyAsString() != null && req.getBodyAsString().contains("Tasks"),
                    "a new Task Backlog has no unique ID, so no Tasks: " + req.getBodyAsString());
        }
        JsonNode props = NotionMock.json(creates.get(0)).get("initial_data_source").get("properties");
        assertTrue(props.get("Name").get("title").isObject());
        assertEquals("Open", props.get("Status").get("status").get("options").get(0).get("name").getStringValue());
        assertEquals("Closed", props.get("Status").get("status").get("options").get(1).get("name").getStringValue());
        for (String[] p : new String[][] {{"Category", "select"}, {"Last Synced", "date"}, {"Source URL", "url"},
                {"External ID", "rich_text"}, {"Labels", "multi_select"}, {"Updated", "date"}, {"Number", "number"},
                {"Merged", "checkbox"}, {"Reviewers", "multi_select"}, {"Project", "select"}, {"Answered", "checkbox"},
                {"Sync State", "rich_text"}}) {
            assertTrue(props.get(p[0]) != null && props.get(p[0]).get(p[1]) != null, p[0] + " as " + p[1]);
        }
        JsonNode perf = NotionMock.json(creates.get(4)).get("initial_data_source").get("properties");
        assertTrue(perf.get("Latency (ms)").get("number") != null);
        assertEquals("00000001-aaaa-4aaa-8aaa-aaaaaaaaaaaa", r.output("task-backlog-db-id"));
        assertEquals("00000005-aaaa-4aaa-8aaa-aaaaaaaaaaaa", r.output("performance-log-db-id"));
        assertTrue(r.summary().contains("gh secret set NOTION_TASK_BACKLOG_DB_ID --body 00000001-aaaa-4aaa-8aaa-aaaaaaaaaaaa"),
                r.summary());
        assertTrue(r.summary().contains("| Task Backlog | notion-task-backlog-db-id | created; relations Parent ⇄ Sub-issues |"),
                r.summary());
        assertTrue(r.summary().contains("| Project Board Backlog | notion-project-board-backlog-db-id | created; relations "
                + "Issues ⇄ Pull Requests \\(Task Backlog\\), Content → Task Backlog |"), r.summary());
    }

    @Test
    void aRefusedStatusPropertyFallsBackToASelect(NotionMock notion) throws Exception {
        children(notion);
        notion.server().when(request().withMethod("POST").withPath("/v1/databases")
                        .withBody(StringBody.subString("\"status\":{\"options\"")))
                .respond(org.mockserver.model.HttpResponse.response().withStatusCode(400)
                        .withContentType(org.mockserver.model.MediaType.APPLICATION_JSON)
                        .withBody("{\"object\":\"error\",\"status\":400,\"code\":\"validation_error\",\"message\":\"Cannot create status.\"}"));
        databasesCreated(notion);
        dataSourcesPatched(notion);

        Result r = setup(notion).run();

        assertEquals("synced", r.output("status"), r.toString());
        List<HttpRequest> creates = notion.recorded("POST", "/v1/databases");
        JsonNode retried = NotionMock.json(creates.get(1)).get("initial_data_source").get("properties");
        assertEquals("Open", retried.get("Status").get("select").get("options").get(0).get("name").getStringValue());
        assertTrue(r.summary().contains("Status as a select"), r.summary());
    }

    @Test
    void extendsAnExistingDatabaseAndNeverTouchesItsProperties(NotionMock notion) throws Exception {
        children(notion, TITLES[1], TITLES[2], TITLES[3], TITLES[4]);
        notion.standard(Schema.full().prop("Labels", "multi_select"));
        for (int i = 1; i <= 4; i++) {
            String id = String.format("%08d-0000-4000-8000-000000000000", i);
            notion.database(id, DS);
        }
        notion.server().when(request().withMethod("PATCH").withPath("/v1/data_sources/" + DS))
                .respond(NotionMock.ok("{\"object\":\"data_source\",\"id\":\"" + DS + "\",\"properties\":{}}"));

        Result r = setup(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB).run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(0, notion.recorded("POST", "/v1/databases").size(), "the four found under the page are not created again");
        JsonNode added = NotionMock.json(notion.recorded("PATCH", "/v1/data_sources/" + DS).get(0)).get("properties");
        assertTrue(added.get("Number") != null && added.get("Updated") != null && added.get("Assignees") != null);
        for (String existing : List.of("Name", "Status", "Category", "Last Synced", "Source URL", "External ID", "Labels")) {
            assertTrue(added.get(existing) == null, existing + " exists and is left alone");
        }
        assertEquals(DB, r.output("task-backlog-db-id"));
        assertEquals("00000001-0000-4000-8000-000000000000", r.output("project-board-backlog-db-id"));
        assertTrue(r.summary().contains("extended: added Merged, Number"), r.summary());
        assertFalse(r.summary().contains("gh secret set"), "no new IDs, nothing to store");
    }

    @Test
    void aPropertyOfAnIncompatibleTypeIsReportedAndThatDatabaseLeftUnchanged(NotionMock notion) throws Exception {
        children(notion, TITLES);
        notion.standard(Schema.full().prop("Labels", "rich_text"));
        for (int i = 1; i <= 4; i++) {
            notion.database(String.format("%08d-0000-4000-8000-000000000000", i), DS);
        }
        String perfDs = "5d5d5d5d-0000-4000-8000-000000000000";
        notion.database("00000005-0000-4000-8000-000000000000", perfDs).dataSource(perfDs, new Schema().title("Name")
                .select("Event").select("Status").prop("Latency (ms)", "number").prop("Timestamp", "date"));

        Result r = setup(notion).run();

        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("error", r.output("status"));
        assertTrue(r.errors().get(0).contains("\"Labels\" is a rich_text property but must be multi_select"), r.toString());
        assertEquals(0, notion.recorded("PATCH", "/v1/data_sources/.*").size());
        assertEquals(0, notion.recorded("POST", "/v1/databases").size());
    }

    @Test
    void withoutARootPageOrAccessToItNothingIsCreated(NotionMock notion) throws Exception {
        Result noPage = setup(notion).input(Input.NOTION_PAGE_ID, "").run();
        assertEquals(1, noPage.exitCode(), noPage.toString());
        assertTrue(noPage.errors().get(0).contains("notion-page-id"), noPage.errors().get(0));
        assertEquals(0, notion.recorded().length);

        notion.fails("GET", "/v1/blocks/" + ROOT + "/children", 404, "object_not_found", "Could not find block.");
        Result notShared = setup(notion).run();
        assertEquals("error", notShared.output("status"), notShared.toString());
        assertTrue(notShared.errors().get(0).contains("not shared with the integration"), notShared.errors().get(0));
        assertEquals(0, notion.recorded("POST", ".*").size());
    }

    @Test
    void createsTheRelationsInTheUsersNamesWithTheirTargetsDataSource(NotionMock notion) throws Exception {
        children(notion);
        databasesCreated(notion);
        dataSourcesPatched(notion);
        String taskBacklogDs = "00000001-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

        Result r = setup(notion).input(Input.PROPERTY_NAMES, """
                Parent=Parent issue
                Sub-issues=Child issues
                Issues=Closes
                Pull Requests=Closed by
                Content=Item""").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(7, notion.recorded().length, "the page's children, five creates, one PATCH");
        List<HttpRequest> creates = notion.recorded("POST", "/v1/databases");
        assertFalse(creates.get(0).getBodyAsString().contains("relation"), "the Task Backlog's own ID is not known yet");
        // Issues and Item point at the Task Backlog, created just before: they are declared in the create.
        String projectBoard = body(creates.get(1));
        assertTrue(projectBoard.contains("\"Closes\":{\"relation\":{\"data_source_id\":\"" + taskBacklogDs
                + "\",\"type\":\"dual_property\",\"dual_property\":{\"synced_property_name\":\"Closed by\"}}}"),
                projectBoard);
        assertTrue(projectBoard.contains("\"Item\":{\"relation\":{\"data_source_id\":\"" + taskBacklogDs
                + "\",\"type\":\"single_property\",\"single_property\":{}}}"), projectBoard);
        for (int i = 2; i < 5; i++) {
            assertFalse(creates.get(i).getBodyAsString().contains("relation"), TITLES[i] + " has no relations");
        }
        // The self-relation needs the new data source's ID: one PATCH on it, Notion creating the other side.
        List<HttpRequest> patches = notion.recorded("PATCH", "/v1/data_sources/.*");
        assertEquals(1, patches.size());
        assertEquals("/v1/data_sources/" + taskBacklogDs, patches.get(0).getPath().getValue());
        assertEquals("{\"properties\":{\"Parent issue\":{\"relation\":{\"data_source_id\":\"" + taskBacklogDs
                + "\",\"type\":\"dual_property\",\"dual_property\":{\"synced_property_name\":\"Child issues\"}}}}}",
                body(patches.get(0)));
        for (HttpRequest req : notion.recorded()) {
            assertFalse(req.getBodyAsString() != null && req.getBodyAsString().contains("database_id"),
                    "the 2025-09-03 shape only: " + req.getBodyAsString());
        }
        assertTrue(r.summary().contains("| Task Backlog | notion-task-backlog-db-id | created; relations Parent issue ⇄ Child issues |"),
                r.summary());
        assertTrue(r.summary().contains("created; relations Closes ⇄ Closed by \\(Task Backlog\\), Item → Task Backlog |"),
                r.summary());
    }

    @Test
    void aSecondRunFindsTheRelationsAsNotionReturnsThemAndChangesNothing(NotionMock notion) throws Exception {
        String taskBacklogDb = "00000001-0000-4000-8000-000000000000";
        String projectBoardDb = "00000002-0000-4000-8000-000000000000";
        String taskBacklogDs = "d1000000-0000-4000-8000-000000000000";
        String projectBoardDs = "d2000000-0000-4000-8000-000000000000";
        existing(notion,
                everyField().uniqueId("ID", "TASK").relation("Parent", taskBacklogDb, taskBacklogDs, "Sub-issues")
                        .relation("Sub-issues", taskBacklogDb, taskBacklogDs, "Parent")
                        .relation("Pull Requests", projectBoardDb, projectBoardDs, "Issues")
                        .relation("Tasks", taskBacklogDb, taskBacklogDs, null),
                everyField().relation("Issues", taskBacklogDb, taskBacklogDs, "Pull Requests")
                        .relation("Content", taskBacklogDb, taskBacklogDs, null)
                        .relation("Tasks", taskBacklogDb, taskBacklogDs, null));

        Result r = setup(notion).run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(0, notion.recorded("PATCH", ".*").size(), "nothing to add");
        assertEquals(0, notion.recorded("POST", ".*").size());
        assertEquals(11, notion.recorded().length, "the page's children, then each database and its data source");
        assertTrue(r.summary().contains("| Task Backlog | notion-task-backlog-db-id | unchanged |"), r.summary());
        assertTrue(r.summary().contains("| Project Board Backlog | notion-project-board-backlog-db-id | unchanged |"),
                r.summary());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void existingDatabasesGetTheRelationsInTheRequestThatExtendsThem(NotionMock notion) throws Exception {
        String[] ds = existing(notion, everyField().without("Comments"), everyField());
        dataSourcesPatched(notion);

        Result r = setup(notion).run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(13, notion.recorded().length, "the 11 reads, and one PATCH for each of the two databases");
        assertEquals("{\"properties\":{\"Comments\":{\"number\":{\"format\":\"number\"}},\"Parent\":{\"relation\":"
                + "{\"data_source_id\":\"" + ds[0] + "\",\"type\":\"dual_property\",\"dual_property\":"
                + "{\"synced_property_name\":\"Sub-issues\"}}}}}",
                body(notion.recorded("PATCH", "/v1/data_sources/" + ds[0]).get(0)));
        assertEquals("{\"properties\":{\"Issues\":{\"relation\":{\"data_source_id\":\"" + ds[0]
                + "\",\"type\":\"dual_property\",\"dual_property\":{\"synced_property_name\":\"Pull Requests\"}}},"
                + "\"Content\":{\"relation\":{\"data_source_id\":\"" + ds[0]
                + "\",\"type\":\"single_property\",\"single_property\":{}}}}}",
                body(notion.recorded("PATCH", "/v1/data_sources/" + ds[1]).get(0)));
        assertTrue(r.summary().contains("| Task Backlog | notion-task-backlog-db-id | extended: added Comments; "
                + "relations Parent ⇄ Sub-issues |"), r.summary());
    }

    @Test
    void aPairFoundWithOneSideIsLeftAsItIsAndSaidSo(NotionMock notion) throws Exception {
        String taskBacklogDb = "00000001-0000-4000-8000-000000000000";
        String taskBacklogDs = "d1000000-0000-4000-8000-000000000000";
        // Parent made one-way by hand; Pull Requests there, but the Project Board has no Issues.
        String[] ds = existing(notion,
                everyField().relation("Parent", taskBacklogDb, taskBacklogDs, null)
                        .relation("Pull Requests", taskBacklogDb, taskBacklogDs, null),
                everyField());
        dataSourcesPatched(notion);

        Result r = setup(notion).run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(0, notion.recorded("PATCH", "/v1/data_sources/" + ds[0]).size(), "Parent is left as it is");
        assertEquals("{\"properties\":{\"Content\":{\"relation\":{\"data_source_id\":\"" + ds[0]
                + "\",\"type\":\"single_property\",\"single_property\":{}}}}}",
                body(notion.recorded("PATCH", "/v1/data_sources/" + ds[1]).get(0)),
                "Issues would give Pull Requests a second partner: only Content is added");
        assertTrue(r.summary().contains("Parent is there without Sub-issues: left as it is"), r.summary());
        assertTrue(r.summary().contains("Pull Requests in the Task Backlog is there without Issues: left as it is"),
                r.summary());
    }

    @Test
    void aRelationOfAnotherTypeIsAConflictAndRelationsToALeftDatabaseAreSkipped(NotionMock notion) throws Exception {
        String[] ds = existing(notion, everyField().prop("Parent", "rich_text"), everyField());
        dataSourcesPatched(notion);

        Result r = setup(notion).run();

        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("error", r.output("status"));
        assertTrue(r.errors().get(0).contains("\"Parent\" is a rich_text property but must be relation"), r.toString());
        assertEquals(0, notion.recorded("PATCH", ".*").size(), "the Task Backlog is left unchanged, and so are its relations");
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("Setup did not add Issues and Content to the Project "
                + "Board Backlog: they point at the Task Backlog, which setup left unchanged")), r.toString());
    }

    private static String oneWay(String dataSourceId) {
        return "{\"relation\":{\"data_source_id\":\"" + dataSourceId + "\",\"type\":\"single_property\",\"single_property\":{}}}";
    }

    @Test
    void aTaskBacklogWithAPrefixedUniqueIdGetsTasksOnBothDatabasesInTheRequestsThatExtendThem(NotionMock notion)
            throws Exception {
        String[] ds = existing(notion, everyField().uniqueId("ID", "TASK"), everyField());
        dataSourcesPatched(notion);

        Result r = setup(notion).run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(13, notion.recorded().length, "the 11 reads, and one PATCH for each of the two databases");
        assertEquals("{\"properties\":{\"Parent\":{\"relation\":{\"data_source_id\":\"" + ds[0]
                + "\",\"type\":\"dual_property\",\"dual_property\":{\"synced_property_name\":\"Sub-issues\"}}},"
                + "\"Tasks\":" + oneWay(ds[0]) + "}}",
                body(notion.recorded("PATCH", "/v1/data_sources/" + ds[0]).get(0)));
        assertEquals("{\"properties\":{\"Issues\":{\"relation\":{\"data_source_id\":\"" + ds[0]
                + "\",\"type\":\"dual_property\",\"dual_property\":{\"synced_property_name\":\"Pull Requests\"}}},"
                + "\"Content\":" + oneWay(ds[0]) + ",\"Tasks\":" + oneWay(ds[0]) + "}}",
                body(notion.recorded("PATCH", "/v1/data_sources/" + ds[1]).get(0)));
        assertTrue(r.summary().contains("| Task Backlog | notion-task-backlog-db-id | extended; relations "
                + "Parent ⇄ Sub-issues, Tasks → Task Backlog |"), r.summary());
        assertTrue(r.summary().contains("Content → Task Backlog, Tasks → Task Backlog |"), r.summary());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void withoutAUniqueIdWithAPrefixThereIsNoTasksAndNothingIsSaidUnlessTaskIdDatabaseNamesIt(NotionMock notion)
            throws Exception {
        existing(notion, everyField().uniqueId("ID", null), everyField());
        dataSourcesPatched(notion);

        Result r = setup(notion).run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(13, notion.recorded().length);
        for (HttpRequest patch : notion.recorded("PATCH", ".*")) {
            assertFalse(patch.getBodyAsString().contains("Tasks"), patch.getBodyAsString());
        }
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());

        // Named explicitly, a database without one gets one sentence, and still no Tasks.
        String tasksDb = "7a000000-0000-4000-8000-000000000000";
        notion.database(tasksDb, "7d000000-0000-4000-8000-000000000000")
                .dataSource("7d000000-0000-4000-8000-000000000000", new Schema().title("Name").prop("Number", "number"));
        Result named = setup(notion).input(Input.TASK_ID_DATABASE, tasksDb).run();

        assertEquals("synced", named.output("status"), named.toString());
        for (HttpRequest patch : notion.recorded("PATCH", ".*")) {
            assertFalse(patch.getBodyAsString().contains("Tasks"), patch.getBodyAsString());
        }
        assertEquals(1, named.warnings().size(), named.warnings().toString());
        assertTrue(named.warnings().get(0).endsWith("Setup did not add Tasks: the task-id-database " + tasksDb
                + " has no unique ID property with a prefix; add one (such as TASK) to that database in Notion and run "
                + "setup again."), named.warnings().toString());
    }

    @Test
    void anExplicitTaskIdDatabasePointsTasksAtItsDataSourceAndASecondRunChangesNothing(NotionMock notion)
            throws Exception {
        String tasksDb = "7a000000-0000-4000-8000-000000000000";
        String tasksDs = "7d000000-0000-4000-8000-000000000000";
        notion.database(tasksDb, tasksDs).dataSource(tasksDs, new Schema().title("Task").uniqueId("Task ID", "TASK"));
        // The Task Backlog's own unique ID does not matter: task-id-database names another database.
        String[] ds = existing(notion, everyField().uniqueId("ID", "BUG"), everyField());
        dataSourcesPatched(notion);

        Result r = setup(notion).input(Input.TASK_ID_DATABASE, tasksDb.replace("-", ""))
                .input(Input.PROPERTY_NAMES, "Tasks=Notion tasks").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(15, notion.recorded().length,
                "the 11 reads, the task database and its data source, one PATCH for each of the two databases");
        assertTrue(body(notion.recorded("PATCH", "/v1/data_sources/" + ds[0]).get(0))
                .endsWith(",\"Notion tasks\":" + oneWay(tasksDs) + "}}"));
        assertTrue(body(notion.recorded("PATCH", "/v1/data_sources/" + ds[1]).get(0))
                .endsWith(",\"Notion tasks\":" + oneWay(tasksDs) + "}}"));
        assertTrue(r.summary().contains("Notion tasks → task-id-database"), r.summary());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void aSecondRunWithAnExplicitTaskIdDatabaseFindsTasksAndWritesNothing(NotionMock notion) throws Exception {
        String tasksDb = "7a000000-0000-4000-8000-000000000000";
        String tasksDs = "7d000000-0000-4000-8000-000000000000";
        String taskBacklogDb = "00000001-0000-4000-8000-000000000000";
        String projectBoardDb = "00000002-0000-4000-8000-000000000000";
        String taskBacklogDs = "d1000000-0000-4000-8000-000000000000";
        String projectBoardDs = "d2000000-0000-4000-8000-000000000000";
        notion.database(tasksDb, tasksDs).dataSource(tasksDs, new Schema().title("Task").uniqueId("Task ID", "TASK"));
        existing(notion,
                everyField().relation("Parent", taskBacklogDb, taskBacklogDs, "Sub-issues")
                        .relation("Sub-issues", taskBacklogDb, taskBacklogDs, "Parent")
                        .relation("Pull Requests", projectBoardDb, projectBoardDs, "Issues")
                        .relation("Tasks", tasksDb, tasksDs, null),
                everyField().relation("Issues", taskBacklogDb, taskBacklogDs, "Pull Requests")
                        .relation("Content", taskBacklogDb, taskBacklogDs, null)
                        .relation("Tasks", tasksDb, tasksDs, null));

        Result r = setup(notion).input(Input.TASK_ID_DATABASE, tasksDb).run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(0, notion.recorded("PATCH", ".*").size(), "nothing to add");
        assertEquals(13, notion.recorded().length, "the 11 reads and the task database's two");
        assertTrue(r.summary().contains("| Task Backlog | notion-task-backlog-db-id | unchanged |"), r.summary());
    }

    @Test
    void anExplicitTaskIdDatabaseGoesIntoTheRequestsThatCreateTheDatabases(NotionMock notion) throws Exception {
        String tasksDb = "7a000000-0000-4000-8000-000000000000";
        String tasksDs = "7d000000-0000-4000-8000-000000000000";
        notion.database(tasksDb, tasksDs).dataSource(tasksDs, new Schema().title("Task").uniqueId("Task ID", "TASK"));
        children(notion);
        databasesCreated(notion);
        dataSourcesPatched(notion);

        Result r = setup(notion).input(Input.TASK_ID_DATABASE, tasksDb).run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(9, notion.recorded().length, "the page's children, the task database's two reads, five creates, "
                + "the Task Backlog's Parent");
        List<HttpRequest> creates = notion.recorded("POST", "/v1/databases");
        for (int i = 0; i < 5; i++) {
            assertEquals(i < 2, body(creates.get(i)).contains("\"Tasks\":" + oneWay(tasksDs)), TITLES[i]);
        }
        assertFalse(notion.recorded("PATCH", ".*").get(0).getBodyAsString().contains("Tasks"));
    }

    @Test
    void aTasksPropertyOfAnotherTypeIsAConflict(NotionMock notion) throws Exception {
        existing(notion, everyField().uniqueId("ID", "TASK"), everyField().prop("Tasks", "rich_text"));
        dataSourcesPatched(notion);

        Result r = setup(notion).run();

        assertEquals("error", r.output("status"), r.toString());
        assertTrue(r.errors().get(0).contains("Project Board Backlog: \"Tasks\" is a rich_text property but must be "
                + "relation"), r.toString());
        assertEquals(0, notion.recorded("PATCH", "/v1/data_sources/d2000000-0000-4000-8000-000000000000").size());
    }

    @Test
    void aTwoWayRelationWithinOneDatabaseThatNotionRefusesBecomesTwoOneWayRelations(NotionMock notion) throws Exception {
        children(notion);
        databasesCreated(notion);
        String taskBacklogDs = "00000001-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
        notion.server().when(request().withMethod("PATCH").withPath("/v1/data_sources/" + taskBacklogDs)
                        .withBody(org.mockserver.model.StringBody.subString("dual_property")),
                        org.mockserver.matchers.Times.unlimited(), org.mockserver.matchers.TimeToLive.unlimited(), 10)
                .respond(org.mockserver.model.HttpResponse.response().withStatusCode(400)
                        .withContentType(org.mockserver.model.MediaType.APPLICATION_JSON)
                        .withBody("{\"object\":\"error\",\"status\":400,\"code\":\"validation_error\","
                                + "\"message\":\"A dual relation cannot point at its own data source.\"}"));
        dataSourcesPatched(notion);

        Result r = setup(notion).run();

        assertEquals("synced", r.output("status"), r.toString());
        List<HttpRequest> patches = notion.recorded("PATCH", "/v1/data_sources/" + taskBacklogDs);
        assertEquals(2, patches.size(), "the refused two-way pair, then two one-way sides");
        assertEquals("{\"properties\":{\"Parent\":{\"relation\":{\"data_source_id\":\"" + taskBacklogDs
                + "\",\"type\":\"single_property\",\"single_property\":{}}},\"Sub-issues\":{\"relation\":"
                + "{\"data_source_id\":\"" + taskBacklogDs + "\",\"type\":\"single_property\",\"single_property\":{}}}}}",
                body(patches.get(1)));
    }
}
