package org.prcybr.notionsync.action;

import static org.prcybr.notionsync.mapping.JsonValues.at;
import static org.prcybr.notionsync.mapping.JsonValues.text;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prcybr.notionsync.config.NotionIds;
import org.prcybr.notionsync.config.PullField;
import org.prcybr.notionsync.config.SyncSettings;
import org.prcybr.notionsync.config.TwoWay;
import org.prcybr.notionsync.github.GitHubClient;
import org.prcybr.notionsync.github.GitHubException;
import org.prcybr.notionsync.github.GitHubWrites;
import org.prcybr.notionsync.github.GitHubWrites.Change;
import org.prcybr.notionsync.github.GraphQlDocuments;
import org.prcybr.notionsync.github.GraphQlPages;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.mapping.GitHubComment;
import org.prcybr.notionsync.notion.NotionModels;
import org.prcybr.notionsync.mapping.PageSpec;
import org.prcybr.notionsync.mapping.PropertyValue;
import org.prcybr.notionsync.markdown.NotionToGfm;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;
import org.prcybr.notionsync.notion.PropertyReader;
import org.prcybr.notionsync.retry.RetryBudgetExhaustedException;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.runner.StepSummary.Cell;
import org.prcybr.notionsync.sync.ExternalIdIndex;
import org.prcybr.notionsync.sync.NotionErrors;
import org.prcybr.notionsync.sync.PagePull;
import org.prcybr.notionsync.sync.PageUpsert;
import org.prcybr.notionsync.sync.SyncException;
import org.prcybr.notionsync.sync.SyncState;
import org.prcybr.notionsync.sync.SyncStateMerge;
import org.prcybr.notionsync.sync.SyncStateMerge.FieldChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull mode's use case: Notion edits written back to GitHub. Pages edited within
 * {@code pull-since} that hold a change made in Notion are merged field by field with their
 * objects' state on GitHub (read 100 at a time); the fields {@code pull-fields} lists are changed on
 * GitHub where Notion's change wins, and every such page is then written from GitHub's new state
 * with a fresh snapshot, so neither this run's writes nor the live events they cause come back.
 * With {@code create-issues}, new titled pages in the issues database become issues.
 */
final class PullRun {
    private static final Logger LOG = LoggerFactory.getLogger(PullRun.class);
    private static final int NODES_PER_REQUEST = 100;
    /** Where an issue created from a page says which page it came from; looked for before creating again. */
    static final String MARKER_PREFIX = "<!-- notion-sync:page=";
    private static final int LISTED_ROWS = 200;

    /** A page that holds a Notion change to an object of an allowed repository. */
    private record Candidate(Page page, Map<String, PropertySchema> types, String databaseId, String externalId) {
    }

    /** One line of the summary's table. */
    private record Row(String object, String objectUrl, String pageUrl, String field, String change, String result) {
    }

    void run(ApplicationContext ctx, SyncSettings settings, RunOutcome outcome) {
        outcome.eventType = "pull";
        NotionClient notion = ctx.getBean(NotionClient.class);
        try {
            new Pull(notion, ctx.getBean(PageUpsert.class), ctx.getBean(GitHubClient.class), settings, outcome).run();
        } catch (NotionApiException e) {
            outcome.status = "error";
            outcome.message = NotionErrors.explain(e, "", "the databases the pull reads", settings.mapping());
        } catch (SyncException | RetryBudgetExhaustedException | GitHubException e) {
            outcome.status = "error";
            outcome.message = e.getMessage();
        } finally {
            outcome.countRequests(ctx);
        }
    }

    private static final class Pull {
        private final NotionClient notion;
        private final PageUpsert pages;
        private final GitHubClient github;
        private final SyncSettings settings;
        private final TwoWay twoWay;
        private final RunOutcome outcome;
        private final PagePull pagePull;
        private final GitHubWrites writes;
        private final List<Row> rows = new ArrayList<>();
        private int pushed;
        private int pulledBack;
        private int conflicts;
        private int created;
        private int failed;
        private int commentsPosted;
        private boolean projectsRefused;

