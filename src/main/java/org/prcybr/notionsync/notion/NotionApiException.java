package org.prcybr.notionsync.notion;

/** A Notion answer that retrying cannot fix (400, 401, 403, 404 and other 4xx). */
public final class NotionApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String notionMessage;
    private final String request;

    /** @param request the request Notion refused, such as {@code PATCH /v1/pages/{id}/markdown (append)} */
    public NotionApiException(int status, String code, String notionMessage, String request) {
        super("Notion answered " + status + " " + code + " to " + request + ": " + notionMessage, null, false, false);
        this.status = status;
        this.code = code;
        this.notionMessage = notionMessage;
        this.request = request;
    }

    /** Whether the refused request was about the page's content (markdown), not its properties. */
    public boolean aboutContent() {
        return request.contains("/markdown");
    }

    public String request() {
        return request;
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
