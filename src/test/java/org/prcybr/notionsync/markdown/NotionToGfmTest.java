package org.prcybr.notionsync.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NotionToGfmTest {
    @Test
    void simpleBlocksPassAsGitHubMarkdown() {
        String out = NotionToGfm.convert("# Plan\n\nSome **bold** and `code` and ~~gone~~.\n\n- [ ] draft\n- [x] outline\n\n"
                + "1. one\n2. two\n\n> quoted\n\n```java\nint x;\n```\n\n[docs](https://example.com/a)");
        for (String kept : new String[] {"# Plan", "**bold**", "`code`", "~~gone~~", "- [ ] draft", "- [x] outline",
                "1. one", "> quoted", "```java\nint x;\n```", "[docs](https://example.com/a)"}) {
            assertTrue(out.contains(kept), kept + " in:\n" + out);
        }
    }

    @Test
    void notionOnlyBlocksImagesRawHtmlAndDangerousLinksAreLeftOut() {
        String out = NotionToGfm.convert("<callout icon=\"💡\">\n\tcareful\n</callout>\n\nText <span color=\"red\">red</span>\n\n"
                + "![shot](https://prod-files-secure.s3.amazonaws.com/x.png)\n\n[click](javascript:alert(1)) and "
                + "<img src=x onerror=alert(1)>");
        assertFalse(out.contains("<"), out);
        assertFalse(out.contains("javascript"), out);
        assertFalse(out.contains("s3.amazonaws"), out);
        assertTrue(out.contains("click"), out);
        assertTrue(out.contains("Text"), out);
    }

    @Test
    void emptyStaysEmpty() {
        assertEquals("", NotionToGfm.convert(""));
        assertEquals("", NotionToGfm.convert(null));
        assertEquals("", NotionToGfm.convert("<empty-block/>"));
    }
}
