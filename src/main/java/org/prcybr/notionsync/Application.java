package org.prcybr.notionsync;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.prcybr.notionsync.action.ActionRun;
import org.prcybr.notionsync.startup.StartupWarmUp;
import org.slf4j.LoggerFactory;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.runner.LogSetup;
import org.prcybr.notionsync.runner.RunnerContext;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Entry point. On GitHub the runner passes everything through the environment; locally, options
 * mirror each input ({@code --notion-token}, {@code --dry-run}, …) and the runner variables
 * ({@code --event-name}, {@code --event-path}, …), and override the environment.
 */
public final class Application {
    /** CLI options that stand for runner environment variables. */
    private static final Map<String, String> RUNNER_OPTIONS = Map.of(
            "--event-name", "GITHUB_EVENT_NAME",
            "--event-path", "GITHUB_EVENT_PATH",
            "--workspace", "GITHUB_WORKSPACE",
            "--output-file", "GITHUB_OUTPUT",
            "--summary-file", "GITHUB_STEP_SUMMARY",
            "--run-id", "GITHUB_RUN_ID");

    /** Extra help for a runner option, after "Overrides VARIABLE.". */
    private static final Map<String, String> RUNNER_OPTION_NOTES = Map.of(
            "--run-id", "A workflow_dispatch page is keyed by the run id.");

    /** Help width: the longest option with its label fits, and descriptions keep a readable column. */
    private static final int USAGE_WIDTH = 100;
    private static final int LONG_OPTIONS_MAX_WIDTH = 44;

    private Application() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        int code = run(args, System.getenv(), System.out, start);
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, long startNanos) {
        // The runner starts the container with no arguments: skip the command-line parser then.
        Options options = args.length == 0 ? new Options(new HashMap<>(env), null) : withOptions(args, env, out);
        if (options.exitCode() != null) {
            return options.exitCode();
        }
        RunnerContext runner = new RunnerContext(options.env());
        // Read by LogSetup; must be set before the first logger is created. Logging is then set up
        // here, before the warm-up thread starts: a library class it loads would otherwise create
        // the first logger, at an undetermined level and racing this thread (SLF4J's warning).
        System.setProperty(LogSetup.LEVEL_PROPERTY, runner.debug() ? "DEBUG" : "INFO");
        LoggerFactory.getILoggerFactory();
        StartupWarmUp.startInBackground();
        return new ActionRun(runner, out, startNanos).execute();
    }

    /** The environment with command-line options applied, or the exit code when --help or a usage error ended the run. */
    private record Options(Map<String, String> env, Integer exitCode) {
    }

    private static Options withOptions(String[] args, Map<String, String> env, PrintStream out) {
        // Colours only on a terminal (picocli's AUTO): redirected output is plain text.
        CommandLine cli = new CommandLine(commandSpec()).setColorScheme(CommandLine.Help.defaultColorScheme(
                CommandLine.Help.Ansi.AUTO));
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            out.println("ERROR " + e.getMessage());
            cli.usage(out);
            return new Options(env, 2);
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return new Options(env, 0);
        }
        Map<String, String> merged = new HashMap<>(env);
        for (Input input : Input.values()) {
            if (parsed.hasMatchedOption("--" + input.id())) {
                merged.put(input.envName(), parsed.matchedOptionValue("--" + input.id(), ""));
            }
        }
        RUNNER_OPTIONS.forEach((option, variable) -> {
            if (parsed.hasMatchedOption(option)) {
                merged.put(variable, parsed.matchedOptionValue(option, ""));
            }
        });
        return new Options(merged, null);
    }

    static CommandSpec commandSpec() {
        CommandSpec spec = CommandSpec.create().name("notion-sync-action").mixinStandardHelpOptions(true);
        spec.version("notion-sync-action 1");
        spec.usageMessage().description("Mirror one GitHub event into Notion, as the GitHub Action does.",
                "Inputs come from INPUT_* environment variables; these options override them.")
                .width(USAGE_WIDTH).longOptionsMaxWidth(LONG_OPTIONS_MAX_WIDTH);
        for (Input input : Input.values()) {
            OptionSpec.Builder option = OptionSpec.builder("--" + input.id()).type(String.class)
                    .description(descriptionLines(input.description()));
            if (input == Input.DRY_RUN || input == Input.FAIL_ON_ERROR) {
                option.arity("0..1").fallbackValue("true").paramLabel("true|false");
            } else {
                option.paramLabel("VALUE");
            }
            spec.addOption(option.build());
        }
        RUNNER_OPTIONS.forEach((option, variable) -> spec.addOption(OptionSpec.builder(option).type(String.class)
                .paramLabel("VALUE").description(("Overrides " + variable + ". "
                        + RUNNER_OPTION_NOTES.getOrDefault(option, "")).strip()).build()));
        return spec;
    }

    /**
     * A description as help lines: a URL goes on a line of its own, so the help never breaks it
     * (picocli wraps at punctuation too) and it can be copied whole. Lines are picocli format
     * strings, so a literal {@code %} is doubled.
     */
    static String[] descriptionLines(String description) {
        String text = description.replace("%", "%%");
        int url = text.indexOf("https://");
        if (url <= 0) {
            return new String[] {text};
        }
        return new String[] {text.substring(0, url).strip(), text.substring(url).strip()};
    }
}