        Pull(NotionClient notion, PageUpsert pages, GitHubClient github, SyncSettings settings, RunOutcome outcome) {
            this.notion = notion;
            this.pages = pages;
            this.github = github;
            this.settings = settings;
            this.twoWay = settings.twoWay();
            this.outcome = outcome;
            this.pagePull = new PagePull(notion, settings.mapping());
            this.writes = new GitHubWrites(github, settings.dryRun());
        }

        void run() {
            String bot = notion.me().id();
            // Notion keeps edit times to the minute: from the start of the minute, no edit is missed.
            Instant since = Instant.now().minus(twoWay.since()).truncatedTo(ChronoUnit.MINUTES);
            Optional<String> issuesDb = settings.databaseId(Input.NOTION_TASK_BACKLOG_DB_ID)
                    .or(() -> settings.databaseId(Input.NOTION_ISSUES_BACKLOG_DB_ID));
            Set<String> databases = new LinkedHashSet<>();
            issuesDb.ifPresent(databases::add);
            settings.databaseId(Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID).ifPresent(databases::add);
            // Discussions change only through their comments.
            Optional<String> discussionsDb = twoWay.pulls(PullField.COMMENTS)
                    ? settings.databaseId(Input.NOTION_DISCUSSIONS_ARC_DB_ID) : Optional.empty();
            discussionsDb.ifPresent(databases::add);
            if (databases.isEmpty()) {
                throw new SyncException("No database to pull from: set notion-task-backlog-db-id (or "
                        + "notion-issues-backlog-db-id) and notion-project-board-backlog-db-id as in the sync workflow.");
            }
            List<Candidate> candidates = new ArrayList<>();
            List<Candidate> newPages = new ArrayList<>();
            List<Candidate> synced = new ArrayList<>();
            String externalIdName = settings.mapping().propertyName(Field.EXTERNAL_ID.defaultName());
            int looked = 0;
            for (String db : databases) {
                String dataSource = pages.dataSourceOf(db);
                for (Page page : edited(dataSource, since, bot)) {
                    looked++;
                    Map<String, PropertySchema> types = PagePull.typesOf(page, Map.of());
                    String externalId = ExternalIdIndex.externalIdOf(page, externalIdName);
                    if (externalId.isEmpty()) {
                        if (twoWay.createIssues() && db.equals(issuesDb.orElse("")) && !titleOf(page, types).isBlank()
                                && meantForThisRepository(page)) {
                            newPages.add(new Candidate(page, types, db, ""));
                        }
                        continue;
                    }
                    if (!allowed(page)) {
                        continue;
                    }
                    if (!discussion(page) && SyncStateMerge.notionChanged(page, types, settings.mapping(), bot)) {
                        candidates.add(new Candidate(page, types, db, externalId));
                    }
                    if (twoWay.pulls(PullField.COMMENTS) && !externalId.startsWith("PVTI_")) {
                        synced.add(new Candidate(page, types, db, externalId));
                    }
                }
            }
            LOG.info("Pull: {} pages edited since {}, {} with a Notion change, {} new", looked, since,
                    candidates.size(), newPages.size());
            if (!candidates.isEmpty()) {
                pull(candidates, bot);
            }
            if (!newPages.isEmpty()) {
                createIssues(newPages);
            }
            if (!synced.isEmpty()) {
                pullComments(synced, bot, since);
            }
            finish(looked, since);
        }

        /**
         * The pages edited within pull-since that may hold a Notion change. Where the database has
         * Last edited by and Sync State properties, Notion is asked only for pages a person (or
         * another integration) edited last, or whose snapshot says a Notion value is pending: the
         * integration's own writes, however many, cost nothing. Comments need every edited page; a
         * database without those properties (Notion refuses the filter) is asked for all of them.
         */
        private List<Page> edited(String dataSource, Instant since, String bot) {
            if (!twoWay.pulls(PullField.COMMENTS)) {
                try {
                    return notion.editedSinceBy(dataSource, since.toString(),
                            settings.mapping().propertyName(Field.LAST_EDITED_BY.defaultName()), bot,
                            settings.mapping().propertyName(Field.SYNC_STATE.defaultName()), ";" + SyncState.PENDING);
                } catch (NotionApiException e) {
                    if (e.status() != 400) {
                        throw e;
                    }
                    LOG.info("The database has no Last edited by or Sync State property to narrow the query ({}): "
                            + "reading every page edited since {}", e.code(), since);
                }
            }
            return notion.editedSince(dataSource, since.toString());
        }

