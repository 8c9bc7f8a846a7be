package org.prcybr.notionsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.runner.RunnerContext;

class SettingsReaderTest {
    private static final String TOKEN = "secret_abcdefghijklmnopqrstuvwxyz0123456789";

    @Test
    void settingsNeverPrintTheirSecrets() throws Exception {
        SyncSettings s = SettingsReader.read(new RunnerContext(Map.of(
                Input.NOTION_TOKEN.envName(), TOKEN,
                Input.GITHUB_TOKEN.envName(), "ghs_secretGitHubToken",
                Input.NOTION_TASK_BACKLOG_DB_ID.envName(), "1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d")));
        assertFalse(s.toString().contains(TOKEN), s.toString());
        assertFalse(s.toString().contains("ghs_secretGitHubToken"));
        assertTrue(s.toString().contains("notionToken=***"));
        assertEquals("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", s.databaseId(Input.NOTION_TASK_BACKLOG_DB_ID).orElseThrow());
    }

    @Test
    void defaultsMatchTheSpec() throws Exception {
        SyncSettings s = SettingsReader.read(new RunnerContext(Map.of(Input.NOTION_TOKEN.envName(), TOKEN,
                "GITHUB_WORKSPACE", "/github/workspace")));
        assertEquals("https://api.notion.com", s.notionApiUrl().toString());
        assertEquals("2026-03-11", s.notionVersion());
        assertEquals("/github/workspace/logs/sync_metrics.jsonl", s.metricsFile().toString());
        assertFalse(s.dryRun());
        assertTrue(s.failOnError());
        assertEquals(120, s.retryBudget().toSeconds());
    }
}
