package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.prcybr.notionsync.support.NotionMock.DB;
import static org.prcybr.notionsync.support.NotionMock.DS;
import static org.prcybr.notionsync.support.NotionMock.PAGE;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.matchers.Times;
import org.mockserver.model.HttpError;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;
import org.prcybr.notionsync.support.NotionMock.Schema;

/** Creates whose outcome is unknown are looked up before they are sent again. */
@ExtendWith(MockServerExtension.class)
class AmbiguousWriteIT {
    @TempDir
    Path workspace;

    private Result run(NotionMock notion) throws Exception {
        return new ActionProcess(workspace).notion(notion.url()).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .event("issues", "issues.opened.json").run();
    }

    @Test
    void createThatLandedButLostItsAnswerIsNotSentAgain(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryEmptyThenFinds(DS, PAGE).updateReturns(PAGE);
        notion.server().when(request().withMethod("POST").withPath("/v1/pages"))
                .error(HttpError.error().withDropConnection(true));

        Result r = run(notion);

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals(PAGE, r.output("page-id"));
        assertEquals(1, notion.recorded("POST", "/v1/pages").size(), "the create is not re-sent");
    }

    @Test
    void createThatDidNotLandIsSentAgainAfterLooking(NotionMock notion) throws Exception {
        notion.standard(Schema.full());
        notion.server().when(request().withMethod("POST").withPath("/v1/data_sources/" + DS + "/query"), Times.exactly(2))
                .respond(NotionMock.ok("{\"object\":\"list\",\"results\":[],\"has_more\":false}"));
        notion.queryFinds(DS, PAGE);
        notion.server().when(request().withMethod("POST").withPath("/v1/pages"), Times.once())
                .respond(org.mockserver.model.HttpResponse.response().withStatusCode(502));
        notion.createReturns(PAGE);

        Result r = run(notion);

        assertEquals("synced", r.output("status"), r.toString());
        assertEquals("created", r.output("operation"));
        assertEquals(2, notion.recorded("POST", "/v1/pages").size());
        // query, create (502), query (look first), create, query (converge)
        assertEquals(3, notion.recorded("POST", ".*/query").size());
    }

    /**
     * Notion answers 503 to everything; the 6 s budget runs out. The retry count is bounded by
     * Retrier's backoff (500 ms base, doubling, equal jitter: retry n waits between half and all of
     * 500 ms * 2^(n-1)), not by luck. At least 2: their waits are at most 0.5 s + 1 s, which leaves
     * 4.5 s of the budget for the run's start (the budget counts from the client's creation, so
     * start-up on a busy machine is in it) and three answers; with 3 s that slack was 1.5 s and a
     * busy machine saw 1 retry. At most 4: the first four waits take at least 0.25 + 0.5 + 1 + 2 s,
     * and a fifth would wait at least 4 s more, past the budget. A budget not enforced, or retries
     * without growing backoff, would show more.
     */
    @Test
    void budgetExpiryIsAClearErrorAndNothingIsWritten(NotionMock notion) throws Exception {
        notion.server().when(request().withMethod("GET").withPath("/v1/databases/" + DB))
                .respond(org.mockserver.model.HttpResponse.response().withStatusCode(503));

        Result r = new ActionProcess(workspace).notion(notion.url()).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .input(Input.RETRY_BUDGET_SECONDS, "6").event("issues", "issues.opened.json").run();

        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("error", r.output("status"));
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().get(0).contains("retry-budget-seconds"), r.errors().get(0));
        int retries = Integer.parseInt(r.output("retries"));
        int requests = notion.recorded("GET", "/v1/databases/.*").size();
        assertTrue(retries >= 2 && retries <= 4, "retries within a 6 s budget: " + retries
                + " (2 to 4 by the backoff's bounds); " + requests + " requests in " + r.wallMs() + " ms");
        assertEquals(retries + 1, requests, "one request per attempt");
        assertTrue(r.summary().contains("| Retries |"));
        assertEquals(0, notion.recorded("POST", "/v1/pages").size());
        assertEquals(0, notion.recorded("PATCH", ".*").size());
    }
}
