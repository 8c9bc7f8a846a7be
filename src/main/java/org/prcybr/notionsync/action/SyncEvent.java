package org.prcybr.notionsync.action;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.prcybr.notionsync.config.InputException;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.config.SyncSettings;
import org.prcybr.notionsync.github.GitHubException;
import org.prcybr.notionsync.github.ProjectItemDetails;
import org.prcybr.notionsync.mapping.GitHubComment;
import org.prcybr.notionsync.mapping.GitHubDetails;
import org.prcybr.notionsync.mapping.EventMapper;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.MappingOutcome;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.markdown.GfmToNotion;
import org.prcybr.notionsync.markdown.NotionContent;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.OutcomeUnknownException;
import org.prcybr.notionsync.retry.RetryBudgetExhaustedException;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.runner.RunnerContext;
import org.prcybr.notionsync.sync.CommentMirror;
import org.prcybr.notionsync.sync.NotionErrors;
import org.prcybr.notionsync.sync.PageUpsert;
import org.prcybr.notionsync.sync.PageWrite;
import org.prcybr.notionsync.sync.SyncException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync mode's use case: map the triggering event and write its page (or preview it in a dry run).
 */
final class SyncEvent {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEvent.class);
    /** How much of the content a dry run prints. */
    private static final int PREVIEW_LINES = 12;

    private final RunnerContext runner;

    SyncEvent(RunnerContext runner) {
        this.runner = runner;
    }

    void run(ApplicationContext ctx, byte[] event, SyncSettings settings, RunOutcome outcome)
            throws InputException {
        if (settings.dryRun()) {
            mapAndWrite(ctx, event, settings, outcome, null);
            return;
        }
        // Creating the Notion client (Netty, codecs: ~25 ms) overlaps parsing and mapping the
        // event. It sends nothing, so an event that turns out to be skipped costs no request.
        CompletableFuture<PageUpsert> upsert = CompletableFuture.supplyAsync(() -> ctx.getBean(PageUpsert.class),
                task -> {
                    Thread thread = new Thread(task, "notion-client-start");
                    thread.setDaemon(true);
                    thread.start();
                });
        try {
            mapAndWrite(ctx, event, settings, outcome, upsert);
        } finally {
            // Closing the context must not race the client's creation: its event loop would outlive the close.
            upsert.exceptionally(e -> null).join();
        }
    }

    /** Maps the event and, unless it is skipped or a dry run, writes its page with {@code upsert}'s client. */
    private void mapAndWrite(ApplicationContext ctx, byte[] event, SyncSettings settings, RunOutcome outcome,
            CompletableFuture<PageUpsert> upsert) throws InputException {
        String eventName = runner.eventName();
        MappingOutcome mapping = EventMapper.map(eventName, parseEvent(ctx.getBean(JsonMapper.class), event),
                settings.run());
        outcome.eventType = mapping.eventType();
        if (mapping instanceof MappingOutcome.Skipped skipped) {
            outcome.status = "skipped";
            outcome.message = skipped.reason();
            LOG.info("Skipped {}: {}", outcome.eventType, skipped.reason());
            return;
        }
        PageSpec page = ((MappingOutcome.Mapped) mapping).page();
        Optional<GitHubComment> comment = ((MappingOutcome.Mapped) mapping).comment();
        if (comment.isPresent() && comment.get().fromNotion()) {
            // Posted by a pull from a Notion comment, which is already on the page: no echo.
            outcome.status = "skipped";
            outcome.message = "The comment was posted from a Notion comment, which the page already has.";
            LOG.info("Skipped {}: {}", outcome.eventType, outcome.message);
            return;
        }
        if (comment.isPresent() && comment.get().byBot() && !settings.syncBotComments()) {
            outcome.status = "skipped";
            outcome.message = "The comment is by a bot (" + comment.get().author() + "), and bots' comments are "
                    + "not mirrored unless sync-bot-comments is true.";
            LOG.info("Skipped {}: {}", outcome.eventType, outcome.message);
            return;
        }
        outcome.category = page.category().label();
        outcome.externalId = page.externalId();
        outcome.title = page.title();
        outcome.sourceUrl = page.sourceUrl();

        Optional<Input> databaseInput = page.category().databaseInputs().stream()
                .filter(i -> settings.databaseId(i).isPresent()).findFirst();
        databaseInput.ifPresent(i -> {
            outcome.databaseInput = i.id();
            outcome.databaseId = settings.databaseId(i).orElseThrow();
        });
        if (settings.dryRun()) {
            preview(page, settings, outcome);
            return;
        }
        if (databaseInput.isEmpty()) {
            outcome.status = "skipped";
            outcome.message = "No database is configured for " + page.category().label() + " events: set the "
                    + page.category().databaseInputs().get(0).id() + " input to sync them.";
            LOG.info("Skipped {}: {}", outcome.eventType, outcome.message);
            return;
        }
        NotionClient notion = ctx.getBean(NotionClient.class);
        try {
            if (page.contentNodeId().isPresent() && !settings.githubToken().isEmpty() && !page.trash()) {
                page = withProjectItemContent(ctx.getBean(ProjectItemDetails.class), page, outcome);
            }
            PageUpsert pages = joined(upsert);
            PageWrite write = pages.upsert(page, outcome.databaseId, settings.mapping(),
                    Linking.live(ctx, settings, outcome));
            outcome.status = write.wrote() ? "synced" : "skipped";
            outcome.operation = write.operation();
            outcome.pageId = write.pageId();
            outcome.pageUrl = write.pageUrl();
            if (!write.wrote()) {
                outcome.message = write.note();
            } else if (!write.note().isEmpty()) {
                outcome.warn(write.note());
            }
            LOG.info("{} {}: page {} {}", outcome.eventType, outcome.status, write.pageId(), write.operation());
            if (comment.isPresent() && !write.pageId().isEmpty()) {
                mirrorComment(notion, write.pageId(), comment.get(), outcome);
            }
        } catch (NotionApiException e) {
            fail(outcome, NotionErrors.explain(e, outcome.databaseId, outcome.databaseInput, settings.mapping()));
        } catch (SyncException | RetryBudgetExhaustedException | GitHubException e) {
            fail(outcome, e.getMessage());
        } catch (OutcomeUnknownException e) {
            // Only an append of further content can end here: the page and its properties are written.
            fail(outcome, "Notion did not confirm appending the rest of the page's content (" + e.getMessage()
                    + "): edit the body again, or run a backfill, to rewrite it.");
        } finally {
            outcome.countRequests(ctx);
        }
    }

    /**
     * Mirrors the event's comment on the page just written. A failure leaves the page as written
     * and fails the run with the reason.
     */
    private static void mirrorComment(NotionClient notion, String pageId, GitHubComment comment, RunOutcome outcome) {
        try {
            CommentMirror.Result result = new CommentMirror(notion).mirror(pageId, comment);
            if (result.operation().equals("none")) {
                LOG.info("Comment: {}", result.note());
            } else {
                // Whatever the page write did, the comment changed Notion.
                outcome.status = "synced";
                LOG.info("Comment {} on page {}", result.operation(), pageId);
                if (!result.note().isEmpty()) {
                    LOG.info("{}", result.note());
                }
            }
        } catch (NotionApiException e) {
            fail(outcome, NotionErrors.explainComment(e, pageId));
        } catch (OutcomeUnknownException e) {
            fail(outcome, "The page was written, but Notion did not confirm adding the comment (" + e.getMessage()
                    + "): look for it on the page before editing the comment on GitHub to resend it.");
        } catch (RetryBudgetExhaustedException e) {
            fail(outcome, "The page was written, but the comment was not: " + e.getMessage());
        }
    }

    /**
     * The item's content and field values from GitHub. When GitHub refuses (no access to the project,
     * the item gone), the page keeps the payload's readable fallback and the run says why; a server
     * fault was retried, and a spent budget fails the run before anything is written.
     */
    private static PageSpec withProjectItemContent(ProjectItemDetails items, PageSpec page, RunOutcome outcome) {
        Optional<GitHubDetails> details;
        try {
            details = items.read(page.externalId());
        } catch (GitHubException e) {
            outcome.warn("The Projects v2 item's content was not read, so the page is named after its content "
                    + "type and node id. " + e.getMessage());
            return page;
        }
        if (details.isEmpty()) {
            outcome.warn("The Projects v2 item has no readable content on GitHub, so the page is named after its "
                    + "content type and node id.");
            return page;
        }
        PageSpec withContent = page.withContent(details.get());
        outcome.title = withContent.title();
        outcome.sourceUrl = withContent.sourceUrl();
        return withContent;
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void fail(RunOutcome outcome, String message) {
        outcome.status = "error";
        outcome.message = message;
    }

    private JsonNode parseEvent(JsonMapper json, byte[] bytes) throws InputException {
        try {
            return json.readValue(bytes, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new InputException("The event file " + runner.eventPath() + " is not valid JSON: pass GitHub's "
                    + "webhook payload unmodified.");
        }
    }

    private void preview(PageSpec page, SyncSettings settings, RunOutcome outcome) {
        outcome.status = "skipped";
        outcome.message = "Dry run: nothing was written to Notion.";
        String target = outcome.databaseId.isEmpty()
                ? "no database (set " + page.category().databaseInputs().get(0).id() + ")"
                : outcome.databaseId + " (" + outcome.databaseInput + ")";
        PageMapping names = settings.mapping();
        outcome.preview.add(new RunOutcome.PreviewLine("Database", target));
        outcome.preview.add(new RunOutcome.PreviewLine("Action",
                page.trash() ? "move the page to trash" : "create or update the page"));
        outcome.preview.add(new RunOutcome.PreviewLine(names.propertyName(Field.TITLE_NAME), page.title()));
        outcome.preview.add(new RunOutcome.PreviewLine(names.propertyName(Field.STATUS.defaultName()),
                page.states().isEmpty() ? "(left as it is: the event does not tell)" : names.statusOption(page.states())));
        outcome.preview.add(new RunOutcome.PreviewLine(names.propertyName(Field.CATEGORY.defaultName()),
                page.category().label()));
        outcome.preview.add(new RunOutcome.PreviewLine(names.propertyName(Field.EXTERNAL_ID.defaultName()),
                page.externalId()));
        page.values().forEach((field, value) -> {
            if (!value.display().isEmpty()) {
                outcome.preview.add(new RunOutcome.PreviewLine(names.propertyName(field.defaultName()), value.display()));
            }
        });
        NotionContent content = new GfmToNotion(page.repositoryUrl()).convert(page.body().orElse(null));
        outcome.preview.add(new RunOutcome.PreviewLine("Content", content.isEmpty() ? "none"
                : content.blocks() + (content.blocks() == 1 ? " block" : " blocks") + (page.replaceBody()
                ? ", replacing the page's content" : ", written when the page is created")));
        LOG.info("Dry run for {}: the page that would be written:", outcome.eventType);
        for (RunOutcome.PreviewLine line : outcome.preview) {
            LOG.info("  {}: {}", line.label(), line.value());
        }
        for (String line : content.firstLines(PREVIEW_LINES)) {
            LOG.info("  | {}", line);
        }
    }
}
