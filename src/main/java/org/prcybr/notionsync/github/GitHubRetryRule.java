package org.prcybr.notionsync.github;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.Locale;
import java.util.Optional;
import org.prcybr.notionsync.github.GitHubClient.GraphQlErrors;
import org.prcybr.notionsync.github.GitHubException.Kind;
import org.prcybr.notionsync.retry.Retrier;
import org.prcybr.notionsync.retry.RetryRule;
import org.prcybr.notionsync.retry.Verdict;

/**
 * GitHub's retry rules for queries. Rate limits (429, a 403 that says so, GraphQL's RATE_LIMITED)
 * wait as Retry-After or x-ratelimit-reset say; 5xx, resets and read timeouts back off with
 * jitter. Only 401, a 403 that is not a rate limit, and NOT_FOUND are final, each with its own
 * sentence; a server fault never blames the token.
 */
record GitHubRetryRule(String what, Write write) implements RetryRule {
    /** GitHub's advice for a secondary limit that gives no time: wait at least a minute. */
    static final long SECONDARY_LIMIT_WAIT_MS = 60_000;

    /** A mutation: the permission GitHub may refuse, and whether it may be sent twice. */
    record Write(String permission, boolean repeatable) {
    }

    GitHubRetryRule(String what) {
        this(what, null);
    }

    @Override
    public Verdict judge(RuntimeException failure, int attempt) {
        if (write != null) {
            Verdict refused = judgeWrite(failure);
            if (refused != null) {
                return refused;
            }
        }
        if (failure instanceof HttpClientResponseException e) {
            HttpResponse<?> response = e.getResponse();
            int status = response.code();
            String problem = status + " " + response.reason();
            if (status == 429 || (status == 403 && rateLimited(response))) {
                return new Verdict.Retry(rateLimitWaitMs(response, attempt), rateLimitProblem(problem, response));
            }
            return switch (status) {
                case 401 -> fail(Kind.UNAUTHORIZED, e);
                case 403 -> fail(Kind.FORBIDDEN, e);
                case 404 -> fail(Kind.NOT_FOUND, e);
                default -> status >= 500 || status == 408
                        ? new Verdict.Retry(Retrier.backoffMs(attempt), problem)
                        : new Verdict.Fail(new GitHubException(Kind.REJECTED, rejected(problem), e));
            };
        }
        if (failure instanceof GraphQlErrors e) {
            return switch (e.type) {
                case "RATE_LIMITED" -> new Verdict.Retry(rateLimitWaitMs(e.response, attempt),
                        e.response == null ? "RATE_LIMITED" : rateLimitProblem("RATE_LIMITED", e.response));
                case "NOT_FOUND" -> fail(Kind.NOT_FOUND, e);
                case "FORBIDDEN" -> fail(Kind.FORBIDDEN, e);
                case "INSUFFICIENT_SCOPES" -> new Verdict.Fail(new GitHubException(Kind.FORBIDDEN, "The github-token "
                        + "lacks a scope needed to read the " + what + " (INSUFFICIENT_SCOPES): for a project, pass a "
                        + "token with the read:project scope (stored as PROJECTS_TOKEN in the examples).", e));
                // GitHub's "Something went wrong while executing your query" (a timeout on its side) has
                // neither a type nor a code; a validation error (an unknown field) has a code.
                case "" -> e.code.isEmpty() ? new Verdict.Retry(Retrier.backoffMs(attempt), "a GraphQL error without a type")
                        : new Verdict.Fail(new GitHubException(Kind.REJECTED, rejected(e.code), e));
                default -> new Verdict.Fail(new GitHubException(Kind.REJECTED, rejected(e.type), e));
            };
        }
        if (failure instanceof HttpClientException e) {
            String problem = Retrier.connectionProblem(e);
            return new Verdict.Retry(Retrier.backoffMs(attempt), problem);
        }
        return new Verdict.Fail(failure);
    }

