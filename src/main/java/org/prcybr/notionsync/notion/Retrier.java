package org.prcybr.notionsync.notion;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.prcybr.notionsync.notion.NotionModels.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notion's retry rules, in one place. 429/529 wait for Retry-After; 409, 5xx, resets and read
 * timeouts back off exponentially with jitter; everything shares one time budget per run, so a
 * broken Notion fails the step in bounded time. Other 4xx are the user's to fix and are not retried.
 */
@Singleton
public class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
    private static final long BASE_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 10_000;

    private volatile long deadlineNanos;
    private final Duration budget;
    private final AtomicInteger retries = new AtomicInteger();

    public Retrier(@Property(name = "notion.retry-budget") Duration budget) {
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    /** Starts the budget again from now. */
    public void renewBudget() {
        deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    /** Retries made so far in this run, across all calls. */
    public int retries() {
        return retries.get();
    }

    /**
     * Runs {@code call} until it succeeds or fails for good.
     *
     * @param repeatable false for creates: once a create may have reached Notion, it is not sent
     *                   again here; {@link OutcomeUnknownException} tells the caller to look first.
     */
    public <T> T run(String label, boolean repeatable, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            String problem;
            long waitMs;
            try {
                T result = call.get();
                LOG.debug("Notion {}: ok (attempt {})", label, attempt);
                return result;
            } catch (HttpClientResponseException e) {
                // code(), not getStatus(): Notion's 529 is not in Micronaut's HttpStatus enum.
                int status = e.getResponse().code();
                ErrorBody body = e.getResponse().getBody(ErrorBody.class).orElse(null);
                String code = body != null && body.code() != null ? body.code() : e.getResponse().reason();
                String message = body != null && body.message() != null ? body.message() : "";
                problem = status + " " + code;
                if (status == 429 || status == 529) {
                    // At least Retry-After; repeated 429s back off further, and up to a second of
                    // jitter keeps a burst of concurrent runs from retrying in lockstep.
                    waitMs = Math.max(retryAfterMs(e.getResponse()).orElse(0L), backoffMs(attempt))
                            + ThreadLocalRandom.current().nextLong(0, 1000);
                } else if (status == 409 || (status >= 500 && repeatable)) {
                    waitMs = backoffMs(attempt);
                } else if (status >= 500) {
                    throw new OutcomeUnknownException("Notion " + label + " answered " + problem);
                } else {
                    throw new NotionApiException(status, code, message);
                }
            } catch (HttpClientException e) {
                boolean neverSent = causedBy(e, ConnectException.class);
                problem = e instanceof ReadTimeoutException ? "read timeout" : "connection failed (" + simpleCause(e) + ")";
                if (!neverSent && !repeatable) {
                    throw new OutcomeUnknownException("Notion " + label + ": " + problem);
                }
                waitMs = backoffMs(attempt);
            }
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (waitMs > remainingMs) {
                throw new RetryBudgetExhaustedException("Notion kept failing (last answer: " + problem + " on "
                        + label + ") and the retry budget of " + budget.toSeconds() + " s ran out after "
                        + retries.get() + " retries: try again later, or raise the retry-budget-seconds input.");
            }
            retries.incrementAndGet();
            LOG.debug("Notion {}: {} on attempt {}, retrying in {} ms", label, problem, attempt, waitMs);
            sleep(waitMs);
        }
    }

    /** Equal jitter: half the exponential step is fixed, half random, so concurrent runs spread out. */
    static long backoffMs(int attempt) {
        long exp = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << Math.min(attempt - 1, 10));
        return exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
    }

    /** Retry-After as delay-seconds (decimals tolerated) or an HTTP date. */
    static java.util.Optional<Long> retryAfterMs(HttpResponse<?> response) {
        String value = response.getHeaders().get("Retry-After");
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return java.util.Optional.of(Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis()));
            } catch (Exception ignored) {
                return java.util.Optional.empty();
            }
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String simpleCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryBudgetExhaustedException("Interrupted while waiting to retry Notion.");
        }
    }
}
