package org.prcybr.notionsync.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.prcybr.notionsync.runner.Input;

/**
 * Runs the built jar as a separate process the way GitHub's runner runs the container: every
 * declared input as INPUT_* (hyphens kept, defaults filled in), the GITHUB_* variables, and real
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files in a temporary workspace.
 */
public final class ActionProcess {
    public static final Path JAR = Path.of("target", "notion-sync-action.jar").toAbsolutePath();
    public static final String TOKEN = "secret_TESTtoken0123456789abcdefABCDEF";
    /**
     * The JVM flags the image starts the jar with (src/main/docker/java-flags: C1 only, serial GC,
     * Netty's settings), as far as this JDK knows them: the image runs Java 25, the tests the
     * machine's JDK. They also make each of the tests' many starts cheaper.
     */
    static final List<String> IMAGE_JVM_FLAGS = imageJvmFlags();

    private static List<String> imageJvmFlags() {
        List<String> flags = new ArrayList<>();
        // Flags of a newer JDK (-XX:-AOTReplayTraining) are skipped, not fatal, on an older one.
        flags.add("-XX:+IgnoreUnrecognizedVMOptions");
        try {
            for (String line : Files.readAllLines(Path.of("src/main/docker/java-flags"))) {
                String flag = line.replaceAll("#.*", "").trim();
                // A launcher option, not a VM one: Java 23 and later only.
                boolean launcherOnlyOnNewer = flag.startsWith("--sun-misc-unsafe-memory-access")
                        && Runtime.version().feature() < 23;
                if (!flag.isEmpty() && !launcherOnlyOnNewer) {
                    flags.add(flag);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.copyOf(flags);
    }

    private final Path workspace;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>(IMAGE_JVM_FLAGS);
    private long timeoutSeconds = 180;

    public ActionProcess(Path workspace) {
        this.workspace = workspace;
        for (Input input : Input.values()) {
            env.put(input.envName(), input.defaultValue().startsWith("${{") ? "ghs_FAKEgithubTOKEN" : input.defaultValue());
        }
        env.put(Input.NOTION_TOKEN.envName(), TOKEN);
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("GITHUB_OUTPUT", workspace.resolve("file_commands/output.txt").toString());
        env.put("GITHUB_STEP_SUMMARY", workspace.resolve("file_commands/summary.md").toString());
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_API_URL", "https://api.github.com");
        env.put("GITHUB_GRAPHQL_URL", "http://127.0.0.1:9/graphql");
        env.put("GITHUB_REPOSITORY", "Codertocat/Hello-World");
        env.put("GITHUB_RUN_ID", "1658821493");
        env.put("GITHUB_RUN_NUMBER", "7");
        env.put("GITHUB_WORKFLOW", "Notion sync");
        env.put("RUNNER_DEBUG", "");
    }

    public ActionProcess input(Input input, String value) {
        env.put(input.envName(), value);
        return this;
    }

    public ActionProcess env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    public ActionProcess notion(String baseUrl) {
        return input(Input.NOTION_API_URL, baseUrl);
    }

    /** Copies a fixture from src/test/resources/events and points the event variables at it. */
    public ActionProcess event(String eventName, String fixture) throws IOException {
        Path dir = workspace.resolve("workflow");
        Files.createDirectories(dir);
        Path target = dir.resolve("event.json");
        Files.copy(Path.of("src/test/resources/events", fixture), target,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return eventFile(eventName, target);
    }

    public ActionProcess eventJson(String eventName, String json) throws IOException {
        Path dir = workspace.resolve("workflow");
        Files.createDirectories(dir);
        Path target = dir.resolve("event.json");
        Files.writeString(target, json, StandardCharsets.UTF_8);
        return eventFile(eventName, target);
    }

    public ActionProcess eventFile(String eventName, Path path) {
        env.put("GITHUB_EVENT_NAME", eventName);
        env.put("GITHUB_EVENT_PATH", path.toString());
        return this;
    }

    /** How long a run may take before it is killed (default 180 s). */
    public ActionProcess timeout(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /** A JVM option for this run, after the image's flags (e.g. {@code -Dname=value}). */
    public ActionProcess jvmArg(String option) {
        jvmArgs.add(option);
        return this;
    }

    public ActionProcess arg(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    public Path workspace() {
        return workspace;
    }

    public Result run() throws IOException, InterruptedException {
        return start().await();
    }

    public Started start() throws IOException {
        Files.createDirectories(workspace.resolve("file_commands"));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(false);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        Path stdout = Files.createTempFile(workspace, "stdout", ".txt");
        Path stderr = Files.createTempFile(workspace, "stderr", ".txt");
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(stderr.toFile());
        return new Started(pb.start(), stdout, stderr, System.nanoTime());
    }

    public final class Started {
        private final Process process;
        private final Path stdout;
        private final Path stderr;
        private final long startNanos;

        Started(Process process, Path stdout, Path stderr, long startNanos) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
            this.startNanos = startNanos;
        }

        /** Kills the process at once, as a cancelled job or a timeout does. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        public Result await() throws IOException, InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("action did not finish in " + timeoutSeconds + " s");
            }
            long wallMs = (System.nanoTime() - startNanos) / 1_000_000;
            Path fileCommands = workspace.resolve("file_commands");
            Path summary = fileCommands.resolve("summary.md");
            return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr),
                    RunnerFiles.parseOutputs(fileCommands.resolve("output.txt")),
                    Files.exists(summary) ? Files.readString(summary) : "", wallMs, workspace);
        }
    }

    /** What the runner would see of one run. */
    public record Result(int exitCode, String stdout, String stderr, Map<String, String> outputs, String summary,
                         long wallMs, Path workspace) {
        public String output(String name) {
            return outputs.get(name);
        }

        /** The ::error:: lines on stdout. */
        public List<String> errors() {
            return stdout.lines().filter(l -> l.startsWith("::error")).toList();
        }

        public List<String> warnings() {
            return stdout.lines().filter(l -> l.startsWith("::warning")).toList();
        }

        public String metrics() throws IOException {
            Path p = workspace.resolve("logs/sync_metrics.jsonl");
            return Files.exists(p) ? Files.readString(p) : "";
        }

        @Override
        public String toString() {
            return "exit=" + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr + "\noutputs=" + outputs
                    + "\nsummary:\n" + summary;
        }
    }
}
