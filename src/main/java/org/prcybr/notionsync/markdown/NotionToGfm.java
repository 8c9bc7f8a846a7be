package org.prcybr.notionsync.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * A Notion page's content (Notion-flavoured markdown) as GitHub markdown, where that is simple:
 * paragraphs, headings, lists, to-dos, quotes, code and links pass; Notion's own tags (callouts,
 * columns, mentions, tables as HTML) and images (Notion's file links expire) are left out, and a
 * link GitHub should not carry (javascript:, data:) keeps only its text. Pure.
 */
public final class NotionToGfm {
    private static final List<Extension> EXTENSIONS = List.of(TaskListItemsExtension.create(),
            StrikethroughExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final MarkdownRenderer RENDERER = MarkdownRenderer.builder().extensions(EXTENSIONS).build();

    private NotionToGfm() {
    }

    public static String convert(String notionMarkdown) {
        if (notionMarkdown == null || notionMarkdown.isBlank()) {
            return "";
        }
        Node document = PARSER.parse(notionMarkdown);
        List<Node> remove = new ArrayList<>();
        List<Link> unsafe = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlBlock html) {
                remove.add(html);
            }

            @Override
            public void visit(HtmlInline html) {
                remove.add(html);
            }

            @Override
            public void visit(Image image) {
                remove.add(image);
            }

            @Override
            public void visit(Link link) {
                Optional<String> url = NotionEscapes.safeUrl(link.getDestination(), null);
                if (url.isEmpty()) {
                    unsafe.add(link);
                } else {
                    link.setDestination(url.get());
                }
                visitChildren(link);
            }
        });
        remove.forEach(Node::unlink);
        for (Link link : unsafe) {
            // The text stays; the target does not.
            Node child = link.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                link.insertBefore(child);
                child = next;
            }
            link.unlink();
        }
        String out = RENDERER.render(document).strip();
        return out.isEmpty() ? "" : out + "\n";
    }
}
