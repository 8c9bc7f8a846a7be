package org.prcybr.notionsync.markdown;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.prcybr.notionsync.markdown.GfmToNotion.Rendered;

/**
 * Raw HTML in a body, read with jsoup. Nothing of it reaches Notion as markup: comments are
 * dropped, {@code <details><summary>} becomes a toggle, {@code <img>} an image, {@code <a>} a
 * checked link, {@code <br>} a line break, and everything else only its text.
 */
final class HtmlFragments {
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li",
            "ul", "ol", "pre", "table", "tr", "blockquote", "section", "article", "dl", "dt", "dd", "hr");
    /** GFM's tagfilter: GitHub escapes these tags' {@code <}, so the tag and its content show as text. */
    private static final Set<String> FILTERED_TAGS = Set.of("title", "textarea", "style", "xmp", "iframe",
            "noembed", "noframes", "script", "plaintext");

    private HtmlFragments() {
    }

    /** An HTML block. {@code <details>} may open here and close in a later block, with markdown between. */
    static void read(String html, GfmToNotion converter, GfmToNotion.BlockSink out) {
        int closes = count(html.toLowerCase(Locale.ROOT), "</details");
        Element body = Jsoup.parseBodyFragment(escapeFilteredTags(html)).body();
        Paragraphs paragraphs = new Paragraphs(converter, out);
        closes = walk(body, paragraphs, converter, out, closes);
        paragraphs.flush();
        for (; closes > 0; closes--) {
            out.closeToggle();
        }
    }

    /**
     * Inline HTML arrives tag by tag (the text between tags is markdown text): only img and br mean
     * something, and a filtered tag, which is its own text.
     */
    static void inline(String html, GfmToNotion converter, InlineText text, List<Rendered> images) {
        Element body = Jsoup.parseBodyFragment(escapeFilteredTags(html)).body();
        text.text(body.wholeText());
        for (Element e : body.getAllElements()) {
            switch (e.normalName()) {
                case "img" -> converter.image(e.attr("src"), e.attr("alt")).ifPresent(images::add);
                case "br" -> text.atom("<br>");
                default -> {
                    // other tags and comments carry no text of their own here
                }
            }
        }
    }

    /** The href of an inline {@code <a>} opening tag, if that is what the tag is. */
    static Optional<String> anchorHref(String tag) {
        Element first = Jsoup.parseBodyFragment(tag).body().firstElementChild();
        return first != null && first.normalName().equals("a") && first.hasAttr("href")
                ? Optional.of(first.attr("href")) : Optional.empty();
    }

    /** The alt text of an inline {@code <img>} tag; empty for any other tag. */
    static String imageAlt(String tag) {
        Element first = Jsoup.parseBodyFragment(tag).body().firstElementChild();
        return first != null && first.normalName().equals("img") ? first.attr("alt") : "";
    }

    /** Whether an inline tag is {@code </a>}. */
    static boolean isClosingAnchor(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        return t.startsWith("</a") && t.length() > 3 && (t.charAt(3) == '>' || Character.isWhitespace(t.charAt(3)));
    }

    private static int walk(Element parent, Paragraphs paragraphs, GfmToNotion converter, GfmToNotion.BlockSink out,
                            int closes) {
        for (org.jsoup.nodes.Node node : parent.childNodes()) {
            if (node instanceof Comment) {
                continue;
            }
            if (node instanceof TextNode t) {
                paragraphs.current().text(t.text());
                continue;
            }
            if (!(node instanceof Element e)) {
                continue;
            }
            switch (e.normalName()) {
                case "details" -> {
                    paragraphs.flush();
                    Element summary = e.selectFirst("> summary");
                    InlineText title = new InlineText();
                    if (summary != null) {
                        title.text(summary.text());
                        summary.remove();
                    }
                    out.openToggle(title);
                    closes = walk(e, paragraphs, converter, out, closes);
                    paragraphs.flush();
                    if (closes > 0) {
                        out.closeToggle();
                        closes--;
                    }
                }
                case "summary" -> {
                    // A summary outside its details: its words still count.
                    paragraphs.flush();
                    paragraphs.current().open("**").text(e.text()).close("**");
                    paragraphs.flush();
                }
                case "img" -> {
                    paragraphs.flush();
                    converter.image(e.attr("src"), e.attr("alt")).ifPresent(out::add);
                }
                case "br" -> paragraphs.current().atom("<br>");
                case "hr" -> {
                    paragraphs.flush();
                    out.add(GfmToNotion.single("---"));
                }
                case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                    paragraphs.flush();
                    closes = walk(e, paragraphs, converter, out, closes);
                    paragraphs.flushAsHeading(e.normalName().charAt(1) - '0');
                }
                case "a" -> {
                    var url = converter.safeUrl(e.attr("href"));
                    String label = NotionEscapes.escapeAll(e.text().strip());
                    // A linked image (a badge): the image is a block of its own, which cannot carry the
                    // link, so the link follows it, named by the image's alt text.
                    boolean linkedImage = label.isEmpty() && url.isPresent() && e.selectFirst("img") != null;
                    if (linkedImage) {
                        label = GfmToNotion.linkedImageLabel(String.join(" ", e.select("img").eachAttr("alt")), url.get());
                    }
                    if (url.isPresent() && !label.isEmpty() && label.length() + url.get().length() <= 1000) {
                        if (linkedImage) {
                            closes = walk(e, paragraphs, converter, out, closes);
                        }
                        paragraphs.current().atom("[" + label + "](" + url.get() + ")");
                    } else {
                        closes = walk(e, paragraphs, converter, out, closes);
                    }
                }
                case "script", "style", "template", "iframe", "object", "embed" -> {
                    // active content: dropped with its text (script, style and iframe reach here only
                    // if escapeFilteredTags missed them, which it should not)
                }
                default -> {
                    boolean block = BLOCK_TAGS.contains(e.normalName());
                    if (block) {
                        paragraphs.flush();
                    }
                    closes = walk(e, paragraphs, converter, out, closes);
                    if (block) {
                        paragraphs.flush();
                    }
                }
            }
        }
        return closes;
    }

    /**
     * The HTML with the {@code <} of each tag in {@link #FILTERED_TAGS}, opening or closing, escaped
     * as cmark-gfm's tagfilter does: the name, any case, followed by whitespace, {@code >} or {@code />}.
     */
    static String escapeFilteredTags(String html) {
        StringBuilder sb = new StringBuilder(html.length());
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            sb.append(c == '<' && isFilteredTag(html, i + 1) ? "&lt;" : String.valueOf(c));
        }
        return sb.toString();
    }

    private static boolean isFilteredTag(String html, int start) {
        int i = start < html.length() && html.charAt(start) == '/' ? start + 1 : start;
        int nameStart = i;
        while (i < html.length() && Character.isLetter(html.charAt(i)) && html.charAt(i) < 128) {
            i++;
        }
        if (i == html.length() || !FILTERED_TAGS.contains(html.substring(nameStart, i).toLowerCase(Locale.ROOT))) {
            return false;
        }
        char after = html.charAt(i);
        return after == '>' || Character.isWhitespace(after) || html.startsWith("/>", i);
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** Text gathered from HTML, written as paragraphs when a block element or the fragment ends. */
    private static final class Paragraphs {
        private final GfmToNotion converter;
        private final GfmToNotion.BlockSink out;
        private InlineText current = new InlineText();

        Paragraphs(GfmToNotion converter, GfmToNotion.BlockSink out) {
            this.converter = converter;
            this.out = out;
        }

        InlineText current() {
            return current;
        }

        void flushAsHeading(int level) {
            converter.heading(level, current, out);
            current = new InlineText();
        }

        void flush() {
            if (!current.isBlank()) {
                converter.paragraph(current, out);
            }
            current = new InlineText();
        }
    }
}
