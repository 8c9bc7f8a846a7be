package org.prcybr.notionsync.markdown;

import java.util.List;
import java.util.Optional;

/**
 * A GitHub comment as Notion's comments can hold it: inline text only, a list of runs of one style
 * each. The text is plain (nothing in it is read as markup), so only {@link Run#link()} can point
 * anywhere, and it is always a safe absolute URL.
 */
public record CommentText(List<Run> runs) {

    /** Text in one style; {@code link} is empty or an http(s)/mailto URL. */
    public record Run(String text, boolean bold, boolean italic, boolean strikethrough, boolean code,
                      Optional<String> link) {
        public static Run plain(String text) {
            return new Run(text, false, false, false, false, Optional.empty());
        }

        /** The same style: adjacent runs of it can be one. */
        boolean sameStyle(Run o) {
            return bold == o.bold && italic == o.italic && strikethrough == o.strikethrough && code == o.code
                    && link.equals(o.link);
        }
    }

    /** All the text, without styles (for tests and previews). */
    public String plainText() {
        StringBuilder sb = new StringBuilder();
        runs.forEach(r -> sb.append(r.text()));
        return sb.toString();
    }
}
