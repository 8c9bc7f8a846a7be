package org.prcybr.notionsync.runner;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the GitHub runner hands a Docker action: the environment, with command-line overrides for
 * local runs. Inputs that are absent read as empty, as {@code core.getInput} does.
 */
public final class RunnerContext {
    private final Map<String, String> env;

    public RunnerContext(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public String input(Input input) {
        String v = env.get(input.envName());
        if (v == null) {
            // Local runs without the runner's INPUT_ variables fall back to the declared default,
            // except for expressions only the runner can expand.
            return input.defaultValue().startsWith("${{") ? "" : input.defaultValue();
        }
        return v.trim();
    }

    public String env(String name) {
        String v = env.get(name);
        return v == null ? "" : v;
    }

    public String eventName() {
        return env("GITHUB_EVENT_NAME");
    }

    public String eventPath() {
        return env("GITHUB_EVENT_PATH");
    }

    public Path workspace() {
        String ws = env("GITHUB_WORKSPACE");
        return Path.of(ws.isEmpty() ? "." : ws);
    }

    public String outputFile() {
        return env("GITHUB_OUTPUT");
    }

    public String summaryFile() {
        return env("GITHUB_STEP_SUMMARY");
    }

    public boolean debug() {
        return "1".equals(env("RUNNER_DEBUG")) || "true".equalsIgnoreCase(env("RUNNER_DEBUG"));
    }
}
