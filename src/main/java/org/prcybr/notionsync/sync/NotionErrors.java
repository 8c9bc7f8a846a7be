package org.prcybr.notionsync.sync;

import java.util.List;
import java.util.Locale;
import org.prcybr.notionsync.notion.NotionApiException;

/** Turns Notion's refusals into one sentence that names the thing and the fix. */
public final class NotionErrors {
    /** The properties this action writes, to point at the one a validation error is about. */
    private static final List<String> PROPERTIES =
            List.of("External ID", "Source URL", "Last Synced", "Category", "Status", "Merged", "Name", "title");

    private NotionErrors() {
    }

    public static String explain(NotionApiException e, String databaseId, String inputName) {
        String db = "Notion database " + databaseId + " (input " + inputName + ")";
        String notion = e.notionMessage() == null || e.notionMessage().isBlank()
                ? "" : " Notion said: " + oneLine(e.notionMessage());
        String lower = e.notionMessage() == null ? "" : e.notionMessage().toLowerCase(Locale.ROOT);
        return switch (e.status()) {
            case 401 -> "Notion rejected the token while opening " + db + " (401 " + e.code() + "): set the "
                    + "notion-token input to the current Internal Integration Secret of your Notion integration.";
            case 403 -> "The Notion integration lacks a capability needed for " + db + " (403 " + e.code()
                    + "): in the integration's Capabilities settings, enable Read content, Update content and "
                    + "Insert content.";
            case 404 -> db + " was not found or is not shared with the integration (404 " + e.code()
                    + "): open the database in Notion, choose ... > Connections, and add your integration; "
                    + "also check the ID is the database's.";
            case 400 -> {
                if (lower.contains("data source") || lower.contains("data_source")) {
                    yield db + " has several data sources, which older Notion API versions cannot handle (400 "
                            + e.code() + "): leave the notion-version input unset (2026-03-11) or set a later version." + notion;
                }
                yield "Notion refused the page for " + db + " (400 " + e.code() + ")" + propertyHint(e.notionMessage())
                        + ": fix that property in the database." + notion;
            }
            default -> "Notion answered " + e.status() + " " + e.code() + " for " + db + "." + notion;
        };
    }

    private static String propertyHint(String message) {
        if (message == null) {
            return "";
        }
        for (String p : PROPERTIES) {
            if (message.contains(p)) {
                return " because of the property \"" + p + "\"";
            }
        }
        return "";
    }

    private static String oneLine(String s) {
        String flat = s.replace('\r', ' ').replace('\n', ' ').strip();
        return flat.length() > 500 ? flat.substring(0, 500) + "..." : flat;
    }
}
