package org.prcybr.notionsync.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the runner's file commands back the way the runner does (FileCommandManager). */
public final class RunnerFiles {
    private RunnerFiles() {
    }

    /**
     * Parses a GITHUB_OUTPUT file: {@code name=value} lines and {@code name<<DELIM} heredocs.
     * Fails like the runner on a heredoc that never ends or a line that is neither form.
     */
    public static Map<String, String> parseOutputs(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            int heredoc = line.indexOf("<<");
            if (heredoc >= 0 && (eq < 0 || heredoc < eq)) {
                String name = line.substring(0, heredoc);
                String delimiter = line.substring(heredoc + 2);
                List<String> value = new java.util.ArrayList<>();
                boolean closed = false;
                for (i = i + 1; i < lines.size(); i++) {
                    if (lines.get(i).equals(delimiter)) {
                        closed = true;
                        break;
                    }
                    value.add(lines.get(i));
                }
                if (!closed) {
                    throw new IllegalStateException("Matching delimiter not found '" + delimiter + "'");
                }
                out.put(name, String.join("\n", value));
            } else if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            } else {
                throw new IllegalStateException("Invalid format '" + line + "'");
            }
        }
        return out;
    }
}
