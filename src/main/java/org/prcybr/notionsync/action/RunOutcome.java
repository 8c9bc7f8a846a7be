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
    /** Retries of both APIs; GitHub's share is {@link #githubRetries}. */
    int retries;
    int githubRetries;
    int notionRequests;
    int githubRequests;
    boolean dryRun;
    long latencyMs;
    /** Redacted when added (see {@link #warn}), so the summary and the annotations show the same text. */
    final List<String> warnings = new ArrayList<>();
    /** A dry run's page, property by property. */
    final List<PreviewLine> preview = new ArrayList<>();
    /** Outputs of the backfill and setup modes, after the common ones. */
    final Map<String, String> extraOutputs = new LinkedHashMap<>();
    /** Further summary sections (tables, commands to copy), written after the main table. */
    final List<java.util.function.Consumer<StepSummary>> summarySections = new ArrayList<>();

    /** The secrets that must never be printed (both tokens), to redact them from messages. */
    List<String> secrets = List.of();

    /** One property (or the database, the action, the content) a dry run would write. */
    record PreviewLine(String label, String value) {
    }

    String safeMessage() {
        return Redaction.of(message, secrets);
    }

    void warn(String warning) {
        warnings.add(Redaction.of(warning, secrets));
    }

    boolean isError() {
        return "error".equals(status);
    }
}
