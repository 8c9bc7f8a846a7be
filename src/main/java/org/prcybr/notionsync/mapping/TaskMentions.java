package org.prcybr.notionsync.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * Notion task IDs (such as {@code TASK-42}) mentioned in a title, a branch name or a body. Matching
 * is case-insensitive and on word boundaries; a body's code (spans, blocks) and raw HTML do not
 * count, so a log excerpt or an example never links a task.
 */
public final class TaskMentions {
    /** At most this many tasks are linked from one object. */
    public static final int MAX = 25;
    private static final Parser PARSER = Parser.builder().build();

    private TaskMentions() {
    }

    /** The task numbers mentioned, in order of first mention, at most {@link #MAX}. */
    public static List<Integer> find(String prefix, String title, String branch, String body) {
        if (prefix == null || prefix.isBlank()) {
            return List.of();
        }
        // Plain text is matched here, never markdown: the body's text comes from the parser. In
        // prose a hyphen before the prefix makes another word ("sub-task-2"); in a branch name
        // ("fix-TASK-42") it separates words.
        Pattern inProse = mention(prefix, "-");
        Pattern inBranch = mention(prefix, "");
        Set<Integer> found = new LinkedHashSet<>();
        collect(inProse, title, found);
        collect(inBranch, branch, found);
        for (String text : proseOf(body)) {
            collect(inProse, text, found);
        }
        return List.copyOf(found);
    }

    private static Pattern mention(String prefix, String alsoBefore) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_" + alsoBefore + "])" + Pattern.quote(prefix.strip())
                + "-(\\d{1,9})(?![\\p{L}\\p{N}_])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static void collect(Pattern id, String text, Set<Integer> found) {
        Matcher m = id.matcher(text == null ? "" : text);
        while (m.find() && found.size() < MAX) {
            found.add(Integer.parseInt(m.group(1)));
        }
    }

    /** The body's text outside code and raw HTML, one string per text run. */
    private static List<String> proseOf(String body) {
        List<String> out = new ArrayList<>();
        if (body == null || body.isBlank()) {
            return out;
        }
        PARSER.parse(body).accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.add(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
            }

            @Override
            public void visit(FencedCodeBlock block) {
            }

            @Override
            public void visit(IndentedCodeBlock block) {
            }

            @Override
            public void visit(HtmlInline html) {
            }

            @Override
            public void visit(HtmlBlock html) {
            }
        });
        return out;
    }
}
