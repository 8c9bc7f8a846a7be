package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prcybr.notionsync.support.NotionMock.DB;
import static org.prcybr.notionsync.support.NotionMock.DS;
import static org.prcybr.notionsync.support.NotionMock.PAGE;

import io.micronaut.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.MockServerExtension;
import org.prcybr.notionsync.support.NotionMock;
import org.prcybr.notionsync.support.NotionMock.Schema;

/**
 * A hostile issue title and body, in GitHub's real payload, with debug logging on: nothing from
 * the payload becomes a workflow command, an output or markup, and the token is written nowhere
 * but its mask.
 */
@ExtendWith(MockServerExtension.class)
class UntrustedTextIT {
    static final String TITLE = "::error::pwned title\n::add-mask::leak | <img src=x onerror=alert(1)> `tick` "
            + "##[set-output name=status;]forged %0A::warning::enc\r\nstatus=synced\n  ::set-output name=page-url::x";
    static final String BODY = "::set-output name=status::forged\n::stop-commands::abc\n<script>alert(1)</script>";
    private static final Pattern ALLOWED_COMMAND = Pattern.compile(
            "::add-mask::(" + Pattern.quote(ActionProcess.TOKEN) + "|ghs_FAKEgithubTOKEN)"
            + "|::stop-commands::[0-9a-f]{32}|::[0-9a-f]{32}::|::(error|warning)::[^\\r\\n]*");

    @TempDir
    Path workspace;

    @SuppressWarnings("unchecked")
    private String hostilePayload(String htmlUrl) throws Exception {
        JsonMapper json = JsonMapper.createDefault();
        Map<String, Object> payload = json.readValue(
                Files.readAllBytes(Path.of("src/test/resources/events/issues.opened.json")), Map.class);
        Map<String, Object> issue = (Map<String, Object>) payload.get("issue");
        issue.put("title", TITLE);
        issue.put("body", BODY);
        issue.put("html_url", htmlUrl);
        return json.writeValueAsString(payload);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "dry-run"})
    void hostileTextStaysInert(String mode, NotionMock notion) throws Exception {
        notion.standard(Schema.full()).queryEmptyThenFinds(DS, PAGE).createReturns(PAGE);
        Result r = new ActionProcess(workspace).notion(notion.url())
                .input(Input.NOTION_TASK_BACKLOG_DB_ID, DB)
                .input(Input.DRY_RUN, mode.equals("dry-run") ? "true" : "false")
                .env("RUNNER_DEBUG", "1")
                .eventJson("issues", hostilePayload("javascript:alert(document.cookie)//https://github.com/x"))
                .run();

        assertEquals(0, r.exitCode(), r.toString());

        // Outputs, parsed like the runner: exactly our keys and values.
        assertEquals(List.of("status", "latency-ms", "operation", "page-id", "page-url", "database-id", "category",
                "external-id", "retries"), List.copyOf(r.outputs().keySet()));
        assertEquals(mode.equals("sync") ? "synced" : "skipped", r.output("status"));
        assertEquals(mode.equals("sync") ? "https://www.notion.so/" + PAGE.replace("-", "") : "", r.output("page-url"));
        assertEquals("MDU6SXNzdWU0NDQ1MDAwNDE=", r.output("external-id"));
        r.outputs().values().forEach(v -> assertFalse(v.contains("pwned") || v.contains("forged"), v));

        // stdout: every line the runner would treat as a command is one of ours.
        for (String line : r.stdout().lines().toList()) {
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("::")) {
                assertTrue(ALLOWED_COMMAND.matcher(trimmed).matches(), "not our command: " + line);
                assertFalse(trimmed.contains("pwned") || trimmed.contains("leak") || trimmed.contains("forged"), line);
            }
        }
        if (mode.equals("dry-run")) {
            assertTrue(r.stdout().contains("pwned title"), "the dry run shows the title, escaped onto one line");
        }
        // v1 "##[" commands only ever appear while commands are stopped.
        List<String> lines = r.stdout().lines().toList();
        int stop = indexOf(lines, "::stop-commands::");
        int resume = lastIndexMatching(lines, "::[0-9a-f]{32}::");
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("##[")) {
                assertTrue(i > stop && i < resume, "##[ outside the stop-commands guard: " + lines.get(i));
            }
        }

        // Summary: equal-width table rows, no raw HTML, no link to the hostile URL.
        assertFalse(r.summary().isEmpty());
        Set<Long> widths = new java.util.HashSet<>();
        r.summary().lines().filter(l -> l.startsWith("|"))
                .forEach(l -> widths.add(l.replace("\\|", "").chars().filter(c -> c == '|').count()));
        assertEquals(Set.of(3L), widths, r.summary());
        assertFalse(r.summary().contains("<img") || r.summary().contains("<script"), r.summary());
        assertFalse(r.summary().contains("](javascript:"), r.summary());

        // The token: only in the mask command, the first line printed.
        assertEquals("::add-mask::" + ActionProcess.TOKEN, lines.get(0));
        assertEquals(1, count(r.stdout(), ActionProcess.TOKEN));
        assertFalse(r.stderr().contains(ActionProcess.TOKEN));
        try (Stream<Path> files = Files.walk(workspace)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().startsWith("stdout")) {
                    assertFalse(Files.readString(f).contains(ActionProcess.TOKEN), "token written to " + f);
                }
            }
        }

        if (mode.equals("sync")) {
            // The title reaches Notion verbatim.
            String body = notion.recorded("POST", "/v1/pages").get(0).getBodyAsString();
            Map<?, ?> sent = JsonMapper.createDefault().readValue(body, Map.class);
            Map<?, ?> name = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) sent.get("properties")).get("Name"))
                    .get("title")).get(0);
            assertEquals(TITLE, ((Map<?, ?>) name.get("text")).get("content"));
        }
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexMatching(List<String> lines, String regex) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).matches(regex)) {
                return i;
            }
        }
        return -1;
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
