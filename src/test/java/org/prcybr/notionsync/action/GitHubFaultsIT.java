package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Both APIs failing at once, the jar as a process: GitHub's GraphQL answers 502 or closes the
 * connection mid-answer, Notion answers 5xx or resets (before and after applying a write). Every
 * object must still land as exactly one page, and every retry must be counted.
 */
@ExtendWith(MockServerExtension.class)
class GitHubFaultsIT {
    private static final String ITEM = "PVTI_lADOAWcTxs07G84AVqWu";

    @TempDir
    Path dir;

    private ActionProcess action(FakeNotion notion, GitHubGraphQlFake github, String name) throws Exception {
        return new ActionProcess(Files.createDirectories(dir.resolve(name))).notion(notion.url())
                .env("GITHUB_GRAPHQL_URL", github.url())
                .input(Input.NOTION_TASK_BACKLOG_DB_ID, FakeNotion.DB)
                .input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, FakeNotion.DB)
                .input(Input.NOTION_DISCUSSIONS_ARC_DB_ID, FakeNotion.DB);
    }

    @Test
    void aBackfillOfMoreThan100ObjectsCompletesWithOnePageEachWhileBothApisFail(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN)) {
            GitHubGraphQlFake github = new GitHubGraphQlFake(server.server());
            for (int i = 1; i <= 100; i++) {
                github.issues.add(GitHubGraphQlFake.issue(i, "2026-03-01T00:00:00Z", "Body " + i));
            }
            github.pullRequests.add(GitHubGraphQlFake.pullRequest(1001, true));
            github.pullRequests.add(GitHubGraphQlFake.pullRequest(1002, false));
            github.discussions.add(GitHubGraphQlFake.discussion(2001));
            // A backfill of 103 objects reads only 4 GraphQL pages: its first two answers fail for
            // certain (a 502, a reset), then 10% are 502 and 5% resets. Notion's stand-in answers
            // 20% with 5xx and drops 8% (before or after applying the write); seeded, the run
            // meets at least 10% 5xx on each side, which is asserted below.
            github.failFirst(2).faults(0.10, 0.05);
            notion.faults(0.2, 0.08);

            long start = System.nanoTime();
            // Paced faster than Notion's limit: the stand-in has none, and pacing is BackfillIT's to prove.
            Result r = action(notion, github, "backfill").input(Input.MODE, "backfill")
                    .jvmArg("-Dnotion-sync.backfill-pace-per-second=25")
                    .eventJson("workflow_dispatch", "{\"inputs\":{},\"ref\":\"refs/heads/main\"}").run();
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;

            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("synced", r.output("status"), r.toString());
            assertEquals("0", r.output("failed"), r.summary());
            for (int i = 1; i <= 100; i++) {
                assertEquals(1, notion.livePages("I_kwDOBackfill" + i).size(), "issue " + i);
            }
            for (String id : List.of("PR_kwDOBackfill1001", "PR_kwDOBackfill1002", "D_kwDOBackfill2001")) {
                assertEquals(1, notion.livePages(id).size(), id);
            }
            assertTrue(github.serverErrors.get() > 0 && github.resets.get() > 0,
                    "GitHub faults met: " + github.serverErrors + " 502, " + github.resets + " resets");
            assertTrue(notion.serverErrors.get() > 0 && notion.resets.get() > 0,
                    "Notion faults met: " + notion.serverErrors + " 5xx, " + notion.resets + " resets");
            // The issue's bar: at least 10% of each side's answers were 502/5xx.
            assertTrue(github.serverErrors.get() * 10 >= github.requests.get(), github.serverErrors + " 502 of " + github.requests);
            assertTrue(notion.serverErrors.get() * 10 >= notion.requests.get(), notion.serverErrors + " 5xx of " + notion.requests);
            int githubFaults = github.serverErrors.get() + github.resets.get();
            int retries = Integer.parseInt(r.output("retries"));
            // Every GitHub fault is one retry; a Notion create that failed is looked up rather than retried.
            assertTrue(retries > githubFaults, retries + " retries counted for " + githubFaults + " GitHub faults");
            assertTrue(r.summary().contains("(GitHub " + githubFaults + ", Notion "), r.summary());
            System.out.printf("Fault run: 103 objects, GitHub %d requests (%d 502, %d resets), Notion %d requests "
                    + "(%d 5xx, %d resets), %d retries, %d s%n", github.requests.get(), github.serverErrors.get(),
                    github.resets.get(), notion.requests.get(), notion.serverErrors.get(), notion.resets.get(), retries,
                    seconds);
        }
    }

    @Test
    void theLiveProjectsV2LookupIsRetriedAndTheItemLandsOnceWithItsTitle(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN)) {
            GitHubGraphQlFake github = new GitHubGraphQlFake(server.server());
            ObjectNode content = GitHubGraphQlFake.issue(7, "2026-03-01T00:00:00Z", "Launch plan");
            github.projectItems.add(GitHubGraphQlFake.projectItem(ITEM, content, "P1"));
            github.failFirst(2).faults(0.10, 0.05);
            notion.faults(0.10, 0.05);

            for (int run = 1; run <= 6; run++) {
                Result r = action(notion, github, "live" + run)
                        .event("projects_v2_item", "projects_v2_item.edited.json").run();
                assertEquals(0, r.exitCode(), r.toString());
                assertEquals("synced", r.output("status"), r.toString());
                assertTrue(r.warnings().isEmpty(), r.warnings().toString());
            }

            assertEquals(1, notion.livePages(ITEM).size());
            assertEquals("Backfilled issue 7", notion.livePages(ITEM).get(0).path("properties").path("Name")
                    .path("title").path(0).path("text").path("content").asText());
            assertTrue(github.serverErrors.get() > 0 && github.resets.get() > 0,
                    "GitHub faults met: " + github.serverErrors + " 502, " + github.resets + " resets");
        }
    }
}
