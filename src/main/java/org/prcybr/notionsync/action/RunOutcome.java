package org.prcybr.notionsync.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanRegistration;
import org.prcybr.notionsync.github.GitHubClient;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.retry.Retrier;
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

    /**
     * Requests and retries of the API clients this run created; one never created sent nothing (and
     * is not created here: an event that needs no GitHub never starts its client).
     */
    void countRequests(ApplicationContext ctx) {
        active(ctx, NotionClient.class).ifPresent(n -> notionRequests = n.requests());
        active(ctx, GitHubClient.class).ifPresent(g -> githubRequests = g.requests());
        active(ctx, Retrier.class).ifPresent(r -> {
            retries = r.retries();
            githubRetries = r.retries(Retrier.Service.GITHUB);
        });
    }

    private static <T> java.util.Optional<T> active(ApplicationContext ctx, Class<T> type) {
        return ctx.getActiveBeanRegistrations(type).stream().findFirst().map(BeanRegistration::bean);
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
