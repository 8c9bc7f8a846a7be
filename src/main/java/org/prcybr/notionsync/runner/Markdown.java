package org.prcybr.notionsync.runner;

import java.net.URI;

/** Escaping for GitHub-flavoured markdown built from untrusted text. */
public final class Markdown {
    private Markdown() {
    }

    /** Text that renders literally inside a table cell: no HTML, no cell breaks, no code spans. */
    public static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '|' -> sb.append("&#124;");
                case '`' -> sb.append("&#96;");
                case '\\', '*', '_', '[', ']', '(', ')', '#', '!', '~' -> sb.append('\\').append(c);
                case '\r' -> { }
                case '\n' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A link when the target is a plain http(s) URL, otherwise just the escaped text. */
    public static String link(String text, String url) {
        if (!isSafeUrl(url)) {
            return cell(text);
        }
        return "[" + cell(text) + "](" + url + ")";
    }

    static boolean isSafeUrl(String url) {
        if (url == null || url.isEmpty() || url.length() > 2000) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == '"' || c == '|'
                    || c == '`' || c == '\\' || c == '[' || c == ']' || c > '~') {
                return false;
            }
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return ("https".equals(scheme) || "http".equals(scheme)) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
