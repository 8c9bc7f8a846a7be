package org.prcybr.notionsync.notion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;
import static org.prcybr.notionsync.support.NotionMock.DB;

import io.micronaut.context.ApplicationContext;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockserver.matchers.Times;
import org.mockserver.model.Delay;
import org.mockserver.model.HttpError;
import org.mockserver.model.HttpRequest;
import org.mockserver.verify.VerificationTimes;
import org.prcybr.notionsync.startup.ContextFactory;
import org.prcybr.notionsync.config.SettingsReader;
import org.prcybr.notionsync.retry.RetryBudgetExhaustedException;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.runner.RunnerContext;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;

/** The Notion client's retry rules, over real HTTP against MockServer sequences. */
@ExtendWith(MockServerExtension.class)
class NotionRetryTest {
    private static final HttpRequest GET_DB = request().withMethod("GET").withPath("/v1/databases/" + DB);
    private static final String DB_JSON = "{\"object\":\"database\",\"id\":\"" + DB + "\",\"data_sources\":[{\"id\":\"x\"}]}";
    private ApplicationContext context;

    private NotionClient client(NotionMock notion, int budgetSeconds, int timeoutSeconds) throws Exception {
        context = ContextFactory.start(SettingsReader.read(new RunnerContext(Map.of(
                Input.NOTION_TOKEN.envName(), "secret_test",
                Input.NOTION_API_URL.envName(), notion.url(),
                Input.RETRY_BUDGET_SECONDS.envName(), Integer.toString(budgetSeconds),
                Input.REQUEST_TIMEOUT_SECONDS.envName(), Integer.toString(timeoutSeconds)))));
        return context.getBean(NotionClient.class);
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private static void failOnceThenSucceed(NotionMock notion, org.mockserver.model.HttpResponse failure) {
        notion.server().when(GET_DB, Times.once()).respond(failure);
        notion.server().when(GET_DB).respond(NotionMock.ok(DB_JSON));
    }

    private static org.mockserver.model.HttpResponse status(int code) {
        return response().withStatusCode(code).withBody("{\"object\":\"error\",\"status\":" + code + ",\"code\":\"x\",\"message\":\"m\"}");
    }

    @ParameterizedTest
    @ValueSource(ints = {409, 500, 502, 503, 504})
    void retriesConflictsAndServerErrors(int code, NotionMock notion) throws Exception {
        failOnceThenSucceed(notion, status(code));
        NotionClient client = client(notion, 30, 5);
        assertEquals(DB, client.database(DB).id());
        assertEquals(1, client.retries());
        notion.server().verify(GET_DB, VerificationTimes.exactly(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 529})
    void honoursRetryAfterSeconds(int code, NotionMock notion) throws Exception {
        failOnceThenSucceed(notion, status(code).withHeader("Retry-After", "2"));
        NotionClient client = client(notion, 30, 5);
        long start = System.nanoTime();
        assertEquals(DB, client.database(DB).id());
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMs >= 1900 && waitedMs < 5000, "waited " + waitedMs + " ms for Retry-After: 2");
        assertEquals(1, client.retries());
    }

    @Test
    void honoursRetryAfterAsAnHttpDate(NotionMock notion) throws Exception {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(3));
        failOnceThenSucceed(notion, status(429).withHeader("Retry-After", at));
        NotionClient client = client(notion, 30, 5);
        long start = System.nanoTime();
        client.database(DB);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // The date has one-second resolution: the wait is between 2 and 3 s, plus jitter.
        assertTrue(waitedMs >= 1000 && waitedMs < 5000, "waited " + waitedMs + " ms");
    }

    @Test
    void retriesDroppedConnections(NotionMock notion) throws Exception {
        notion.server().when(GET_DB, Times.once()).error(HttpError.error().withDropConnection(true));
        notion.server().when(GET_DB).respond(NotionMock.ok(DB_JSON));
        NotionClient client = client(notion, 30, 5);
        assertEquals(DB, client.database(DB).id());
        assertEquals(1, client.retries());
    }

    @Test
    void retriesReadTimeouts(NotionMock notion) throws Exception {
        notion.server().when(GET_DB, Times.once()).respond(NotionMock.ok(DB_JSON).withDelay(Delay.seconds(3)));
        notion.server().when(GET_DB).respond(NotionMock.ok(DB_JSON));
        NotionClient client = client(notion, 30, 1);
        assertEquals(DB, client.database(DB).id());
        assertEquals(1, client.retries());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void doesNotRetryTheUsersMistakes(int code, NotionMock notion) throws Exception {
        notion.server().when(GET_DB).respond(status(code));
        NotionClient client = client(notion, 30, 5);
        NotionApiException e = assertThrows(NotionApiException.class, () -> client.database(DB));
        assertEquals(code, e.status());
        notion.server().verify(GET_DB, VerificationTimes.exactly(1));
        assertEquals(0, client.retries());
    }

    @Test
    void createWhoseOutcomeIsUnknownIsNotResent(NotionMock notion) throws Exception {
        HttpRequest create = request().withMethod("POST").withPath("/v1/pages");
        notion.server().when(create).error(HttpError.error().withDropConnection(true));
        NotionClient client = client(notion, 30, 5);
        assertThrows(OutcomeUnknownException.class, () -> client.createPage("ds", Map.of(), ""));
        notion.server().verify(create, VerificationTimes.exactly(1));
    }

    @Test
    void budgetRunsOutWithAClearMessageInBoundedTime(NotionMock notion) throws Exception {
        notion.server().when(GET_DB).respond(status(503));
        NotionClient client = client(notion, 3, 5);
        long start = System.nanoTime();
        RetryBudgetExhaustedException e = assertThrows(RetryBudgetExhaustedException.class, () -> client.database(DB));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // The budget bounds the waits; the last attempt itself may take a while on a busy machine.
        assertTrue(tookMs < 6000, "took " + tookMs + " ms for a 3 s budget");
        assertTrue(e.getMessage().contains("retry-budget-seconds") && e.getMessage().contains("503"), e.getMessage());
        assertTrue(client.retries() >= 2, "retried " + client.retries() + " times");
    }
}
