package org.prcybr.notionsync.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Records every Notion request the action sends to a test stand-in (MockServer through
 * {@link MockServerExtension}, {@link FakeNotion}), one JSON line each, in
 * {@code <dir>/<TestClass>.jsonl}: {@code {"test","method","path","query","body"}}, the body as the
 * raw text sent. {@code scripts/notion-types} checks them against Notion's SDK types. On only when
 * the system property {@value #DIR_PROPERTY} names a directory (failsafe sets it to
 * {@code target/notion-requests}); a file is emptied the first time this JVM writes to it, so it
 * holds the last run of its class.
 */
public final class NotionCapture {
    public static final String DIR_PROPERTY = "notion.requests.dir";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Path> started = new HashSet<>();

    private final Path file;
    private final String test;

    private NotionCapture(Path file, String test) {
        this.file = file;
        this.test = test;
    }

    /** A capture for requests made by {@code testClass} ({@code test} names the method too), or null when capture is off. */
    public static NotionCapture forTest(String testClass, String test) {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank() || testClass == null) {
            return null;
        }
        String simple = testClass.substring(testClass.lastIndexOf('.') + 1);
        return new NotionCapture(Path.of(dir, simple + ".jsonl"), test);
    }

    /** A capture for the test that is calling (the first caller outside this package), or null. */
    public static NotionCapture forCaller() {
        if (System.getProperty(DIR_PROPERTY) == null) {
            return null;
        }
        StackWalker.StackFrame frame = StackWalker.getInstance()
                .walk(s -> s.filter(f -> !f.getClassName().startsWith(NotionCapture.class.getPackageName() + "."))
                        .filter(f -> f.getClassName().startsWith("org.prcybr."))
                        .findFirst().orElse(null));
        if (frame == null) {
            return null;
        }
        String cls = frame.getClassName().replaceAll("\\$.*", "");
        return forTest(cls, cls.substring(cls.lastIndexOf('.') + 1) + "#" + frame.getMethodName());
    }

    /** Appends one request if it went to Notion's API ({@code /v1/...}). */
    public void record(String method, String path, String query, String body) {
        if (!path.startsWith("/v1/")) {
            return;
        }
        ObjectNode line = JSON.createObjectNode().put("test", test).put("method", method).put("path", path);
        if (query != null && !query.isEmpty()) {
            line.put("query", query);
        }
        if (body != null && !body.isEmpty()) {
            line.put("body", body);
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (started) {
            try {
                if (started.add(file)) {
                    Files.createDirectories(file.getParent());
                    Files.write(file, new byte[0]);
                }
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
