package org.prcybr.notionsync.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each GFM construct the content must keep, and each the content must never pass through. */
class GfmToNotionTest {
    private static final GfmToNotion CONVERTER = new GfmToNotion("https://github.com/Codertocat/Hello-World");

    private static String md(String gfm) {
        return CONVERTER.convert(gfm).markdown();
    }

    @Test
    void headingsDeeperThanFourBecomeFour() {
        assertEquals("# One\n\n## Two\n\n### Three\n\n#### Four\n\n#### Six",
                md("# One\n## Two\n### Three\n#### Four\n###### Six"));
    }

    @Test
    void nestedListsIndentChildrenWithTabs() {
        assertEquals("- a\n\t- b\n\t\t1. c\n\t\t2. d\n\n- e", md("- a\n  - b\n    1. c\n    2. d\n- e"));
    }

    @Test
    void orderedListsKeepTheirStartNumber() {
        assertEquals("3. x\n\n4. y", md("3. x\n4. y"));
    }

    @Test
    void taskListsBecomeToDos() {
        assertEquals("- [ ] open task\n\n- [x] done task", md("- [ ] open task\n- [x] done task"));
    }

    @Test
    void fencedCodeKeepsItsLanguageAndLiteralText() {
        assertEquals("```java\nint a = b * c; // <tag> [x]\n```", md("```java title=\"x\"\nint a = b * c; // <tag> [x]\n```"));
        assertEquals("```\nindented\n```", md("    indented"));
    }

    @Test
    void codeContainingFencesGetsALongerFence() {
        assertEquals("````\n```\ninner\n```\n````", md("````\n```\ninner\n```\n````"));
    }

    @Test
    void codeWithManyShortLinesIsSplitIntoBlocksOfAtMost500Lines() {
        NotionContent content = CONVERTER.convert("```\n" + "x\n".repeat(1200) + "```");
        assertEquals(3, content.blocks());
        assertEquals(1200, content.markdown().lines().filter(l -> l.equals("x")).count());
    }

    @Test
    void quotesKeepFurtherParagraphsAsChildren() {
        assertEquals("> first\n\tsecond", md("> first\n>\n> second"));
    }

    @Test
    void tablesBecomeNotionTables() {
        assertEquals("<table header-row=\"true\">\n\t<tr>\n\t\t<td>A</td>\n\t\t<td>B</td>\n\t</tr>\n\t<tr>\n"
                + "\t\t<td>1</td>\n\t\t<td>**2**</td>\n\t</tr>\n</table>", md("| A | B |\n|---|---|\n| 1 | **2** |"));
    }

    @Test
    void inlineFormattingAndLinks() {
        assertEquals("*em* **strong** ~~gone~~ `co*de` [site](https://example.com/a_b)",
                md("*em* **strong** ~~gone~~ `co*de` [site](https://example.com/a_b)"));
    }

    @Test
    void relativeLinksBecomeAbsoluteAgainstTheRepository() {
        assertEquals("[doc](https://github.com/Codertocat/Hello-World/docs/setup.md) "
                        + "[root](https://github.com/Codertocat/other)",
                md("[doc](docs/setup.md) [root](/Codertocat/other)"));
    }

    @Test
    void dangerousLinksAreDroppedButTheirWordsStay() {
        String out = md("[a](javascript:alert(1)) [b](data:text/html;base64,xx) [c](VBScript:msgbox) "
                + "[d](JaVaScRiPt:alert(1)) ![e](javascript:x)");
        assertEquals("a b c d", out);
    }

    @Test
    void imagesBecomeImageBlocks() {
        assertEquals("see\n\n![shot](https://example.com/s.png)", md("see ![shot](https://example.com/s.png)"));
        assertEquals("![logo](https://github.com/Codertocat/Hello-World/img/logo.png)", md("![logo](img/logo.png)"));
    }

    @Test
    void htmlCommentsAreDroppedAndOtherHtmlKeepsOnlyItsText() {
        String body = "<!-- Please describe the bug -->\n\nText\n\n<div onclick=\"x()\"><b>Bold</b> <script>evil()</script>words</div>\n\n"
                + "a <span style=\"color:red\">red</span> word";
        // GitHub's tagfilter shows <script> as text (see tagsGitHubFiltersAreShownAsInertText).
        assertEquals("Text\n\nBold \\<script\\>evil()\\</script\\>words\n\na red word", md(body));
    }

    @Test
    void htmlImagesAndLinksAreChecked() {
        assertEquals("![s](https://example.com/s.png)\n\n[x](https://example.com)",
                md("<img src=\"https://example.com/s.png\" alt=\"s\" width=\"300\">\n\n<p><a href=\"https://example.com\">x</a></p>"));
        assertEquals("", md("<img src=\"javascript:alert(1)\">"));
    }

