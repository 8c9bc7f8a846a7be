package org.prcybr.notionsync.action;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prcybr.notionsync.runner.OutputsFile;
import org.prcybr.notionsync.runner.RunnerContext;
import org.prcybr.notionsync.runner.StepSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a run's outcome as step outputs and a job summary. Payload text never becomes an output. */
final class Report {
    private static final Logger LOG = LoggerFactory.getLogger(Report.class);
    private final RunnerContext runner;

    Report(RunnerContext runner) {
        this.runner = runner;
    }

    void write(RunOutcome o) {
        writeOutputs(o);
        writeSummary(o);
    }

    static Map<String, String> outputs(RunOutcome o) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("status", o.status);
        m.put("latency-ms", Long.toString(o.latencyMs));
        m.put("operation", o.operation);
        m.put("page-id", o.pageId);
        m.put("page-url", o.pageUrl);
        m.put("database-id", o.databaseId);
        m.put("category", o.category);
        m.put("external-id", o.externalId);
        m.put("retries", Integer.toString(o.retries));
        m.putAll(o.extraOutputs);
        return m;
    }

    private void writeOutputs(RunOutcome o) {
        Map<String, String> outputs = outputs(o);
        String file = runner.outputFile();
        if (file.isEmpty()) {
            outputs.forEach((k, v) -> LOG.info("Output {}: {}", k, v));
            return;
        }
        try {
            OutputsFile outputsFile = new OutputsFile(Path.of(file));
            for (Map.Entry<String, String> e : outputs.entrySet()) {
                outputsFile.set(e.getKey(), e.getValue());
            }
        } catch (IOException | RuntimeException e) {
            o.warn("The step outputs could not be written to GITHUB_OUTPUT (" + e.getClass().getSimpleName() + ").");
        }
    }

    private void writeSummary(RunOutcome o) {
        String file = runner.summaryFile();
        if (file.isEmpty()) {
            return;
        }
        StepSummary summary = new StepSummary("Notion sync: " + o.status + (o.dryRun ? " (dry run)" : ""))
                .row("Event", o.eventType)
                .row("Category", o.category)
                .row("Database", o.databaseId.isEmpty() ? "" : o.databaseId + " (" + o.databaseInput + ")")
                .row("Operation", o.operation)
                .linkRow("Page", o.pageUrl.isEmpty() ? o.pageId : "Open in Notion", o.pageUrl)
                .linkRow("Source", o.title, o.sourceUrl)
                .row("Status", o.status)
                .row("Latency", o.latencyMs + " ms")
                .row("Retries", o.retries + (o.githubRetries > 0 ? " (GitHub " + o.githubRetries + ", Notion "
                        + (o.retries - o.githubRetries) + ")" : ""))
                .row("Notion requests", Integer.toString(o.notionRequests));
        if (o.githubRequests > 0) {
            summary.row("GitHub requests", Integer.toString(o.githubRequests));
        }
        for (RunOutcome.PreviewLine line : o.preview) {
            summary.row("Would write " + line.label(), line.value());
        }
        if (!o.message.isEmpty()) {
            summary.note((o.isError() ? "Error: " : "") + o.safeMessage());
        }
        for (String w : o.warnings) {
            summary.note("Warning: " + w);
        }
        o.summarySections.forEach(section -> section.accept(summary));
        try {
            summary.appendTo(Path.of(file));
        } catch (IOException | RuntimeException e) {
            o.warn("The job summary could not be written (" + e.getClass().getSimpleName() + ").");
        }
    }
}
