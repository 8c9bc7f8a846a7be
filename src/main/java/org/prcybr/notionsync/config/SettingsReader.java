package org.prcybr.notionsync.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.runner.RunnerContext;

/** Turns raw inputs into {@link SyncSettings}, or one sentence naming the input and the fix. */
public final class SettingsReader {
    /**
     * The first Notion-Version this action speaks: data sources (2025-09-03) and the markdown content
     * endpoints, which Notion's own MCP server uses with 2026-03-11 ({@code in_trash}, not {@code archived}).
     */
    public static final LocalDate MINIMUM_VERSION = LocalDate.of(2026, 3, 11);

    static final Set<Input> DATABASE_INPUTS = Set.of(
            Input.NOTION_TASK_BACKLOG_DB_ID, Input.NOTION_ISSUES_BACKLOG_DB_ID,
            Input.NOTION_PROJECT_BOARD_BACKLOG_DB_ID, Input.NOTION_DISCUSSIONS_ARC_DB_ID,
            Input.NOTION_KNOWLEDGE_FILE_DB_ID, Input.NOTION_PERFORMANCE_LOG_DB_ID, Input.TASK_ID_DATABASE);

    private SettingsReader() {
    }

    public static SyncSettings read(RunnerContext ctx) throws InputException {
        boolean dryRun = bool(ctx, Input.DRY_RUN);
        boolean failOnError = bool(ctx, Input.FAIL_ON_ERROR);
        String token = ctx.input(Input.NOTION_TOKEN);
        if (token.isEmpty() && !dryRun) {
            throw new InputException("The notion-token input is empty: pass your Notion integration secret, "
                    + "for example notion-token: ${{ secrets.NOTION_TOKEN }} (on pull requests from forks, "
                    + "secrets are not available).");
        }
        Map<Input, String> ids = new EnumMap<>(Input.class);
        for (Input input : Input.values()) {
            if (DATABASE_INPUTS.contains(input)) {
                notionId(ctx, input).ifPresent(id -> ids.put(input, id));
            }
        }
        Optional<String> pageId = notionId(ctx, Input.NOTION_PAGE_ID);
        URI apiUrl = apiUrl(ctx.input(Input.NOTION_API_URL));
        String version = version(ctx.input(Input.NOTION_VERSION));
        Path metrics = metricsFile(ctx);
        Duration budget = Duration.ofSeconds(positive(ctx, Input.RETRY_BUDGET_SECONDS));
        Duration timeout = Duration.ofSeconds(positive(ctx, Input.REQUEST_TIMEOUT_SECONDS));
        String server = ctx.env("GITHUB_SERVER_URL").isEmpty() ? "https://github.com" : ctx.env("GITHUB_SERVER_URL");
        String graphql = ctx.env("GITHUB_GRAPHQL_URL").isEmpty()
                ? "https://api.github.com/graphql" : ctx.env("GITHUB_GRAPHQL_URL");
        var run = new SyncSettings.GitHubRun(server, ctx.env("GITHUB_REPOSITORY"), ctx.env("GITHUB_RUN_ID"),
                ctx.env("GITHUB_RUN_NUMBER"), ctx.env("GITHUB_WORKFLOW"), graphql);
        PageMapping mapping = PageMapping.read(ctx.input(Input.PROPERTY_NAMES), ctx.input(Input.STATUS_MAP),
                ctx.input(Input.NOTION_USER_MAP), ctx.input(Input.TASK_STATUS_MAP), ctx.input(Input.PULL_FIELDS));
        SyncSettings.Mode mode = mode(ctx.input(Input.MODE));
        Optional<SyncSettings.ProjectRef> project = project(ctx.input(Input.PROJECT_URL));
        if (mode == SyncSettings.Mode.SETUP && pageId.isEmpty()) {
            throw new InputException("The notion-page-id input is empty, and setup creates the databases under that "
                    + "page: share a Notion page with the integration and pass its ID or URL as notion-page-id.");
        }
        if (mode == SyncSettings.Mode.BACKFILL && ctx.input(Input.GITHUB_TOKEN).isEmpty() && !dryRun) {
            throw new InputException("The github-token input is empty, and backfill reads the repository through "
                    + "GitHub's GraphQL API: leave github-token at its default (${{ github.token }}), or pass a token "
                    + "that can read the repository (and the project, with project-url).");
        }
        if (mode == SyncSettings.Mode.BACKFILL && run.repository().isEmpty()) {
            throw new InputException("GITHUB_REPOSITORY is not set, so backfill does not know which repository to "
                    + "read: run it from a workflow, or set GITHUB_REPOSITORY=owner/name.");
        }
        if (mode == SyncSettings.Mode.PULL) {
            if (token.isEmpty()) {
                throw new InputException("The notion-token input is empty, and a pull reads Notion even in a dry run: "
                        + "pass your Notion integration secret, for example notion-token: ${{ secrets.NOTION_TOKEN }}.");
            }
            if (ctx.input(Input.GITHUB_TOKEN).isEmpty()) {
                throw new InputException("The github-token input is empty, and a pull reads and changes GitHub: leave "
                        + "github-token at its default (${{ github.token }}) with permissions issues: write and "
                        + "pull-requests: write, or pass a token that can.");
            }
            if (run.repository().isEmpty()) {
                throw new InputException("GITHUB_REPOSITORY is not set, so a pull does not know which repository's "
                        + "objects it may change: run it from a workflow, or set GITHUB_REPOSITORY=owner/name.");
            }
        }
        TwoWay twoWay = new TwoWay(mapping.pullFields(), since(ctx.input(Input.PULL_SINCE)), bool(ctx, Input.CREATE_ISSUES),
                repositories(run.repository(), ctx.input(Input.REPOSITORIES)));
        return new SyncSettings(token, pageId, Map.copyOf(ids), apiUrl, version, metrics, dryRun,
                ctx.input(Input.GITHUB_TOKEN), failOnError, budget, timeout, run, mapping, mode, project,
                bool(ctx, Input.SYNC_BOT_COMMENTS), twoWay);
    }

