package org.prcybr.notionsync.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.nodes.Entities;

/**
 * What a reader sees of a body, on GitHub and in Notion, reduced to text and counts so the two can
 * be compared. GitHub is modelled by commonmark-java's HTML renderer with GitHub's extensions
 * (tables, strikethrough, task lists, autolinks) and cmark-gfm's tagfilter; Notion's markdown is
 * turned into HTML line by line (its own tags for toggles and tables, the rest read as markdown).
 */
final class RenderedComparison {
    /** What is compared: the visible text, without whitespace, and how many of each structure there are. */
    record Seen(String text, int headings, int listItems, int codeBlocks, int tables, int links, int images) {
        String structure() {
            return "headings=" + headings + " listItems=" + listItems + " codeBlocks=" + codeBlocks + " tables="
                    + tables + " links=" + links + " images=" + images;
        }
    }

    private static final List<Extension> GITHUB_EXTENSIONS = List.of(TablesExtension.create(),
            StrikethroughExtension.create(), TaskListItemsExtension.create(),
            AutolinkExtension.builder().linkTypes(AutolinkType.URL, AutolinkType.WWW, AutolinkType.EMAIL).build());
    private static final Parser GITHUB_PARSER = Parser.builder().extensions(GITHUB_EXTENSIONS).build();
    private static final HtmlRenderer GITHUB_RENDERER = HtmlRenderer.builder().extensions(GITHUB_EXTENSIONS)
            .nodeRendererFactory(TagFilter::new).build();

    /** Notion's markdown has no autolinks: only what the converter wrote as a link is one. */
    private static final List<Extension> NOTION_EXTENSIONS = List.of(StrikethroughExtension.create(),
            TaskListItemsExtension.create());
    private static final Parser NOTION_PARSER = Parser.builder().extensions(NOTION_EXTENSIONS).build();
    private static final HtmlRenderer NOTION_RENDERER = HtmlRenderer.builder().extensions(NOTION_EXTENSIONS).build();

    private RenderedComparison() {
    }

    static String githubHtml(String gfm) {
        return GITHUB_RENDERER.render(GITHUB_PARSER.parse(gfm));
    }

    static Seen github(String gfm) {
        return githubSeen(gfm);
    }

    static Seen notion(String notionMarkdown) {
        return seen(notionHtml(notionMarkdown));
    }

    /** Notion's enhanced markdown as HTML: children are tab-indented lines, so each line is read on its own. */
    static String notionHtml(String notionMarkdown) {
        StringBuilder html = new StringBuilder();
        String fence = null;
        int fenceDepth = 0;
        for (String line : notionMarkdown.split("\n", -1)) {
            int depth = 0;
            while (depth < line.length() && line.charAt(depth) == '\t') {
                depth++;
            }
            String content = line.substring(depth);
            if (fence != null) {
                if (content.equals(fence) && depth == fenceDepth) {
                    html.append("</code></pre>\n");
                    fence = null;
                } else {
                    html.append(Entities.escape(line.substring(Math.min(fenceDepth, depth)))).append('\n');
                }
            } else if (content.startsWith("```")) {
                int ticks = 0;
                while (ticks < content.length() && content.charAt(ticks) == '`') {
                    ticks++;
                }
                fence = "`".repeat(ticks);
                fenceDepth = depth;
                html.append("<pre><code>");
            } else if (Set.of("<details>", "</details>", "<tr>", "</tr>", "</table>").contains(content)
                    || content.startsWith("<table ")) {
                html.append(content).append('\n');
            } else if (content.startsWith("<summary>") && content.endsWith("</summary>")) {
                html.append("<summary>").append(inlineHtml(content.substring(9, content.length() - 10)))
                        .append("</summary>\n");
            } else if (content.startsWith("<td>") && content.endsWith("</td>")) {
                html.append("<td>").append(inlineHtml(content.substring(4, content.length() - 5))).append("</td>\n");
            } else {
                html.append(NOTION_RENDERER.render(NOTION_PARSER.parse(content)));
            }
        }
        return html.toString();
    }

