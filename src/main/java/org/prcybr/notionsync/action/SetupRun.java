package org.prcybr.notionsync.action;

import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.prcybr.notionsync.config.SyncSettings;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.retry.RetryBudgetExhaustedException;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.setup.DatabaseRole;
import org.prcybr.notionsync.setup.DatabaseSetup;
import org.prcybr.notionsync.sync.NotionErrors;
import org.prcybr.notionsync.sync.SyncException;

/** The setup mode's use case: databases created or extended, reported as outputs, a table and secrets to set. */
final class SetupRun {
    void run(ApplicationContext ctx, SyncSettings settings, RunOutcome outcome) {
        outcome.eventType = "setup";
        Map<DatabaseRole, String> configured = new EnumMap<>(DatabaseRole.class);
        for (DatabaseRole role : DatabaseRole.values()) {
            settings.databaseId(role.input()).ifPresent(id -> configured.put(role, id));
        }
        // Issues may go to the fallback backlog: then that is the task backlog.
        settings.databaseId(Input.NOTION_ISSUES_BACKLOG_DB_ID).ifPresent(id -> configured.putIfAbsent(DatabaseRole.TASK_BACKLOG, id));
        if (settings.dryRun()) {
            outcome.status = "skipped";
            outcome.message = "Dry run: setup would create " + (DatabaseRole.values().length - configured.size())
                    + " database(s) under the page and extend " + configured.size() + "; nothing was written.";
            return;
        }
        DatabaseSetup.Outcome setup;
        try {
            setup = ctx.getBean(DatabaseSetup.class).run(settings.notionPageId().orElseThrow(), configured,
                    settings.mapping(), settings.databaseId(Input.TASK_ID_DATABASE).orElse(""));
        } catch (SyncException | RetryBudgetExhaustedException e) {
            outcome.status = "error";
            outcome.message = e.getMessage();
            return;
        } catch (NotionApiException e) {
            outcome.status = "error";
            outcome.message = NotionErrors.explain(e, settings.notionPageId().orElse(""), Input.NOTION_PAGE_ID.id(),
                    settings.mapping());
            return;
        } finally {
            outcome.countRequests(ctx);
        }
        setup.warnings().forEach(outcome::warn);
        List<List<String>> rows = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (DatabaseSetup.Result r : setup.results()) {
            outcome.extraOutputs.put(r.role().output(), r.databaseId());
            String what = r.action() + (r.added().isEmpty() ? "" : ": added " + String.join(", ", r.added()))
                    + (r.statusAsSelect() ? " (Status as a select: Notion refused a status property)" : "")
                    + (r.relations().isEmpty() ? "" : "; relations " + String.join(", ", r.relations()))
                    + (r.relationNotes().isEmpty() ? "" : "; " + String.join("; ", r.relationNotes()))
                    + (r.conflicts().isEmpty() ? "" : ": " + String.join("; ", r.conflicts()));
            if (!r.relationsSkipped().isEmpty()) {
                outcome.warn(r.relationsSkipped());
            }
            rows.add(List.of(r.role().title(), r.role().input().id(), what, r.databaseId()));
            if (r.created()) {
                secrets.add("gh secret set " + r.role().secretName() + " --body " + r.databaseId());
            }
            r.conflicts().forEach(c -> conflicts.add(r.role().title() + ": " + c));
        }
        outcome.operation = secrets.isEmpty() ? "none" : "created";
        outcome.summarySections.add(s -> s.table("Databases", List.of("Database", "Input", "Setup", "ID"), rows));
        if (!secrets.isEmpty()) {
            outcome.summarySections.add(s -> s.shell("Store the new IDs as repository secrets", secrets));
        }
        if (conflicts.isEmpty()) {
            outcome.status = "synced";
        } else {
            outcome.status = "error";
            outcome.message = "Setup left " + conflicts.size() + " database(s) unchanged because a property has the "
                    + "wrong type (" + String.join("; ", conflicts) + "): change or rename that property in Notion "
                    + "(or map another name with property-names), then run setup again.";
        }
    }
}