    @Test
    void detailsBecomeAToggleAroundTheMarkdownBetween() {
        String body = "<details>\n<summary>Logs</summary>\n\nline one\n\n- item\n\n</details>\n\nafter";
        assertEquals("<details>\n<summary>Logs</summary>\n\tline one\n\t- item\n</details>\n\nafter", md(body));
        assertEquals("<details>\n<summary>One line</summary>\n\tinside\n</details>",
                md("<details><summary>One line</summary>inside</details>"));
    }

    @Test
    void specialCharactersMeantLiterallyAreEscaped() {
        assertEquals("a \\* b \\~ c \\$ d \\[e\\] \\<f\\> \\{g\\} h \\| i \\^ j \\` k \\\\",
                md("a \\* b ~ c $ d \\[e\\] \\<f\\> {g} h \\| i ^ j \\` k \\\\"));
        assertEquals("\\# not a heading", md("\\# not a heading"));
        assertEquals("1\\. not a list", md("1\\. not a list"));
    }

    @Test
    void emptyOrNullBodyIsNoContent() {
        assertTrue(CONVERTER.convert(null).isEmpty());
        assertTrue(CONVERTER.convert("  \n ").isEmpty());
        assertTrue(CONVERTER.convert("<!-- only a template comment -->").isEmpty());
    }

    @Test
    void linesOverTwoThousandCharactersAreSplitWithFormattingKept() {
        String longLine = "**" + "word ".repeat(999) + "word**";
        List<String> lines = md(longLine).lines().filter(l -> !l.isEmpty()).toList();
        assertTrue(lines.size() >= 3, lines.size() + " lines");
        for (String l : lines) {
            assertTrue(l.length() <= InlineText.MAX_CHARS, "line of " + l.length());
            assertTrue(l.startsWith("**") && l.endsWith("**"), l.substring(0, 10));
        }
        String joined = md(longLine);
        assertEquals(1000, (joined.length() - joined.replace("word", "").length()) / 4);
    }

    @Test
    void aMaximumSizeBodyLandsWholeInRequestSizedChunks() {
        // 65,536 characters: long lines, many paragraphs, a long code block.
        StringBuilder sb = new StringBuilder();
        sb.append("x".repeat(5000)).append("\n\n");
        sb.append("```\n").append("code line\n".repeat(400)).append("```\n\n");
        int i = 0;
        while (sb.length() < 65_536 - 20) {
            sb.append("p").append(i++).append("\n\n");
        }
        String body = sb.substring(0, Math.min(sb.length(), 65_536));
        NotionContent content = CONVERTER.convert(body);
        assertTrue(content.blocks() > 1000, content.blocks() + " blocks");
        assertTrue(content.chunks().size() >= 2);
        for (String chunk : content.chunks()) {
            assertTrue(chunk.length() <= NotionContent.MAX_CHARS_PER_CHUNK);
            assertTrue(chunk.split("\n\n").length <= NotionContent.MAX_BLOCKS_PER_CHUNK);
            assertTrue(chunk.lines().filter(l -> !l.isBlank()).count() <= NotionContent.MAX_LINES_PER_CHUNK);
            chunk.lines().forEach(l -> assertTrue(l.length() <= InlineText.MAX_CHARS, "line of " + l.length()));
        }
        String all = content.markdown();
        assertEquals(5000, all.chars().filter(c -> c == 'x').count());
        assertEquals(400, all.lines().filter(l -> l.equals("code line")).count());
        assertTrue(all.contains("\n\np" + (i - 1)) || all.contains("\n\np" + (i - 2)), "last paragraphs kept");
    }

    @Test
    void hostileTextStaysInertText() {
        String out = md("::error::pwned\n\n<img src=x onerror=alert(1)>\n\n<script>alert(1)</script>\n\n"
                + "[click](javascript:alert(document.cookie))");
        // No tag reaches Notion as markup; the <script> GitHub shows as text is there, escaped.
        String unescaped = out.replace("\\<", "");
        assertFalse(unescaped.contains("<img"));
        assertFalse(unescaped.contains("<script"));
        assertTrue(out.contains("\\<script\\>alert(1)\\</script\\>"));
        assertFalse(out.contains("javascript:"));
        assertTrue(out.startsWith("::error::pwned"));
    }

    @Test
    void bareUrlsWwwAddressesAndEmailAddressesAreLinks() {
        assertEquals("see [https://example.com/a?b=1](https://example.com/a?b=1), "
                        + "[www.example.org](http://www.example.org) or [dev@example.com](mailto:dev@example.com).",
                md("see https://example.com/a?b=1, www.example.org or dev@example.com."));
        // Not inside code, and not twice inside a link.
        assertEquals("`https://example.com` [https://example.com](https://example.com)",
                md("`https://example.com` <https://example.com>"));
    }

