package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prcybr.notionsync.support.NotionMock.DB;
import static org.prcybr.notionsync.support.NotionMock.DS;
import static org.prcybr.notionsync.support.NotionMock.PAGE;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;
import org.prcybr.notionsync.support.NotionMock.Schema;

/**
 * RUNNER_DEBUG, the jar as a process: the log level is settled before any thread creates a logger,
 * so debug lines appear on every run with it and on none without it, and SLF4J never warns.
 */
@ExtendWith(MockServerExtension.class)
class RunnerDebugIT {
    private static final int RUNS = 4;

    @TempDir
    Path dir;

    private Result sync(NotionMock notion, String debug, int run) throws Exception {
        return new ActionProcess(Files.createDirectories(dir.resolve(debug + run))).notion(notion.url())
                .env("RUNNER_DEBUG", debug)
                .input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .event("issues", "issues.labeled.json").run();
    }

    @Test
    void debugLinesShowOnEveryRunWithRunnerDebugAndOnNoneWithout(NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryFinds(DS, PAGE).updateReturns(PAGE);
        for (int run = 1; run <= RUNS; run++) {
            Result debug = sync(notion, "1", run);
            assertEquals(0, debug.exitCode(), debug.toString());
            assertTrue(debug.stdout().contains("DEBUG Notion GET /v1/databases/"), "run " + run + ": " + debug.stdout());
            assertFalse((debug.stdout() + debug.stderr()).contains("SLF4J"), debug.toString());

            Result plain = sync(notion, "", run);
            assertEquals(0, plain.exitCode(), plain.toString());
            assertFalse(plain.stdout().contains("DEBUG"), "run " + run + ": " + plain.stdout());
            assertFalse((plain.stdout() + plain.stderr()).contains("SLF4J"), plain.toString());
        }
    }
}