        /** Merges each candidate with its object, changes GitHub where Notion wins, then re-syncs the page. */
        private void pull(List<Candidate> candidates, String bot) {
            Map<String, JsonNode> nodes = readNodes(candidates.stream().map(Candidate::externalId).toList());
            Map<Candidate, Set<String>> keepNotion = new LinkedHashMap<>();
            Set<String> changedOnGitHub = new HashSet<>();
            for (Candidate c : candidates) {
                JsonNode node = nodes.get(c.externalId());
                if (node == null && c.externalId().startsWith("PVTI_") && twoWay.pulls(PullField.PROJECT_FIELDS)) {
                    projectsRefused = true; // the default token cannot read Projects v2 either: said once, at the end
                    continue;
                }
                if (node == null) {
                    fail(c, "", "", "the object is gone from GitHub, or github-token cannot see it");
                    continue;
                }
                // The page's Source URL can be edited; GitHub says where the object really is.
                JsonNode object = "ProjectV2Item".equals(text(node, "__typename")) ? at(node, "content") : node;
                String repository = text(object, "repository", "nameWithOwner").toLowerCase(Locale.ROOT);
                if (!repository.isEmpty() && !twoWay.repositories().contains(repository)) {
                    LOG.info("{}: in {}, which this pull may not change", c.externalId(), repository);
                    continue;
                }
                try {
                    pullOne(c, node, bot, keepNotion, changedOnGitHub);
                } catch (NotionApiException e) {
                    fail(c, text(object, "url"), text(object, "title"), NotionErrors.explain(e, c.databaseId(), "",
                            settings.mapping()));
                }
            }
            writeBack(nodes, keepNotion, changedOnGitHub);
        }

        /** One candidate: its merge, and the changes GitHub takes; what the page keeps is noted in {@code keepNotion}. */
        private void pullOne(Candidate c, JsonNode node, String bot, Map<Candidate, Set<String>> keepNotion,
                             Set<String> changedOnGitHub) {
            PageSpec spec = spec(node);
            boolean person = SyncStateMerge.personEditedLast(c.page(), bot);
            SyncStateMerge.Result plan = pagePull.plan(c.page(), c.types(), spec, person);
            conflicts += plan.conflicts().size();
            Set<String> kept = new HashSet<>();
            boolean pushedHere = false;
            boolean pulledBackHere = false;
            List<String> problems = new ArrayList<>();
            for (FieldChange change : plan.notionWins()) {
                if (!pulls(change.key())) {
                    continue; // not listed in pull-fields: GitHub's value is written back
                }
                if (projectsRefused && change.key().startsWith("field:")) {
                    kept.add(change.key()); // kept in Notion until a token may write the project
                    continue;
                }
                GitHubWrites.Change done;
                try {
                    done = push(node, change, c.types());
                } catch (GitHubException e) {
                    if (e.kind() == GitHubException.Kind.FORBIDDEN && change.key().startsWith("field:")) {
                        // The default token cannot write Projects v2: said once, at the end; the rest skipped.
                        projectsRefused = true;
                        kept.add(change.key());
                        continue;
                    }
                    done = new GitHubWrites.Change("", e.getMessage());
                }
                String conflict = change.decision().conflict() ? " (conflict: the Notion change is newer)" : "";
                if (done.keptInNotion()) {
                    kept.add(change.key());
                    LOG.info("{}: {} kept in Notion: {}", spec.title(), change.property(), done.kept());
                } else if (!done.refusal().isEmpty()) {
                    pulledBackHere = true;
                    row(spec, c.page(), change.property(), describe(change) + conflict, "not changed: "
                            + done.refusal() + "; GitHub's value is written back");
                } else if (done.failed()) {
                    kept.add(change.key());
                    problems.add(done.problem());
                    pushedHere |= !done.description().isEmpty();
                    row(spec, c.page(), change.property(), describe(change) + conflict, (done.description().isEmpty()
                            ? "" : (settings.dryRun() ? "would " : "") + done.description() + "; ")
                            + "failed: " + done.problem());
                } else if (done.changed()) {
                    pushedHere = true;
                    row(spec, c.page(), change.property(), describe(change) + conflict,
                            (settings.dryRun() ? "would " : "") + done.description());
                }
            }
            boolean pulled = pulledBackHere;
            for (FieldChange change : plan.changes()) {
                if (change.pulledBack() || !pulls(change.key()) && change.decision().notionWins()) {
                    pulled = true;
                    row(spec, c.page(), change.property(), "GitHub → Notion: " + shown(change.github())
                                    + (change.decision().conflict() ? " (conflict: the GitHub change is newer)" : ""),
                            settings.dryRun() ? "would write the page" : "page written");
                }
            }
            if (pushedHere) {
                pushed++;
                changedOnGitHub.add(c.externalId());
            }
            if (pulled) {
                pulledBack++;
            }
            if (!problems.isEmpty()) {
                failed++;
            }
            // Without a snapshot to refresh, a page neither side changed is left as the person left it.
            if (pushedHere || pulled || SyncStateMerge.syncStateProperty(c.types(), settings.mapping()).isPresent()) {
                keepNotion.put(c, kept);
            }
        }

