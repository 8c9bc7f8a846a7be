package org.prcybr.notionsync.retry;

/** One API's judgement of a failed attempt: retry after a wait, or give up with a typed error. */
@FunctionalInterface
public interface RetryRule {
    Verdict judge(RuntimeException failure, int attempt);
}
