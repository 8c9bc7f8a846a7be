package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.mockserver.model.HttpRequest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.matchers.Times;
import org.mockserver.model.Parameter;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;
import org.prcybr.notionsync.support.NotionMock.Schema;

/**
 * GitHub comments mirrored as Notion comments, the jar as a process against MockServer, from
 * GitHub's example payloads: the page is written as for the object's own event, then one
 * top-level comment is added, updated or deleted on it.
 */
@ExtendWith(MockServerExtension.class)
class CommentsIT {
    private static final String ISSUE_COMMENT_URL = "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400";
    private static final String PR_NODE = "MDExOlB1bGxSZXF1ZXN0Mjc5MTQ3NDM3";

    @TempDir
    Path workspace;

    /** Every kind of object in the one mock database. */
    private ActionProcess action(NotionMock notion) {
        return new ActionProcess(workspace).notion(notion.url()).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .input(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, DB).input(Input.NOTION_DISCUSSIONS_ARC_DB_ID, DB);
    }

    private static NotionMock pageExists(NotionMock notion) {
        notion.standard(Schema.full().prop("Comments", "number")).queryFinds(DS, PAGE).updateReturns(PAGE);
        notion.server().when(request().withMethod("POST").withPath("/v1/comments"))
                .respond(NotionMock.ok(comment("c-new", "https://example.invalid/other")));
        return notion;
    }

    private static String comment(String id, String linkedUrl) {
        return "{\"object\":\"comment\",\"id\":\"" + id + "\",\"parent\":{\"type\":\"page_id\",\"page_id\":\"" + PAGE
                + "\"},\"discussion_id\":\"d-" + id + "\",\"created_time\":\"2026-01-01T10:00:00.000Z\","
                + "\"last_edited_time\":\"2026-01-01T10:00:00.000Z\",\"created_by\":{\"object\":\"user\",\"id\":\"bot\"},"
                + "\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"Hi\",\"link\":null},\"plain_text\":\"Hi\","
                + "\"href\":null},{\"type\":\"text\",\"text\":{\"content\":\"View on GitHub\",\"link\":{\"url\":\""
                + linkedUrl + "\"}},\"plain_text\":\"View on GitHub\",\"href\":\"" + linkedUrl + "\"}],"
                + "\"display_name\":{\"type\":\"custom\",\"resolved_name\":\"Codertocat (GitHub)\"}}";
    }

    /** The page's comments in two list pages; the second holds {@code linkedUrl}'s copy, c-2, when given. */
    private static void pageComments(NotionMock notion, String linkedUrl) {
        notion.server().when(request().withMethod("GET").withPath("/v1/comments")
                        .withQueryStringParameter(Parameter.param("start_cursor", "cursor-2")))
                .respond(NotionMock.ok("{\"object\":\"list\",\"type\":\"comment\",\"comment\":{},\"results\":["
                        + (linkedUrl == null ? "" : comment("c-2", linkedUrl)) + "],\"has_more\":false,\"next_cursor\":null}"));
        notion.server().when(request().withMethod("GET").withPath("/v1/comments"), Times.unlimited(),
                        org.mockserver.matchers.TimeToLive.unlimited(), -10)
                .respond(NotionMock.ok("{\"object\":\"list\",\"type\":\"comment\",\"comment\":{},\"results\":["
                        + comment("c-1", "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-1")
                        + "],\"has_more\":true,\"next_cursor\":\"cursor-2\"}"));
    }

    private static JsonNode onlyCommentPost(NotionMock notion) throws Exception {
        List<org.mockserver.model.HttpRequest> posts = notion.recorded("POST", "/v1/comments");
        assertEquals(1, posts.size(), "one comment added");
        return NotionMock.json(posts.get(0));
    }

    /** The rich text's contents joined, and checks every piece keeps to Notion's 2,000 characters. */
    private static String text(JsonNode richText) {
        StringBuilder sb = new StringBuilder();
        assertTrue(richText.size() <= 100, "at most 100 pieces");
        richText.values().forEach(t -> {
            String content = t.get("text").get("content").getStringValue();
            assertTrue(content.length() <= 2000, "a piece of " + content.length());
            sb.append(content);
        });
        return sb.toString();
    }

    private static List<String> links(JsonNode richText) {
        List<String> urls = new ArrayList<>();
        richText.values().forEach(t -> {
            JsonNode link = t.get("text").get("link");
            if (link != null && !link.isNull()) {
                urls.add(link.get("url").getStringValue());
            }
        });
        return urls;
    }

