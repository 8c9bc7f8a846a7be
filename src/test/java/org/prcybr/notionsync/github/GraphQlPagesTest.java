package org.prcybr.notionsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.prcybr.notionsync.config.SyncSettings.GitHubRun;
import org.prcybr.notionsync.mapping.EventMapper;
import org.prcybr.notionsync.mapping.MappingOutcome;
import org.prcybr.notionsync.mapping.PageSpec;

/**
 * A backfill must write the page a live event writes, or every rerun would rewrite it: the GraphQL
 * node of an object and its webhook payload map to the same values and states.
 */
class GraphQlPagesTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @Test
    void aMergedPullRequestReadsAsItsWebhookPayload() throws Exception {
        assertSamePage(webhook("pull_request", "pull_request.closed.merged.json"), GraphQlPages.page(json("""
                {"__typename":"PullRequest","id":"MDExOlB1bGxSZXF1ZXN0Mjc5MTQ3NDM3",
                 "title":"Update the README with new information.","url":"https://github.com/Codertocat/Hello-World/pull/2",
                 "body":"This is a pretty simple change that we need to pull into master.","number":2,
                 "prState":"MERGED","isDraft":false,"merged":true,"mergedAt":"2019-05-15T15:21:18Z",
                 "createdAt":"2019-05-15T15:20:33Z","updatedAt":"2019-05-15T15:21:18Z","closedAt":"2019-05-15T15:21:18Z",
                 "repository":{"nameWithOwner":"Codertocat/Hello-World","url":"https://github.com/Codertocat/Hello-World"},
                 "author":{"login":"Codertocat"},"labels":{"nodes":[{"name":"bug"}]},
                 "assignees":{"nodes":[{"login":"Codertocat"}]},"milestone":null,"comments":{"totalCount":0},
                 "baseRefName":"master","headRefName":"changes",
                 "reviewRequests":{"nodes":[{"requestedReviewer":{"__typename":"User","login":"octocat"}}]}}
                """)));
    }

    @Test
    void anAnsweredDiscussionReadsAsItsWebhookPayload() throws Exception {
        assertSamePage(webhook("discussion", "discussion.answered.json"), GraphQlPages.page(json("""
                {"__typename":"Discussion","id":"MDEwOkRpc2N1c3Npb24zMjk5NjE0","title":"TEST edit",
                 "url":"https://github.com/Codertocat/Hello-World/discussions/4","body":"TEST edit","number":4,
                 "closed":false,"closedAt":null,"isAnswered":true,
                 "createdAt":"2021-03-30T20:09:52Z","updatedAt":"2021-03-30T23:17:18Z",
                 "repository":{"nameWithOwner":"Codertocat/Hello-World","url":"https://github.com/Codertocat/Hello-World"},
                 "author":{"login":"Codertocat"},"category":{"name":"Q&A"},"labels":{"nodes":[]},"comments":{"totalCount":1}}
                """)));
    }

    private static void assertSamePage(PageSpec live, PageSpec backfill) {
        assertEquals(live.values(), backfill.values());
        assertEquals(live.states(), backfill.states());
        assertEquals(live.title(), backfill.title());
        assertEquals(live.externalId(), backfill.externalId());
        assertEquals(live.body(), backfill.body());
        assertEquals(live.updatedAt(), backfill.updatedAt());
    }

    private static PageSpec webhook(String event, String fixture) throws Exception {
        JsonNode payload = JSON.readValue(Files.readAllBytes(Path.of("src/test/resources/events", fixture)), JsonNode.class);
        MappingOutcome outcome = EventMapper.map(event, payload, new GitHubRun("https://github.com", "", "1", "1", "", ""));
        return ((MappingOutcome.Mapped) outcome).page();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readValue(text, JsonNode.class);
    }
}
