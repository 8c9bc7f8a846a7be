package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.FakeNotion;
import org.prcybr.notionsync.support.GitHubServer;

/**
 * {@code mode: pull}, the jar as a process, against a stateful Notion and a GitHub that executes
 * every document on its real schema: pages are first written by a backfill (with their Sync State),
 * a person edits them in Notion, and the pull carries the edits to GitHub.
 */
class PullIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GITHUB_TOKEN = "ghs_FAKEgithubTOKEN";
    private static final String ALL_FIELDS = "status, title, labels, assignees, milestone, project-fields";

    @TempDir
    Path dir;
    private FakeNotion notion;
    private GitHubServer github;
    private Map<String, Object> repo;
    private Map<String, Object> issue;
    private Map<String, Object> bug;
    private Map<String, Object> ui;
    private int runs;

    @BeforeEach
    void world() throws Exception {
        notion = new FakeNotion(ActionProcess.TOKEN).withStatusOptions("Done", "Not planned")
                .withProperty("Labels", "multi_select").withProperty("Assignees", "multi_select")
                .withProperty("Milestone", "select").withProperty("Number", "number")
                .withProperty("Sync State", "rich_text").withProperty("Priority", "select")
                .withProperty("Last edited by", "last_edited_by");
        github = new GitHubServer();
        github.token(GITHUB_TOKEN);
        github.organization("Codertocat");
        repo = github.repository("Codertocat", "Hello-World");
        bug = github.label(repo, "bug");
        ui = github.label(repo, "ui");
        github.milestone(repo, "v1.0");
        github.milestone(repo, "v2.0");
        github.user("octocat");
        github.user("hubot");
        issue = github.issue(repo, 1, "Spelling error in the README file", "It's spelt wrong.");
        github.addLabels(issue, bug);
        github.setUpdatedAt(issue, Instant.now().minus(2, ChronoUnit.HOURS));
    }

    @AfterEach
    void close() {
        notion.close();
        github.close();
    }

    private ActionProcess action(String mode, String pullFields) throws Exception {
        return new ActionProcess(Files.createDirectories(dir.resolve("run" + (++runs)))).notion(notion.url())
                .env("GITHUB_GRAPHQL_URL", github.url())
                .input(Input.MODE, mode)
                .input(Input.PULL_FIELDS, pullFields)
                .input(Input.STATUS_MAP, "closed=Done\nnot_planned=Not planned")
                .input(Input.NOTION_TASK_BACKLOG_DB_ID, FakeNotion.DB)
                .input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, FakeNotion.DB)
                .input(Input.NOTION_DISCUSSIONS_ARC_DB_ID, FakeNotion.DB)
                .jvmArg("-Dnotion-sync.backfill-pace-per-second=50")
                .jvmArg("-Dnotion-sync.github-mutations-per-second=50")
                .eventJson("workflow_dispatch", "{\"inputs\":{},\"ref\":\"refs/heads/main\"}");
    }

    private Result backfill(String pullFields) throws Exception {
        Result r = action("backfill", pullFields).run();
        assertEquals("synced", r.output("status"), r.toString());
        return r;
    }

    private Result pull(String pullFields) throws Exception {
        return action("pull", pullFields).run();
    }

    private String pageOf(Map<String, Object> object) {
        List<ObjectNode> pages = notion.livePages((String) object.get("id"));
        assertEquals(1, pages.size());
        return pages.get(0).get("id").asText();
    }

    private JsonNode property(String pageId, String name) {
        return notion.page(pageId).path("properties").path(name);
    }

    private static JsonNode status(String name) {
        ObjectNode v = JSON.createObjectNode();
        v.putObject("status").put("name", name);
        return v;
    }

    private static JsonNode select(String name) {
        ObjectNode v = JSON.createObjectNode();
        v.putObject("select").put("name", name);
        return v;
    }

    private static JsonNode multi(String... names) {
        ObjectNode v = JSON.createObjectNode();
        ArrayNode a = v.putArray("multi_select");
        for (String n : names) {
            a.addObject().put("name", n);
        }
        return v;
    }

    private static JsonNode title(String text) {
        ObjectNode v = JSON.createObjectNode();
        v.putArray("title").addObject().put("type", "text").put("plain_text", text).putObject("text").put("content", text);
        return v;
    }

    @Test
    void aStatusChangedInNotionClosesTheIssueWithItsReasonThenReopensIt() throws Exception {
        backfill("status");
        String page = pageOf(issue);
        assertTrue(property(page, "Sync State").path("rich_text").path(0).path("text").path("content").asText()
                .startsWith("sync1;status="), notion.page(page).toString());

        notion.personEdits(page, Map.of("Status", status("Not planned")), Instant.now());
        Result r = pull("status");
        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("1", r.output("pushed"), r.summary());
        assertEquals("CLOSED", issue.get("state"));
        assertEquals("NOT_PLANNED", issue.get("stateReason"));
        assertEquals(List.of("closeIssue"), github.mutations());
        assertEquals("Not planned", property(page, "Status").path("status").path("name").asText());
        assertTrue(r.summary().contains("as not planned"), r.summary());
        assertTrue(r.summary().contains("](https://github.com/Codertocat/Hello-World/issues/1)"), r.summary());

        notion.personEdits(page, Map.of("Status", status("Open")), Instant.now());
        r = pull("status");
        assertEquals("1", r.output("pushed"), r.summary());
        assertEquals("OPEN", issue.get("state"));
        assertEquals(List.of("closeIssue", "reopenIssue"), github.mutations());

        notion.personEdits(page, Map.of("Status", status("Done")), Instant.now());
        pull("status");
        assertEquals("CLOSED", issue.get("state"));
        assertEquals("COMPLETED", issue.get("stateReason"));
    }

    @Test
    void labelsAssigneesMilestoneAndTitleReachGitHubAndAnUnknownLabelIsReported() throws Exception {
        backfill(ALL_FIELDS);
        String page = pageOf(issue);
        notion.personEdits(page, Map.of("Labels", multi("ui", "no-such-label"), "Assignees", multi("hubot"),
                "Milestone", select("v2.0"), "Name", title("Spelling error in README.md")), Instant.now());

        Result r = pull(ALL_FIELDS);
        assertEquals("error", r.output("status"), r.toString());
        assertEquals("1", r.output("failed"), r.summary());
        assertTrue(r.errors().get(0).contains("could not be changed"), r.errors().toString());
        assertTrue(r.summary().contains("no-such-label&quot; does not exist in Codertocat/Hello-World"), r.summary());
        assertEquals(List.of("ui"), names(GitHubServer.nodes(issue, "labels"), "name"));
        assertEquals(List.of("hubot"), names(GitHubServer.nodes(issue, "assignees"), "login"));
        assertEquals("v2.0", ((Map<?, ?>) issue.get("milestone")).get("title"));
        assertEquals("Spelling error in README.md", issue.get("title"));
        // The unknown label stays on the page, reported until someone fixes it; the rest is GitHub's now.
        assertEquals(List.of("ui", "no-such-label"), names(property(page, "Labels").path("multi_select")));
        assertEquals(List.of("hubot"), names(property(page, "Assignees").path("multi_select")));

        // Once the label is gone from the page, the next pull changes nothing more on GitHub.
        int before = github.mutations().size();
        notion.personEdits(page, Map.of("Labels", multi("ui")), Instant.now());
        r = pull(ALL_FIELDS);
        assertEquals("0", r.output("failed"), r.summary());
        assertEquals(before, github.mutations().size(), github.mutations().toString());
        r = pull(ALL_FIELDS);
        assertEquals("skipped", r.output("status"), r.toString());
    }

    @Test
    void aNewerGitHubChangeWinsAConflictAndIsWrittenBack() throws Exception {
        backfill("status");
        String page = pageOf(issue);
        notion.personEdits(page, Map.of("Status", status("Done")), Instant.now().minus(10, ChronoUnit.MINUTES));
        github.setClosed(issue, "NOT_PLANNED");
        github.setUpdatedAt(issue, Instant.now().minus(2, ChronoUnit.MINUTES));

        Result r = pull("status");
        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("0", r.output("pushed"), r.summary());
        assertEquals("1", r.output("pulled-back"), r.summary());
        assertEquals("1", r.output("conflicts"), r.summary());
        assertEquals(List.of(), github.mutations());
        assertEquals("Not planned", property(page, "Status").path("status").path("name").asText());
        assertTrue(r.summary().contains("conflict: the GitHub change is newer"), r.summary());
    }

    @Test
    void noLoopAPullTheLiveEventsItCausedAndASecondPullMakeNoFurtherMutation() throws Exception {
        backfill("status, labels");
        String page = pageOf(issue);
        notion.personEdits(page, Map.of("Status", status("Done"), "Labels", multi("bug", "ui")), Instant.now());
        Result r = pull("status, labels");
        assertEquals("1", r.output("pushed"), r.summary());
        List<String> first = List.copyOf(github.mutations());
        assertEquals(List.of("closeIssue", "addLabelsToLabelable"), first);

        // With a personal token, GitHub starts the live sync for each change the pull made.
        for (String event : List.of("issues.closed.json", "issues.labeled.json")) {
            // The fixture, its issue replaced by this issue's state on GitHub.
            Result live = action("sync", "status, labels").eventJson("issues", payload(event).toString()).run();
            assertEquals("synced", live.output("status"), live.toString());
        }
        r = pull("status, labels");
        assertEquals("skipped", r.output("status"), r.toString());
        assertEquals("0", r.output("pushed"), r.summary());
        assertEquals(first, github.mutations(), "the second pull made no mutation");
    }

    @Test
    void aPersonsNotionEditSurvivesALaterLiveEventAndReachesGitHub() throws Exception {
        backfill("status");
        String page = pageOf(issue);
        notion.personEdits(page, Map.of("Status", status("Done")), Instant.now().minus(5, ChronoUnit.MINUTES));
        // Someone labels the issue on GitHub afterwards; the live sync runs before the pull.
        github.addLabels(issue, ui);
        github.setUpdatedAt(issue, Instant.now().minus(1, ChronoUnit.MINUTES));
        Result live = action("sync", "status").eventJson("issues", payload("issues.labeled.json").toString()).run();
        assertEquals("synced", live.output("status"), live.toString());
        assertEquals("Done", property(page, "Status").path("status").path("name").asText(), "the person's edit stands");
        assertEquals(List.of("bug", "ui"), names(property(page, "Labels").path("multi_select")));

        Result r = pull("status");
        assertEquals("1", r.output("pushed"), r.summary());
        assertEquals("CLOSED", issue.get("state"));
        assertEquals("COMPLETED", issue.get("stateReason"));
    }

    @Test
    void aMissingPermissionIsOneSentenceNamingItAndTheRunGoesOn() throws Exception {
        Map<String, Object> second = github.issue(repo, 2, "Second", "");
        backfill("status, title");
        github.forbid("closeIssue");
        notion.personEdits(pageOf(issue), Map.of("Status", status("Done")), Instant.now());
        notion.personEdits(pageOf(second), Map.of("Name", title("Second, renamed")), Instant.now());

        Result r = pull("status, title");
        assertEquals("error", r.output("status"), r.toString());
        assertEquals(1, r.exitCode());
        assertEquals("1", r.output("failed"), r.summary());
        assertEquals("1", r.output("pushed"), r.summary());
        assertEquals("Second, renamed", second.get("title"));
        assertTrue(r.summary().contains("add issues: write to the workflow's permissions"), r.summary());
        assertEquals("OPEN", issue.get("state"));
        // The person's Done stays on the page, to be carried once the permission is there.
        assertEquals("Done", property(pageOf(issue), "Status").path("status").path("name").asText());
    }

    @Test
    void aDryRunListsThePlannedChangesAndWritesNothing() throws Exception {
        backfill("status");
        String page = pageOf(issue);
        notion.personEdits(page, Map.of("Status", status("Done")), Instant.now());
        int updates = notion.updates.get();
        Result r = action("pull", "status").input(Input.DRY_RUN, "true").run();
        assertEquals("skipped", r.output("status"), r.toString());
        assertTrue(r.summary().contains("would close issue") && r.summary().contains("as completed"), r.summary());
        assertEquals(List.of(), github.mutations());
        assertEquals(updates, notion.updates.get());
        assertEquals("OPEN", issue.get("state"));
    }

    @Test
    void aQuietRunCostsOneNotionRequestPlusTwoPerDatabaseAndNoGitHubRequest() throws Exception {
        backfill("status");
        github.resetCounters();
        Result r = pull("status");
        assertEquals("skipped", r.output("status"), r.toString());
        // users/me, then per database (both inputs name the same one here): the database and one query.
        assertTrue(r.summary().contains("| Notion requests | 3 |"), r.summary());
        assertEquals(0, github.requests());
    }

    @Test
    void withoutSyncStateThePersonWhoEditedLastDecides() throws Exception {
        notion.close();
        notion = new FakeNotion(ActionProcess.TOKEN).withStatusOptions("Done", "Not planned");
        backfill("status");
        String page = pageOf(issue);
        notion.personEdits(page, Map.of("Status", status("Done")), Instant.now());
        Result r = pull("status");
        assertEquals("1", r.output("pushed"), r.summary());
        assertEquals("CLOSED", issue.get("state"));
        r = pull("status");
        assertEquals("skipped", r.output("status"), r.toString());
        assertEquals(List.of("closeIssue"), github.mutations());
    }

    @Test
    void aPullRequestIsClosedAndReopenedButAMergedOneIsNeverReopened() throws Exception {
        Map<String, Object> pr = github.pullRequest(repo, 2, "Fix the spelling");
        Map<String, Object> merged = github.pullRequest(repo, 3, "Merged already");
        github.merge(merged);
        backfill("status");
        notion.personEdits(pageOf(pr), Map.of("Status", status("Done")), Instant.now());
        notion.personEdits(pageOf(merged), Map.of("Status", status("Open")), Instant.now());

        Result r = pull("status");
        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("CLOSED", pr.get("state"));
        assertEquals("MERGED", merged.get("state"));
        assertEquals(List.of("closePullRequest"), github.mutations());
        assertTrue(r.summary().contains("a merged pull request cannot be reopened"), r.summary());
        // GitHub's state goes back to the merged pull request's page.
        assertEquals("Done", property(pageOf(merged), "Status").path("status").path("name").asText());

        notion.personEdits(pageOf(pr), Map.of("Status", status("Open")), Instant.now());
        pull("status");
        assertEquals("OPEN", pr.get("state"));
        assertEquals(List.of("closePullRequest", "reopenPullRequest"), github.mutations());
    }

    @Test
    void peopleAreReadBackThroughTheUserMap() throws Exception {
        notion.close();
        String hubotInNotion = "0f0e0d0c-0b0a-4909-8807-060504030201";
        notion = new FakeNotion(ActionProcess.TOKEN).withStatusOptions("Done", "Not planned")
                .withProperty("Assignees", "people").withProperty("Sync State", "rich_text");
        backfill("assignees");
        String page = pageOf(issue);
        ObjectNode people = JSON.createObjectNode();
        people.putArray("people").addObject().put("object", "user").put("id", hubotInNotion);
        notion.personEdits(page, Map.of("Assignees", people), Instant.now());

        Result r = action("pull", "assignees").input(Input.NOTION_USER_MAP, "hubot=" + hubotInNotion).run();
        assertEquals("1", r.output("pushed"), r.summary());
        assertEquals(List.of("hubot"), names(GitHubServer.nodes(issue, "assignees"), "login"));
        assertEquals(hubotInNotion, property(page, "Assignees").path("people").path(0).path("id").asText());
    }

    @Test
    void aProjectFieldIsWrittenWithAProjectTokenAndSkippedInOneSentenceWithoutOne() throws Exception {
        Map<String, Object> project = github.project("Codertocat", 1, "Roadmap");
        Map<String, Object> priority = github.singleSelectField(project, "Priority", "P1", "P2");
        Map<String, Object> item = github.projectItem(project, issue);
        github.setFieldValue(item, priority, "P1");
        Result b = action("backfill", "project-fields")
                .input(Input.PROJECT_URL, "https://github.com/orgs/Codertocat/projects/1").run();
        assertEquals("synced", b.output("status"), b.toString());
        String page = pageOf(item);
        assertEquals("P1", property(page, "Priority").path("select").path("name").asText());

        github.forbidProjects();
        notion.personEdits(page, Map.of("Priority", select("P2")), Instant.now());
        Result r = pull("project-fields");
        assertEquals("skipped", r.output("status"), r.toString());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("pass a personal or app token with project access in github-token"),
                r.warnings().toString());
        assertEquals("P2", property(page, "Priority").path("select").path("name").asText(), "kept until it can be written");

        github.allowProjects();
        r = pull("project-fields");
        assertEquals("1", r.output("pushed"), r.summary());
        assertEquals(List.of("updateProjectV2ItemFieldValue"), github.mutations());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void aNewPageBecomesOneIssueEvenWhenTheCreatesAnswerIsLost() throws Exception {
        backfill("status");
        String page = notion.personCreates("Write the launch post",
                "Some **bold** text.\n\n- [ ] draft\n- [x] outline\n\n<callout>Notion only</callout>\n\n"
                        + "[a link](https://example.com) and [a bad one](javascript:alert(1))");
        github.loseAnswerOnce("createIssue");

        Result r = action("pull", "status").input(Input.CREATE_ISSUES, "true").run();
        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("1", r.output("created"), r.summary());
        List<Map<String, Object>> issues = github.issues(repo);
        assertEquals(2, issues.size(), "one new issue, not two");
        Map<String, Object> created = issues.get(1);
        assertEquals("Write the launch post", created.get("title"));
        String body = (String) created.get("body");
        assertTrue(body.contains("<!-- notion-sync:page=" + page + " -->"), body);
        assertTrue(body.contains("- [ ] draft") && body.contains("**bold**") && body.contains("(https://example.com)"), body);
        assertFalse(body.contains("callout") || body.contains("javascript"), body);
        assertTrue(body.contains("https://www.notion.so/" + page.replace("-", "")), body);
        assertEquals(created.get("id"), property(page, "External ID").path("rich_text").path(0).path("text")
                .path("content").asText());
        assertEquals(created.get("url"), property(page, "Source URL").path("url").asText());

        r = action("pull", "status").input(Input.CREATE_ISSUES, "true").run();
        assertEquals("0", r.output("created"), r.summary());
        assertEquals(2, github.issues(repo).size());
    }

    @Test
    void aPersonsNotionCommentIsPostedOnceAndNeverEchoedBack() throws Exception {
        github.comment(issue, "hubot", "A comment made on GitHub.");
        backfill("status, comments");
        String page = pageOf(issue);
        assertEquals(1, notion.comments(page).size(), "the GitHub comment, mirrored by the backfill");
        String commentId = notion.personComments(page, "Mona **Lisa**", List.of(new String[] {"Looks good, see "},
                new String[] {"the docs", "https://example.com/docs"}));
        github.loseAnswerOnce("addComment");

        Result r = pull("status, comments");
        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("1", r.output("comments-posted"), r.summary());
        List<Map<String, Object>> onGitHub = GitHubServer.nodes(issue, "comments");
        assertEquals(2, onGitHub.size(), "the GitHub comment and one posted from Notion, not two");
        String body = (String) onGitHub.get(1).get("body");
        assertTrue(body.startsWith("**Mona Lisa** (via Notion): Looks good, see [the docs](https://example.com/docs)"), body);
        assertTrue(body.contains("<!-- notion-sync:comment:" + commentId + " -->"), body);

        r = pull("status, comments");
        assertEquals("0", r.output("comments-posted"), r.summary());
        assertEquals(2, GitHubServer.nodes(issue, "comments").size(), "once only");

        // The live event GitHub sends for the posted comment, and a backfill, leave the page's comments alone.
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/events",
                "issue_comment.created.json")));
        ((ObjectNode) event.get("issue")).put("node_id", (String) issue.get("id"));
        ((ObjectNode) event.get("comment")).put("body", body);
        Result live = action("sync", "status, comments").eventJson("issue_comment", event.toString()).run();
        assertEquals("skipped", live.output("status"), live.toString());
        backfill("status, comments");
        assertEquals(2, notion.comments(page).size(), "the GitHub comment and the person's: no echo");
    }

    @Test
    void withoutTheCommentCapabilitiesThePullSaysWhichToEnable() throws Exception {
        backfill("status");
        notion.withoutCommentCapabilities();
        notion.personEdits(pageOf(issue), Map.of("Status", status("Done")), Instant.now());
        Result r = pull("status, comments");
        assertEquals("error", r.output("status"), r.toString());
        assertEquals("CLOSED", issue.get("state"), "the fields still reached GitHub");
        assertTrue(r.summary().contains("enable Read comments and Insert comments"), r.summary());
    }

    @Test
    void aLiveEventNewerThanAPersonsEditWinsItsConflictAndSaysSo() throws Exception {
        backfill("status");
        String page = pageOf(issue);
        notion.personEdits(page, Map.of("Status", status("Not planned")), Instant.now().minus(10, ChronoUnit.MINUTES));
        github.setClosed(issue, "COMPLETED");
        github.setUpdatedAt(issue, Instant.now().minus(1, ChronoUnit.MINUTES));
        Result live = action("sync", "status").eventJson("issues", payload("issues.closed.json").toString()).run();
        assertEquals("synced", live.output("status"), live.toString());
        assertEquals("Done", property(page, "Status").path("status").path("name").asText());
        assertEquals(1, live.warnings().size(), live.toString());
        assertTrue(live.warnings().get(0).contains("Status changed in Notion and on GitHub since the last sync; "
                + "the GitHub change is newer and was kept"), live.warnings().toString());
        assertEquals("skipped", pull("status").output("status"), "nothing left for the pull");
    }

    @Test
    void onlyThisRepositorysObjectsChangeUnlessRepositoriesListsAnother() throws Exception {
        Map<String, Object> other = github.repository("Codertocat", "Other");
        Map<String, Object> elsewhere = github.issue(other, 1, "Elsewhere", "");
        github.setUpdatedAt(elsewhere, Instant.now().minus(2, ChronoUnit.HOURS));
        backfill("status");
        assertEquals("synced", action("backfill", "status").env("GITHUB_REPOSITORY", "Codertocat/Other").run()
                .output("status"));
        notion.personEdits(pageOf(elsewhere), Map.of("Status", status("Done")), Instant.now());

        Result r = pull("status");
        assertEquals("skipped", r.output("status"), r.toString());
        assertEquals(List.of(), github.mutations());
        assertEquals("Done", property(pageOf(elsewhere), "Status").path("status").path("name").asText(), "left alone");

        r = action("pull", "status").input(Input.REPOSITORIES, "Codertocat/Other").run();
        assertEquals("1", r.output("pushed"), r.summary());
        assertEquals("CLOSED", elsewhere.get("state"));
    }

    @Test
    void aBackfillKeepsAPersonsPendingEditForThePull() throws Exception {
        backfill("status");
        String page = pageOf(issue);
        notion.personEdits(page, Map.of("Status", status("Done")), Instant.now().minus(5, ChronoUnit.MINUTES));
        github.addLabels(issue, ui);
        github.setUpdatedAt(issue, Instant.now().minus(1, ChronoUnit.MINUTES));
        backfill("status");
        assertEquals("Done", property(page, "Status").path("status").path("name").asText());
        assertEquals(List.of("bug", "ui"), names(property(page, "Labels").path("multi_select")));
        assertEquals("1", pull("status").output("pushed"));
        assertEquals("CLOSED", issue.get("state"));
    }

    @Test
    void assigneesThePageCannotShowAreNeverRemoved() throws Exception {
        notion.close();
        String hubotInNotion = "0f0e0d0c-0b0a-4909-8807-060504030201";
        notion = new FakeNotion(ActionProcess.TOKEN).withStatusOptions("Done", "Not planned")
                .withProperty("Assignees", "people").withProperty("Sync State", "rich_text");
        github.assign(issue, github.user("octocat"));
        backfill("assignees");
        ObjectNode people = JSON.createObjectNode();
        people.putArray("people").addObject().put("object", "user").put("id", hubotInNotion);
        notion.personEdits(pageOf(issue), Map.of("Assignees", people), Instant.now());
        Result r = action("pull", "assignees").input(Input.NOTION_USER_MAP, "hubot=" + hubotInNotion).run();
        assertEquals("1", r.output("pushed"), r.summary());
        assertEquals(List.of("octocat", "hubot"), names(GitHubServer.nodes(issue, "assignees"), "login"),
                "octocat has no Notion user, so the page never showed them: still assigned");
    }

    @Test
    void aCommentOnADiscussionsPageGoesToTheDiscussion() throws Exception {
        Map<String, Object> discussion = github.discussion(repo, 5, "Ideas");
        backfill("comments");
        notion.personComments(pageOf(discussion), "Mona", List.<String[]>of(new String[] {"What about dark mode?"}));
        Result r = pull("comments");
        assertEquals("1", r.output("comments-posted"), r.summary());
        assertEquals(List.of("addDiscussionComment"), github.mutations());
        assertTrue(((String) GitHubServer.nodes(discussion, "comments").get(0).get("body"))
                .startsWith("**Mona** (via Notion): What about dark mode?"));
    }

    @Test
    void aWorkflowStepOfTheTeamsOwnStaysInNotionWithoutFailing() throws Exception {
        notion.withStatusOptions("In progress");
        backfill("status");
        String page = pageOf(issue);
        notion.personEdits(page, Map.of("Status", status("In progress")), Instant.now());
        Result r = pull("status");
        assertEquals("skipped", r.output("status"), r.toString());
        assertEquals("0", r.output("failed"));
        assertEquals(List.of(), github.mutations());
        assertEquals("In progress", property(page, "Status").path("status").path("name").asText());
        // GitHub closing it later is newer news: the page follows.
        github.setClosed(issue, "COMPLETED");
        github.setUpdatedAt(issue, Instant.now().plus(2, ChronoUnit.MINUTES));
        action("sync", "status").eventJson("issues", payload("issues.closed.json").toString()).run();
        assertEquals("Done", property(page, "Status").path("status").path("name").asText());
    }

    @Test
    void labelsAndMilestonesPastTheFirst100AreLookedUpByName() throws Exception {
        for (int i = 1; i <= 101; i++) {
            github.label(repo, "area-" + i);
            github.milestone(repo, "sprint-" + i);
        }
        backfill("labels, milestone");
        notion.personEdits(pageOf(issue), Map.of("Labels", multi("bug", "area-101"), "Milestone", select("sprint-101")),
                Instant.now());
        Result r = pull("labels, milestone");
        assertEquals("1", r.output("pushed"), r.summary());
        assertEquals("0", r.output("failed"), r.summary());
        assertEquals(List.of("bug", "area-101"), names(GitHubServer.nodes(issue, "labels"), "name"));
        assertEquals("sprint-101", ((Map<?, ?>) issue.get("milestone")).get("title"));
    }

    @Test
    void aTrashedPageIsLeftAloneAndADryRunPostsNoComment() throws Exception {
        Map<String, Object> second = github.issue(repo, 2, "Second", "");
        backfill("status, comments");
        String trashed = pageOf(issue);
        notion.personEdits(trashed, Map.of("Status", status("Done")), Instant.now());
        notion.personTrashes(trashed);
        notion.personComments(pageOf(second), "Mona", List.<String[]>of(new String[] {"Not yet."}));

        Result r = action("pull", "status, comments").input(Input.DRY_RUN, "true").run();
        assertEquals("skipped", r.output("status"), r.toString());
        assertTrue(r.summary().contains("would comment on the issue"), r.summary());
        assertEquals(List.of(), github.mutations());
        assertTrue(GitHubServer.nodes(second, "comments").isEmpty());

        r = pull("status, comments");
        assertEquals("1", r.output("comments-posted"), r.summary());
        assertEquals("OPEN", issue.get("state"), "the trashed page changed nothing");
        assertEquals(List.of("addComment"), github.mutations());
    }

    /** The fixture's payload, its issue replaced by this issue's state on GitHub. */
    private ObjectNode payload(String fixture) throws Exception {
        ObjectNode p = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/events", fixture)));
        ObjectNode i = (ObjectNode) p.get("issue");
        i.put("node_id", (String) issue.get("id")).put("number", 1).put("title", (String) issue.get("title"))
                .put("html_url", (String) issue.get("url")).put("updated_at", (String) issue.get("updatedAt"))
                .put("state", "OPEN".equals(issue.get("state")) ? "open" : "closed")
                .put("state_reason", issue.get("stateReason") == null ? null
                        : ((String) issue.get("stateReason")).toLowerCase(java.util.Locale.ROOT));
        ArrayNode labels = i.putArray("labels");
        GitHubServer.nodes(issue, "labels").forEach(l -> labels.addObject().put("name", (String) l.get("name")));
        ArrayNode assignees = i.putArray("assignees");
        GitHubServer.nodes(issue, "assignees").forEach(a -> assignees.addObject().put("login", (String) a.get("login")));
        i.remove("assignee");
        if (issue.get("milestone") == null) {
            i.putNull("milestone");
        } else {
            i.putObject("milestone").put("title", (String) ((Map<?, ?>) issue.get("milestone")).get("title"));
        }
        return p;
    }

    private static List<String> names(List<Map<String, Object>> nodes, String key) {
        return nodes.stream().map(n -> (String) n.get(key)).toList();
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.path("name").asText()));
        return out;
    }
}
