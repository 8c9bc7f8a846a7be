package org.prcybr.notionsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;

/**
 * The jar run locally from a shell, as the README's first command runs it: options instead of the
 * runner's variables, output redirected (not a terminal).
 */
class CommandLineIT {
    private static final String ESC = "\u001b";

    @TempDir
    Path workspace;

    @Test
    void helpKeepsEveryUrlWholeOnOneLineAndHasNoEscapeCodes() throws Exception {
        Result r = new ActionProcess(workspace).arg("--help").run();

        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.stdout().contains(ESC), "escape codes in redirected help:\n" + r.stdout());
        assertTrue(r.stdout().contains("--run-id=VALUE"), r.stdout());
        List<String> urls = Pattern.compile("https://\\S+").matcher(String.join(" ",
                List.of(Input.values()).stream().map(Input::description).toList())).results()
                .map(MatchResult::group).toList();
        assertFalse(urls.isEmpty(), "the test expects at least project-url's example URL");
        for (String url : urls) {
            assertTrue(r.stdout().lines().anyMatch(l -> l.contains(url)), "URL " + url + " broken in:\n" + r.stdout());
        }
    }

    /** The README's workflow_dispatch dry run. */
    @Test
    void runIdOptionKeysAWorkflowDispatchDryRunWithoutTheVariable() throws Exception {
        Result r = new ActionProcess(workspace).env("GITHUB_RUN_ID", null)
                .event("workflow_dispatch", "workflow_dispatch.json")
                .arg("--dry-run", "--run-id", "4242").run();

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("skipped", r.output("status"));
        assertEquals("workflow-run-4242", r.output("external-id"));
        assertTrue(r.stdout().contains("External ID: workflow-run-4242"), r.stdout());
    }

    @Test
    void runIdOptionOverridesTheVariable() throws Exception {
        Result r = new ActionProcess(workspace).env("GITHUB_RUN_ID", "1111")
                .event("workflow_dispatch", "workflow_dispatch.json")
                .arg("--dry-run", "--run-id=2222").run();

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("workflow-run-2222", r.output("external-id"));
    }

    @Test
    void workflowDispatchWithoutARunIdNamesTheOption() throws Exception {
        Result r = new ActionProcess(workspace).env("GITHUB_RUN_ID", null)
                .event("workflow_dispatch", "workflow_dispatch.json")
                .arg("--dry-run").run();

        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.errors().size(), r.stdout());
        assertTrue(r.errors().get(0).contains("--run-id"), r.errors().get(0));
    }

    @Test
    void readmeDryRunPrintsPlainTextAndWritesTheMetricsLineInTheCurrentFolder() throws Exception {
        // The README's command: no runner variables but the event, given as options.
        Result r = new ActionProcess(workspace).env("GITHUB_WORKSPACE", null).env("GITHUB_OUTPUT", null)
                .env("GITHUB_STEP_SUMMARY", null)
                .arg("--dry-run", "--event-name", "issues", "--event-path",
                        Path.of("examples/events/issues-opened.json").toAbsolutePath().toString())
                .run();

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("Name: Spelling error in the README file"), r.stdout());
        assertFalse(r.stdout().contains(ESC), "escape codes on stdout:\n" + r.stdout());
        assertFalse(r.stderr().contains(ESC), "escape codes on stderr:\n" + r.stderr());
        // The process runs in the workspace folder: with no GITHUB_WORKSPACE, that is where the line goes.
        assertTrue(Files.readString(workspace.resolve("logs/sync_metrics.jsonl")).contains("\"status\":\"skipped\""));
    }
}