        /** The pages written from their objects' state on GitHub now, each with a fresh snapshot. */
        private void writeBack(Map<String, JsonNode> nodes, Map<Candidate, Set<String>> keepNotion,
                               Set<String> changedOnGitHub) {
            if (settings.dryRun()) {
                return;
            }
            // The objects changed on GitHub, as they are now: their pages are written from it.
            Map<String, JsonNode> now = changedOnGitHub.isEmpty() ? Map.of() : readNodes(List.copyOf(changedOnGitHub));
            for (Map.Entry<Candidate, Set<String>> e : keepNotion.entrySet()) {
                Candidate c = e.getKey();
                JsonNode node = now.getOrDefault(c.externalId(), nodes.get(c.externalId()));
                try {
                    pagePull.resync(c.page(), c.types(), spec(node), e.getValue());
                } catch (NotionApiException ex) {
                    failed++;
                    fail(c, text(node, "url"), spec(node).title(), NotionErrors.explain(ex, c.databaseId(), "",
                            settings.mapping()));
                }
            }
        }

        /** Writes one field's Notion value to the object (or its content, for a project item's page). */
        private GitHubWrites.Change push(JsonNode node, FieldChange change, Map<String, PropertySchema> types) {
            boolean item = "ProjectV2Item".equals(text(node, "__typename"));
            if (change.key().startsWith("field:")) {
                return item ? writes.projectField(node, change.property(), change.notion())
                        : new GitHubWrites.Change("", "");
            }
            JsonNode object = item ? at(node, "content") : node;
            String type = text(object, "__typename");
            if (!type.equals("Issue") && !type.equals("PullRequest")) {
                return new GitHubWrites.Change("", "a draft issue's " + change.property()
                        + " cannot be changed from Notion");
            }
            GitHubWrites.Target target = new GitHubWrites.Target(object);
            PropertyValue value = change.notion();
            switch (PullField.byId(change.key()).orElseThrow()) {
                case STATUS -> {
                    Optional<String> state = settings.mapping().stateOf(value.display());
                    if (state.isEmpty()) {
                        // A step of the team's own workflow ("In progress"): Notion's alone, kept until GitHub changes.
                        return GitHubWrites.Change.kept("Status \"" + value.display() + "\" stands for no GitHub "
                                + "state (status-map maps open, closed and not_planned)");
                    }
                    return writes.state(target, state.get());
                }
                case TITLE -> {
                    return writes.title(target, value.display());
                }
                case LABELS -> {
                    return writes.labels(target, value.asList());
                }
                case ASSIGNEES -> {
                    List<String> logins = new ArrayList<>();
                    PropertySchema schema = types.get(change.property());
                    if (schema != null && "people".equals(schema.type())) {
                        for (String id : value.asList()) {
                            Optional<String> login = pagePull.loginOf(id);
                            if (login.isEmpty()) {
                                return new GitHubWrites.Change("", "a person in " + change.property() + " has no GitHub "
                                        + "login in notion-user-map: add one line login=<their Notion user id>");
                            }
                            logins.add(login.get());
                        }
                    } else {
                        for (String name : value.asList()) {
                            for (String part : name.split(",")) {
                                if (!part.isBlank()) {
                                    logins.add(part.strip());
                                }
                            }
                        }
                    }
                    boolean people = schema != null && "people".equals(schema.type());
                    return writes.assignees(target, logins,
                            login -> !people || settings.mapping().notionUser(login).isPresent());
                }
                case MILESTONE -> {
                    return writes.milestone(target, value.display());
                }
                default -> {
                    return new GitHubWrites.Change("", "");
                }
            }
        }

