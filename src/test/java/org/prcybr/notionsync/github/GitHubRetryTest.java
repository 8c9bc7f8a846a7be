package org.prcybr.notionsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.Times;
import org.mockserver.model.HttpError;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.HttpResponse;
import org.mockserver.model.MediaType;
import org.mockserver.verify.VerificationTimes;
import org.prcybr.notionsync.config.SettingsReader;
import org.prcybr.notionsync.mapping.JsonValues;
import org.prcybr.notionsync.retry.RetryBudgetExhaustedException;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.runner.RunnerContext;
import org.prcybr.notionsync.startup.ContextFactory;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;

/** The GitHub client's retry rules and refusals, over real HTTP against MockServer sequences. */
@ExtendWith(MockServerExtension.class)
class GitHubRetryTest {
    private static final HttpRequest GRAPHQL = request().withMethod("POST").withPath("/graphql");
    private static final String DATA = "{\"data\":{\"node\":{\"id\":\"PVTI_1\"}}}";
    private static final String TOKEN = "ghs_testtoken123";
    private ApplicationContext context;
    private ClientAndServer server;

    private GitHubClient client(NotionMock mock, int budgetSeconds) throws Exception {
        server = mock.server();
        context = ContextFactory.start(SettingsReader.read(new RunnerContext(Map.of(
                Input.NOTION_TOKEN.envName(), "secret_test",
                Input.GITHUB_TOKEN.envName(), TOKEN,
                "GITHUB_GRAPHQL_URL", mock.url() + "/graphql",
                Input.RETRY_BUDGET_SECONDS.envName(), Integer.toString(budgetSeconds)))));
        return context.getBean(GitHubClient.class);
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private static HttpResponse json(int status, String body) {
        return response().withStatusCode(status).withContentType(MediaType.APPLICATION_JSON).withBody(body);
    }

    private void failOnceThenSucceed(HttpResponse failure) {
        server.when(GRAPHQL, Times.once()).respond(failure);
        server.when(GRAPHQL).respond(json(200, DATA));
    }

    private static String query(GitHubClient client) {
        return JsonValues.text(client.query("Projects v2 item PVTI_1", "query { viewer { login } }", Map.of())
                .get("node"), "id");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverFaultsAreRetried(int status, NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 30);
        failOnceThenSucceed(json(status, "{\"message\":\"Server Error\"}"));
        assertTrue(query(client).contains("PVTI_1"));
        assertEquals(1, client.retries());
        assertEquals(2, client.requests());
    }

    @Test
    void aMutationThatMustNotRunTwiceIsNeverResentAfterAnUnclearAnswer(NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 30);
        // GitHub's "Something went wrong" (no type, no code): the issue may have been created.
        server.when(GRAPHQL).respond(json(200, "{\"data\":null,\"errors\":[{\"message\":\"Something went wrong "
                + "while executing your query. This may be the result of a timeout.\"}]}"));
        GitHubException e = assertThrows(GitHubException.class, () -> client.mutate("create an issue in o/r",
                "issues: write", false, GraphQlDocuments.CREATE_ISSUE, java.util.Map.of("repository", "R_1",
                        "title", "t", "body", "b")));
        assertEquals(GitHubException.Kind.OUTCOME_UNKNOWN, e.kind());
        assertEquals(1, server.retrieveRecordedRequests(GRAPHQL).length, "sent once");
        server.reset();
        server.when(GRAPHQL).respond(json(200, "{\"data\":{\"closeIssue\":null},\"errors\":[{\"type\":\"FORBIDDEN\","
                + "\"path\":[\"closeIssue\"],\"message\":\"Resource not accessible by integration\"}]}"));
        e = assertThrows(GitHubException.class, () -> client.mutate("close issue #3", "issues: write", true,
                GraphQlDocuments.CLOSE_ISSUE, java.util.Map.of("id", "I_1", "reason", "COMPLETED")));
        assertEquals("GitHub refused to close issue #3 (Resource not accessible by integration): add issues: write "
                + "to the workflow's permissions, or pass a github-token that may.", e.getMessage());
    }

