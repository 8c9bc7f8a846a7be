package org.prcybr.notionsync.retry;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry loop for both APIs. Each API judges its own failures ({@link RetryRule}); the
 * waiting, the counting and the time budget are shared, so a run that meets a broken Notion or
 * GitHub fails in bounded time ({@code retry-budget-seconds}) and reports every retry.
 */
@Singleton
public class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
    private static final long BASE_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 10_000;

    /** The APIs retried, named as users know them. */
    public enum Service {
        NOTION("Notion"), GITHUB("GitHub");

        private final String label;

        Service(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private volatile long deadlineNanos;
    private final Duration budget;
    private final Map<Service, AtomicInteger> retries = new EnumMap<>(Service.class);

    public Retrier(@Property(name = "retry.budget") Duration budget) {
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
        for (Service s : Service.values()) {
            retries.put(s, new AtomicInteger());
        }
    }

    /** Starts the budget again from now. */
    public void renewBudget() {
        deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    /** Retries made so far in this run against {@code service}. */
    public int retries(Service service) {
        return retries.get(service).get();
    }

    /** Retries made so far in this run, both APIs together. */
    public int retries() {
        return retries.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Runs {@code call} until it succeeds, {@code rule} gives up, or the budget cannot cover the next wait. */
    public <T> T run(Service service, String label, RetryRule rule, Supplier<T> call) {
        return run(service, label, rule, call, null);
    }

    /**
     * As {@link #run(Service, String, RetryRule, Supplier)}, retrying for at most {@code cap} (within
     * the run's budget): for an optional read, which must not hold up the writes that follow.
     */
    public <T> T run(Service service, String label, RetryRule rule, Supplier<T> call, Duration cap) {
        long capNanos = cap == null ? Long.MAX_VALUE : System.nanoTime() + cap.toNanos();
        for (int attempt = 1; ; attempt++) {
            Verdict.Retry retry;
            try {
                T result = call.get();
                LOG.debug("{} {}: ok (attempt {})", service.label(), label, attempt);
                return result;
            } catch (RuntimeException e) {
                Verdict verdict = rule.judge(e, attempt);
                if (verdict instanceof Verdict.Fail fail) {
                    throw fail.failure();
                }
                retry = (Verdict.Retry) verdict;
            }
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(Math.min(deadlineNanos, capNanos) - System.nanoTime());
            if (retry.waitMs() > remainingMs && capNanos < deadlineNanos) {
                throw new RetryBudgetExhaustedException(service.label() + " kept failing (last answer: "
                        + retry.problem() + " on " + label + ") for " + cap.toSeconds() + " s, as long as this "
                        + "optional read may hold up the run: it is on " + service.label() + "'s side, and the next "
                        + "event of the object or a backfill will catch up.");
            }
            if (retry.waitMs() > remainingMs) {
                throw new RetryBudgetExhaustedException(service.label() + " kept failing (last answer: "
                        + retry.problem() + " on " + label + ") and the retry budget of " + budget.toSeconds()
                        + " s ran out after " + retries() + " retries: this is on " + service.label()
                        + "'s side, so run the job again later, or raise the retry-budget-seconds input.");
            }
            retries.get(service).incrementAndGet();
            LOG.debug("{} {}: {} on attempt {}, retrying in {} ms", service.label(), label, retry.problem(), attempt,
                    retry.waitMs());
            sleep(retry.waitMs(), service);
        }
    }

    /** Equal jitter: half the exponential step is fixed, half random, so concurrent runs spread out. */
    public static long backoffMs(int attempt) {
        long exp = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << Math.min(attempt - 1, 10));
        return exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
    }

    /** Up to a second of jitter on top of a server-given wait, so a burst of runs does not retry in lockstep. */
    public static long jitterMs() {
        return ThreadLocalRandom.current().nextLong(0, 1000);
    }

    /** Retry-After as delay-seconds (decimals tolerated) or an HTTP date. */
    public static Optional<Long> retryAfterMs(HttpResponse<?> response) {
        String value = response.getHeaders().get("Retry-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis()));
            } catch (RuntimeException ignored) {
                return Optional.empty();
            }
        }
    }

    public static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure with no answer, named for logs and messages: a read timeout, or the innermost
     * cause's class ("connection failed (ConnectException)" says more than the wrapper).
     */
    public static String connectionProblem(io.micronaut.http.client.exceptions.HttpClientException e) {
        if (e instanceof io.micronaut.http.client.exceptions.ReadTimeoutException) {
            return "read timeout";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "connection failed (" + root.getClass().getSimpleName() + ")";
    }

    /**
     * Waits, or gives up at once when the thread is interrupted: an interrupt means the run is being
     * stopped, so it ends like a spent budget and keeps the interrupt flag for the caller.
     */
    public static void sleep(long ms, Service service) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryBudgetExhaustedException("The run was interrupted while waiting to retry "
                    + service.label() + ": nothing more was sent; run the job again.");
        }
    }
}
