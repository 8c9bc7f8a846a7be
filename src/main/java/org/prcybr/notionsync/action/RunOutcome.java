package org.prcybr.notionsync.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prcybr.notionsync.runner.StepSummary;

/** Everything the step reports about one run: outputs, summary, metrics and annotations. */
final class RunOutcome {
    String status = "error";
    String operation = "none";
    String eventType = "";
    String category = "";
    String databaseId = "";
    String databaseInput = "";
    String pageId = "";
    String pageUrl = "";
    String externalId = "";
    String title = "";
    String sourceUrl = "";
    /** The error, or the reason for a skip. Never payload text. */
    String message = "";
    int retries;
    int notionRequests;
    boolean dryRun;
    long latencyMs;
    /** Redacted when added (see {@link #warn}), so the summary and the annotations show the same text. */
    final List<String> warnings = new ArrayList<>();
    final List<String> preview = new ArrayList<>();
    /** Outputs of the backfill and setup modes, after the common ones. */
    final Map<String, String> extraOutputs = new LinkedHashMap<>();
    /** Further summary sections (tables, commands to copy), written after the main table. */
    final List<java.util.function.Consumer<StepSummary>> summarySections = new ArrayList<>();

    /** The secret that must never be printed, to redact it from messages. */
    String secret = "";

    String safeMessage() {
        return Redaction.of(message, secret);
    }

    void warn(String warning) {
        warnings.add(Redaction.of(warning, secret));
    }

    boolean isError() {
        return "error".equals(status);
    }
}
