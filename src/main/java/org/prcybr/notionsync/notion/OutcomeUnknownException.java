package org.prcybr.notionsync.notion;

/**
 * A write was sent but no answer came back (reset, timeout, 5xx): it may or may not have been
 * applied, so the caller must look before sending it again.
 */
public final class OutcomeUnknownException extends RuntimeException {
    public OutcomeUnknownException(String message) {
        super(message, null, false, false);
    }
}
