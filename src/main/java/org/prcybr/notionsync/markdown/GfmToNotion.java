package org.prcybr.notionsync.markdown;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * GitHub-flavoured markdown to Notion-flavoured ("enhanced") markdown. Pure: a string in, a
 * {@link NotionContent} out, no I/O. The body is parsed with commonmark-java and its GFM
 * extensions and written node by node, so only markup this class writes reaches Notion; all
 * payload text is escaped, raw HTML is read with an HTML parser and never passed through.
 */
public final class GfmToNotion {
    static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create(),
                    TaskListItemsExtension.create(),
                    // GitHub links bare URLs, www. addresses (as http://) and e-mail addresses (as mailto:).
                    AutolinkExtension.builder().linkTypes(AutolinkType.URL, AutolinkType.WWW, AutolinkType.EMAIL).build()))
            .build();

    /** Lines in one code block, beyond which long code continues in the next. */
    private static final int MAX_CODE_LINES = 500;

    private final URI base;

    /** @param repositoryUrl relative links resolve against it, e.g. {@code https://github.com/o/r} */
    public GfmToNotion(String repositoryUrl) {
        this.base = NotionEscapes.repositoryBase(repositoryUrl);
    }

    public NotionContent convert(String gfm) {
        if (gfm == null || gfm.isBlank()) {
            return NotionContent.EMPTY;
        }
        Node document = PARSER.parse(gfm);
        BlockSink top = new BlockSink();
        blocks(document, top);
        return NotionContent.of(top.close());
    }

    // ---- blocks

    /** A block's markdown lines (children already indented) and how many Notion blocks they make. */
    record Rendered(List<String> lines, int blocks) {
    }

    /**
     * The blocks being written at one level, with the toggles that raw {@code <details>} HTML has
     * opened and not closed yet; their content goes inside them.
     */
    static final class BlockSink {
        private final List<Rendered> done = new ArrayList<>();
        private final List<Toggle> openToggles = new ArrayList<>();

        void add(Rendered r) {
            if (openToggles.isEmpty()) {
                done.add(r);
            } else {
                openToggles.get(openToggles.size() - 1).children.add(r);
            }
        }

        void openToggle(InlineText summary) {
            openToggles.add(new Toggle(summary));
        }

        void closeToggle() {
            if (!openToggles.isEmpty()) {
                Toggle t = openToggles.remove(openToggles.size() - 1);
                add(t.render());
            }
        }

        List<Rendered> close() {
            while (!openToggles.isEmpty()) {
                closeToggle();
            }
            return done;
        }
    }

    private static final class Toggle {
        final InlineText summary;
        final List<Rendered> children = new ArrayList<>();

        Toggle(InlineText summary) {
            this.summary = summary;
        }

        Rendered render() {
            List<String> lines = new ArrayList<>();
            String s = summary.isBlank() ? "Details" : first(summary.pieces(InlineText.MAX_CHARS));
            lines.add("<details>");
            lines.add("<summary>" + s + "</summary>");
            int blocks = 1;
            for (Rendered c : children) {
                c.lines().forEach(l -> lines.add("\t" + l));
                blocks += c.blocks();
            }
            lines.add("</details>");
            return new Rendered(lines, blocks);
        }
    }

    private void blocks(Node parent, BlockSink out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            block(n, out);
        }
    }

    private void block(Node n, BlockSink out) {
        if (n instanceof Heading h) {
            List<Rendered> images = new ArrayList<>();
            heading(h.getLevel(), inline(h, images), out);
            images.forEach(out::add);
        } else if (n instanceof Paragraph p) {
            List<Rendered> images = new ArrayList<>();
            paragraph(inline(p, images), out);
            images.forEach(out::add);
        } else if (n instanceof BulletList || n instanceof OrderedList) {
            list(n, out);
        } else if (n instanceof FencedCodeBlock f) {
            code(f.getLiteral(), f.getInfo(), out);
        } else if (n instanceof IndentedCodeBlock c) {
            code(c.getLiteral(), "", out);
        } else if (n instanceof BlockQuote q) {
            quote(q, out);
        } else if (n instanceof ThematicBreak) {
            out.add(single("---"));
        } else if (n instanceof TableBlock t) {
            List<Rendered> images = new ArrayList<>();
            out.add(table(t, images));
            images.forEach(out::add);
        } else if (n instanceof HtmlBlock html) {
            HtmlFragments.read(html.getLiteral(), this, out);
        }
    }

    /** A heading: Notion has levels 1 to 4, deeper ones become 4. */
    void heading(int level, InlineText text, BlockSink out) {
        if (!text.isBlank()) {
            out.add(single("#".repeat(Math.min(4, level)) + " " + first(text.pieces(InlineText.MAX_CHARS))));
        }
    }

    /** A paragraph: long text becomes several paragraphs, since Notion caps one text at 2,000 characters. */
    void paragraph(InlineText text, BlockSink out) {
        for (String piece : text.pieces(InlineText.MAX_CHARS)) {
            out.add(single(NotionEscapes.guardLineStart(piece)));
        }
    }

    private void list(Node list, BlockSink out) {
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (item instanceof ListItem li) {
                String marker = list instanceof OrderedList ? (number++) + ". " : "- ";
                out.add(listItem(li, marker));
            }
        }
    }

    private Rendered listItem(ListItem item, String marker) {
        Node child = item.getFirstChild();
        String prefix = marker;
        if (child instanceof TaskListItemMarker task) {
            prefix = "- [" + (task.isChecked() ? "x" : " ") + "] ";
            child = child.getNext();
        }
        return textWithChildren(prefix, child);
    }

    /**
     * A block whose first paragraph is its own text (a list item, a quote) and whose other blocks
     * are its children; text beyond one block's limit continues as child paragraphs.
     */
    private Rendered textWithChildren(String prefix, Node first) {
        Node child = first;
        List<String> pieces = List.of();
        List<Rendered> nested = new ArrayList<>();
        List<Rendered> images = new ArrayList<>();
        if (child instanceof Paragraph p) {
            pieces = inline(p, images).pieces(InlineText.MAX_CHARS - prefix.length());
            child = child.getNext();
        }
        for (int i = 1; i < pieces.size(); i++) {
            nested.add(single(NotionEscapes.guardLineStart(pieces.get(i))));
        }
        nested.addAll(images);
        BlockSink children = new BlockSink();
        for (; child != null; child = child.getNext()) {
            block(child, children);
        }
        nested.addAll(children.close());
        String text = pieces.isEmpty() ? "" : NotionEscapes.guardLineStart(pieces.get(0));
        return withChildren(List.of(prefix + text), nested);
    }

    private void code(String literal, String info, BlockSink out) {
        String language = language(info);
        String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        // Code blocks hold 2,000 characters too: longer code is split at line ends into several blocks
        // (of at most 500 lines, so that no request is long in lines either).
        for (String part : splitLines(body, InlineText.MAX_CHARS - 16, MAX_CODE_LINES)) {
            int longestRun = longestBacktickRun(part);
            String fence = "`".repeat(Math.max(3, longestRun + 1));
            List<String> lines = new ArrayList<>();
            lines.add(fence + language);
            lines.addAll(List.of(part.split("\n", -1)));
            lines.add(fence);
            out.add(new Rendered(lines, 1));
        }
    }

    private void quote(BlockQuote q, BlockSink out) {
        out.add(textWithChildren("> ", q.getFirstChild()));
    }

    private Rendered table(TableBlock table, List<Rendered> images) {
        List<String> lines = new ArrayList<>();
        lines.add("<table header-row=\"true\">");
        int rows = 0;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) {
                    continue;
                }
                rows++;
                lines.add("\t<tr>");
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) {
                        lines.add("\t\t<td>" + first(inline(cell, images).pieces(InlineText.MAX_CHARS)) + "</td>");
                    }
                }
                lines.add("\t</tr>");
            }
        }
        lines.add("</table>");
        return new Rendered(lines, 1 + rows);
    }

    // ---- inline

    /** The inline content of a block; images, which Notion only has as blocks, go to {@code images}. */
    private InlineText inline(Node parent, List<Rendered> images) {
        InlineText text = new InlineText();
        inlineChildren(parent, text, images);
        return text;
    }

    private void inlineChildren(Node parent, InlineText text, List<Rendered> images) {
        inlineNodes(parent.getFirstChild(), null, text, images);
    }

    /** The nodes from {@code first} up to, not including, {@code end} (null: to the last sibling). */
    private void inlineNodes(Node first, Node end, InlineText text, List<Rendered> images) {
        for (Node n = first; n != null && n != end; n = n.getNext()) {
            // Inline HTML arrives tag by tag: an <a href> and its </a> enclose the link's words.
            Optional<String> href = n instanceof HtmlInline html ? HtmlFragments.anchorHref(html.getLiteral()) : Optional.empty();
            Node close = href.isPresent() ? closingAnchor(n.getNext()) : null;
            if (close != null) {
                link(href.get(), n.getNext(), close, text, images);
                n = close;
            } else {
                inlineNode(n, text, images);
            }
        }
    }

    private static Node closingAnchor(Node from) {
        for (Node n = from; n != null; n = n.getNext()) {
            if (n instanceof HtmlInline html && HtmlFragments.isClosingAnchor(html.getLiteral())) {
                return n;
            }
        }
        return null;
    }

    private void inlineNode(Node n, InlineText text, List<Rendered> images) {
        if (n instanceof Text t) {
            text.text(t.getLiteral());
        } else if (n instanceof Code c) {
            code(c.getLiteral(), text);
        } else if (n instanceof Emphasis) {
            wrap("*", n, text, images);
        } else if (n instanceof StrongEmphasis) {
            wrap("**", n, text, images);
        } else if (n instanceof Strikethrough) {
            wrap("~~", n, text, images);
        } else if (n instanceof SoftLineBreak) {
            text.text(" ");
        } else if (n instanceof HardLineBreak) {
            text.atom("<br>");
        } else if (n instanceof Link link) {
            link(link, text, images);
        } else if (n instanceof Image image) {
            image(image.getDestination(), plain(image)).ifPresent(images::add);
        } else if (n instanceof HtmlInline html) {
            HtmlFragments.inline(html.getLiteral(), this, text, images);
        } else {
            inlineChildren(n, text, images);
        }
    }

    private void wrap(String marker, Node n, InlineText text, List<Rendered> images) {
        InlineText inner = new InlineText();
        inlineChildren(n, inner, images);
        if (inner.isBlank()) {
            return;
        }
        text.open(marker);
        inlineChildren(n, text, new ArrayList<>());
        text.close(marker);
    }

    private static void code(String literal, InlineText text) {
        String flat = literal.replace('\n', ' ');
        if (flat.indexOf('`') >= 0 || flat.length() > 500) {
            text.text(flat);
        } else if (!flat.isEmpty()) {
            text.atom("`" + flat + "`");
        }
    }

    private void link(Link link, InlineText text, List<Rendered> images) {
        link(link.getDestination(), link.getFirstChild(), null, text, images);
    }

    /** A link to {@code destination} whose words are the nodes from {@code first} up to {@code end}. */
    private void link(String destination, Node first, Node end, InlineText text, List<Rendered> images) {
        Optional<String> url = NotionEscapes.safeUrl(destination, base);
        InlineText label = new InlineText();
        inlineNodes(first, end, label, images);
        String rendered = label.render();
        if (rendered.isEmpty() && url.isPresent()) {
            // A linked image (a badge): the image is a block of its own, which cannot carry the link,
            // so the link follows in the text, named by the image's alt text.
            StringBuilder alt = new StringBuilder();
            for (Node n = first; n != null && n != end; n = n.getNext()) {
                alt.append(n instanceof Image ? plain(n) + " " : "");
                alt.append(n instanceof HtmlInline html ? HtmlFragments.imageAlt(html.getLiteral()) + " " : "");
            }
            rendered = linkedImageLabel(alt.toString(), url.get());
        }
        if (url.isEmpty() || rendered.isEmpty() || rendered.length() + url.get().length() > 1000) {
            // No safe target, or too long to keep whole: the words stay, the link goes.
            inlineNodes(first, end, text, new ArrayList<>());
            return;
        }
        text.atom("[" + rendered + "](" + url.get() + ")");
    }

    /** The words for a link whose only content is images: their alt text, else the target itself. */
    static String linkedImageLabel(String altText, String url) {
        return NotionEscapes.escapeAll(altText.isBlank() ? url : altText.strip());
    }

    Optional<Rendered> image(String src, String alt) {
        Optional<String> url = NotionEscapes.safeUrl(src, base);
        if (url.isEmpty() || url.get().startsWith("mailto:")) {
            return Optional.empty();
        }
        String caption = NotionEscapes.escapeAll(alt == null ? "" : alt.strip());
        if (caption.length() > 500) {
            caption = caption.substring(0, 500);
        }
        return Optional.of(single("![" + caption + "](" + url.get() + ")"));
    }

    Optional<String> safeUrl(String raw) {
        return NotionEscapes.safeUrl(raw, base);
    }

    /** A node's text, code included, without its formatting (an image's alt text). */
    static String plain(Node n) {
        StringBuilder sb = new StringBuilder();
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof Text t) {
                sb.append(t.getLiteral());
            } else if (c instanceof Code code) {
                sb.append(code.getLiteral());
            } else {
                sb.append(plain(c));
            }
        }
        return sb.toString();
    }

    // ---- helpers

    static Rendered single(String line) {
        return new Rendered(List.of(line), 1);
    }

    static Rendered withChildren(List<String> head, List<Rendered> children) {
        List<String> lines = new ArrayList<>(head);
        int blocks = 1;
        for (Rendered c : children) {
            c.lines().forEach(l -> lines.add("\t" + l));
            blocks += c.blocks();
        }
        return new Rendered(lines, blocks);
    }

    private static String first(List<String> pieces) {
        return pieces.isEmpty() ? "" : pieces.get(0);
    }

    /** The info string's first word, if it looks like a language name; nothing else of it is kept. */
    private static String language(String info) {
        if (info == null) {
            return "";
        }
        String word = info.strip().split("\\s+", 2)[0];
        StringBuilder sb = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '+' || c == '#' || c == '-' || c == '.' || c == '_') {
                sb.append(c);
            }
        }
        return sb.length() > 40 ? "" : sb.toString();
    }

    /**
     * The code's lines in parts of at most {@code max} characters and {@code maxLines} lines, every
     * line kept as it is (blank ones too); a line longer than a part is cut between characters.
     */
    private static List<String> splitLines(String body, int max, int maxLines) {
        List<String> parts = new ArrayList<>();
        List<String> part = new ArrayList<>();
        int partChars = 0;
        for (String line : body.split("\n", -1)) {
            while (line.length() > max) {
                flush(parts, part);
                partChars = 0;
                int cut = Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max;
                parts.add(line.substring(0, cut));
                line = line.substring(cut);
            }
            if (!part.isEmpty() && (partChars + 1 + line.length() > max || part.size() >= maxLines)) {
                flush(parts, part);
                partChars = 0;
            }
            partChars += (part.isEmpty() ? 0 : 1) + line.length();
            part.add(line);
        }
        flush(parts, part);
        return parts;
    }

    private static void flush(List<String> parts, List<String> part) {
        if (!part.isEmpty()) {
            parts.add(String.join("\n", part));
            part.clear();
        }
    }

    private static int longestBacktickRun(String s) {
        int longest = 0;
        int run = 0;
        for (char c : s.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
