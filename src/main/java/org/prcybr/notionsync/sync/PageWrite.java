package org.prcybr.notionsync.sync;

/**
 * What the upsert did to Notion. {@code operation} is created, updated, archived or none;
 * {@code note} says why nothing was written, or what the user should know about the write.
 */
public record PageWrite(String operation, String pageId, String pageUrl, String note) {
    public static PageWrite none(String why) {
        return new PageWrite("none", "", "", why);
    }

    public boolean wrote() {
        return !operation.equals("none");
    }
}
