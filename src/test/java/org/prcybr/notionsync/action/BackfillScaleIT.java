package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
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
 * A backfill of 1,000 objects against the stateful stand-in limited to 3 requests per second,
 * then a rerun that must write nothing. About seven minutes, so tagged "scale" and left out of
 * {@code mvn verify}; run it with {@code mvn verify -Dit.test=BackfillScaleIT -Dit.excludedGroups=}.
 */
@Tag("scale")
@ExtendWith(MockServerExtension.class)
class BackfillScaleIT {
    @TempDir
    Path dir;

    @Test
    void aThousandObjectsAtThreeRequestsPerSecondThenAnUnchangedRerun(NotionMock server) throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN).rateLimit(3)) {
            GitHubGraphQlFake github = new GitHubGraphQlFake(server.server());
            for (int i = 1; i <= 700; i++) {
                github.issues.add(GitHubGraphQlFake.issue(i, "2026-03-01T00:00:00Z", "Body of **" + i + "**"));
            }
            for (int i = 1; i <= 200; i++) {
                github.pullRequests.add(GitHubGraphQlFake.pullRequest(1000 + i, i % 2 == 0));
            }
            for (int i = 1; i <= 100; i++) {
                github.discussions.add(GitHubGraphQlFake.discussion(2000 + i));
            }
            Result first = run(notion, github, "first");
            int requests = notion.requests.get();
            int graphql = github.requests.get();
            assertEquals("1000", first.output("created"), first.toString());
            assertEquals(1000, notion.totalPages());

            Result rerun = run(notion, github, "rerun");
            assertEquals("1000", rerun.output("unchanged"), rerun.toString());
            assertEquals(1000, notion.creates.get());
            assertEquals(0, notion.updates.get() + notion.contentWrites.get());
            System.out.printf("backfill scale: 1000 objects, first run %.1f s, %d Notion requests (%.3f per object, "
                            + "%d answered 429), %d GraphQL requests; rerun %.1f s, %d Notion requests, 0 writes%n",
                    first.wallMs() / 1000.0, requests, requests / 1000.0, notion.rateLimited.get(), graphql,
                    rerun.wallMs() / 1000.0, notion.requests.get() - requests);
        }
    }

    private Result run(FakeNotion notion, GitHubGraphQlFake github, String name) throws Exception {
        return new ActionProcess(Files.createDirectories(dir.resolve(name))).notion(notion.url())
                .env("GITHUB_GRAPHQL_URL", github.url()).input(Input.MODE, "backfill")
                .input(Input.NOTION_TASK_BACKLOG_DB_ID, FakeNotion.DB)
                .input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, FakeNotion.DB)
                .input(Input.NOTION_DISCUSSIONS_ARC_DB_ID, FakeNotion.DB)
                .timeout(900)
                .eventJson("workflow_dispatch", "{\"inputs\":{},\"ref\":\"refs/heads/main\"}").run();
    }
}