        /**
         * New titled pages in the issues database become issues, each with a hidden marker of its page:
         * an issue that already carries it (a create whose answer was lost) is taken, not made again.
         */
        private void createIssues(List<Candidate> newPages) {
            String repository = settings.run().repository();
            for (Candidate c : newPages) {
                String title = titleOf(c.page(), c.types()).strip();
                String marker = MARKER_PREFIX + c.page().id() + " -->";
                try {
                    if (settings.dryRun()) {
                        rowFor("", "", url(c.page()), "Name", "Notion → GitHub: new page \"" + title + "\"",
                                "would create an issue in " + repository);
                        created++;
                        continue;
                    }
                    Optional<String> existing = writes.issueMarked(repository, marker);
                    JsonNode issue;
                    if (existing.isPresent()) {
                        issue = readNodes(List.of(existing.get())).get(existing.get());
                    } else {
                        String body = body(c.page(), marker);
                        try {
                            issue = writes.createIssue(repository, title, body);
                        } catch (GitHubException e) {
                            if (e.kind() != GitHubException.Kind.OUTCOME_UNKNOWN) {
                                throw e;
                            }
                            // The answer was lost: the issue may exist. Look before creating once more.
                            LOG.info("{}; looking for the issue before creating it again", e.getMessage());
                            Optional<String> made = writes.issueMarked(repository, marker);
                            issue = made.isPresent() ? readNodes(List.of(made.get())).get(made.get())
                                    : writes.createIssue(repository, title, body);
                        }
                    }
                    if (issue == null) {
                        failed++;
                        rowFor(title, "", url(c.page()), "Name", "Notion → GitHub: new page",
                                "failed: GitHub did not return the issue; the next pull finds it by its marker");
                        continue;
                    }
                    PageSpec spec = GraphQlPages.page(issue);
                    // What the person set besides the title (Status, Labels, …) stays, for the next pull to carry.
                    Set<String> theirs = new HashSet<>();
                    for (PullField f : PullField.values()) {
                        theirs.add(f.id());
                    }
                    pagePull.resync(c.page(), c.types(), spec, theirs);
                    created++;
                    rowFor(spec.title(), text(issue, "url"), url(c.page()), "Name", "Notion → GitHub: new page",
                            existing.isPresent() ? "issue found (made by an earlier run) and linked" : "issue created");
                } catch (GitHubException e) {
                    failed++;
                    rowFor(title, "", url(c.page()), "Name", "Notion → GitHub: new page", "failed: " + e.getMessage());
                } catch (NotionApiException e) {
                    failed++;
                    rowFor(title, "", url(c.page()), "Name", "Notion → GitHub: new page", "failed: "
                            + NotionErrors.explain(e, c.databaseId(), "", settings.mapping()));
                }
            }
        }

        /** The new issue's body: a link back to the page, its content where it converts simply, the marker. */
        private String body(Page page, String marker) {
            String content = NotionToGfm.convert(notion.pageMarkdown(page.id()));
            StringBuilder sb = new StringBuilder();
            if (!url(page).isEmpty()) {
                sb.append("Created from [a Notion page](").append(url(page)).append(").\n\n");
            }
            if (!content.isBlank()) {
                sb.append(content.strip()).append("\n\n");
            }
            return sb.append(marker).toString();
        }