    private static SyncSettings.Mode mode(String raw) throws InputException {
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "", "sync" -> SyncSettings.Mode.SYNC;
            case "backfill" -> SyncSettings.Mode.BACKFILL;
            case "setup" -> SyncSettings.Mode.SETUP;
            case "pull" -> SyncSettings.Mode.PULL;
            default -> throw new InputException("The mode input must be sync, backfill, setup or pull.");
        };
    }

    /** pull-since: a whole number of minutes, hours or days (90m, 24h, 7d), at most 90 days. */
    static Duration since(String raw) throws InputException {
        String v = raw.isBlank() ? Input.PULL_SINCE.defaultValue() : raw.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            Duration d = switch (v.charAt(v.length() - 1)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> null;
            };
            if (d != null && n > 0 && d.compareTo(Duration.ofDays(90)) <= 0) {
                return d;
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new InputException("The pull-since input must be a duration such as 90m, 24h or 7d (at most 90 days).");
    }

    /** The run's repository first, then those the repositories input adds. */
    private static java.util.List<String> repositories(String own, String raw) throws InputException {
        java.util.List<String> all = new java.util.ArrayList<>();
        if (!own.isEmpty()) {
            all.add(own.toLowerCase(java.util.Locale.ROOT));
        }
        for (String r : raw.split("[,\\s]+")) {
            if (r.isBlank()) {
                continue;
            }
            String[] parts = r.split("/");
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new InputException("The repositories input must list owner/name repositories, separated by "
                        + "commas or lines.");
            }
            String lower = r.toLowerCase(java.util.Locale.ROOT);
            if (!all.contains(lower)) {
                all.add(lower);
            }
        }
        return java.util.List.copyOf(all);
    }

    /** https://github.com/orgs/ORG/projects/N or https://github.com/users/USER/projects/N (a trailing /views/… is fine). */
    private static Optional<SyncSettings.ProjectRef> project(String raw) throws InputException {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw);
            String[] parts = uri.getPath() == null ? new String[0] : uri.getPath().split("/");
            // ["", "orgs"|"users", owner, "projects", number, ...]
            if (uri.getHost() != null && parts.length >= 5 && (parts[1].equals("orgs") || parts[1].equals("users"))
                    && parts[3].equals("projects") && !parts[2].isEmpty()) {
                return Optional.of(new SyncSettings.ProjectRef(parts[1].equals("orgs"), parts[2], Integer.parseInt(parts[4])));
            }
        } catch (Exception e) {
            // fall through to the message below
        }
        throw new InputException("The project-url input is not a Projects v2 board URL: use the board's address, "
                + "such as https://github.com/orgs/ORG/projects/5 or https://github.com/users/USER/projects/5.");
    }

    private static Optional<String> notionId(RunnerContext ctx, Input input) throws InputException {
        String raw = ctx.input(input);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> id = NotionIds.parse(raw);
        if (id.isEmpty()) {
            // The value is not echoed: a secret pasted into the wrong input must not reach the log.
            throw new InputException("The " + input.id() + " input is not a Notion ID: use the 32 hexadecimal "
                    + "characters of the ID (dashes allowed) or the database's notion.so URL.");
        }
        return id;
    }

    private static URI apiUrl(String raw) throws InputException {
        try {
            URI uri = new URI(raw);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null) {
                String s = uri.toString();
                return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            }
        } catch (Exception e) {
            // fall through to the message below
        }
        throw new InputException("The notion-api-url input is not an http(s) URL with a host: "
                + "leave it unset to use https://api.notion.com.");
    }

    private static String version(String raw) throws InputException {
        try {
            LocalDate date = LocalDate.parse(raw);
            if (date.isBefore(MINIMUM_VERSION)) {
                throw new InputException("The notion-version input " + date + " predates the markdown content "
                        + "endpoints this action writes page content with: use " + MINIMUM_VERSION
                        + " or later (or leave it unset).");
            }
            return raw;
        } catch (DateTimeParseException e) {
            throw new InputException("The notion-version input must be a date such as " + MINIMUM_VERSION + ".");
        }
    }

    private static Path metricsFile(RunnerContext ctx) throws InputException {
        if (ctx.input(Input.METRICS_FILE).isEmpty()) {
            throw new InputException("The metrics-file input is empty: leave it unset to use "
                    + "logs/sync_metrics.jsonl.");
        }
        return metricsPath(ctx).orElseThrow(
                () -> new InputException("The metrics-file input is not a valid file path."));
    }

    /**
     * The metrics file in the workspace, if the input names a valid path. Also used when other
     * inputs are invalid, so a failed run still leaves its metrics line.
     */
    public static Optional<Path> metricsPath(RunnerContext ctx) {
        String raw = ctx.input(Input.METRICS_FILE);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ctx.workspace().resolve(raw).normalize());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The YAML 1.2 core-schema booleans that actions/toolkit getBooleanInput accepts. */
    private static boolean bool(RunnerContext ctx, Input input) throws InputException {
        String v = ctx.input(input);
        return switch (v) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            case "" -> Boolean.parseBoolean(input.defaultValue());
            default -> throw new InputException("The " + input.id() + " input must be true or false.");
        };
    }

    private static long positive(RunnerContext ctx, Input input) throws InputException {
        String v = ctx.input(input);
        if (v.isEmpty()) {
            v = input.defaultValue();
        }
        try {
            long n = Long.parseLong(v);
            if (n > 0 && n <= 86_400) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InputException("The " + input.id() + " input must be a whole number of seconds between 1 and 86400.");
    }
}
