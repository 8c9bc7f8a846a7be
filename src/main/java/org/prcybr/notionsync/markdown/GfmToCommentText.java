package org.prcybr.notionsync.markdown;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
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
import org.jsoup.Jsoup;

/**
 * GitHub-flavoured markdown to {@link CommentText}, for Notion comments, which hold inline
 * formatting only. Pure. Blocks become lines: list items keep their bullet or number, quotes a
 * {@code > }, code its lines (as inline code), table rows their cells between {@code |}. The same
 * safety rules as {@link GfmToNotion}: raw HTML keeps only its text, a link survives only when
 * {@link NotionEscapes#safeUrl} accepts it, relative links resolve against the repository.
 */
public final class GfmToCommentText {
    private final URI base;

    /** @param repositoryUrl relative links resolve against it, e.g. {@code https://github.com/o/r} */
    public GfmToCommentText(String repositoryUrl) {
        this.base = NotionEscapes.repositoryBase(repositoryUrl);
    }

    public CommentText convert(String gfm) {
        Writer out = new Writer();
        if (gfm != null && !gfm.isBlank()) {
            blocks(GfmToNotion.PARSER.parse(gfm), out);
        }
        return new CommentText(out.runs());
    }

    /** A safe absolute form of {@code url}, as links in the text get it. */
    public Optional<String> safeUrl(String url) {
        return NotionEscapes.safeUrl(url, base);
    }

    // ---- blocks: each starts on a line of its own, separated from the one before by a blank line

