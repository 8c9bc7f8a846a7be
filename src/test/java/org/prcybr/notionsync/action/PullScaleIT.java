package org.prcybr.notionsync.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.support.ActionProcess;
import org.prcybr.notionsync.support.ActionProcess.Result;
import org.prcybr.notionsync.support.FakeNotion;
import org.prcybr.notionsync.support.GitHubServer;

/** What a pull costs in requests with no candidates, 10 and 100: counted, bounded and printed. */
class PullScaleIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private int runs;

    @Test
    void requestsGrowByOneNotionWriteAndOneMutationPerChangedPage() throws Exception {
        try (FakeNotion notion = new FakeNotion(ActionProcess.TOKEN).withStatusOptions("Done")
                .withProperty("Sync State", "rich_text").withProperty("Last edited by", "last_edited_by");
             GitHubServer github = new GitHubServer()) {
            github.token("ghs_FAKEgithubTOKEN");
            Map<String, Object> repo = github.repository("Codertocat", "Hello-World");
            List<Map<String, Object>> issues = new ArrayList<>();
            for (int i = 1; i <= 110; i++) {
                issues.add(github.issue(repo, i, "Issue " + i, "Body " + i));
                github.setUpdatedAt(issues.get(i - 1), Instant.now().minus(3, ChronoUnit.HOURS));
            }
            assertEquals("synced", run(notion, github, "backfill").output("status"));

            int[] quiet = counts(run(notion, github, "pull"));
            int[] ten = edit(notion, github, issues.subList(0, 10));
            int[] hundred = edit(notion, github, issues.subList(10, 110));
            System.out.printf("Pull requests (Notion, GitHub): no candidates %d, %d; 10 candidates %d, %d; "
                    + "100 candidates %d, %d%n", quiet[0], quiet[1], ten[0], ten[1], hundred[0], hundred[1]);
            // users/me, the database, one query: the 110 pages the backfill wrote today are not asked for.
            assertTrue(quiet[0] == 3 && quiet[1] == 0, quiet[0] + ", " + quiet[1]);
            // Per changed page: one page write and one mutation; GitHub reads 100 objects per request, twice.
            assertTrue(ten[0] <= quiet[0] + 10 && ten[1] == 10 + 2, ten[0] + ", " + ten[1]);
            assertTrue(hundred[0] <= quiet[0] + 100 && hundred[1] == 100 + 2, hundred[0] + ", " + hundred[1]);
            for (Map<String, Object> issue : issues) {
                assertEquals("CLOSED", issue.get("state"), (String) issue.get("id"));
            }
        }
    }

    private int[] edit(FakeNotion notion, GitHubServer github, List<Map<String, Object>> issues) throws Exception {
        for (Map<String, Object> issue : issues) {
            ObjectNode status = JSON.createObjectNode();
            status.putObject("status").put("name", "Done");
            String page = notion.livePages((String) issue.get("id")).get(0).get("id").asText();
            notion.personEdits(page, Map.of("Status", status), Instant.now());
        }
        Result r = run(notion, github, "pull");
        assertEquals(Integer.toString(issues.size()), r.output("pushed"), r.summary());
        return counts(r);
    }

    private Result run(FakeNotion notion, GitHubServer github, String mode) throws Exception {
        return new ActionProcess(Files.createDirectories(dir.resolve("run" + (++runs)))).notion(notion.url())
                .env("GITHUB_GRAPHQL_URL", github.url()).input(Input.MODE, mode)
                .input(Input.STATUS_MAP, "closed=Done")
                .input(Input.NOTION_TASK_BACKLOG_DB_ID, FakeNotion.DB)
                .jvmArg("-Dnotion-sync.backfill-pace-per-second=100")
                .jvmArg("-Dnotion-sync.github-mutations-per-second=100")
                .eventJson("workflow_dispatch", "{\"inputs\":{},\"ref\":\"refs/heads/main\"}").run();
    }

    private static int[] counts(Result r) {
        return new int[] {count(r.summary(), "Notion requests"), count(r.summary(), "GitHub requests")};
    }

    private static int count(String summary, String row) {
        Matcher m = Pattern.compile("\\| " + row + " \\| (\\d+) \\|").matcher(summary);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
