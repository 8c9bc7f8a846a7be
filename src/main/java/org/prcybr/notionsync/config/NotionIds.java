package org.prcybr.notionsync.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Notion IDs as users paste them: 32 hex digits, dashed UUIDs, or a notion.so / notion.site URL. */
public final class NotionIds {
    private static final Pattern PLAIN = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern DASHED =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern URL_TAIL = Pattern.compile(
            "([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$");

    private NotionIds() {
    }

    /** The ID in canonical dashed lower-case form, or empty when the text is not a Notion ID. */
    public static Optional<String> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (PLAIN.matcher(s).matches() || DASHED.matcher(s).matches()) {
            return Optional.of(canonical(s));
        }
        if (s.startsWith("https://") || s.startsWith("http://")) {
            return fromUrl(s);
        }
        return Optional.empty();
    }

    private static Optional<String> fromUrl(String s) {
        try {
            URI uri = new URI(s);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (!(host.equals("notion.so") || host.endsWith(".notion.so")
                    || host.equals("notion.site") || host.endsWith(".notion.site"))) {
                return Optional.empty();
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            Matcher m = URL_TAIL.matcher(last);
            return m.find() ? Optional.of(canonical(m.group(1))) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Whether two Notion IDs are the same: compared without dashes and case, as users and Notion write them differently. */
    public static boolean same(String a, String b) {
        return a != null && b != null && a.replace("-", "").equalsIgnoreCase(b.replace("-", ""));
    }

    private static String canonical(String id) {
        String hex = id.replace("-", "").toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