    private void blocks(Node parent, Writer out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            block(n, out);
        }
    }

    private void block(Node n, Writer out) {
        if (n instanceof Paragraph) {
            out.startBlock();
            inlines(n, out, Style.NONE);
        } else if (n instanceof Heading) {
            out.startBlock();
            inlines(n, out, Style.NONE.withBold());
        } else if (n instanceof BulletList || n instanceof OrderedList) {
            out.startBlock();
            list(n, out);
        } else if (n instanceof FencedCodeBlock f) {
            code(f.getLiteral(), out);
        } else if (n instanceof IndentedCodeBlock c) {
            code(c.getLiteral(), out);
        } else if (n instanceof BlockQuote) {
            out.startBlock();
            out.pushPrefix("> ");
            boolean first = true;
            for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
                if (!first) {
                    out.newline();
                }
                first = false;
                out.continueBlock();
                block(c, out);
            }
            out.popPrefix();
        } else if (n instanceof ThematicBreak) {
            out.startBlock();
            out.text("———", Style.NONE);
        } else if (n instanceof TableBlock) {
            out.startBlock();
            table(n, out);
        } else if (n instanceof HtmlBlock html) {
            // Raw HTML: its text only (Jsoup leaves out scripts and styles), never its markup.
            String text = Jsoup.parseBodyFragment(html.getLiteral()).text().strip();
            if (!text.isEmpty()) {
                out.startBlock();
                out.text(text, Style.NONE);
            }
        }
    }

    private void list(Node list, Writer out) {
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        boolean first = true;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            if (!first) {
                out.newline();
            }
            first = false;
            Node child = item.getFirstChild();
            String marker = list instanceof OrderedList ? (number++) + ". " : "• ";
            if (child instanceof TaskListItemMarker task) {
                marker = task.isChecked() ? "☑ " : "☐ ";
                child = child.getNext();
            }
            out.text(marker, Style.NONE);
            out.pushPrefix("   ");
            boolean firstChild = true;
            for (; child != null; child = child.getNext()) {
                if (!firstChild) {
                    out.newline();
                }
                if (child instanceof Paragraph) {
                    inlines(child, out, Style.NONE);
                } else {
                    out.continueBlock();
                    block(child, out);
                }
                firstChild = false;
            }
            out.popPrefix();
        }
    }

    private void code(String literal, Writer out) {
        String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        out.startBlock();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.newline();
            }
            out.text(lines[i], Style.NONE.withCode());
        }
    }

    private void table(Node table, Writer out) {
        boolean firstRow = true;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) {
                    continue;
                }
                if (!firstRow) {
                    out.newline();
                }
                firstRow = false;
                Style style = section instanceof TableHead ? Style.NONE.withBold() : Style.NONE;
                boolean firstCell = true;
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) {
                        if (!firstCell) {
                            out.text(" | ", Style.NONE);
                        }
                        firstCell = false;
                        inlines(cell, out, style);
                    }
                }
            }
        }
    }

    // ---- inline

    /** Styles in effect; a link is set only when its target is safe. */
    private record Style(boolean bold, boolean italic, boolean strike, boolean code, Optional<String> link) {
        static final Style NONE = new Style(false, false, false, false, Optional.empty());

        Style withBold() {
            return new Style(true, italic, strike, code, link);
        }

        Style withItalic() {
            return new Style(bold, true, strike, code, link);
        }

        Style withStrike() {
            return new Style(bold, italic, true, code, link);
        }

        Style withCode() {
            return new Style(bold, italic, strike, true, link);
        }

        Style withLink(String url) {
            return new Style(bold, italic, strike, code, Optional.of(url));
        }
    }

    private void inlines(Node parent, Writer out, Style style) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            inline(n, out, style);
        }
    }

    private void inline(Node n, Writer out, Style style) {
        if (n instanceof Text t) {
            out.text(t.getLiteral(), style);
        } else if (n instanceof Code c) {
            out.text(c.getLiteral().replace('\n', ' '), style.withCode());
        } else if (n instanceof Emphasis) {
            inlines(n, out, style.withItalic());
        } else if (n instanceof StrongEmphasis) {
            inlines(n, out, style.withBold());
        } else if (n instanceof Strikethrough) {
            inlines(n, out, style.withStrike());
        } else if (n instanceof SoftLineBreak) {
            out.text(" ", style);
        } else if (n instanceof HardLineBreak) {
            out.newline();
        } else if (n instanceof Link link) {
            // An unsafe target (javascript:, data:) loses the link and keeps the words.
            Optional<String> url = safeUrl(link.getDestination());
            inlines(n, out, url.isPresent() && style.link().isEmpty() ? style.withLink(url.get()) : style);
        } else if (n instanceof Image image) {
            // Comments have no images: the alt text stays, linked to the image when its address is safe.
            Optional<String> url = safeUrl(image.getDestination());
            String alt = GfmToNotion.plain(image);
            String words = alt.isBlank() ? "image" : alt.strip();
            out.text(words, url.isPresent() && style.link().isEmpty() ? style.withLink(url.get()) : style);
        } else if (n instanceof HtmlInline) {
            // Inline tags are dropped; the text between them is ordinary text nodes.
            return;
        } else {
            inlines(n, out, style);
        }
    }

    /** Collects runs, writing the prefixes of open quotes and list items at each new line. */
    private static final class Writer {
        private final List<CommentText.Run> runs = new ArrayList<>();
        private final List<String> prefixes = new ArrayList<>();
        private boolean empty = true;
        /** The next block continues the current line (a list item's or quote's first block). */
        private boolean continuing;

        void startBlock() {
            if (continuing) {
                continuing = false;
                return;
            }
            if (!empty) {
                newline();
                newline();
            }
        }

        void continueBlock() {
            continuing = true;
        }

        void pushPrefix(String prefix) {
            prefixes.add(prefix);
            if (prefix.startsWith(">")) {
                add(CommentText.Run.plain(prefix));
            }
        }

        void popPrefix() {
            prefixes.remove(prefixes.size() - 1);
        }

        void newline() {
            add(CommentText.Run.plain("\n" + String.join("", prefixes)));
        }

        void text(String text, Style s) {
            if (!text.isEmpty()) {
                add(new CommentText.Run(text, s.bold(), s.italic(), s.strike(), s.code(), s.link()));
            }
        }

        private void add(CommentText.Run run) {
            empty = false;
            int last = runs.size() - 1;
            if (last >= 0 && runs.get(last).sameStyle(run)) {
                runs.set(last, new CommentText.Run(runs.get(last).text() + run.text(), run.bold(), run.italic(),
                        run.strikethrough(), run.code(), run.link()));
            } else {
                runs.add(run);
            }
        }

        List<CommentText.Run> runs() {
            return List.copyOf(runs);
        }
    }
}