    /**
     * A mutation's own verdicts: a refused permission names it; a mutation that is not repeatable
     * is never re-sent once it may have reached GitHub. Null leaves the rest to the query rules.
     */
    private Verdict judgeWrite(RuntimeException failure) {
        boolean forbidden = failure instanceof GraphQlErrors e && e.type.equals("FORBIDDEN")
                || failure instanceof HttpClientResponseException r && r.getResponse().code() == 403
                && !rateLimited(r.getResponse());
        if (forbidden) {
            return new Verdict.Fail(new GitHubException(Kind.FORBIDDEN, "GitHub refused to " + what
                    + " (Resource not accessible by integration): add " + write.permission() + " to the workflow's "
                    + "permissions, or pass a github-token that may.", failure));
        }
        if (failure instanceof GraphQlErrors e && e.type.equals("NOT_FOUND")) {
            return new Verdict.Fail(new GitHubException(Kind.NOT_FOUND, "GitHub could not " + what + ": the object "
                    + "is gone, or github-token cannot see it.", failure));
        }
        if (failure instanceof GraphQlErrors e && !e.type.isEmpty() && !e.type.equals("RATE_LIMITED")) {
            // GitHub declined this change (a merged pull request cannot be reopened, …): final, and said so.
            return new Verdict.Fail(new GitHubException(Kind.REJECTED, "GitHub refused to " + what + " ("
                    + e.type + ").", failure));
        }
        if (!write.repeatable()) {
            // Anything but a refusal may mean the mutation ran: a reset or timeout after sending, a 5xx or
            // 408, GitHub's typeless "Something went wrong" (a timeout on its side).
            boolean sent = failure instanceof HttpClientException c && !(failure instanceof HttpClientResponseException)
                    && !Retrier.causedBy(c, java.net.ConnectException.class)
                    || failure instanceof HttpClientResponseException r && (r.getResponse().code() >= 500
                    || r.getResponse().code() == 408)
                    || failure instanceof GraphQlErrors e && e.type.isEmpty() && e.code.isEmpty();
            if (sent) {
                return new Verdict.Fail(new GitHubException(Kind.OUTCOME_UNKNOWN, "GitHub did not confirm the request to "
                        + what + " (" + (failure instanceof HttpClientException c ? Retrier.connectionProblem(c)
                        : failure.getMessage()) + ")", failure));
            }
        }
        return null;
    }

    private Verdict fail(Kind kind, RuntimeException cause) {
        String message = switch (kind) {
            case UNAUTHORIZED -> "GitHub refused the github-token (401 Unauthorized) while reading the " + what
                    + ": pass a valid token, such as the default ${{ github.token }}, or renew the secret if it expired.";
            case FORBIDDEN -> "GitHub denied the github-token access to the " + what + " (403 Forbidden): give the "
                    + "workflow read permission for it (permissions: issues, pull-requests and discussions: read), "
                    + "or, for a project, pass a token with the read:project scope in github-token.";
            case NOT_FOUND -> "GitHub found no " + what + " (NOT_FOUND): check the name, and that github-token can see "
                    + "it (a private repository or another owner's project needs a token with access to it).";
            case REJECTED, OUTCOME_UNKNOWN -> throw new IllegalArgumentException(kind + " carries its own message");
        };
        return new Verdict.Fail(new GitHubException(kind, message, cause));
    }

    private String rejected(String detail) {
        return "GitHub rejected the request for the " + what + " (" + detail + "): this is a fault of the action, "
                + "not of your settings; report it with the run's log.";
    }

    /** A 403 is a (secondary) rate limit when GitHub says when to come back, or says so in its message. */
    static boolean rateLimited(HttpResponse<?> response) {
        if (response.getHeaders().contains("Retry-After") || "0".equals(response.getHeaders().get("x-ratelimit-remaining"))) {
            return true;
        }
        Optional<String> body = response.getBody(String.class);
        return body.map(b -> b.toLowerCase(Locale.ROOT).contains("rate limit")).orElse(false);
    }

    /** The problem named when a rate limit is the last answer: when the limit resets, if GitHub said. */
    static String rateLimitProblem(String answer, HttpResponse<?> response) {
        return resetMs(response).map(ms -> answer + " (github-token's rate limit is used up until "
                + java.time.Instant.ofEpochMilli(System.currentTimeMillis() + ms).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                + "; run the job again after that)").orElse(answer + " (rate limit)");
    }

    /** Retry-After first, then x-ratelimit-reset (epoch seconds), then GitHub's advised minute; never below backoff. */
    static long rateLimitWaitMs(HttpResponse<?> response, int attempt) {
        long wait = SECONDARY_LIMIT_WAIT_MS;
        if (response != null) {
            Optional<Long> retryAfter = Retrier.retryAfterMs(response);
            Optional<Long> reset = resetMs(response);
            wait = retryAfter.or(() -> reset).orElse(SECONDARY_LIMIT_WAIT_MS);
        }
        return Math.max(wait, Retrier.backoffMs(attempt)) + Retrier.jitterMs();
    }

    private static Optional<Long> resetMs(HttpResponse<?> response) {
        if (response == null) {
            return Optional.empty();
        }
        String reset = response.getHeaders().get("x-ratelimit-reset");
        if (reset == null || !"0".equals(response.getHeaders().get("x-ratelimit-remaining"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Math.max(0, Long.parseLong(reset.trim()) * 1000 - System.currentTimeMillis()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
