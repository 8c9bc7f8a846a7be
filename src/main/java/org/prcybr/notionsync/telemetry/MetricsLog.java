package org.prcybr.notionsync.telemetry;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends one JSON line per run to the metrics file, creating its folder. */
public final class MetricsLog {
    private MetricsLog() {
    }

    public static void append(JsonMapper json, Path file, MetricsRecord record) throws IOException {
        String line = json.writeValueAsString(record);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // One write of one line with O_APPEND, so concurrent runs on one runner do not interleave.
        Files.write(file, (line + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