    @Test
    void anEscapedExclamationMarkBeforeALinkStaysText() {
        assertEquals("Wow\\![site](https://example.com)", md("Wow\\![site](https://example.com)"));
        assertEquals("\\![site](https://example.com)", md("\\![site](https://example.com)"));
        assertEquals("hi! [site](https://example.com)", md("hi! [site](https://example.com)"));
    }

    @Test
    void fencedCodeKeepsLeadingAndTrailingBlankLines() {
        assertEquals("```\n\n\nfirst\n\nlast\n\n```", md("```\n\n\nfirst\n\nlast\n\n```"));
        assertEquals("```\n\n```", md("```\n\n```"));
        assertEquals("```\n  indented\n\tand a tab\n```", md("```\n  indented\n\tand a tab\n```"));
    }

    @Test
    void linkTargetsJavaRefusesArePercentEncoded() {
        assertEquals("[a](https://example.com/a%20b%C2%A0c) [b](https://example.com/100%25%7Bx%7D#x%23y)",
                md("[a](<https://example.com/a b\u00a0c>) [b](https://example.com/100%{x}#x#y)"));
        // Already encoded stays as it was; non-ASCII is encoded as UTF-8.
        assertEquals("[c](https://example.com/a%20b/%C3%BC)", md("[c](https://example.com/a%20b/\u00fc)"));
    }

    @Test
    void aDestinationThatIsNoSchemeIsARelativeLink() {
        assertEquals("[link](https://github.com/Codertocat/Hello-World/foo%29:)", md("[link](foo\\)\\:)"));
        assertEquals("[x](https://github.com/Codertocat/Hello-World/a%20b:c)", md("[x](<a b:c>)"));
    }

    @Test
    void tagsGitHubFiltersAreShownAsInertText() {
        for (String tag : List.of("title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script",
                "plaintext")) {
            String out = md("<" + tag + ">\n::error::x [y](javascript:alert(1)) *z* $w$\n</" + tag + ">");
            assertEquals("\\<" + tag + "\\> ::error::x \\[y\\](javascript:alert(1)) \\*z\\* \\$w\\$ \\</" + tag + "\\>",
                    out, tag);
        }
        assertEquals("a \\<script\\>b\\</script\\> c", md("a <script>b</script> c"));
        assertEquals("\\<SCRIPT src=\"https://evil.example/x.js\"\\>\\</SCRIPT\\>",
                md("<SCRIPT src=\"https://evil.example/x.js\"></SCRIPT>"));
        // Only those names: <scripts> or <stylesheet> are other (unknown) tags, and show nothing.
        assertEquals("words", md("<div><scripts>words</scripts><stylesheet></stylesheet></div>"));
        for (String line : md("<script>\n::error::x\n</script>\n\n<textarea>\n\n::warning::y</textarea>").split("\n")) {
            assertFalse(line.startsWith("::"), line);
        }
    }

    @Test
    void aLinkedImageKeepsItsLinkNamedByTheAltText() {
        assertEquals("[CI](https://example.com/actions)\n\n![CI](https://example.com/badge.svg)",
                md("[![CI](https://example.com/badge.svg)](https://example.com/actions)"));
        assertEquals("![CI](https://example.com/badge.svg)\n\n[CI](https://example.com/actions)",
                md("<p><a href=\"https://example.com/actions\"><img src=\"https://example.com/badge.svg\" alt=\"CI\"></a></p>"));
        assertEquals("[CI](https://example.com/actions)\n\n![CI](https://example.com/badge.svg)",
                md("<a href=\"https://example.com/actions\"><img src=\"https://example.com/badge.svg\" alt=\"CI\"></a>"));
        assertEquals("see [the *docs*](https://example.com/docs) and [CI](https://example.com/a)\n\n![CI](https://example.com/b.svg)",
                md("see <a href=\"https://example.com/docs\">the *docs*</a> and <a href=\"https://example.com/a\"><img src=\"https://example.com/b.svg\" alt=\"CI\"></a>"));
        // Without alt text the target names the link; a dangerous target is still dropped.
        assertEquals("[https://example.com/a](https://example.com/a)\n\n![](https://example.com/b.png)",
                md("[![](https://example.com/b.png)](https://example.com/a)"));
        assertEquals("![x](https://example.com/b.png)", md("[![x](https://example.com/b.png)](javascript:alert(1))"));
    }

    @Test
    void htmlHeadingsAreHeadings() {
        assertEquals("## Notion Sync\n\nbelow", md("<h2 align=\"center\">Notion <em>Sync</em></h2>\n\nbelow"));
        assertEquals("#### Six", md("<h6>Six</h6>"));
    }
}
