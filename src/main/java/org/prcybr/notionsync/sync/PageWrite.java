package org.prcybr.notionsync.sync;

/** What the upsert did to Notion. {@code operation} is created, updated, archived or none. */
public record PageWrite(String operation, String pageId, String pageUrl) {
    public static PageWrite none() {
        return new PageWrite("none", "", "");
    }
}
