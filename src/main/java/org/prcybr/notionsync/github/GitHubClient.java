package org.prcybr.notionsync.github;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.prcybr.notionsync.mapping.JsonValues;
import org.prcybr.notionsync.notion.Pacer;
import org.prcybr.notionsync.retry.Retrier;

/**
 * The one seam through which every GitHub request goes: the token is set once, every GraphQL
 * document is sent with GitHub's retry rules ({@link GitHubRetryRule}) inside the run's retry
 * budget, and a refusal arrives as a {@link GitHubException} that names the cause and the fix.
 */
@Singleton
public class GitHubClient {
    private final GitHubGraphQlApi api;
    private final Retrier retrier;
    private final String path;
    private final String authorization;
    private final AtomicInteger requests = new AtomicInteger();

    /** Spaces mutations under GitHub's secondary limit of about 80 content-creating requests a minute. */
    private final Pacer mutations;

    public GitHubClient(GitHubGraphQlApi api, Retrier retrier, @Property(name = "github.graphql-path") String path,
                        @Property(name = "github.token", defaultValue = "") String token,
                        @Property(name = "github.mutations-per-second", defaultValue = "1.25") double mutationsPerSecond) {
        this.api = api;
        this.retrier = retrier;
        this.path = path;
        this.authorization = "bearer " + token;
        this.mutations = new Pacer(mutationsPerSecond);
    }

    /**
     * Sends a query and returns its {@code data}.
     *
     * @param what what is read, as the user knows it ("repository octo/hello"), for the messages
     */
    public JsonNode query(String what, String document, Map<String, Object> variables) {
        return query(what, document, variables, null);
    }

    /** As {@link #query(String, String, Map)}, retrying for at most {@code cap}: for an optional read. */
    public JsonNode query(String what, String document, Map<String, Object> variables, java.time.Duration cap) {
        return send("reading the " + what, new GitHubRetryRule(what), document, variables, cap);
    }

    /**
     * Sends a mutation, paced, and returns its {@code data}.
     *
     * @param what       what is changed, as the user knows it ("close issue #3")
     * @param permission the workflow permission it needs ({@code issues: write}), named when GitHub refuses
     * @param repeatable whether sending it twice does no harm (setting a state, a title, a set of labels);
     *                   one that is not (creating) is never re-sent once it may have reached GitHub
     */
    public JsonNode mutate(String what, String permission, boolean repeatable, String document,
                           Map<String, Object> variables) {
        pace();
        return send(what, new GitHubRetryRule(what, new GitHubRetryRule.Write(permission, repeatable)), document,
                variables, null);
    }

    /** Waits for the mutation's turn; an interrupt ends the wait as every other wait ends. */
    private void pace() {
        long wait = mutations.reserve();
        if (wait > 0) {
            Retrier.sleep(wait / 1_000_000, Retrier.Service.GITHUB);
        }
    }

    private JsonNode send(String label, GitHubRetryRule rule, String document, Map<String, Object> variables,
                          java.time.Duration cap) {
        return retrier.run(Retrier.Service.GITHUB, label, rule, () -> {
            requests.incrementAndGet();
            HttpResponse<JsonNode> response = api.query(path, authorization,
                    Map.of("query", document, "variables", variables));
            JsonNode body = response == null ? null : response.body();
            if (body == null) {
                // The declarative client answers a 404 with no response at all.
                throw new GraphQlErrors("NOT_FOUND", "no response body", "", response);
            }
            JsonNode errors = body.get("errors");
            JsonNode data = body.get("data");
            if (errors != null && errors.isArray() && errors.size() > 0 && !onlyNested(errors, data)) {
                JsonNode first = errors.get(0);
                JsonNode code = JsonValues.at(first, "extensions", "code");
                throw new GraphQlErrors(JsonValues.text(first, "type"), JsonValues.text(first, "message"),
                        code != null && code.isString() ? code.getStringValue() : "", response);
            }
            return data;
        }, cap);
    }

    /**
     * Errors only below the root (a linked issue in a repository the token cannot read) leave the
     * rest of the answer good: GitHub answers those nodes with null, and the readers skip nulls.
     */
    private static boolean onlyNested(JsonNode errors, JsonNode data) {
        if (data == null || !data.isObject()) {
            return false;
        }
        for (JsonNode error : errors.values()) {
            JsonNode path = error.get("path");
            if (path == null || !path.isArray() || path.size() < 2) {
                return false;
            }
        }
        return true;
    }

    /** GraphQL requests sent so far, retries included. */
    public int requests() {
        return requests.get();
    }

    /** Retries of GitHub requests so far. */
    public int retries() {
        return retrier.retries(Retrier.Service.GITHUB);
    }

    /** A 200 answer that carries GraphQL errors: the retry rule decides what they mean. */
    static final class GraphQlErrors extends RuntimeException {
        final String type;
        /** A validation error's extensions.code (undefinedField, …): the query itself is wrong. */
        final String code;
        final transient HttpResponse<?> response;

        GraphQlErrors(String type, String message, String code, HttpResponse<?> response) {
            super(message, null, false, false);
            this.type = type == null ? "" : type;
            this.code = code == null ? "" : code;
            this.response = response;
        }
    }
}
