package org.prcybr.notionsync.action;

import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prcybr.notionsync.config.SyncSettings;
import org.prcybr.notionsync.github.GitHubException;
import org.prcybr.notionsync.github.ObjectRelations;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.retry.RetryBudgetExhaustedException;
import org.prcybr.notionsync.mapping.Category;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.mapping.PropertyValue;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.sync.RelationLinks;

/** How the modes link pages: where relations must point, GitHub's links for live events, backfill order. */
final class Linking {
    private Linking() {
    }

    /** The configured issue and pull request databases, which relations must point at. */
    static RelationLinks.Targets targets(SyncSettings settings) {
        String issues = Category.ISSUE.databaseInputs().stream().map(settings::databaseId)
                .flatMap(java.util.Optional::stream).findFirst().orElse("");
        String pullRequests = settings.databaseId(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID).orElse("");
        String tasks = settings.databaseId(Input.TASK_ID_DATABASE).orElse("");
        return new RelationLinks.Targets(issues, pullRequests, tasks);
    }

    /**
     * A live event's linking: its issue's or pull request's relations are read from GitHub (one
     * GraphQL request, made only when the database has a relation property to fill).
     */
    static RelationLinks.Context live(ApplicationContext ctx, SyncSettings settings, RunOutcome outcome) {
        return new RelationLinks.Context(targets(settings), spec -> {
            boolean readable = spec.category() == Category.ISSUE || spec.category() == Category.PULL_REQUEST;
            if (!readable) {
                return Map.of();
            }
            if (settings.githubToken().isEmpty()) {
                outcome.warn("The page's relations were not written: set github-token so they can be read from GitHub.");
                return Map.of();
            }
            try {
                return ctx.getBean(ObjectRelations.class).read(spec.externalId());
            } catch (GitHubException e) {
                // The page is still worth writing; its links follow on the next event or backfill.
                outcome.warn("The page's relations were not written. " + e.getMessage());
                return Map.of();
            } catch (RetryBudgetExhaustedException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // GitHub spent the budget on an optional read: Notion gets a budget of its own.
                ctx.getBean(NotionClient.class).renewRetryBudget();
                outcome.warn("The page's relations were not written. " + e.getMessage());
                return Map.of();
            }
        });
    }

    /** Issues ordered so that a parent comes before its sub-issues, which then link to it as they are created. */
    static List<PageSpec> parentsFirst(List<PageSpec> pages) {
        Map<String, PageSpec> byId = new HashMap<>();
        pages.forEach(p -> byId.put(p.externalId(), p));
        List<PageSpec> ordered = new ArrayList<>(pages.size());
        Set<String> placed = new HashSet<>();
        for (PageSpec page : pages) {
            place(page, byId, placed, ordered, new HashSet<>());
        }
        return ordered;
    }

    private static void place(PageSpec page, Map<String, PageSpec> byId, Set<String> placed, List<PageSpec> ordered,
                              Set<String> path) {
        if (placed.contains(page.externalId()) || !path.add(page.externalId())) {
            return; // placed already, or a cycle GitHub should not allow
        }
        if (page.values().get(Field.PARENT) instanceof PropertyValue.Relation parent) {
            for (String id : parent.nodeIds()) {
                PageSpec p = byId.get(id);
                if (p != null) {
                    place(p, byId, placed, ordered, path);
                }
            }
        }
        placed.add(page.externalId());
        ordered.add(page);
    }
}
