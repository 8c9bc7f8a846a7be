package org.prcybr.notionsync.config;

/** An input or event file the user must fix; the message is the one sentence they will read. */
public final class InputException extends Exception {
    public InputException(String message) {
        super(message, null, false, false);
    }
}
