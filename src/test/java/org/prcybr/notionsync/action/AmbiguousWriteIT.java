package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void budgetExpiryIsAClearErrorAndNothingIsWritten(NotionMock notion) throws Exception {
        notion.server().when(request().withMethod("GET").withPath("/v1/databases/" + DB))
                .respond(org.mockserver.model.HttpResponse.response().withStatusCode(503));

        Result r = new ActionProcess(workspace).notion(notion.url()).input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .input(Input.RETRY_BUDGET_SECONDS, "3").event("issues", "issues.opened.json").run();

        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("error", r.output("status"));
        assertEquals(1, r.errors().size());
        org.junit.jupiter.api.Assertions.assertTrue(r.errors().get(0).contains("retry-budget-seconds"), r.errors().get(0));
        org.junit.jupiter.api.Assertions.assertTrue(Integer.parseInt(r.output("retries")) >= 2);
        org.junit.jupiter.api.Assertions.assertTrue(r.summary().contains("| Retries |"));
        assertEquals(0, notion.recorded("POST", "/v1/pages").size());
        assertEquals(0, notion.recorded("PATCH", ".*").size());
    }
}
