package org.prcybr.notionsync.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.prcybr.notionsync.runner.Input;

/**
 * Validated inputs of one run. Database IDs are keyed by the input they came from, so every
 * message can name the input to fix.
 */
public record SyncSettings(
        String notionToken,
        Optional<String> notionPageId,
        Map<Input, String> databaseIds,
        URI notionApiUrl,
        String notionVersion,
        Path metricsFile,
        boolean dryRun,
        String githubToken,
        boolean failOnError,
        Duration retryBudget,
        Duration requestTimeout,
        GitHubRun run,
        PageMapping mapping,
        Mode mode,
        Optional<ProjectRef> project,
        boolean syncBotComments,
        TwoWay twoWay) {

    /** What one run does: mirror its event, backfill the repository's history, set the databases up, or pull Notion edits back. */
    public enum Mode { SYNC, BACKFILL, SETUP, PULL }

    /** A Projects v2 board: an organization's or a user's, by number. */
    public record ProjectRef(boolean organization, String owner, int number) {
    }

    /** The run's GitHub facts that mapping and links need. */
    public record GitHubRun(String serverUrl, String repository, String runId, String runNumber,
                            String workflow, String graphqlUrl) {
        public String runUrl() {
            if (serverUrl.isEmpty() || repository.isEmpty() || runId.isEmpty()) {
                return "";
            }
            return serverUrl + "/" + repository + "/actions/runs/" + runId;
        }
    }

    public Optional<String> databaseId(Input input) {
        return Optional.ofNullable(databaseIds.get(input));
    }

    /** Secrets never reach a log through this object. */
    @Override
    public String toString() {
        return "SyncSettings[notionToken=" + redact(notionToken) + ", notionPageId=" + notionPageId
                + ", databaseIds=" + databaseIds + ", notionApiUrl=" + notionApiUrl
                + ", notionVersion=" + notionVersion + ", metricsFile=" + metricsFile
                + ", dryRun=" + dryRun + ", githubToken=" + redact(githubToken)
                + ", failOnError=" + failOnError + ", retryBudget=" + retryBudget
                + ", requestTimeout=" + requestTimeout + ", run=" + run + ", mapping=" + mapping + ", mode=" + mode + ", project=" + project
                + ", syncBotComments=" + syncBotComments + ", twoWay=" + twoWay + "]";
    }

    private static String redact(String secret) {
        return secret == null || secret.isEmpty() ? "<empty>" : "***";
    }
}
