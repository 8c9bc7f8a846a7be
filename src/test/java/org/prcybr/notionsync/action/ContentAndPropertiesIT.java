package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.prcybr.notionsync.support.NotionMock.DB;
import static org.prcybr.notionsync.support.NotionMock.DS;
import static org.prcybr.notionsync.support.NotionMock.PAGE;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.model.HttpRequest;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;
import org.prcybr.notionsync.support.NotionMock.Schema;

/** Page content, the details as properties, the user's own names, and stale deliveries: the jar against MockServer. */
@ExtendWith(MockServerExtension.class)
class ContentAndPropertiesIT {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String NOTION_USER = "5d8f1c2a-3b4c-4d5e-8f90-a1b2c3d4e5f6";

    @TempDir
    Path workspace;

    private ActionProcess action(NotionMock notion) {
        return new ActionProcess(workspace).notion(notion.url());
    }


    /** A database with every property of the README's table, of its first listed type. */
    static Schema everything() {
        return Schema.full().prop("Merged", "checkbox").prop("Number", "number").select("Repository")
                .prop("Labels", "multi_select").prop("Assignees", "multi_select").select("Author").select("Milestone")
                .prop("Created", "date").prop("Updated", "date").prop("Closed", "date").prop("Merged At", "date")
                .prop("Draft", "checkbox").prop("Reviewers", "multi_select").select("Base").select("Head")
                .select("State Reason").select("Discussion Category").prop("Answered", "checkbox")
                .prop("Comments", "number").select("Project");
    }

