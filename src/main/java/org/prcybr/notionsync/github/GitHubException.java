package org.prcybr.notionsync.github;

/**
 * A GitHub answer that retrying cannot fix, explained for the user: the message names the cause and
 * the fix. Server faults are never this; they are retried.
 */
public final class GitHubException extends RuntimeException {
    /** Why GitHub refused. */
    public enum Kind {
        /** 401: the token is not valid. */
        UNAUTHORIZED,
        /** 403 that is not a rate limit, or GraphQL's FORBIDDEN: the token lacks a permission. */
        FORBIDDEN,
        /** GraphQL's NOT_FOUND (or 404): the thing does not exist, or the token cannot see it. */
        NOT_FOUND,
        /** Any other refusal: the request itself is wrong. */
        REJECTED,
        /** A mutation that must not be sent twice may or may not have reached GitHub: look before sending again. */
        OUTCOME_UNKNOWN
    }

    private final Kind kind;

    GitHubException(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
