package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.FakeNotion;
import org.prcybr.notionsync.support.GitHubGraphQlFake;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;

/**
 * mode: backfill, the jar as a process: GitHub's GraphQL API on MockServer (paginated, as GitHub
 * shapes it), Notion as the stateful stand-in, so reruns see what earlier runs wrote.
 */
@ExtendWith(MockServerExtension.class)
class BackfillIT {
    /**
     * Requests per second for these runs: the stand-in has no rate limit unless a test sets one, so
     * Notion's pace (2.8, which makes 150 objects take a minute) would only make them slow. Slow
     * enough still for the interrupted run to be killed half-way. The default pace is tested below.
     */
    private static final String TEST_PACE = "25";

    @TempDir
    Path dir;

    private ActionProcess backfill(FakeNotion notion, GitHubGraphQlFake github, String name) throws Exception {
        return backfillAtNotionsPace(notion, github, name).jvmArg("-Dnotion-sync.backfill-pace-per-second=" + TEST_PACE);
    }

    private ActionProcess backfillAtNotionsPace(FakeNotion notion, GitHubGraphQlFake github, String name) throws Exception {
        Path ws = Files.createDirectories(dir.resolve(name));
        return new ActionProcess(ws).notion(notion.url()).env("GITHUB_GRAPHQL_URL", github.url())
                .input(Input.MODE, "backfill")
                .input(Input.NOTION_TASK_BACKLOG_DB_ID, FakeNotion.DB)
                .input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, FakeNotion.DB)
                .input(Input.NOTION_DISCUSSIONS_ARC_DB_ID, FakeNotion.DB)
                .eventJson("workflow_dispatch", "{\"inputs\":{},\"ref\":\"refs/heads/main\"}");
    }

    private static GitHubGraphQlFake repository(NotionMock server, int issues) {
        GitHubGraphQlFake github = new GitHubGraphQlFake(server.server());
        for (int i = 1; i <= issues; i++) {
            github.issues.add(GitHubGraphQlFake.issue(i, "2026-03-01T00:00:00Z", "Body of **" + i + "**"));
        }
        github.pullRequests.add(GitHubGraphQlFake.pullRequest(1001, true));
        github.pullRequests.add(GitHubGraphQlFake.pullRequest(1002, false));
        github.discussions.add(GitHubGraphQlFake.discussion(2001));
        return github;
    }

    private static int writes(FakeNotion n) {
        return n.creates.get() + n.updates.get() + n.contentWrites.get();
    }

    @Test
    void everyObjectLandsOnceAndAnUnchangedRerunWritesNothing(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN)) {
            GitHubGraphQlFake github = repository(server, 150);

            Result first = backfill(notion, github, "first").run();

            assertEquals(0, first.exitCode(), first.toString());
            assertEquals("synced", first.output("status"));
            assertEquals("153", first.output("created"));
            assertEquals("0", first.output("failed"));
            assertEquals(153, notion.totalPages());
            assertEquals(1, notion.livePages("I_kwDOBackfill150").size());
            String page = notion.livePages("I_kwDOBackfill7").get(0).get("id").asText();
            assertEquals("Body of **7**", notion.markdown(page));
            assertEquals(1, notion.livePages("PR_kwDOBackfill1001").size());
            assertEquals(1, notion.livePages("D_kwDOBackfill2001").size());
            // Issues in two GraphQL pages (150 > 100), pull requests and discussions in one each.
            assertEquals(4, github.requests.get());
            assertTrue(first.summary().contains("| Issue | 150 | 150 | 0 | 0 | 0 |"), first.summary());
            assertTrue(first.stdout().contains("Backfill Issue: 150/150 done"), first.stdout());

            int before = writes(notion);
            int requestsBefore = notion.requests.get();
            Result rerun = backfill(notion, github, "rerun").run();

            assertEquals("synced", rerun.output("status"), rerun.toString());
            assertEquals("0", rerun.output("created"));
            assertEquals("0", rerun.output("updated"));
            assertEquals("153", rerun.output("unchanged"));
            assertEquals(before, writes(notion), "an unchanged repository gets no write");
            // Reads only: the database, its schema, and the 153 pages in two queries of 100.
            assertEquals(4, notion.requests.get() - requestsBefore);
        }
    }

    /**
     * The backfill's own pace, as the action runs it, against a stand-in limited like Notion (3 per
     * second, bursts of 3): not one 429. Unpaced, the same requests come at once and meet 429s.
     * BackfillScaleIT (tag "scale") does this for 1,000 objects.
     */
    @Test
    void atItsOwnPaceABackfillStaysUnderNotionsRateLimit(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN).rateLimit(3)) {
            GitHubGraphQlFake github = repository(server, 6);

            Result r = backfillAtNotionsPace(notion, github, "paced").run();

            assertEquals("synced", r.output("status"), r.toString());
            assertEquals("9", r.output("created"));
            int requests = notion.requests.get();
            assertTrue(requests >= 12, "requests: " + requests);
            assertEquals(0, notion.rateLimited.get(), "429s at the default pace, of " + requests + " requests in "
                    + r.wallMs() + " ms");
        }
    }

    @Test
    void stalePagesAreUpdatedContentOnlyWhenTheBodyChangedAndDuplicatesConverge(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN)) {
            GitHubGraphQlFake github = repository(server, 10);
            backfill(notion, github, "first").run();
            github.issues.set(4, GitHubGraphQlFake.issue(5, "2026-04-01T00:00:00Z", "An edited body"));
            github.issues.set(5, GitHubGraphQlFake.issue(6, "2026-04-01T00:00:00Z", "Body of **6**"));
            String duplicate = notion.duplicate("I_kwDOBackfill7");
            int contentBefore = notion.contentWrites.get();

            Result r = backfill(notion, github, "second").run();

            assertEquals("synced", r.output("status"), r.toString());
            assertEquals("0", r.output("created"));
            assertEquals("3", r.output("updated"), "two stale pages and one converged duplicate");
            assertEquals("10", r.output("unchanged"));
            assertEquals(1, notion.contentWrites.get() - contentBefore, "only the edited body is rewritten");
            String page5 = notion.livePages("I_kwDOBackfill5").get(0).get("id").asText();
            assertEquals("An edited body", notion.markdown(page5));
            assertEquals(1, notion.livePages("I_kwDOBackfill7").size());
            assertFalse(notion.livePages("I_kwDOBackfill7").get(0).get("id").asText().equals(duplicate),
                    "the earliest page survives");
        }
    }

    @Test
    void anInterruptedRunIsCompletedByTheNextWithoutDuplicates(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN)) {
            GitHubGraphQlFake github = repository(server, 40);
            ActionProcess.Started started = backfill(notion, github, "cancelled").start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (notion.creates.get() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            started.kill();
            int createdBefore = notion.totalPages();
            assertTrue(createdBefore >= 20 && createdBefore < 43, createdBefore + " pages when cancelled");

            Result rest = backfill(notion, github, "resumed").run();

            assertEquals("synced", rest.output("status"), rest.toString());
            assertEquals(43, notion.totalPages());
            for (int i = 1; i <= 40; i++) {
                assertEquals(1, notion.livePages("I_kwDOBackfill" + i).size(), "issue " + i);
            }
            assertEquals(Integer.toString(43 - createdBefore), rest.output("created"));
        }
    }

    @Test
    void oneObjectsFailureIsCountedListedAndTheRunGoesOn(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN)) {
            GitHubGraphQlFake github = repository(server, 5);
            notion.rejectExternalId("I_kwDOBackfill3");

            Result r = backfill(notion, github, "failing").run();

            assertEquals(1, r.exitCode(), r.toString());
            assertEquals("error", r.output("status"));
            assertEquals("1", r.output("failed"));
            assertEquals("7", r.output("created"));
            assertTrue(r.summary().contains("kwDOBackfill3"), r.summary());
            assertEquals(1, r.errors().size());
            assertTrue(r.errors().get(0).contains("1 object(s) could not be written"), r.errors().get(0));
        }
    }

    @Test
    void projectItemsComeWithTheirFieldValues(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN)) {
            GitHubGraphQlFake github = repository(server, 1);
            ObjectNode content = GitHubGraphQlFake.issue(1, "2026-03-01T00:00:00Z", "Body");
            github.projectItems.add(GitHubGraphQlFake.projectItem("PVTI_backfill1", content, "P1"));

            Result r = backfill(notion, github, "project")
                    .input(Input.PROJECT_URL, "https://github.com/orgs/Codertocat/projects/5").run();

            assertEquals("synced", r.output("status"), r.toString());
            assertEquals(1, notion.livePages("PVTI_backfill1").size());
            assertEquals("Backfilled issue 1", notion.livePages("PVTI_backfill1").get(0).path("properties")
                    .path("Name").path("title").path(0).path("text").path("content").asText());
            assertTrue(r.summary().contains("| Project Board | 1 | 1 |"), r.summary());
        }
    }

    @Test
    void githubRefusalsAreOneSentenceBeforeAnyNotionCall(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN)) {
            GitHubGraphQlFake github = repository(server, 3);

            Result noToken = backfill(notion, github, "no-token").input(Input.GITHUB_TOKEN, "").run();
            assertEquals(1, noToken.exitCode(), noToken.toString());
            assertTrue(noToken.errors().get(0).contains("github-token"), noToken.errors().get(0));

            github.status(401);
            Result refused = backfill(notion, github, "refused").run();
            assertEquals("error", refused.output("status"), refused.toString());
            assertTrue(refused.errors().get(0).contains("refused the github-token"), refused.errors().get(0));

            github.status(200).error("NOT_FOUND");
            Result missing = backfill(notion, github, "missing").run();
            assertEquals("error", missing.output("status"), missing.toString());
            assertTrue(missing.errors().get(0).contains("repository Codertocat/Hello-World"), missing.errors().get(0));

            Result badProject = backfill(notion, github, "bad-project").input(Input.PROJECT_URL, "https://github.com/Codertocat").run();
            assertTrue(badProject.errors().get(0).contains("project-url"), badProject.errors().get(0));

            assertEquals(0, notion.requests.get(), "no Notion request at all");
        }
    }

    @Test
    void relationsLandWithTheirPagesParentsFirstAndAnUnchangedRerunWritesNothing(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN).withIssueRelations()) {
            GitHubGraphQlFake github = new GitHubGraphQlFake(server.server());
            // Issue 1 has 28 sub-issues (more than the 25 references a page lists), issue 30 is a
            // sub-issue of issue 2; GitHub lists children before their parent.
            for (int i = 30; i >= 1; i--) {
                ObjectNode issue = GitHubGraphQlFake.issue(i, "2026-03-01T00:00:00Z", "Body " + i);
                String parent = i == 1 ? null : i == 30 ? "I_kwDOBackfill2" : "I_kwDOBackfill1";
                if (parent == null) {
                    issue.putNull("parent");
                } else {
                    issue.putObject("parent").put("id", parent);
                }
                var children = issue.putObject("subIssues").putArray("nodes");
                if (i == 1) {
                    for (int c = 2; c <= 29; c++) {
                        children.addObject().put("id", "I_kwDOBackfill" + c);
                    }
                } else if (i == 2) {
                    children.addObject().put("id", "I_kwDOBackfill30");
                }
                issue.putObject("closedByPullRequestsReferences").putArray("nodes");
                github.issues.add(issue);
            }

            Result first = backfill(notion, github, "first").run();

            assertEquals("synced", first.output("status"), first.toString());
            assertEquals("30", first.output("created"));
            assertTrue(writes(notion) <= 30 * 1.05, writes(notion) + " writes for 30 objects");
            String parent = notion.livePages("I_kwDOBackfill1").get(0).get("id").asText();
            String child = notion.livePages("I_kwDOBackfill5").get(0).get("id").asText();
            String grandchild = notion.livePages("I_kwDOBackfill30").get(0).get("id").asText();
            assertEquals(List.of(parent), notion.related(child, "Parent"));
            assertEquals(28, notion.related(parent, "Sub-issues").size(), "Notion keeps the other side in step");
            assertEquals(List.of(notion.livePages("I_kwDOBackfill2").get(0).get("id").asText()),
                    notion.related(grandchild, "Parent"));

            int before = writes(notion);
            Result rerun = backfill(notion, github, "rerun").run();

            assertEquals("30", rerun.output("unchanged"), rerun.toString());
            assertEquals(before, writes(notion), "an unchanged repository gets no write, relations included");
        }
    }

    @Test
    void aListingNotionCappedStillFindsEveryPageBeforeCreating(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN)) {
            GitHubGraphQlFake github = repository(server, 9);
            backfill(notion, github, "first").run();
            assertEquals(12, notion.totalPages());
            // Notion stops a query at 10,000 results; here at 5 of the 12 pages.
            notion.queryCap(5);

            Result rerun = backfill(notion, github, "capped").run();

            assertEquals("synced", rerun.output("status"), rerun.toString());
            assertEquals("0", rerun.output("created"), "pages past the cap are looked up, not created again");
            assertEquals("12", rerun.output("unchanged"));
            assertEquals(12, notion.totalPages());
        }
    }
}
