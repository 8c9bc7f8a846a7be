package org.prcybr.notionsync.retry;

/** An API kept failing in retryable ways until the run's retry budget was spent. */
public final class RetryBudgetExhaustedException extends RuntimeException {
    public RetryBudgetExhaustedException(String message) {
        super(message, null, false, false);
    }
}