        /**
         * Comments people made on synced pages, posted to the GitHub conversation once each: the
         * object's comments are read for the markers of those posted before (only when the page has
         * comments by people). Notion does not say whether a comment counts as an edit of its page,
         * so every synced page edited within pull-since is listed, whoever edited it.
         */
        private void pullComments(List<Candidate> synced, String bot, Instant since) {
            for (Candidate c : synced) {
                List<NotionModels.Comment> byPeople;
                try {
                    byPeople = notion.comments(c.page().id()).stream().filter(cm -> byPerson(cm, bot)
                            && madeSince(cm, since)).toList();
                } catch (NotionApiException e) {
                    if (e.status() != 403) {
                        failed++;
                        rowFor(titleOf(c.page(), c.types()), sourceUrl(c.page()), url(c.page()), "Comments",
                                "Notion → GitHub", "failed: " + NotionErrors.explain(e, c.databaseId(), "",
                                        settings.mapping()));
                        continue;
                    }
                    failed++;
                    rowFor(c.externalId(), "", url(c.page()), "Comments", "Notion → GitHub", "failed: The Notion "
                            + "integration may not read comments (403 " + e.code() + "): in the integration's "
                            + "Capabilities settings, enable Read comments and Insert comments.");
                    return;
                }
                if (byPeople.isEmpty()) {
                    continue;
                }
                try {
                    GitHubWrites.PostedComments posted = writes.postedFromNotion(c.externalId());
                    String label = posted.type().equals("Discussion") ? "the discussion"
                            : posted.type().equals("PullRequest") ? "the pull request" : "the issue";
                    for (NotionModels.Comment comment : byPeople) {
                        if (posted.notionCommentIds().contains(comment.id())) {
                            continue; // posted by an earlier pull
                        }
                        String body = commentBody(comment);
                        try {
                            writes.postComment(c.externalId(), posted.type(), label, body);
                        } catch (GitHubException e) {
                            if (e.kind() != GitHubException.Kind.OUTCOME_UNKNOWN) {
                                throw e;
                            }
                            // The answer was lost: the comment may be there. Look before posting once more.
                            if (!writes.postedFromNotion(c.externalId()).notionCommentIds().contains(comment.id())) {
                                writes.postComment(c.externalId(), posted.type(), label, body);
                            }
                        }
                        commentsPosted++;
                        rowFor(titleOf(c.page(), c.types()), sourceUrl(c.page()), url(c.page()), "Comments",
                                "Notion → GitHub: a comment by " + authorOf(comment),
                                (settings.dryRun() ? "would comment on " : "commented on ") + label);
                    }
                } catch (GitHubException e) {
                    failed++;
                    rowFor(titleOf(c.page(), c.types()), sourceUrl(c.page()), url(c.page()), "Comments",
                            "Notion → GitHub", "failed: " + e.getMessage());
                }
            }
        }

        /** {@code **Name** (via Notion): text}, links kept where safe, and the marker that stops an echo and a repeat. */
        static String commentBody(NotionModels.Comment comment) {
            StringBuilder text = new StringBuilder();
            for (NotionModels.RichTextItem item : comment.richText() == null ? List.<NotionModels.RichTextItem>of()
                    : comment.richText()) {
                String piece = item.plainText() == null ? "" : item.plainText();
                String href = item.href() == null ? "" : item.href().strip();
                boolean safe = href.startsWith("https://") || href.startsWith("http://") || href.startsWith("mailto:");
                text.append(safe && !piece.isBlank() && !href.contains(")") && !href.contains(" ")
                        ? "[" + piece.replace("]", "\\]").replace("[", "\\[") + "](" + href + ")" : piece);
            }
            return "**" + authorOf(comment) + "** (via Notion): " + text.toString().strip() + "\n\n"
                    + GitHubComment.FROM_NOTION_MARKER + comment.id() + " -->";
        }