    private static String text(JsonNode props, String name, String type) {
        JsonNode v = props.get(name).get(type);
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode n : v.values()) {
                parts.add(n.get("name") != null ? n.get("name").getStringValue()
                        : n.get("id") != null ? n.get("id").getStringValue() : n.get("text").get("content").getStringValue());
            }
            return String.join("|", parts);
        }
        if (v.isObject()) {
            return v.get("name") != null ? v.get("name").getStringValue() : v.get("start").getStringValue();
        }
        return v.isNull() ? null : v.isString() ? v.getStringValue() : String.valueOf(v.getValue());
    }

    @Test
    void aNewIssueIsCreatedWithItsBodyAsContentAndEveryDetail(NotionMock notion) throws Exception {
        notion.standard(everything()).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB).event("issues", "issues.opened.json").run();

        assertEquals("created", r.output("operation"), r.toString());
        JsonNode create = NotionMock.json(notion.recorded("POST", "/v1/pages").get(0));
        assertEquals("It looks like you accidently spelled 'commit' with two 't's.", create.get("markdown").getStringValue());
        JsonNode p = create.get("properties");
        assertEquals("1", text(p, "Number", "number"));
        assertEquals("Codertocat/Hello-World", text(p, "Repository", "select"));
        assertEquals("bug", text(p, "Labels", "multi_select"));
        assertEquals("Codertocat", text(p, "Assignees", "multi_select"));
        assertEquals("Codertocat", text(p, "Author", "select"));
        assertEquals("v1.0", text(p, "Milestone", "select"));
        assertEquals("2019-05-15T15:20:18Z", text(p, "Created", "date"));
        assertEquals("2019-05-15T15:20:18Z", text(p, "Updated", "date"));
        assertNull(text(p, "Closed", "date"));
        assertEquals("0", text(p, "Comments", "number"));
        for (String notForIssues : List.of("Merged", "Merged At", "Draft", "Reviewers", "Base", "Head",
                "Discussion Category", "Answered", "Project")) {
            assertNull(p.get(notForIssues), notForIssues);
        }
        for (HttpRequest req : notion.recorded()) {
            assertEquals("2026-03-11", req.getFirstHeader("Notion-Version"));
        }
        // Create path: database, then data source and query together, create, re-query.
        assertEquals(5, notion.recorded().length);
    }

    @Test
    void aMergedPullRequestAndAnAnsweredDiscussionFillTheirOwnProperties(NotionMock notion) throws Exception {
        notion.standard(everything()).queryFinds(DS, PAGE).updateReturns(PAGE);

        Result pr = action(notion).input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, DB)
                .event("pull_request", "pull_request.closed.merged.json").run();

        assertEquals("updated", pr.output("operation"), pr.toString());
        JsonNode p = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + PAGE).get(0)).get("properties");
        assertEquals("true", text(p, "Merged", "checkbox"));
        assertEquals("2019-05-15T15:21:18Z", text(p, "Merged At", "date"));
        assertEquals("false", text(p, "Draft", "checkbox"));
        assertEquals("octocat", text(p, "Reviewers", "multi_select"));
        assertEquals("master", text(p, "Base", "select"));
        assertEquals("changes", text(p, "Head", "select"));
        assertEquals("Closed", text(p, "Status", "status"));
        assertNull(p.get("State Reason"));
        // Update path: database, query, update; the page carried the types, so no schema read.
        assertEquals(3, notion.recorded().length);
        assertEquals(0, notion.recorded("GET", "/v1/data_sources/.*").size());

        notion.server().clear(request().withMethod("PATCH"));
        notion.updateReturns(PAGE);
        Result d = action(notion).input(Input.NOTION_DISCUSSIONS_ARC_DB_ID, DB)
                .event("discussion", "discussion.answered.json").run();
        assertEquals("updated", d.output("operation"), d.toString());
        List<HttpRequest> patches = notion.recorded("PATCH", "/v1/pages/" + PAGE);
        JsonNode dp = NotionMock.json(patches.get(patches.size() - 1)).get("properties");
        assertEquals("Q&A", text(dp, "Discussion Category", "select"));
        assertEquals("true", text(dp, "Answered", "checkbox"));
        assertEquals("1", text(dp, "Comments", "number"));
        assertNull(dp.get("Assignees"));
    }

    @Test
    void anEditOfTheBodyReplacesTheContentAndOtherEditsLeaveItAlone(NotionMock notion) throws Exception {
        notion.standard(everything()).queryFinds(DS, PAGE).updateReturns(PAGE);
        notion.server().when(request().withMethod("PATCH").withPath("/v1/pages/" + PAGE + "/markdown"))
                .respond(NotionMock.ok("{\"object\":\"page_markdown\",\"id\":\"" + PAGE + "\",\"markdown\":\"\",\"truncated\":false}"));

        Result edited = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .event("issues", "issues.edited.body.json").run();

        assertEquals("updated", edited.output("operation"), edited.toString());
        List<HttpRequest> markdown = notion.recorded("PATCH", "/v1/pages/" + PAGE + "/markdown");
        assertEquals(1, markdown.size());
        JsonNode replace = NotionMock.json(markdown.get(0));
        assertEquals("replace_content", replace.get("type").getStringValue());
        assertEquals("## Steps\n\n- [x] found it\n\n- [ ] fix it\n\nSee [the README](https://github.com/Codertocat/Hello-World/README.md).",
                replace.get("replace_content").get("new_str").getStringValue());
        assertEquals(false, replace.get("replace_content").get("allow_deleting_content").getBooleanValue());
        assertEquals("2026-03-11", markdown.get(0).getFirstHeader("Notion-Version"));
        assertEquals(4, notion.recorded().length, "database, query, update, content");

        notion.server().clear(request());
        notion.standard(everything()).queryFinds(DS, PAGE).updateReturns(PAGE);
        Result other = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .event("issues", "issues.edited.json").run();
        assertEquals("updated", other.output("operation"), other.toString());
        assertEquals(0, notion.recorded("PATCH", ".*/markdown").size());
        assertEquals(3, notion.recorded().length);
    }

    @Test
    void aBodyOfGitHubsMaximumSizeLandsWhole(NotionMock notion) throws Exception {
        notion.standard(everything()).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);
        notion.server().when(request().withMethod("PATCH").withPath("/v1/pages/" + PAGE + "/markdown"))
                .respond(NotionMock.ok("{\"object\":\"page_markdown\",\"id\":\"" + PAGE + "\",\"truncated\":false}"));
        StringBuilder body = new StringBuilder("L".repeat(4500)).append("\n\n");
        for (int i = 0; body.length() < 65_536; i++) {
            body.append("para ").append(i).append("\n\n");
        }
        String payload = Files.readString(Path.of("src/test/resources/events/issues.opened.json"))
                .replace("\"It looks like you accidently spelled 'commit' with two 't's.\"",
                        JSON.writeValueAsString(body.substring(0, 65_536)));

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB).eventJson("issues", payload).run();

        assertEquals("created", r.output("operation"), r.toString());
        StringBuilder written = new StringBuilder(NotionMock.json(notion.recorded("POST", "/v1/pages").get(0)).get("markdown").getStringValue());
        List<HttpRequest> appends = notion.recorded("PATCH", "/v1/pages/" + PAGE + "/markdown");
        assertFalse(appends.isEmpty(), "the rest is appended");
        for (HttpRequest a : appends) {
            JsonNode b = NotionMock.json(a);
            assertEquals("insert_content", b.get("type").getStringValue());
            assertEquals("end", b.get("insert_content").get("position").get("type").getStringValue());
            written.append("\n\n").append(b.get("insert_content").get("content").getStringValue());
            assertTrue(a.getBodyAsString().length() < 500_000);
        }
        String all = written.toString();
        assertEquals(4500, all.chars().filter(c -> c == 'L').count());
        all.lines().forEach(l -> assertTrue(l.length() <= 2000, "line of " + l.length()));
        assertTrue(all.contains("para 0\n\npara 1\n\n"));
        String lastPara = body.substring(0, 65_536).strip();
        lastPara = lastPara.substring(lastPara.lastIndexOf("\n\n") + 2);
        assertTrue(all.endsWith(lastPara), "ends with " + lastPara);
    }

    @Test
    void aHostileBodyStaysInertText(NotionMock notion) throws Exception {
        notion.standard(everything()).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);
        String hostile = "::error::pwned\\n\\n<script>alert(1)</script>\\n\\n<img src=x onerror=alert(1)>\\n\\n"
                + "[click](javascript:alert(1)) <a href=\\\"data:text/html,x\\\">d</a>\\n\\n::set-output name=x::y";
        String payload = Files.readString(Path.of("src/test/resources/events/issues.opened.json"))
                .replace("\"It looks like you accidently spelled 'commit' with two 't's.\"", "\"" + hostile + "\"");

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB).env("RUNNER_DEBUG", "1")
                .eventJson("issues", payload).run();

        assertEquals("created", r.output("operation"), r.toString());
        String markdown = NotionMock.json(notion.recorded("POST", "/v1/pages").get(0)).get("markdown").getStringValue();
        // GitHub shows a filtered tag such as <script> as text: it stays visible, escaped, so inert.
        assertTrue(markdown.contains("\\<script\\>alert(1)\\</script\\>"), markdown);
        assertFalse(markdown.replace("\\<", "").contains("<"), "no unescaped tag: " + markdown);
        assertFalse(markdown.toLowerCase().contains("javascript:"), markdown);
        assertFalse(markdown.contains("data:"), markdown);
        assertTrue(markdown.contains("click"), markdown);
        for (String line : r.stdout().lines().toList()) {
            assertFalse(line.startsWith("::error::pwned") || line.startsWith("::set-output"), line);
        }
    }

    @Test
    void aPropertyOfAWrongTypeIsAnErrorNamingTheTypesThatWork(NotionMock notion) throws Exception {
        notion.standard(Schema.full().prop("Labels", "rich_text")).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);

        Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB).event("issues", "issues.opened.json").run();

        assertEquals("error", r.output("status"), r.toString());
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().get(0).contains("\"Labels\" is of type rich_text"), r.errors().get(0));
        assertTrue(r.errors().get(0).contains("multi_select"), r.errors().get(0));
        assertEquals(0, notion.recorded("POST", "/v1/pages").size());
        assertEquals(0, notion.recorded("PATCH", ".*").size());
    }

    @Test
    void theUsersOwnNamesStatusOptionsAndPeopleAreUsed(NotionMock notion) throws Exception {
        Schema theirs = new Schema().title("Title").status("State", "Backlog", "In progress", "Shipped", "Done")
                .select("Kind").prop("Synced", "date").prop("Link", "url").prop("GitHub ID", "rich_text")
                .prop("Tags", "multi_select").prop("Owners", "people").select("Author");
        notion.standard(theirs).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);
        notion.server().when(request().withMethod("GET").withPath("/v1/users"))
                .respond(NotionMock.ok("{\"object\":\"list\",\"results\":[{\"object\":\"user\",\"id\":\"" + NOTION_USER
                        + "\",\"type\":\"person\",\"person\":{\"email\":\"coder@example.com\"}}],\"has_more\":false,\"next_cursor\":null}"));

        Result r = action(notion).input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, DB)
                .input(Input.PROPERTY_NAMES, "Name=Title\nStatus=State\nCategory=Kind\nLast Synced=Synced\n"
                        + "Source URL=Link\nExternal ID=GitHub ID\nLabels=Tags\nAssignees=Owners")
                .input(Input.STATUS_MAP, "open=In progress\nmerged=Shipped\nclosed=Done")
                .input(Input.NOTION_USER_MAP, "# people\nCodertocat=coder@example.com\noctocat=" + NOTION_USER.replace("-", ""))
                .event("pull_request", "pull_request.closed.merged.json").run();

        assertEquals("created", r.output("operation"), r.toString());
        JsonNode query = NotionMock.json(notion.recorded("POST", "/v1/data_sources/" + DS + "/query").get(0));
        assertEquals("GitHub ID", query.get("filter").get("property").getStringValue());
        JsonNode p = NotionMock.json(notion.recorded("POST", "/v1/pages").get(0)).get("properties");
        assertEquals("Update the README with new information.", p.get("Title").get("title").get(0).get("text").get("content").getStringValue());
        assertEquals("Shipped", text(p, "State", "status"));
        assertEquals("Pull Request", text(p, "Kind", "select"));
        assertEquals("bug", text(p, "Tags", "multi_select"));
        assertEquals(NOTION_USER, text(p, "Owners", "people"));
        assertEquals("Codertocat", text(p, "Author", "select"));
        assertEquals(1, notion.recorded("GET", "/v1/users").size(), "one users list for the email");
    }

    @Test
    void malformedMappingLinesAreInputErrorsBeforeAnyNotionCall(NotionMock notion) throws Exception {
        String[][] cases = {
            {Input.PROPERTY_NAMES.envName(), "Labels Tags", "property-names", "Line 1"},
            {Input.PROPERTY_NAMES.envName(), "Name=Title\nColour=Red", "property-names", "Line 2"},
            {Input.STATUS_MAP.envName(), "shipped=Done", "status-map", "Line 1"},
            {Input.NOTION_USER_MAP.envName(), "octocat=not a user", "notion-user-map", "Line 1"},
        };
        for (String[] c : cases) {
            Result r = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB).env(c[0], c[1])
                    .event("issues", "issues.opened.json").run();
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals("error", r.output("status"));
            assertEquals(1, r.errors().size(), r.stdout());
            assertTrue(r.errors().get(0).contains(c[2]) && r.errors().get(0).contains(c[3]), r.errors().get(0));
        }
        assertEquals(0, notion.recorded().length);
    }

    @Test
    void aStaleDeliveryChangesNothing(NotionMock notion) throws Exception {
        // Notion already holds the state of 2021-10-11 (the close); a re-run of the opened event carries 2019's.
        notion.standard(everything())
                .queryFindsWith(DS, Map.of("Updated", "{\"start\":\"2021-10-11T16:40:56.000+00:00\",\"end\":null}"), PAGE)
                .updateReturns(PAGE);

        Result stale = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB).event("issues", "issues.opened.json").run();

        assertEquals(0, stale.exitCode(), stale.toString());
        assertEquals("skipped", stale.output("status"));
        assertEquals("none", stale.output("operation"));
        assertTrue(stale.summary().contains("newer state is already in Notion"), stale.summary());
        assertEquals(0, notion.recorded("PATCH", ".*").size());
        assertEquals(0, notion.recorded("POST", "/v1/pages").size());

        Result newer = action(notion).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB).event("issues", "issues.closed.json").run();
        assertEquals("updated", newer.output("operation"), newer.toString());
    }

    @Test
    void projectItemFieldValuesAndContentDetailsAreWritten(NotionMock notion) throws Exception {
        Schema schema = everything().select("Priority").prop("Estimate", "number").prop("Due", "date")
                .select("Sprint").prop("Notes", "rich_text");
        notion.standard(schema).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);
        notion.server().when(request().withMethod("POST").withPath("/api/graphql")).respond(NotionMock.ok("""
                {"data":{"node":{"isArchived":false,"updatedAt":"2026-11-20T10:00:00Z","project":{"title":"Roadmap"},
                 "fieldValues":{"nodes":[
                  {"__typename":"ProjectV2ItemFieldTextValue","text":"Plan the launch","field":{"name":"Title"}},
                  {"__typename":"ProjectV2ItemFieldSingleSelectValue","name":"In Progress","field":{"name":"Status"}},
                  {"__typename":"ProjectV2ItemFieldSingleSelectValue","name":"P1","field":{"name":"Priority"}},
                  {"__typename":"ProjectV2ItemFieldNumberValue","number":3,"field":{"name":"Estimate"}},
                  {"__typename":"ProjectV2ItemFieldDateValue","date":"2026-12-01","field":{"name":"Due"}},
                  {"__typename":"ProjectV2ItemFieldIterationValue","title":"Sprint 4","field":{"name":"Sprint"}},
                  {"__typename":"ProjectV2ItemFieldTextValue","text":"needs design","field":{"name":"Notes"}}]},
                 "content":{"__typename":"Issue","title":"Plan the launch","url":"https://github.com/octo-org/octo-repo/issues/7",
                  "body":"Launch **checklist**","number":7,"issueState":"OPEN","stateReason":null,
                  "createdAt":"2026-11-01T09:00:00Z","updatedAt":"2026-11-19T09:00:00Z","closedAt":null,
                  "repository":{"nameWithOwner":"octo-org/octo-repo","url":"https://github.com/octo-org/octo-repo"},
                  "author":{"login":"octocat"},"labels":{"nodes":[{"name":"launch"}]},
                  "assignees":{"nodes":[{"login":"hubot"}]},"milestone":{"title":"Q4"},"comments":{"totalCount":2}}}}}
                """));

        Result r = action(notion).input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, DB)
                .env("GITHUB_GRAPHQL_URL", notion.url() + "/api/graphql")
                .event("projects_v2_item", "projects_v2_item.edited.json").run();

        assertEquals("created", r.output("operation"), r.toString());
        HttpRequest graphql = notion.recorded("POST", "/api/graphql").get(0);
        assertEquals(1, notion.recorded("POST", "/api/graphql").size(), "title, details and fields in one request");
        assertTrue(graphql.getBodyAsString().contains("PVTI_lADOAWcTxs07G84AVqWu"), graphql.getBodyAsString());
        JsonNode create = NotionMock.json(notion.recorded("POST", "/v1/pages").get(0));
        assertEquals("Launch **checklist**", create.get("markdown").getStringValue());
        JsonNode p = create.get("properties");
        assertEquals("Plan the launch", p.get("Name").get("title").get(0).get("text").get("content").getStringValue());
        assertEquals("Open", text(p, "Status", "status"), "the project's Status field never overwrites Status");
        assertEquals("P1", text(p, "Priority", "select"));
        assertEquals("3", text(p, "Estimate", "number"));
        assertEquals("2026-12-01", text(p, "Due", "date"));
        assertEquals("Sprint 4", text(p, "Sprint", "select"));
        assertEquals("needs design", text(p, "Notes", "rich_text"));
        assertEquals("Roadmap", text(p, "Project", "select"));
        assertEquals("7", text(p, "Number", "number"));
        assertEquals("octo-org/octo-repo", text(p, "Repository", "select"));
        assertEquals("launch", text(p, "Labels", "multi_select"));
        assertEquals("hubot", text(p, "Assignees", "multi_select"));
        assertEquals("octocat", text(p, "Author", "select"));
        assertEquals("Q4", text(p, "Milestone", "select"));
        assertEquals("https://github.com/octo-org/octo-repo/issues/7", text(p, "Source URL", "url"));
        assertNull(p.get("Comments"), "not a Projects v2 item property");
        assertNull(p.get("Merged"));
    }

    @Test
    void dryRunPrintsTheFirstLinesOfTheContent(NotionMock notion) throws Exception {
        Result r = action(notion).input(Input.NOTION_TOKEN, "").input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .input(Input.DRY_RUN, "true").event("issues", "issues.edited.body.json").run();

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("| ## Steps"), r.stdout());
        assertTrue(r.stdout().contains("| - [x] found it"), r.stdout());
        assertTrue(r.stdout().contains("Labels: bug"), r.stdout());
        assertEquals(0, notion.recorded().length);
    }
}
