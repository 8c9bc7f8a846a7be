package org.prcybr.notionsync.markdown;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One block's rich text as tokens: escaped text, formatting markers and atoms (links, code).
 * Notion refuses a text over 2,000 characters, so {@link #pieces} cuts long text into several
 * blocks' worth, closing open formatting at each cut and reopening it after.
 */
final class InlineText {
    /** Notion's limit on one rich-text run; also kept per markdown line, so any reading holds. */
    static final int MAX_CHARS = 2000;

    private sealed interface Token permits Text, Open, Close, Atom {
    }

    /** Escaped text; {@code units} are the smallest pieces that may be split apart (an escape stays whole). */
    private record Text(List<String> units) implements Token {
    }

    private record Open(String marker) implements Token {
    }

    private record Close(String marker) implements Token {
    }

    private record Atom(String markup) implements Token {
    }

    private final List<Token> tokens = new ArrayList<>();

    /** Literal text: Notion's special characters are escaped, line breaks become spaces. */
    InlineText text(String literal) {
        // Units are words with their following space, so a cut falls between words; a word too
        // long to move whole is cut between characters (never inside an escape or a surrogate pair).
        List<String> units = new ArrayList<>();
        List<String> word = new ArrayList<>();
        literal.codePoints().forEach(cp -> {
            word.add(NotionEscapes.escape(cp));
            if (Character.isWhitespace(cp)) {
                addWord(units, word);
            }
        });
        addWord(units, word);
        if (!units.isEmpty()) {
            tokens.add(new Text(units));
        }
        return this;
    }

    private static void addWord(List<String> units, List<String> word) {
        if (word.size() > 100) {
            units.addAll(word);
        } else if (!word.isEmpty()) {
            units.add(String.join("", word));
        }
        word.clear();
    }

    InlineText open(String marker) {
        tokens.add(new Open(marker));
        return this;
    }

    InlineText close(String marker) {
        tokens.add(new Close(marker));
        return this;
    }

    /** Markup that must not be cut (a link, a code span, a line break); too long ones are the caller's to avoid. */
    InlineText atom(String markup) {
        if (markup.startsWith("[")) {
            escapeTrailingExclamationMark();
        }
        tokens.add(new Atom(markup));
        return this;
    }

    /** A literal {@code !} just before a link would turn it into an image: it gets a backslash. */
    private void escapeTrailingExclamationMark() {
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1) instanceof Text last) {
            List<String> units = new ArrayList<>(last.units());
            String unit = units.get(units.size() - 1);
            if (unit.endsWith("!")) {
                units.set(units.size() - 1, unit.substring(0, unit.length() - 1) + "\\!");
                tokens.set(tokens.size() - 1, new Text(units));
            }
        }
    }

    boolean isBlank() {
        return render().isBlank();
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (t instanceof Text x) {
                x.units().forEach(sb::append);
            } else {
                sb.append(markup(t));
            }
        }
        return sb.toString().strip();
    }

    /** The text cut into pieces of at most {@code max} characters, each with balanced formatting. */
    List<String> pieces(int max) {
        String whole = render();
        if (whole.length() <= max) {
            return whole.isEmpty() ? List.of() : List.of(whole);
        }
        List<String> out = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>();
        StringBuilder piece = new StringBuilder();
        for (Token t : tokens) {
            if (t instanceof Open o) {
                flushIfFull(out, piece, open, o.marker().length() * 2, max);
                piece.append(o.marker());
                open.push(o.marker());
            } else if (t instanceof Close c) {
                piece.append(c.marker());
                open.remove(c.marker());
            } else if (t instanceof Atom a) {
                flushIfFull(out, piece, open, a.markup().length(), max);
                piece.append(a.markup());
            } else if (t instanceof Text x) {
                for (String unit : x.units()) {
                    flushIfFull(out, piece, open, unit.length(), max);
                    piece.append(unit);
                }
            }
        }
        String last = piece.toString().strip();
        if (!last.isEmpty() && !isOnlyMarkers(last, open)) {
            out.add(last);
        }
        return out;
    }

    private static String markup(Token t) {
        if (t instanceof Open o) {
            return o.marker();
        }
        if (t instanceof Close c) {
            return c.marker();
        }
        return ((Atom) t).markup();
    }

    /** Ends the piece, closing open markers, when {@code extra} more characters would not fit. */
    private static void flushIfFull(List<String> out, StringBuilder piece, Deque<String> open, int extra, int max) {
        int closing = open.stream().mapToInt(String::length).sum();
        if (piece.length() + extra + closing <= max) {
            return;
        }
        open.forEach(piece::append);
        String done = piece.toString().strip();
        if (!done.isEmpty()) {
            out.add(done);
        }
        piece.setLength(0);
        // Reopen outermost first, so nesting stays as it was.
        List<String> reopen = new ArrayList<>(open);
        for (int i = reopen.size() - 1; i >= 0; i--) {
            piece.append(reopen.get(i));
        }
    }

    private static boolean isOnlyMarkers(String s, Deque<String> open) {
        String rest = s;
        for (String m : open) {
            rest = rest.replace(m, "");
        }
        return rest.isBlank();
    }
}
