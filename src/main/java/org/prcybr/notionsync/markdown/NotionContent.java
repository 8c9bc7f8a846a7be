package org.prcybr.notionsync.markdown;

import java.util.ArrayList;
import java.util.List;
import org.prcybr.notionsync.markdown.GfmToNotion.Rendered;

/**
 * A page's content as Notion-flavoured markdown, cut into request-sized chunks at top-level block
 * boundaries: one request holds at most 1,000 blocks and 500 KB, so a long body is written as a
 * first chunk (with the create or the replace) and appended in the rest.
 */
public record NotionContent(List<String> chunks, int blocks) {
    public static final NotionContent EMPTY = new NotionContent(List.of(), 0);
    /** Below Notion's 1,000 blocks per request, with room for blocks its parser may count differently. */
    static final int MAX_BLOCKS_PER_CHUNK = 800;
    /** Characters, so that even doubled by JSON escaping and multi-byte UTF-8 a chunk stays under 500 KB. */
    static final int MAX_CHARS_PER_CHUNK = 100_000;
    /** Lines too, for a reading that counts each line of a code block or table as a block. */
    static final int MAX_LINES_PER_CHUNK = 900;

    static NotionContent of(List<Rendered> blocks) {
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int inChunk = 0;
        int lines = 0;
        int total = 0;
        for (Rendered r : blocks) {
            String text = String.join("\n", r.lines());
            if (chunk.length() > 0 && (inChunk + r.blocks() > MAX_BLOCKS_PER_CHUNK
                    || lines + r.lines().size() > MAX_LINES_PER_CHUNK
                    || chunk.length() + 2 + text.length() > MAX_CHARS_PER_CHUNK)) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
                inChunk = 0;
                lines = 0;
            }
            lines += r.lines().size();
            if (chunk.length() > 0) {
                chunk.append("\n\n");
            }
            chunk.append(text);
            inChunk += r.blocks();
            total += r.blocks();
        }
        if (chunk.length() > 0) {
            chunks.add(chunk.toString());
        }
        return new NotionContent(List.copyOf(chunks), total);
    }

    public boolean isEmpty() {
        return chunks.isEmpty();
    }

    /** The whole content as one string (for previews and tests). */
    public String markdown() {
        return String.join("\n\n", chunks);
    }

    /** The first {@code n} lines, for the dry run's preview. */
    public List<String> firstLines(int n) {
        return markdown().lines().limit(n).toList();
    }
}
