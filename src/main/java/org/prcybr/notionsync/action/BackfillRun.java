package org.prcybr.notionsync.action;

import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.prcybr.notionsync.config.SyncSettings;
import org.prcybr.notionsync.github.GitHubClient;
import org.prcybr.notionsync.github.GitHubException;
import org.prcybr.notionsync.github.RepositoryHistory;
import org.prcybr.notionsync.mapping.Category;
import org.prcybr.notionsync.mapping.GitHubComment;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.OutcomeUnknownException;
import org.prcybr.notionsync.retry.RetryBudgetExhaustedException;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.sync.BackfillWriter;
import org.prcybr.notionsync.sync.CommentMirror;
import org.prcybr.notionsync.sync.ExternalIdIndex;
import org.prcybr.notionsync.sync.RelationLinks;
import org.prcybr.notionsync.sync.NotionErrors;
import org.prcybr.notionsync.sync.PageUpsert;
import org.prcybr.notionsync.sync.SyncException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backfill mode's use case: the repository's history read from GitHub first (so a refusal
 * stops the run before any Notion write), then each object written as its live event would write
 * it, paced at Notion's rate. One object's failure is counted and listed, and the run goes on.
 */
final class BackfillRun {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillRun.class);
    private static final int LISTED_FAILURES = 20;
    private static final long PROGRESS_SECONDS = 10;

    /** Counts for one kind of object. */
    private static final class Tally {
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger updated = new AtomicInteger();
        final AtomicInteger unchanged = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        int total;
        String database = "";
        String skipped = "";
    }

    /** Counts for the comments of the whole run. */
    private static final class CommentTally {
        int onGitHub;
        int created;
        int updated;
        int unchanged;
        int skipped;
        int pagesListed;
        int failed;
        /** The sentence of a refusal that every further comment request would meet (403: no capability). */
        String refused;
    }

    void run(ApplicationContext ctx, SyncSettings settings, RunOutcome outcome) {
        outcome.eventType = "backfill";
        long started = System.nanoTime();
        RepositoryHistory github = ctx.getBean(RepositoryHistory.class);
        GitHubClient gitHub = ctx.getBean(GitHubClient.class);
        String repository = settings.run().repository();
        List<PageSpec> objects;
        Map<String, List<GitHubComment>> comments;
        try {
            RepositoryHistory.Objects repositoryObjects = github.repositoryObjects(repository);
            comments = repositoryObjects.comments();
            objects = new ArrayList<>(repositoryObjects.pages());
            if (settings.project().isPresent()) {
                objects.addAll(github.projectItems(settings.project().get()));
            }
        } catch (SyncException | GitHubException | RetryBudgetExhaustedException e) {
            outcome.status = "error";
            outcome.message = e.getMessage();
            outcome.countRequests(ctx);
            return;
        }
        LOG.info("Backfill of {}: {} objects and {} comments read from GitHub in {} GraphQL requests", repository,
                objects.size(), comments.values().stream().mapToInt(List::size).sum(), gitHub.requests());
        CommentTally commentTally = new CommentTally();

        Map<Category, Tally> tallies = new LinkedHashMap<>();
        Map<Category, List<PageSpec>> byKind = new LinkedHashMap<>();
        for (PageSpec p : objects) {
            byKind.computeIfAbsent(p.category(), c -> new ArrayList<>()).add(p);
            tallies.computeIfAbsent(p.category(), c -> new Tally()).total++;
        }
        if (settings.dryRun()) {
            outcome.status = "skipped";
            outcome.message = "Dry run: " + objects.size() + " objects read from GitHub; nothing was written to Notion.";
            report(outcome, tallies, List.of(), started);
            outcome.countRequests(ctx);
            return;
        }
        NotionClient notion = ctx.getBean(NotionClient.class);
        PageUpsert pages = ctx.getBean(PageUpsert.class);
        List<String> failures = new ArrayList<>();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "backfill-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> logProgress(tallies, started), PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
        Map<String, BackfillWriter> writers = new LinkedHashMap<>();
        ExternalIdIndex index = new ExternalIdIndex(notion, settings.mapping().propertyName(Field.EXTERNAL_ID.defaultName()));
        RelationLinks.Targets targets = Linking.targets(settings);
        try {
            for (Map.Entry<Category, List<PageSpec>> kind : byKind.entrySet()) {
                Tally tally = tallies.get(kind.getKey());
                Optional<Input> input = kind.getKey().databaseInputs().stream()
                        .filter(i -> settings.databaseId(i).isPresent()).findFirst();
                if (input.isEmpty()) {
                    tally.skipped = "no database: set " + kind.getKey().databaseInputs().get(0).id();
                    continue;
                }
                String databaseId = settings.databaseId(input.get()).orElseThrow();
                tally.database = databaseId;
                BackfillWriter writer = writers.computeIfAbsent(databaseId,
                        id -> new BackfillWriter(notion, pages, settings.mapping(), id, index, targets));
                for (PageSpec page : Linking.parentsFirst(kind.getValue())) {
                    notion.renewRetryBudget();
                    try {
                        switch (writer.write(page)) {
                            case CREATED -> tally.created.incrementAndGet();
                            case UPDATED -> tally.updated.incrementAndGet();
                            case UNCHANGED -> tally.unchanged.incrementAndGet();
                        }
                        String commentFailure = mirrorComments(notion, writer, page,
                                comments.getOrDefault(page.externalId(), List.of()), settings, commentTally);
                        if (commentFailure != null) {
                            // The page stays written; the object counts as failed, with the reason.
                            tally.failed.incrementAndGet();
                            if (failures.size() < LISTED_FAILURES) {
                                failures.add(kind.getKey().label() + " " + page.externalId() + ": " + commentFailure);
                            }
                        }
                    } catch (NotionApiException | SyncException | RetryBudgetExhaustedException
                             | org.prcybr.notionsync.notion.OutcomeUnknownException e) {
                        tally.failed.incrementAndGet();
                        String why = e instanceof NotionApiException n
                                ? NotionErrors.explain(n, databaseId, input.get().id(), settings.mapping()) : e.getMessage();
                        if (failures.size() < LISTED_FAILURES) {
                            failures.add(kind.getKey().label() + " " + page.externalId() + ": " + why);
                        }
                    }
                    tally.done.incrementAndGet();
                }
            }
        } catch (NotionApiException e) {
            // The database itself could not be read: nothing more can be written to it.
            outcome.status = "error";
            outcome.message = NotionErrors.explain(e, "", "the backfill's databases", settings.mapping());
        } catch (SyncException | RetryBudgetExhaustedException e) {
            outcome.status = "error";
            outcome.message = e.getMessage();
        } finally {
            progress.shutdownNow();
            outcome.countRequests(ctx);
        }
        logProgress(tallies, started);
        report(outcome, tallies, failures, started);
        reportComments(outcome, commentTally);
        int failed = tallies.values().stream().mapToInt(t -> t.failed.get()).sum();
        if (outcome.message.isEmpty()) {
            outcome.status = failed > 0 ? "error" : "synced";
            outcome.message = failed > 0 ? failed + " object(s) could not be written (listed below, up to "
                    + LISTED_FAILURES + "): fix what they name and run the backfill again; it resumes without duplicates." : "";
        }
        LOG.info("Backfill done: {} Notion requests, {} GraphQL requests, {} retries", notion.requests(),
                gitHub.requests(), outcome.retries);
    }

    /**
     * Mirrors the object's comments on its page, after the page write: the page's comments are
     * listed only when GitHub has comments to mirror. Returns why it failed, or null.
     */
    private static String mirrorComments(NotionClient notion, BackfillWriter writer, PageSpec page,
                                         List<GitHubComment> onGitHub, SyncSettings settings, CommentTally tally) {
        tally.onGitHub += onGitHub.size();
        List<GitHubComment> mirrored = onGitHub.stream().filter(c -> c.mirrored(settings.syncBotComments())).toList();
        tally.skipped += onGitHub.size() - mirrored.size();
        Optional<String> pageId = writer.pageId(page.externalId());
        if (mirrored.isEmpty() || pageId.isEmpty()) {
            return null;
        }
        if (tally.refused != null) {
            tally.failed += mirrored.size();
            return tally.refused;
        }
        try {
            tally.pagesListed++;
            CommentMirror.Backfilled done = new CommentMirror(notion).backfill(pageId.get(), mirrored);
            tally.created += done.created();
            tally.updated += done.updated();
            tally.unchanged += done.unchanged();
            tally.skipped += done.skipped();
            return null;
        } catch (NotionApiException e) {
            tally.failed += mirrored.size();
            String why = NotionErrors.explainComment(e, pageId.get());
            if (e.status() == 403) {
                tally.refused = why;
            }
            return why;
        } catch (OutcomeUnknownException | RetryBudgetExhaustedException e) {
            tally.failed += mirrored.size();
            return "The page was written, but Notion did not confirm its comments (" + e.getMessage()
                    + "): the next backfill completes them without duplicates, unless a comment was added unconfirmed.";
        }
    }

    private static void reportComments(RunOutcome outcome, CommentTally t) {
        LOG.info("Backfill comments: {} on GitHub, {} created, {} updated, {} unchanged, {} skipped, {} failed; "
                        + "{} pages' comments listed", t.onGitHub, t.created, t.updated, t.unchanged, t.skipped, t.failed,
                t.pagesListed);
        if (t.onGitHub == 0) {
            return;
        }
        List<List<String>> rows = List.of(List.of(Integer.toString(t.onGitHub), Integer.toString(t.created),
                Integer.toString(t.updated), Integer.toString(t.unchanged), Integer.toString(t.skipped),
                Integer.toString(t.failed), Integer.toString(t.pagesListed)));
        outcome.summarySections.add(s -> s.table("Comments",
                List.of("On GitHub", "Created", "Updated", "Unchanged", "Skipped", "Failed", "Pages listed"), rows));
    }

    private static void logProgress(Map<Category, Tally> tallies, long started) {
        int done = 0;
        int total = 0;
        for (Map.Entry<Category, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            done += t.done.get();
            total += t.total;
            LOG.info("Backfill {}: {}/{} done, {} written ({} created, {} updated), {} unchanged, {} failed",
                    e.getKey().label(), t.done.get(), t.total, t.created.get() + t.updated.get(), t.created.get(),
                    t.updated.get(), t.unchanged.get(), t.failed.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long left = done == 0 ? 0 : Math.round(elapsed / done * (total - done));
        LOG.info("Backfill: {}/{} objects after {} s, about {} s left", done, total, Math.round(elapsed), left);
    }

    private static void report(RunOutcome outcome, Map<Category, Tally> tallies, List<String> failures, long started) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int failed = 0;
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<Category, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            created += t.created.get();
            updated += t.updated.get();
            unchanged += t.unchanged.get();
            failed += t.failed.get();
            rows.add(List.of(e.getKey().label(), Integer.toString(t.total), Integer.toString(t.created.get()),
                    Integer.toString(t.updated.get()), Integer.toString(t.unchanged.get()),
                    Integer.toString(t.failed.get()), t.skipped.isEmpty() ? t.database : t.skipped));
        }
        outcome.extraOutputs.put("created", Integer.toString(created));
        outcome.extraOutputs.put("updated", Integer.toString(updated));
        outcome.extraOutputs.put("unchanged", Integer.toString(unchanged));
        outcome.extraOutputs.put("failed", Integer.toString(failed));
        outcome.operation = created + updated > 0 ? "updated" : "none";
        long seconds = Math.round((System.nanoTime() - started) / 1e9);
        outcome.summarySections.add(s -> s.table("Backfill (" + seconds + " s)",
                List.of("Kind", "Objects", "Created", "Updated", "Unchanged", "Failed", "Database"), rows));
        if (!failures.isEmpty()) {
            List<List<String>> failed20 = failures.stream().map(f -> List.of(f)).toList();
            outcome.summarySections.add(s -> s.table("Failures (first " + LISTED_FAILURES + ")", List.of("Object"), failed20));
        }
    }
}
