package org.prcybr.notionsync.sync;

import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.notion.NotionApiException;

/** Turns Notion's refusals into one sentence that names the thing and the fix. */
public final class NotionErrors {
    private NotionErrors() {
    }

    /** @param mapping the user's property names, so a refusal points at the property as the database calls it */
    public static String explain(NotionApiException e, String databaseId, String inputName, PageMapping mapping) {
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
                if (e.aboutContent() || lower.contains("markdown")) {
                    yield "Notion refused the page content converted from the GitHub body for " + db + " (400 "
                            + e.code() + "): the properties are not at fault; shorten or simplify the body on "
                            + "GitHub (or report the body that fails to the action's maintainers), then edit it "
                            + "again to resync." + notion;
                }
                String property = propertyNamed(e.notionMessage(), mapping);
                yield "Notion refused the page for " + db + " (400 " + e.code() + ")"
                        + (property.isEmpty() ? ": check that the database's properties have the types the README lists."
                        : " because of the property \"" + property + "\": fix that property in the database.") + notion;
            }
            default -> "Notion answered " + e.status() + " " + e.code() + " for " + db + "." + notion;
        };
    }

    /** A refusal of a comment request: the page is written, only its comment is not. */
    public static String explainComment(NotionApiException e, String pageId) {
        String notion = e.notionMessage() == null || e.notionMessage().isBlank()
                ? "" : " Notion said: " + oneLine(e.notionMessage());
        if (e.status() == 403) {
            return "The page was written, but the Notion integration may not comment (403 " + e.code()
                    + "): in the integration's Capabilities settings, enable Read comments and Insert comments.";
        }
        return "The page was written, but Notion answered " + e.status() + " " + e.code()
                + " to mirroring the comment on page " + pageId + "." + notion;
    }

    /**
     * The written property Notion's message names, as the database names it ({@code property-names});
     * the longest match wins, so "Merged At" is not taken for "Merged".
     */
    static String propertyNamed(String message, PageMapping mapping) {
        if (message == null) {
            return "";
        }
        return Stream.concat(Stream.of(Field.values()).map(Field::defaultName), Stream.of(Field.TITLE_NAME))
                .map(mapping::propertyName)
                .filter(message::contains)
                .max(Comparator.comparingInt(String::length))
                .orElse("");
    }

    private static String oneLine(String s) {
        String flat = s.replace('\r', ' ').replace('\n', ' ').strip();
        return flat.length() > 500 ? flat.substring(0, 500) + "..." : flat;
    }
}
