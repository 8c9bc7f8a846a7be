package org.prcybr.notionsync.notion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Notion's text limits: 2000 characters per text object, 100 objects per rich-text value,
 * 100 characters and no commas in a select option. Text is cut between code points, never inside one.
 */
public final class NotionText {
    static final int MAX_TEXT = 2000;
    static final int MAX_PARTS = 100;
    static final int MAX_SELECT = 100;

    private NotionText() {
    }

    /** A rich-text value: long text split into several text objects rather than rejected. */
    public static List<Map<String, Object>> richText(String text) {
        List<Map<String, Object>> parts = new ArrayList<>();
        String rest = text == null ? "" : text;
        while (!rest.isEmpty() && parts.size() < MAX_PARTS) {
            int end = cutIndex(rest, MAX_TEXT);
            parts.add(textObject(rest.substring(0, end)));
            rest = rest.substring(end);
        }
        return parts;
    }

    /** A title value: one text object, cut cleanly with an ellipsis when over the limit. */
    public static List<Map<String, Object>> title(String text) {
        return List.of(textObject(cut(text == null ? "" : text, MAX_TEXT)));
    }

    /** A select option name: commas are not allowed, so they become semicolons. */
    public static String selectName(String text) {
        String s = (text == null ? "" : text).replace(',', ';').replace('\n', ' ').replace('\r', ' ').strip();
        return cut(s, MAX_SELECT);
    }

    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, cutIndex(s, max - 1)) + "\u2026";
    }

    /** The largest index at or below max that does not split a surrogate pair. */
    public static int cutIndex(String s, int max) {
        if (s.length() <= max) {
            return s.length();
        }
        return Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    }

    private static Map<String, Object> textObject(String content) {
        return Map.of("type", "text", "text", Map.of("content", content));
    }
}
