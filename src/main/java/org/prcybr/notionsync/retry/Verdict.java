package org.prcybr.notionsync.retry;

/** What a {@link RetryRule} decides about one failed attempt. */
public sealed interface Verdict {
    /** Try again after {@code waitMs}; {@code problem} names the failure in logs and the final message. */
    record Retry(long waitMs, String problem) implements Verdict {
    }

    /** Retrying cannot help: {@code failure} goes to the caller as it is. */
    record Fail(RuntimeException failure) implements Verdict {
    }
}