        /** The commenter's name as Notion shows it, without characters that would change the markdown. */
        private static String authorOf(NotionModels.Comment comment) {
            String name = comment.displayName() == null || comment.displayName().resolvedName() == null
                    ? "" : comment.displayName().resolvedName();
            StringBuilder sb = new StringBuilder();
            name.codePoints().filter(cp -> "*_`[]<>\\#|~".indexOf(cp) < 0 && !Character.isISOControl(cp))
                    .forEach(sb::appendCodePoint);
            String clean = sb.toString().strip();
            return clean.isEmpty() ? "A Notion user" : clean.length() > 100 ? clean.substring(0, 100) : clean;
        }

        /**
         * A person's comment: not made by this integration, and shown under the person's own name
         * (another integration's comments, such as copies it mirrors, have an integration or custom name).
         */
        private static boolean byPerson(NotionModels.Comment comment, String bot) {
            return comment.createdBy() != null && comment.createdBy().id() != null
                    && !NotionIds.same(comment.createdBy().id(), bot)
                    && (comment.displayName() == null || comment.displayName().type() == null
                    || "user".equals(comment.displayName().type()));
        }

        /** Made within pull-since: a first run does not post a page's whole history. */
        private static boolean madeSince(NotionModels.Comment comment, Instant since) {
            try {
                return comment.createdTime() == null || !Instant.parse(comment.createdTime()).isBefore(since);
            } catch (RuntimeException e) {
                return true;
            }
        }

        private String sourceUrl(Page page) {
            return page.property(settings.mapping().propertyName(Field.SOURCE_URL.defaultName()))
                    .map(e -> PropertyReader.read(e.getValue()).display()).orElse("");
        }

