package org.prcybr.notionsync.sync;

/** A sync failure explained for the user: the message names the thing and the fix. */
public final class SyncException extends RuntimeException {
    public SyncException(String message) {
        super(message, null, false, false);
    }
}
