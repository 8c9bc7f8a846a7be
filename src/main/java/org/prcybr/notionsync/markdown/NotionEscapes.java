package org.prcybr.notionsync.markdown;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Escaping for Notion-flavoured markdown, and which link targets may be written at all. */
final class NotionEscapes {
    /** The characters Notion's markdown reads as markup unless escaped with a backslash. */
    private static final String SPECIAL = "\\*~`$[]<>{}|^";

    private NotionEscapes() {
    }

    static String escape(int codePoint) {
        if (codePoint == '\n' || codePoint == '\r' || codePoint == '\t') {
            return " ";
        }
        if (Character.isISOControl(codePoint)) {
            return "";
        }
        String s = new String(Character.toChars(codePoint));
        return SPECIAL.indexOf(codePoint) >= 0 ? "\\" + s : s;
    }

    static String escapeAll(String literal) {
        StringBuilder sb = new StringBuilder();
        literal.codePoints().forEach(cp -> sb.append(escape(cp)));
        return sb.toString();
    }

    /**
     * Text at the start of a line that markdown would read as a block marker ({@code #}, {@code -},
     * {@code +}, {@code 1.}, {@code >} is already escaped) gets a backslash, so it stays text.
     */
    static String guardLineStart(String line) {
        if (line.isEmpty()) {
            return line;
        }
        char c = line.charAt(0);
        if (c == '#' || c == '-' || c == '+' || c == '=' || c == '_') {
            return "\\" + line;
        }
        int i = 0;
        while (i < line.length() && i < 10 && Character.isDigit(line.charAt(i))) {
            i++;
        }
        if (i > 0 && i < line.length() && (line.charAt(i) == '.' || line.charAt(i) == ')')) {
            return line.substring(0, i) + "\\" + line.substring(i);
        }
        return line;
    }

    /**
     * A link target that is safe to write: http(s) or mailto, relative ones made absolute against
     * {@code base}; anything else ({@code javascript:}, {@code data:}, {@code vbscript:}, unparseable) is empty.
     */
    static Optional<String> safeUrl(String raw, URI base) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        // Browsers ignore control characters and whitespace inside schemes ("java\tscript:"), so must we.
        StringBuilder compact = new StringBuilder();
        trimmed.codePoints().filter(cp -> cp > 0x20 && cp != 0x7f).forEach(compact::appendCodePoint);
        String lower = compact.toString().toLowerCase(Locale.ROOT);
        if (lower.startsWith("javascript:") || lower.startsWith("data:") || lower.startsWith("vbscript:")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(percentEncodeUnsafe(trimmed));
            if (!uri.isAbsolute()) {
                if (base == null) {
                    return Optional.empty();
                }
                uri = base.resolve(uri);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("mailto")) {
                return Optional.empty();
            }
            String s = uri.toASCIIString();
            return s.length() > InlineText.MAX_CHARS ? Optional.empty() : Optional.of(s);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Spaces, brackets and parentheses would end a markdown link target early: percent-encode them. */
    private static String percentEncodeUnsafe(String url) {
        StringBuilder sb = new StringBuilder();
        for (char c : url.toCharArray()) {
            switch (c) {
                case ' ' -> sb.append("%20");
                case '(' -> sb.append("%28");
                case ')' -> sb.append("%29");
                case '<' -> sb.append("%3C");
                case '>' -> sb.append("%3E");
                case '"' -> sb.append("%22");
                case '\\' -> sb.append("%5C");
                case '|' -> sb.append("%7C");
                case '^' -> sb.append("%5E");
                case '`' -> sb.append("%60");
                case '{' -> sb.append("%7B");
                case '}' -> sb.append("%7D");
                case '[' -> sb.append("%5B");
                case ']' -> sb.append("%5D");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
