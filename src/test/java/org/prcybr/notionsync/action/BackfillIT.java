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

    /**
     * Issue 1 has three comments (the second a bot's), pull request 1001 one, issue 2 has 101
     * (more than a GraphQL page), the discussion one posted from Notion; issue 3 none. Pull request
     * 1001 also has a minimized one.
     */
    private static GitHubGraphQlFake commented(NotionMock server) {
        GitHubGraphQlFake github = repository(server, 3);
        ObjectNode issue1 = github.issues.get(0);
        github.addComment(issue1, "octocat", false, "First, with **bold** and a [link](docs/README.md)");
        github.addComment(issue1, "dependabot", true, "Bumps a dependency");
        github.addComment(issue1, "hubot", false, "Third");
        github.addComment(github.pullRequests.get(0), "octocat", false, "Looks good");
        // Hidden on GitHub (spam, off-topic): not mirrored, and not counted as on GitHub.
        github.addComment(github.pullRequests.get(0), "spammer", false, "Buy now").put("isMinimized", true);
        for (int i = 1; i <= 101; i++) {
            github.addComment(github.issues.get(1), "octocat", false, "Comment " + i + " of 101");
        }
        github.addComment(github.discussions.get(0), "octocat", false,
                "**Ann** (via Notion): hello\n\n<!-- notion-sync:comment:abc -->");
        return github;
    }

    private static String pageOf(FakeNotion notion, String externalId) {
        return notion.livePages(externalId).get(0).get("id").asText();
    }

    private static List<String> texts(FakeNotion notion, String externalId) {
        return notion.comments(pageOf(notion, externalId)).stream().map(FakeNotion::plainText).toList();
    }

    @Test
    void commentsLandInOrderOnceAnEditIsUpdatedAndAnUnchangedRerunWritesNoComment(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN)) {
            GitHubGraphQlFake github = commented(server);

            Result first = backfill(notion, github, "first").run();

            assertEquals("synced", first.output("status"), first.toString());
            assertEquals("6", first.output("created"));
            // Issues, pull requests and discussions in one page each, and issue 2's comments past 100.
            assertEquals(4, github.requests.get());
            assertEquals(1, github.commentRequests.get());
            String link = "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-";
            assertEquals(List.of("First, with bold and a link\n\nView on GitHub", "Third\n\nView on GitHub"),
                    texts(notion, "I_kwDOBackfill1"), "oldest first, the bot's left out");
            List<ObjectNode> onIssue1 = notion.comments(pageOf(notion, "I_kwDOBackfill1"));
            assertEquals("octocat (GitHub)", onIssue1.get(0).path("display_name").path("resolved_name").asText());
            assertEquals("hubot (GitHub)", onIssue1.get(1).path("display_name").path("resolved_name").asText());
            assertEquals("https://github.com/Codertocat/Hello-World/docs/README.md",
                    onIssue1.get(0).path("rich_text").get(3).path("href").asText(), "the live path's link rules");
            assertEquals(link + "1", onIssue1.get(0).path("rich_text").get(onIssue1.get(0).path("rich_text").size() - 1)
                    .path("href").asText());
            List<String> issue2 = texts(notion, "I_kwDOBackfill2");
            assertEquals(101, issue2.size());
            for (int i = 1; i <= 101; i++) {
                assertEquals("Comment " + i + " of 101\n\nView on GitHub", issue2.get(i - 1));
            }
            assertEquals(List.of("Looks good\n\nView on GitHub"), texts(notion, "PR_kwDOBackfill1001"));
            assertEquals(List.of(), texts(notion, "D_kwDOBackfill2001"), "a comment posted from Notion is not mirrored back");
            assertEquals(List.of(), texts(notion, "I_kwDOBackfill3"));
            assertEquals(104, notion.commentCreates.get());
            assertEquals(0, notion.commentUpdates.get());
            // One list read per page with comments to mirror: issues 1 and 2, pull request 1001.
            assertEquals(3, notion.commentLists.get());
            assertTrue(first.summary().contains("| 106 | 104 | 0 | 0 | 2 | 0 | 3 |"), first.summary());

            int requestsBefore = notion.requests.get();
            int listsBefore = notion.commentLists.get();
            Result rerun = backfill(notion, github, "rerun").run();

            assertEquals("synced", rerun.output("status"), rerun.toString());
            assertEquals("6", rerun.output("unchanged"));
            assertEquals(104, notion.commentCreates.get(), "no comment created again");
            assertEquals(0, notion.commentUpdates.get(), "no comment rewritten");
            // Issue 2's page now lists its 101 comments in two requests.
            assertEquals(4, notion.commentLists.get() - listsBefore);
            // The database, its schema and its 6 pages, then the comment lists: reads only.
            assertEquals(3 + 4, notion.requests.get() - requestsBefore);

            github.comments.get("I_kwDOBackfill1").get(2).put("body", "Third, *edited*")
                    .put("updatedAt", "2026-05-01T00:00:00Z");
            Result edited = backfill(notion, github, "edited").run();

            assertEquals("synced", edited.output("status"), edited.toString());
            assertEquals(1, notion.commentUpdates.get());
            assertEquals(104, notion.commentCreates.get());
            assertEquals(List.of("First, with bold and a link\n\nView on GitHub", "Third, edited\n\nView on GitHub"),
                    texts(notion, "I_kwDOBackfill1"));
            assertTrue(edited.summary().contains("| 106 | 0 | 1 | 103 | 2 | 0 | 3 |"), edited.summary());
        }
    }

    @Test
    void aBotsCommentIsMirroredWhenSyncBotCommentsIsOn(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN)) {
            GitHubGraphQlFake github = repository(server, 1);
            github.addComment(github.issues.get(0), "dependabot", true, "Bumps a dependency");

            Result off = backfill(notion, github, "off").run();
            assertEquals("synced", off.output("status"), off.toString());
            assertEquals(List.of(), texts(notion, "I_kwDOBackfill1"));
            assertEquals(0, notion.commentLists.get(), "no list read for a page whose comments are all skipped");

            Result on = backfill(notion, github, "on").input(Input.SYNC_BOT_COMMENTS, "true").run();
            assertEquals("synced", on.output("status"), on.toString());
            List<ObjectNode> comments = notion.comments(pageOf(notion, "I_kwDOBackfill1"));
            assertEquals(1, comments.size());
            assertEquals("dependabot[bot] (GitHub)", comments.get(0).path("display_name").path("resolved_name").asText());
        }
    }

    @Test
    void aMissingCommentCapabilityFailsTheObjectButKeepsItsPage(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN).withoutCommentCapabilities()) {
            GitHubGraphQlFake github = repository(server, 3);
            github.addComment(github.issues.get(0), "octocat", false, "One");
            github.addComment(github.issues.get(2), "octocat", false, "Two");

            Result r = backfill(notion, github, "refused").run();

            assertEquals(1, r.exitCode(), r.toString());
            assertEquals("error", r.output("status"));
            assertEquals("6", r.output("created"), "every page is written");
            assertEquals("2", r.output("failed"));
            assertEquals(6, notion.totalPages());
            assertTrue(r.summary().contains("Read comments") && r.summary().contains("Insert comments"), r.summary());
            assertTrue(r.summary().contains("kwDOBackfill1:") && r.summary().contains("kwDOBackfill3:"), r.summary());
            // After the first refusal, the other object's comments are not tried again.
            assertEquals(0, notion.commentCreates.get());
        }
    }
}