    private static String inlineHtml(String notionInline) {
        String html = NOTION_RENDERER.render(NOTION_PARSER.parse(notionInline)).strip();
        return html.startsWith("<p>") && html.endsWith("</p>") ? html.substring(3, html.length() - 4) : html;
    }

    /** Link schemes GitHub's HTML sanitizer keeps (relative links too); other links lose their href there. */
    private static final Set<String> GITHUB_LINK_SCHEMES = Set.of("http", "https", "mailto");

    static Seen githubSeen(String gfm) {
        Document doc = Jsoup.parseBodyFragment(githubHtml(gfm));
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href");
            int colon = href.indexOf(':');
            boolean hasScheme = colon > 0 && href.substring(0, colon).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
            if (hasScheme && !GITHUB_LINK_SCHEMES.contains(href.substring(0, colon).toLowerCase(Locale.ROOT))) {
                a.removeAttr("href");
            }
        }
        // A linked image shows in Notion as the image and a link named by its alt text (an image block
        // cannot carry a link), so on GitHub's side the alt text of a linked image counts as text.
        for (Element img : doc.select("a[href] img")) {
            img.after(new TextNode(" " + img.attr("alt") + " "));
        }
        return seen(doc);
    }

    private static Seen seen(String html) {
        return seen(Jsoup.parseBodyFragment(html));
    }

    private static Seen seen(Document doc) {
        StringBuilder text = new StringBuilder();
        doc.body().text().codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                .forEach(text::appendCodePoint);
        return new Seen(text.toString(), doc.select("h1, h2, h3, h4, h5, h6").size(), doc.select("li").size(),
                codeBlocks(doc), doc.select("table").size(), doc.select("a[href]").size(),
                doc.select("img[src]").size());
    }

    /** Code blocks; one over Notion's 2,000 characters is written as adjacent blocks, by design, and counts once. */
    private static int codeBlocks(Document doc) {
        int blocks = 0;
        for (Element pre : doc.select("pre")) {
            Element previous = pre.previousElementSibling();
            if (previous == null || !previous.normalName().equals("pre")) {
                blocks++;
            }
        }
        return blocks;
    }

    /** Where two texts part, with some context, for a readable failure. */
    static String firstDifference(String expected, String actual) {
        int i = 0;
        while (i < expected.length() && i < actual.length() && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 40);
        return "at " + i + ": github «" + expected.substring(from, Math.min(expected.length(), i + 60)) + "» notion «"
                + actual.substring(from, Math.min(actual.length(), i + 60)) + "»";
    }

    /**
     * cmark-gfm's tagfilter, written from its C source independently of {@link HtmlFragments}: in raw
     * HTML, the {@code <} of these tags (opening or closing, any case, then whitespace, {@code >} or
     * {@code />}) is written {@code &lt;}.
     */
    private static final class TagFilter implements NodeRenderer {
        private static final List<String> FILTERED = List.of("title", "textarea", "style", "xmp", "iframe",
                "noembed", "noframes", "script", "plaintext");
        private final HtmlNodeRendererContext context;

        TagFilter(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(HtmlBlock.class, HtmlInline.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof HtmlBlock block) {
                context.getWriter().line();
                context.getWriter().raw(filter(block.getLiteral()));
                context.getWriter().line();
            } else {
                context.getWriter().raw(filter(((HtmlInline) node).getLiteral()));
            }
        }

        private static String filter(String html) {
            List<String> out = new ArrayList<>();
            int last = 0;
            for (int i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
                if (isFiltered(html.substring(i))) {
                    out.add(html.substring(last, i));
                    out.add("&lt;");
                    last = i + 1;
                }
            }
            out.add(html.substring(last));
            return String.join("", out);
        }

        /** cmark-gfm's is_tag, for each filtered name. */
        private static boolean isFiltered(String tag) {
            int start = tag.startsWith("</") ? 2 : 1;
            String lower = tag.toLowerCase(Locale.ROOT);
            for (String name : FILTERED) {
                int end = start + name.length();
                if (lower.startsWith(name, start) && end < tag.length()) {
                    char next = tag.charAt(end);
                    if (Character.isWhitespace(next) || next == '>' || tag.startsWith("/>", end)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