        /** The objects by node ID, 100 per request; an ID GitHub does not resolve is left out. */
        private Map<String, JsonNode> readNodes(List<String> ids) {
            Map<String, JsonNode> out = new HashMap<>();
            for (int i = 0; i < ids.size(); i += NODES_PER_REQUEST) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + NODES_PER_REQUEST));
                JsonNode data = github.query(chunk.size() + " objects of the pages edited in Notion",
                        GraphQlDocuments.PULL_NODES, Map.of("ids", chunk));
                JsonNode nodes = at(data, "nodes");
                if (nodes != null && nodes.isArray()) {
                    for (JsonNode n : nodes.values()) {
                        if (n != null && n.isObject() && !text(n, "id").isEmpty()) {
                            out.put(text(n, "id"), n);
                        }
                    }
                }
            }
            return out;
        }

        private static PageSpec spec(JsonNode node) {
            return "ProjectV2Item".equals(text(node, "__typename")) ? GraphQlPages.pulledProjectItem(node)
                    : GraphQlPages.page(node);
        }

        /** Whether this run may change GitHub's value of a snapshot key. */
        private boolean pulls(String key) {
            if (key.startsWith("field:")) {
                return twoWay.pulls(PullField.PROJECT_FIELDS);
            }
            return PullField.byId(key).map(twoWay::pulls).orElse(false);
        }

        /**
         * A new page becomes an issue here unless its Repository names another: in a database several
         * repositories share, Repository says which one's pull creates it.
         */
        private boolean meantForThisRepository(Page page) {
            String named = page.property(settings.mapping().propertyName(Field.REPOSITORY.defaultName()))
                    .map(e -> PropertyReader.read(e.getValue()).display().strip()).orElse("");
            return named.isEmpty() || named.equalsIgnoreCase(settings.run().repository());
        }

        /** A discussion's page (its Source URL says so): discussions change only through their comments. */
        private boolean discussion(Page page) {
            String[] path = sourcePath(page);
            return path.length >= 4 && path[3].equals("discussions");
        }

        /** Only objects of the run's repository (and those the repositories input adds) change. */
        private boolean allowed(Page page) {
            String[] path = sourcePath(page);
            return path.length >= 3 && twoWay.repositories().contains((path[1] + "/" + path[2]).toLowerCase(Locale.ROOT));
        }

        /** The Source URL's path segments ({@code ["", owner, name, "issues", number]}); none when it is no URL. */
        private String[] sourcePath(Page page) {
            try {
                String path = URI.create(sourceUrl(page)).getPath();
                return path == null ? new String[0] : path.split("/");
            } catch (RuntimeException e) {
                return new String[0];
            }
        }

        private static String titleOf(Page page, Map<String, PropertySchema> types) {
            return SyncStateMerge.titleProperty(types).flatMap(page::property)
                    .map(e -> PropertyReader.read(e.getValue()).display()).orElse("");
        }

        private static String describe(FieldChange change) {
            return "Notion → GitHub: " + shown(change.notion());
        }

        private static String shown(PropertyValue value) {
            String s = value.display();
            return s.isEmpty() ? "(empty)" : s.length() > 80 ? s.substring(0, 79) + "…" : s;
        }

        private void fail(Candidate c, String objectUrl, String object, String problem) {
            failed++;
            rowFor(object.isEmpty() ? c.externalId() : object, objectUrl, url(c.page()), "", "", "failed: " + problem);
        }

        private void row(PageSpec spec, Page page, String field, String change, String result) {
            rowFor(spec.title(), spec.sourceUrl(), url(page), field, change, result);
        }

        private void rowFor(String object, String objectUrl, String pageUrl, String field, String change, String result) {
            rows.add(new Row(object, objectUrl, pageUrl, field, change, result));
            LOG.info("{}: {} {} -> {}", object, field, change, result);
        }

        private static String url(Page page) {
            return page.url() == null ? "" : page.url();
        }

        private void finish(int looked, Instant since) {
            outcome.extraOutputs.put("pushed", Integer.toString(pushed));
            outcome.extraOutputs.put("pulled-back", Integer.toString(pulledBack));
            outcome.extraOutputs.put("conflicts", Integer.toString(conflicts));
            outcome.extraOutputs.put("created", Integer.toString(created));
            outcome.extraOutputs.put("failed", Integer.toString(failed));
            outcome.extraOutputs.put("comments-posted", Integer.toString(commentsPosted));
            if (projectsRefused) {
                outcome.warn("Project fields were not changed: GitHub refused github-token access to the project "
                        + "(the default GITHUB_TOKEN cannot write Projects v2); pass a personal or app token with "
                        + "project access in github-token.");
            }
            boolean wrote = pushed + pulledBack + created + commentsPosted > 0;
            if (failed > 0) {
                outcome.status = "error";
                outcome.message = failed + " object(s) could not be changed (listed in the job summary): fix what "
                        + "each names; the next pull tries again.";
            } else {
                outcome.status = wrote && !settings.dryRun() ? "synced" : "skipped";
                outcome.message = settings.dryRun() ? "Dry run: nothing was written to GitHub or Notion."
                        : wrote ? "" : "No Notion edits to carry to GitHub among " + looked + " page(s) edited since " + since + ".";
            }
            LOG.info("Pull: {} pushed, {} pulled back, {} conflicts, {} created, {} failed; {} GitHub mutations",
                    pushed, pulledBack, conflicts, created, failed, writes.mutations());
            List<List<Cell>> table = new ArrayList<>();
            for (Row r : rows.subList(0, Math.min(rows.size(), LISTED_ROWS))) {
                table.add(List.of(new Cell(r.object(), r.objectUrl()), new Cell(r.pageUrl().isEmpty() ? "" : "page",
                        r.pageUrl()), Cell.text(r.field()), Cell.text(r.change()), Cell.text(r.result())));
            }
            outcome.summarySections.add(s -> {
                s.table("Pull", List.of("Pushed", "Pulled back", "Conflicts", "Created", "Failed"),
                        List.of(List.of(Integer.toString(pushed), Integer.toString(pulledBack),
                                Integer.toString(conflicts), Integer.toString(created), Integer.toString(failed))));
                if (!table.isEmpty()) {
                    s.linkedTable("Changes" + (rows.size() > LISTED_ROWS ? " (first " + LISTED_ROWS + ")" : ""),
                            List.of("GitHub", "Notion", "Field", "Change", "Result"), table);
                }
            });
        }
    }
}
