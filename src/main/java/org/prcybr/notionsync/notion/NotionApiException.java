package org.prcybr.notionsync.notion;

/** A Notion answer that retrying cannot fix (400, 401, 403, 404 and other 4xx). */
public final class NotionApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String notionMessage;

    public NotionApiException(int status, String code, String notionMessage) {
        super("Notion answered " + status + " " + code + ": " + notionMessage, null, false, false);
        this.status = status;
        this.code = code;
        this.notionMessage = notionMessage;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String notionMessage() {
        return notionMessage;
    }
}
