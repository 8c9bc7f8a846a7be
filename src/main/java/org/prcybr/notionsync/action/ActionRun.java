package org.prcybr.notionsync.action;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.prcybr.notionsync.config.InputException;
import org.prcybr.notionsync.startup.ContextFactory;
import org.prcybr.notionsync.config.SettingsReader;
import org.prcybr.notionsync.config.SyncSettings;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.runner.RunnerContext;
import org.prcybr.notionsync.runner.WorkflowCommands;
import org.prcybr.notionsync.sync.NotionErrors;
import org.prcybr.notionsync.telemetry.MetricsLog;
import org.prcybr.notionsync.telemetry.MetricsRecord;
import org.prcybr.notionsync.telemetry.PerformanceLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the action: validate inputs, hand the run to its mode's use case (sync the event,
 * backfill, setup), then report (outputs, summary, metrics, annotations). Every failure ends as one
 * sentence in {@code status=error}.
 */
public final class ActionRun {
    private static final Logger LOG = LoggerFactory.getLogger(ActionRun.class);

    private final RunnerContext runner;
    private final PrintStream out;
    private final long startNanos;

    public ActionRun(RunnerContext runner, PrintStream out, long startNanos) {
        this.runner = runner;
        this.out = out;
        this.startNanos = startNanos;
    }

    /** Runs the action and returns the process exit code. */
    public int execute() {
        WorkflowCommands commands = new WorkflowCommands(out);
        // The mask comes first, before anything could echo the secrets.
        String token = runner.input(Input.NOTION_TOKEN);
        commands.addMask(token);
        commands.addMask(runner.input(Input.GITHUB_TOKEN));
        // Nothing printed from here on is run as a workflow command, whatever payload text it quotes.
        commands.stopCommands();

        RunOutcome outcome = new RunOutcome();
        outcome.eventType = runner.eventName();
        outcome.secrets = java.util.List.of(token, runner.input(Input.GITHUB_TOKEN));
        SyncSettings settings = null;
        ApplicationContext ctx = null;
        boolean inputError = false;
        try {
            settings = SettingsReader.read(runner);
            outcome.dryRun = settings.dryRun();
            // Each mode is a use case of its own; backfill and setup need no event file.
            byte[] event = settings.mode() == SyncSettings.Mode.SYNC ? readEventFile() : null;
            // Micronaut starts only once the inputs and the event file have been checked.
            ctx = ContextFactory.start(settings);
            switch (settings.mode()) {
                case SYNC -> new SyncEvent(runner).run(ctx, event, settings, outcome);
                case BACKFILL -> new BackfillRun().run(ctx, settings, outcome);
                case SETUP -> new SetupRun().run(ctx, settings, outcome);
                case PULL -> new PullRun().run(ctx, settings, outcome);
            }
        } catch (InputException e) {
            inputError = true;
            outcome.status = "error";
            outcome.message = e.getMessage();
        } catch (RuntimeException e) {
            outcome.status = "error";
            outcome.message = "Unexpected failure (" + e.getClass().getSimpleName() + "): re-run with debug "
                    + "logging (RUNNER_DEBUG=1) for details, and report it if it persists.";
            if (runner.debug()) {
                e.printStackTrace(out);
            }
        }
        finish(outcome);
        if (ctx != null && !inputError && settings.mode() == SyncSettings.Mode.SYNC) {
            forwardToPerformanceLog(ctx, settings, outcome);
        }
        writeMetrics(ctx, settings, outcome);
        if (ctx != null) {
            ctx.close();
        }

        boolean failOnError = settings == null || settings.failOnError();
        new Report(runner).write(outcome);
        commands.resumeCommands();
        for (String warning : outcome.warnings) {
            commands.warning(warning);
        }
        if (outcome.isError()) {
            commands.error(outcome.safeMessage());
            return failOnError ? 1 : 0;
        }
        return 0;
    }

    private byte[] readEventFile() throws InputException {
        String path = runner.eventPath();
        if (path.isEmpty()) {
            throw new InputException("GITHUB_EVENT_PATH is not set: run the action from a workflow, or pass "
                    + "--event-path with a webhook payload file when running it locally.");
        }
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (NoSuchFileException e) {
            throw new InputException("The event file " + path + " does not exist: check GITHUB_EVENT_PATH or --event-path.");
        } catch (IOException | RuntimeException e) {
            String why = Files.isDirectory(Path.of(path)) ? "it is a directory" : "permission denied or I/O failure";
            throw new InputException("The event file " + path + " cannot be read (" + why
                    + "): point GITHUB_EVENT_PATH or --event-path at a readable JSON file.");
        }
    }

    private void finish(RunOutcome outcome) {
        outcome.latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
    }

    private void forwardToPerformanceLog(ApplicationContext ctx, SyncSettings settings, RunOutcome outcome) {
        Optional<String> db = settings.databaseId(Input.NOTION_PERFORMANCE_LOG_DB_ID);
        if (db.isEmpty() || settings.dryRun()) {
            return;
        }
        try {
            ctx.getBean(PerformanceLog.class).forward(db.get(), record(outcome));
        } catch (RuntimeException e) {
            String why = e instanceof NotionApiException n
                    ? NotionErrors.explain(n, db.get(), Input.NOTION_PERFORMANCE_LOG_DB_ID.id(),
                    settings.mapping()) : e.getMessage();
            outcome.warn("The run summary was not forwarded to the performance-log database: " + why);
        }
    }

    /**
     * Appends the run's metrics line. Input errors may stop before settings or the context exist;
     * the line is still written where the metrics-file input allows.
     */
    private void writeMetrics(ApplicationContext ctx, SyncSettings settings, RunOutcome outcome) {
        Optional<Path> file = settings != null ? Optional.of(settings.metricsFile()) : SettingsReader.metricsPath(runner);
        if (file.isEmpty()) {
            return;
        }
        try {
            JsonMapper json = ctx != null ? ctx.getBean(JsonMapper.class) : JsonMapper.createDefault();
            MetricsLog.append(json, file.get(), record(outcome));
        } catch (IOException | RuntimeException e) {
            outcome.warn("The metrics file " + file.get() + " could not be written (" + e.getClass().getSimpleName()
                    + "): check the metrics-file input.");
        }
    }

    private static MetricsRecord record(RunOutcome o) {
        return MetricsRecord.of(o.eventType.isEmpty() ? "unknown" : o.eventType, o.status, o.latencyMs,
                o.databaseId, o.pageId, o.isError() ? o.safeMessage() : "");
    }
}
