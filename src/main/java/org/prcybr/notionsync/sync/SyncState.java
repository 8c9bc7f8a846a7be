package org.prcybr.notionsync.sync;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A page's snapshot of what the action last wrote for each tracked field, kept in its Sync State
 * property: {@code sync1;status=1a2b3c4d;labels=…}. Values are short hashes of the canonical
 * value (never the value: a title can be long), enough to tell "changed since" from "not".
 * Anything else in the property (a person's edit, an older format) reads as no snapshot.
 */
public final class SyncState {
    private static final String PREFIX = "sync1";
    /**
     * Marks a page that holds a Notion value kept over GitHub's (a change the pull still has to
     * carry), so a pull can ask Notion for such pages even when the integration edited them last.
     */
    public static final String PENDING = "pending";

    private final Map<String, String> hashes;
    private final boolean pending;

    private SyncState(Map<String, String> hashes, boolean pending) {
        this.hashes = hashes;
        this.pending = pending;
    }

    public static SyncState empty() {
        return new SyncState(new LinkedHashMap<>(), false);
    }

    /** Whether the page holds a Notion value kept over GitHub's. */
    public boolean pending() {
        return pending;
    }

    public SyncState withPending(boolean pending) {
        return new SyncState(hashes, pending);
    }

    public static SyncState parse(String text) {
        Map<String, String> hashes = new LinkedHashMap<>();
        String[] parts = text == null ? new String[0] : text.strip().split(";");
        if (parts.length == 0 || !parts[0].equals(PREFIX)) {
            return empty();
        }
        boolean pending = false;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals(PENDING)) {
                pending = true;
                continue;
            }
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                return empty();
            }
            hashes.put(URLDecoder.decode(parts[i].substring(0, eq), StandardCharsets.UTF_8), parts[i].substring(eq + 1));
        }
        return new SyncState(hashes, pending);
    }

    public Optional<String> hash(String key) {
        return Optional.ofNullable(hashes.get(key));
    }

    public java.util.Set<String> keys() {
        return hashes.keySet();
    }

    public SyncState with(String key, String hash) {
        Map<String, String> copy = new LinkedHashMap<>(hashes);
        copy.put(key, hash);
        return new SyncState(copy, pending);
    }

    public String text() {
        StringBuilder sb = new StringBuilder(PREFIX);
        hashes.forEach((k, v) -> sb.append(';').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(v));
        return pending ? sb.append(';').append(PENDING).toString() : sb.toString();
    }

    /**
     * The value's CRC-32, 8 hexadecimal digits: it only has to tell "changed since" from "not" (a
     * change hidden by a collision is a 1 in 4 billion chance), and it needs no security provider,
     * whose loading a live event would pay for.
     */
    public static String hashOf(String canonical) {
        CRC32 crc = new CRC32();
        crc.update(canonical.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
