package org.prcybr.notionsync.markdown;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Escaping for Notion-flavoured markdown, and which link targets may be written at all. */
final class NotionEscapes {
    /** The characters Notion's markdown reads as markup unless escaped with a backslash. */
    private static final String SPECIAL = "\\*~`$[]<>{}|^";
    /**
     * Characters a link target keeps as they are (RFC 3986's unreserved and reserved ones, less
     * brackets and parentheses, which would end a markdown link target early); {@code %} and
     * {@code #} are kept where they mean what they should.
     */
    private static final String URI_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?@!$&'*+,;=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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
            String encoded = percentEncode(trimmed);
            URI uri;
            if (hasScheme(trimmed)) {
                uri = new URI(encoded);
            } else {
                // What is no scheme is a path, as in a browser ("foo):" too), resolved against the repository.
                if (base == null) {
                    return Optional.empty();
                }
                uri = base.resolve(new URI(colonBeforeSlash(encoded) ? "./" + encoded : encoded));
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("mailto")) {
                return Optional.empty();
            }
            String s = uri.toASCIIString();
            return s.length() > InlineText.MAX_CHARS ? Optional.empty() : Optional.of(s);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A URL scheme as the WHATWG URL standard reads one: a letter, then letters, digits, {@code + - .}, then a colon. */
    private static boolean hasScheme(String url) {
        if (url.isEmpty() || !isAsciiLetter(url.charAt(0))) {
            return false;
        }
        for (int i = 1; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return true;
            }
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** A relative path whose first segment holds a colon, which java.net.URI would read as a scheme. */
    private static boolean colonBeforeSlash(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ':') {
                return true;
            }
            if (c == '/' || c == '?' || c == '#') {
                return false;
            }
        }
        return false;
    }

    /**
     * Everything else is percent-encoded as UTF-8, as a browser does: spaces, non-breaking spaces,
     * non-ASCII, a {@code %} that starts no escape, a second {@code #}. Existing escapes stay.
     */
    private static String percentEncode(String url) {
        StringBuilder sb = new StringBuilder();
        boolean fragment = false;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (URI_CHARS.indexOf(c) >= 0
                    || (c == '%' && i + 2 < url.length() && isHex(url.charAt(i + 1)) && isHex(url.charAt(i + 2)))) {
                sb.append(c);
            } else if (c == '#' && !fragment) {
                fragment = true;
                sb.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < url.length() ? i + 2 : i + 1;
                for (byte b : url.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
                i = end - 1;
            }
        }
        return sb.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The repository's URL as the base relative links resolve against, or null when there is none. */
    static java.net.URI repositoryBase(String repositoryUrl) {
        try {
            return repositoryUrl == null || repositoryUrl.isBlank() ? null
                    : java.net.URI.create(repositoryUrl.endsWith("/") ? repositoryUrl : repositoryUrl + "/");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