    private static String withCommentBody(String fixture, String body) throws Exception {
        String json = Files.readString(Path.of("src/test/resources/events", fixture));
        String quoted = io.micronaut.json.JsonMapper.createDefault().writeValueAsString(body);
        return json.replace("\"body\": \"You are totally right! I'll get this fixed right away.\"", "\"body\": " + quoted);
    }

    @Test
    void anIssueCommentIsAddedToTheIssuesPageAsItsAuthorEndingWithItsLink(NotionMock notion) throws Exception {
        pageExists(notion);

        Result r = action(notion).event("issue_comment", "issue_comment.created.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("updated", r.output("operation"));
        JsonNode post = onlyCommentPost(notion);
        assertEquals(PAGE, post.get("parent").get("page_id").getStringValue());
        assertEquals("custom", post.get("display_name").get("type").getStringValue());
        assertEquals("Codertocat (GitHub)", post.get("display_name").get("custom").get("name").getStringValue());
        JsonNode richText = post.get("rich_text");
        assertEquals("You are totally right! I'll get this fixed right away.\n\nView on GitHub", text(richText));
        assertEquals(List.of(ISSUE_COMMENT_URL), links(richText));
        JsonNode properties = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + PAGE).get(0)).get("properties");
        assertEquals(0, properties.get("Comments").get("number").getIntValue(), "the count follows the payload");
        // The update path (database, query, page update; the schema too when it was read ahead of a
        // likely create, as for this just-opened issue) and the comment.
        int schemaReads = notion.recorded("GET", "/v1/data_sources/.*").size();
        assertEquals(4 + schemaReads, notion.recorded().length);
    }

    @Test
    void aCommentOnAPullRequestsConversationGoesToThePullRequestsPage(NotionMock notion) throws Exception {
        pageExists(notion);

        Result r = action(notion).event("issue_comment", "issue_comment.created.pull_request.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(PR_NODE, r.output("external-id"), "the issue object carries the pull request's node id");
        assertEquals("Pull Request", r.output("category"));
        String query = notion.recorded("POST", "/v1/data_sources/" + DS + "/query").get(0).getBodyAsString();
        assertTrue(query.contains(PR_NODE), query);
        assertEquals(List.of("https://github.com/Codertocat/Hello-World/pull/1#issuecomment-492700400"),
                links(onlyCommentPost(notion).get("rich_text")));
        // The conversation's pull request comes as an issue, without "draft": a draft's Status stays.
        assertFalse(notion.recorded("PATCH", "/v1/pages/.*").isEmpty(), "the page is updated");
        for (HttpRequest patch : notion.recorded("PATCH", "/v1/pages/.*")) {
            assertFalse(patch.getBodyAsString().contains("\"Status\""), patch.getBodyAsString());
        }
    }

    @Test
    void aDiscussionCommentIsAddedToTheDiscussionsPage(NotionMock notion) throws Exception {
        pageExists(notion);

        Result r = action(notion).event("discussion_comment", "discussion_comment.created.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        JsonNode richText = onlyCommentPost(notion).get("rich_text");
        assertEquals("I have so many questions to ask you!\n\nView on GitHub", text(richText));
        assertEquals(List.of("https://github.com/octo-org/octo-repo/discussions/90#discussioncomment-544078"),
                links(richText));
    }

    @Test
    void aReviewWithTextAndAReviewCommentNameWhatTheyAreAbout(NotionMock notion) throws Exception {
        pageExists(notion);

        Result review = action(notion).event("pull_request_review", "pull_request_review.submitted.json").run();
        assertEquals("synced", review.output("status"), review.toString());
        String reviewText = text(onlyCommentPost(notion).get("rich_text"));
        assertTrue(reviewText.startsWith("Review:\nLooks good, one nit on the README."), reviewText);

        notion.server().clear(request().withMethod("POST").withPath("/v1/comments"), org.mockserver.model.ClearType.LOG);
        Result comment = action(notion).event("pull_request_review_comment",
                "pull_request_review_comment.created.json").run();
        assertEquals("synced", comment.output("status"), comment.toString());
        JsonNode post = onlyCommentPost(notion);
        assertTrue(text(post.get("rich_text")).startsWith("On README.md:\nMaybe you should use more emoji on this line."),
                text(post.get("rich_text")));
        JsonNode properties = NotionMock.json(notion.recorded("PATCH", "/v1/pages/" + PAGE).get(1)).get("properties");
        assertTrue(properties.get("Comments") == null, "a review's pull request has no comment count: left as it is");
    }

    @Test
    void aReviewWithoutTextMirrorsNothing(NotionMock notion) throws Exception {
        pageExists(notion);
        String json = Files.readString(Path.of("src/test/resources/events", "pull_request_review.submitted.json"))
                .replace("\"body\": \"Looks good, one nit on the README.\"", "\"body\": null");

        Result r = action(notion).eventJson("pull_request_review", json).run();

        assertEquals("skipped", r.output("status"), r.toString());
        assertEquals(0, notion.recorded().length);
    }

    @Test
    void anEditUpdatesTheCommentFoundByItsLinkAcrossTheListsPages(NotionMock notion) throws Exception {
        pageExists(notion);
        pageComments(notion, ISSUE_COMMENT_URL);
        notion.server().when(request().withMethod("PATCH").withPath("/v1/comments/c-2"))
                .respond(NotionMock.ok(comment("c-2", ISSUE_COMMENT_URL)));

        Result r = action(notion).event("issue_comment", "issue_comment.edited.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(2, notion.recorded("GET", "/v1/comments").size(), "both list pages read");
        assertEquals(PAGE, notion.recorded("GET", "/v1/comments").get(0).getFirstQueryStringParameter("block_id"));
        JsonNode patch = NotionMock.json(notion.recorded("PATCH", "/v1/comments/c-2").get(0));
        assertEquals("You are totally right! I'll get this fixed today.\n\nView on GitHub", text(patch.get("rich_text")));
        assertEquals(0, notion.recorded("POST", "/v1/comments").size());
        // The update path's 3, two list pages, the comment's update.
        assertEquals(6, notion.recorded().length);
    }

    @Test
    void anEditWhoseCommentIsMissingOrResolvedAddsIt(NotionMock notion) throws Exception {
        pageExists(notion);
        pageComments(notion, null);

        Result r = action(notion).event("issue_comment", "issue_comment.edited.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("You are totally right! I'll get this fixed today.\n\nView on GitHub",
                text(onlyCommentPost(notion).get("rich_text")));
        assertEquals(0, notion.recorded("PATCH", "/v1/comments/.*").size());
    }

    @Test
    void aDeleteDeletesOnlyThatComment(NotionMock notion) throws Exception {
        pageExists(notion);
        pageComments(notion, ISSUE_COMMENT_URL);
        notion.server().when(request().withMethod("DELETE").withPath("/v1/comments/c-2"))
                .respond(NotionMock.ok(comment("c-2", ISSUE_COMMENT_URL)));

        Result r = action(notion).event("issue_comment", "issue_comment.deleted.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(1, notion.recorded("DELETE", "/v1/comments/.*").size());
        assertEquals(1, notion.recorded("DELETE", "/v1/comments/c-2").size());
        assertEquals(0, notion.recorded("POST", "/v1/comments").size());
        assertEquals(6, notion.recorded().length);
    }

    @Test
    void aCommentOnAnObjectWithoutAPageCreatesThePageFirst(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);
        notion.server().when(request().withMethod("POST").withPath("/v1/comments"))
                .respond(NotionMock.ok(comment("c-new", ISSUE_COMMENT_URL)));

        Result r = action(notion).event("issue_comment", "issue_comment.created.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("created", r.output("operation"));
        assertEquals(1, notion.recorded("POST", "/v1/pages").size());
        assertEquals(PAGE, onlyCommentPost(notion).get("parent").get("page_id").getStringValue());
    }

    @Test
    void aBotsCommentIsSkippedUnlessSyncBotCommentsIsTrue(NotionMock notion) throws Exception {
        pageExists(notion);
        String json = Files.readString(Path.of("src/test/resources/events", "issue_comment.created.json"))
                .replace("\"login\": \"Codertocat\"", "\"login\": \"dependabot[bot]\"");

        Result skipped = action(notion).eventJson("issue_comment", json).run();
        assertEquals("skipped", skipped.output("status"), skipped.toString());
        assertEquals(0, notion.recorded().length, "no request for a bot's comment");

        Result mirrored = action(notion).input(Input.SYNC_BOT_COMMENTS, "true").eventJson("issue_comment", json).run();
        assertEquals("synced", mirrored.output("status"), mirrored.toString());
        assertEquals("dependabot[bot] (GitHub)",
                onlyCommentPost(notion).get("display_name").get("custom").get("name").getStringValue());
    }

    @Test
    void aCommentPostedFromNotionIsNeverMirroredBack(NotionMock notion) throws Exception {
        pageExists(notion);
        String json = withCommentBody("issue_comment.created.json",
                "**Ada** (via Notion): agreed\n\n<!-- notion-sync:comment:1234 -->");

        Result r = action(notion).eventJson("issue_comment", json).run();

        assertEquals("skipped", r.output("status"), r.toString());
        assertEquals(0, notion.recorded().length);
    }

    @Test
    void aHostileBodyReachesNotionAsPlainTextWithSafeLinksOnly(NotionMock notion) throws Exception {
        pageExists(notion);
        String body = "<script>alert(1)</script>\n\nSee [this](javascript:alert(1)) and [docs](docs/setup.md).\n\n"
                + "::set-output name=pwned::yes\n\n- **one**\n- `two`\n\n> quoted\n\n```\n::error::x\n```";
        String json = withCommentBody("issue_comment.created.json", body);

        Result r = action(notion).eventJson("issue_comment", json).run();

        assertEquals("synced", r.output("status"), r.toString());
        JsonNode richText = onlyCommentPost(notion).get("rich_text");
        String text = text(richText);
        assertFalse(text.contains("alert(1)</script>") || text.contains("<script"), text);
        assertEquals(List.of("https://github.com/Codertocat/Hello-World/docs/setup.md", ISSUE_COMMENT_URL),
                links(richText), "the javascript: link is dropped, the relative one made absolute");
        assertTrue(text.contains("See this and docs."), text);
        assertTrue(text.contains("• one\n• two\n\n> quoted\n\n::error::x"), text);
        for (String line : r.stdout().split("\n")) {
            assertFalse(line.startsWith("::set-output") || line.startsWith("::error::x"), "a workflow command in the log: " + line);
        }
    }

    @Test
    void aTenThousandCharacterCommentIsSplitIntoPiecesNothingLost(NotionMock notion) throws Exception {
        pageExists(notion);
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 10_000; i++) {
            body.append("word").append(i % 10).append(' ');
        }
        String long10k = body.substring(0, 10_000).strip();
        String json = withCommentBody("issue_comment.created.json", long10k);

        Result r = action(notion).eventJson("issue_comment", json).run();

        assertEquals("synced", r.output("status"), r.toString());
        JsonNode richText = onlyCommentPost(notion).get("rich_text");
        assertTrue(richText.size() >= 6, "at least five pieces of text and the link: " + richText.size());
        assertEquals(long10k + "\n\nView on GitHub", text(richText));
    }

    @Test
    void aMissingCommentCapabilityFailsTheRunAfterThePageIsWritten(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryFinds(DS, PAGE).updateReturns(PAGE);
        notion.fails("POST", "/v1/comments", 403, "restricted_resource",
                "Insufficient permissions for this endpoint.");

        Result r = action(notion).event("issue_comment", "issue_comment.created.json").run();

        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("error", r.output("status"));
        assertEquals("updated", r.output("operation"), "the page write stands");
        assertEquals(PAGE, r.output("page-id"));
        assertEquals(1, notion.recorded("PATCH", "/v1/pages/" + PAGE).size());
        String error = r.errors().get(0);
        assertTrue(error.contains("Read comments") && error.contains("Insert comments"), error);
    }

    @Test
    void aCommentQuotingAnothersLinkIsNotTakenForItsCopy(NotionMock notion) throws Exception {
        pageExists(notion);
        // c-1's text quotes the deleted comment's URL, but its own link (last) is another comment's.
        String quoting = comment("c-1", "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-7")
                .replace("\"href\":null}", "\"href\":\"" + ISSUE_COMMENT_URL + "\"}");
        notion.server().when(request().withMethod("GET").withPath("/v1/comments")).respond(NotionMock.ok(
                "{\"object\":\"list\",\"type\":\"comment\",\"comment\":{},\"results\":[" + quoting
                        + "],\"has_more\":false,\"next_cursor\":null}"));

        Result r = action(notion).event("issue_comment", "issue_comment.deleted.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(0, notion.recorded("DELETE", "/v1/comments/.*").size(), "the quoting comment stays");
    }

    @Test
    void aCreateWhoseAnswerWasLostIsLookedUpNotSentTwice(NotionMock notion) throws Exception {
        notion.standard(Schema.full().prop("Comments", "number")).queryFinds(DS, PAGE).updateReturns(PAGE);
        notion.server().when(request().withMethod("POST").withPath("/v1/comments"), Times.once())
                .error(org.mockserver.model.HttpError.error().withDropConnection(true));
        notion.server().when(request().withMethod("GET").withPath("/v1/comments")).respond(NotionMock.ok(
                "{\"object\":\"list\",\"type\":\"comment\",\"comment\":{},\"results\":["
                        + comment("c-9", ISSUE_COMMENT_URL)
                        + "],\"has_more\":false,\"next_cursor\":null}"));

        Result r = action(notion).event("issue_comment", "issue_comment.created.json").run();

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(1, notion.recorded("POST", "/v1/comments").size(), "the copy was found: no second create");
    }
}