    @Test
    void aResetConnectionIsRetried(NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 30);
        server.when(GRAPHQL, Times.once()).error(HttpError.error().withDropConnection(true));
        server.when(GRAPHQL).respond(json(200, DATA));
        assertTrue(query(client).contains("PVTI_1"));
        assertEquals(1, client.retries());
    }

    @Test
    void aSecondaryRateLimitWaitsForRetryAfter(NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 30);
        failOnceThenSucceed(json(403, "{\"message\":\"You have exceeded a secondary rate limit.\"}")
                .withHeader("Retry-After", "2"));
        long start = System.nanoTime();
        assertTrue(query(client).contains("PVTI_1"));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs >= 2000, "waited only " + tookMs + " ms for Retry-After: 2");
        assertEquals(1, client.retries());
    }

    @Test
    void aSpentRateLimitWaitsUntilItsReset(NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 30);
        long reset = System.currentTimeMillis() / 1000 + 3;
        failOnceThenSucceed(json(403, "{\"message\":\"API rate limit exceeded\"}")
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", Long.toString(reset)));
        long start = System.currentTimeMillis();
        assertTrue(query(client).contains("PVTI_1"));
        assertTrue(System.currentTimeMillis() >= reset * 1000 - 50,
                "retried " + (reset * 1000 - System.currentTimeMillis()) + " ms before x-ratelimit-reset (started " + start + ")");
    }

    @Test
    void a429IsRetried(NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 30);
        failOnceThenSucceed(json(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "1"));
        assertTrue(query(client).contains("PVTI_1"));
        assertEquals(1, client.retries());
    }

    @Test
    void aGraphQlRateLimitedAnswerIsRetried(NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 30);
        failOnceThenSucceed(json(200, "{\"data\":null,\"errors\":[{\"type\":\"RATE_LIMITED\",\"message\":\"API rate limit exceeded\"}]}")
                .withHeader("Retry-After", "1"));
        assertTrue(query(client).contains("PVTI_1"));
        assertEquals(1, client.retries());
    }

    @Test
    void anInvalidTokenIsFinalAndNamesTheToken(NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 30);
        server.when(GRAPHQL).respond(json(401, "{\"message\":\"Bad credentials\"}"));
        GitHubException e = assertThrows(GitHubException.class, () -> query(client));
        assertEquals(GitHubException.Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("github-token") && e.getMessage().contains("401"), e.getMessage());
        server.verify(GRAPHQL, VerificationTimes.exactly(1));
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void aForbiddenThatIsNoRateLimitIsFinalAndNamesThePermission(NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 30);
        server.when(GRAPHQL).respond(json(403, "{\"message\":\"Resource not accessible by integration\"}"));
        GitHubException e = assertThrows(GitHubException.class, () -> query(client));
        assertEquals(GitHubException.Kind.FORBIDDEN, e.kind());
        assertTrue(e.getMessage().contains("permission"), e.getMessage());
        server.verify(GRAPHQL, VerificationTimes.exactly(1));
    }

    @Test
    void notFoundIsFinalAndNamesWhatWasRead(NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 30);
        server.when(GRAPHQL).respond(json(200, "{\"data\":{\"node\":null},\"errors\":[{\"type\":\"NOT_FOUND\","
                + "\"path\":[\"node\"],\"message\":\"Could not resolve to a node with the global id of 'PVTI_1'\"}]}"));
        GitHubException e = assertThrows(GitHubException.class, () -> query(client));
        assertEquals(GitHubException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("Projects v2 item PVTI_1"), e.getMessage());
        server.verify(GRAPHQL, VerificationTimes.exactly(1));
    }

    @Test
    void aServerThatKeepsFailingSpendsTheBudgetAndDoesNotBlameTheToken(NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 3);
        server.when(GRAPHQL).respond(json(502, "{\"message\":\"Server Error\"}"));
        long start = System.nanoTime();
        RetryBudgetExhaustedException e = assertThrows(RetryBudgetExhaustedException.class, () -> query(client));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // The budget bounds the waits; the last attempt itself may take a while on a busy machine.
        assertTrue(tookMs < 6000, "took " + tookMs + " ms for a 3 s budget");
        assertTrue(e.getMessage().contains("GitHub") && e.getMessage().contains("502")
                && e.getMessage().contains("retry-budget-seconds"), e.getMessage());
        assertFalse(e.getMessage().contains("token"), e.getMessage());
        assertTrue(client.retries() >= 1, "retried " + client.retries() + " times");
    }

    @Test
    void theTokenIsSentAsSetOnce(NotionMock mock) throws Exception {
        GitHubClient client = client(mock, 30);
        server.when(GRAPHQL).respond(json(200, DATA));
        query(client);
        query(client);
        server.verify(GRAPHQL.clone().withHeader("Authorization", "bearer " + TOKEN), VerificationTimes.exactly(2));
    }
}
