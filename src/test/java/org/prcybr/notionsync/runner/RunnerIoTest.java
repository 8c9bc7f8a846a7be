package org.prcybr.notionsync.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prcybr.notionsync.support.RunnerFiles;

/** Outputs, summary and commands, read back the way the runner reads them. */
class RunnerIoTest {
    @TempDir
    Path dir;

    @Test
    void outputValuesWithNewlinesAndForgedLinesStayOneValue() throws Exception {
        Path file = dir.resolve("out");
        OutputsFile outputs = new OutputsFile(file);
        String hostile = "x\nstatus=synced\npage-url<<EOF\nhttps://evil\nEOF\nghadelimiter_1234";
        outputs.set("status", "error");
        outputs.set("note", hostile);
        Map<String, String> parsed = RunnerFiles.parseOutputs(file);
        assertEquals(Map.of("status", "error", "note", hostile), parsed);
    }

    @Test
    void summaryCellsCannotBreakTheTableOrInjectHtml() throws Exception {
        Path file = dir.resolve("summary.md");
        new StepSummary("Notion sync").row("Title", "a | b\n| c | d `code` <img src=x onerror=alert(1)>")
                .linkRow("Source", "x](javascript:alert(1))", "javascript:alert(1)")
                .linkRow("Page", "ok", "https://www.notion.so/abc").appendTo(file);
        String md = Files.readString(file);
        for (String line : md.lines().filter(l -> l.startsWith("|")).toList()) {
            assertEquals(3, line.chars().filter(c -> c == '|').count(), line);
        }
        assertFalse(md.contains("<img"));
        assertFalse(md.contains("javascript:alert(1))"), md);
        assertTrue(md.contains("[ok](https://www.notion.so/abc)"));
    }

    @Test
    void summaryNeverGrowsPastOneMebibyte() throws Exception {
        Path file = dir.resolve("summary.md");
        Files.writeString(file, "x".repeat(StepSummary.MAX_BYTES - 100));
        new StepSummary("Notion sync").row("Title", "y".repeat(5000)).appendTo(file);
        assertTrue(Files.size(file) <= StepSummary.MAX_BYTES);
    }

    @Test
    void commandsEscapeTheirDataLikeTheToolkit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WorkflowCommands commands = new WorkflowCommands(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        commands.error("100% broken\r\n::warning::forged");
        commands.stopCommands();
        commands.resumeCommands();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("::error::100%25 broken%0D%0A::warning::forged", lines[0]);
        assertTrue(lines[1].startsWith("::stop-commands::"));
        assertEquals("::" + lines[1].substring("::stop-commands::".length()) + "::", lines[2]);
    }

    @Test
    void stopCommandsTokensAre128RandomBits() {
        String first = WorkflowCommands.unguessableToken();
        assertTrue(first.matches("[0-9a-f]{32}"), first);
        assertNotEquals(first, WorkflowCommands.unguessableToken());
    }

    @Test
    void inputNamesKeepHyphensLikeTheRunner() {
        assertEquals("INPUT_NOTION-TOKEN", Input.NOTION_TOKEN.envName());
        RunnerContext ctx = new RunnerContext(Map.of("INPUT_NOTION-TOKEN", "  abc  "));
        assertEquals("abc", ctx.input(Input.NOTION_TOKEN));
        assertEquals("https://api.notion.com", ctx.input(Input.NOTION_API_URL));
        assertEquals("", ctx.input(Input.GITHUB_TOKEN));
    }
}
