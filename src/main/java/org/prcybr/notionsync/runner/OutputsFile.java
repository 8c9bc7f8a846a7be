package org.prcybr.notionsync.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Step outputs through the {@code GITHUB_OUTPUT} file command, always in the heredoc form with a
 * random delimiter (toolkit {@code prepareKeyValueMessage}), so no value can forge another output.
 */
public final class OutputsFile {
    private final Path file;

    public OutputsFile(Path file) {
        this.file = file;
    }

    public void set(String name, String value) throws IOException {
        Files.writeString(file, format(name, value), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String format(String name, String value) {
        String delimiter = "ghadelimiter_" + UUID.randomUUID();
        String v = value == null ? "" : value;
        if (name.contains(delimiter) || v.contains(delimiter)) {
            throw new IllegalArgumentException("Output " + name + " contains the delimiter and was refused.");
        }
        return name + "<<" + delimiter + "\n" + v + "\n" + delimiter + "\n";
    }
}
