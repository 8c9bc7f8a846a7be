package org.prcybr.notionsync.notion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotionTextTest {
    @SuppressWarnings("unchecked")
    private static String content(Map<String, Object> textObject) {
        return (String) ((Map<String, Object>) textObject.get("text")).get("content");
    }

    @Test
    void longRichTextIsSplitNotRejected() {
        String text = "a".repeat(4500);
        List<Map<String, Object>> parts = NotionText.richText(text);
        assertEquals(3, parts.size());
        assertEquals(text, parts.stream().map(NotionTextTest::content).reduce("", String::concat));
        parts.forEach(p -> assertTrue(content(p).length() <= 2000));
    }

    @Test
    void richTextStopsAtOneHundredParts() {
        assertEquals(100, NotionText.richText("b".repeat(2000 * 150)).size());
    }

    @Test
    void splittingNeverBreaksASurrogatePair() {
        String text = "a".repeat(1999) + "\uD83D\uDE00" + "tail";
        List<Map<String, Object>> parts = NotionText.richText(text);
        assertEquals(1999, content(parts.get(0)).length());
        assertTrue(content(parts.get(1)).startsWith("\uD83D\uDE00"));
    }

    @Test
    void titlesAreCutCleanly() {
        String title = content(NotionText.title("x".repeat(1998) + "\uD83D\uDE00\uD83D\uDE00").get(0));
        assertTrue(title.length() <= 2000);
        assertTrue(title.endsWith("\u2026"));
        assertFalse(Character.isHighSurrogate(title.charAt(title.length() - 2)));
    }

    @Test
    void selectNamesHaveNoCommasAndFitTheLimit() {
        assertEquals("a; b; c", NotionText.selectName("a, b, c"));
        assertEquals(100, NotionText.selectName("z".repeat(300)).length());
    }
}
