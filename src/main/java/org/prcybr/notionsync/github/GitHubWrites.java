package org.prcybr.notionsync.github;

import static org.prcybr.notionsync.mapping.JsonValues.at;
import static org.prcybr.notionsync.mapping.JsonValues.text;

import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.prcybr.notionsync.mapping.GitHubComment;
import org.prcybr.notionsync.mapping.JsonValues;
import org.prcybr.notionsync.mapping.PropertyValue;

/**
 * The changes a pull makes on GitHub, one field at a time, each through {@link GitHubClient}'s
 * paced mutations: a state, a title, labels, assignees, a milestone, a project field. Names become
 * ids through the repository (read once per run); a name GitHub does not know is reported, never
 * created. In a dry run nothing is sent and each change says what it would do.
 */
public final class GitHubWrites {
    private final GitHubClient client;
    private final boolean dryRun;
    private final Map<String, JsonNode> repositories = new HashMap<>();
    private final Map<String, String> lookedUp = new HashMap<>();
    private int mutations;

    public GitHubWrites(GitHubClient client, boolean dryRun) {
        this.client = client;
        this.dryRun = dryRun;
    }

    /**
     * What one change did (or would do), or why it could not be made ({@code problem}: Notion's value
     * stays and is reported), or why GitHub cannot take it at all ({@code refusal}: GitHub's value is
     * written back over it, and the refusal reported).
     */
    public record Change(String description, String problem, String refusal, String kept) {
        public Change(String description, String problem) {
            this(description, problem, "", "");
        }

        Change(String description, String problem, String refusal) {
            this(description, problem, refusal, "");
        }

        static Change none() {
            return new Change("", "");
        }

        static Change refused(String why) {
            return new Change("", "", why);
        }

        /** Nothing for GitHub to do, and Notion's value stays (a Status option that stands for no GitHub state). */
        public static Change kept(String why) {
            return new Change("", "", "", why);
        }

        public boolean keptInNotion() {
            return !kept.isEmpty();
        }

        public boolean failed() {
            return !problem.isEmpty();
        }

        public boolean changed() {
            return !description.isEmpty() && problem.isEmpty();
        }
    }

    /** An issue or pull request to change: the GraphQL node with the fields the pull reads. */
    public record Target(JsonNode node) {
        public String id() {
            return text(node, "id");
        }

        public boolean pullRequest() {
            return "PullRequest".equals(text(node, "__typename"));
        }

        public String repository() {
            return text(node, "repository", "nameWithOwner");
        }

        public String url() {
            return text(node, "url");
        }

        /** "issue #3" or "pull request #5", for messages. */
        public String label() {
            Number n = JsonValues.number(node, "number");
            return (pullRequest() ? "pull request #" : "issue #") + (n == null ? "?" : n.intValue());
        }

        public String permission() {
            return pullRequest() ? "pull-requests: write" : "issues: write";
        }
    }

    /** Mutations sent so far. */
    public int mutations() {
        return mutations;
    }

    /** Opens or closes the object: {@code state} is open, closed or not_planned (an issue's reason). */
    public Change state(Target t, String state) {
        JsonNode node = t.node();
        boolean closed = !text(node, "issueState").equals("OPEN") && !text(node, "prState").equals("OPEN");
        if (t.pullRequest()) {
            boolean merged = text(node, "prState").equals("MERGED") || JsonValues.bool(node, "merged");
            if (merged) {
                return state.equals("open") ? Change.refused(t.label() + " is merged, and a merged pull request cannot "
                        + "be reopened") : Change.none();
            }
            if (state.equals("open") == !closed) {
                return Change.none();
            }
            return state.equals("open")
                    ? send(t, "reopen " + t.label(), GraphQlDocuments.REOPEN_PULL_REQUEST, Map.of("id", t.id()))
                    : send(t, "close " + t.label(), GraphQlDocuments.CLOSE_PULL_REQUEST, Map.of("id", t.id()));
        }
        if (state.equals("open")) {
            return closed ? send(t, "reopen " + t.label(), GraphQlDocuments.REOPEN_ISSUE, Map.of("id", t.id()))
                    : Change.none();
        }
        String reason = state.equals("not_planned") ? "NOT_PLANNED" : "COMPLETED";
        String current = text(node, "stateReason");
        if (closed && (reason.equals("NOT_PLANNED") == current.equals("NOT_PLANNED"))) {
            return Change.none();
        }
        return send(t, "close " + t.label() + (reason.equals("NOT_PLANNED") ? " as not planned" : " as completed"),
                GraphQlDocuments.CLOSE_ISSUE, Map.of("id", t.id(), "reason", reason));
    }

    public Change title(Target t, String title) {
        if (title.isBlank()) {
            return new Change("", "an empty title cannot be written to " + t.label());
        }
        if (title.equals(text(t.node(), "title"))) {
            return Change.none();
        }
        return send(t, "retitle " + t.label(), t.pullRequest() ? GraphQlDocuments.PULL_REQUEST_TITLE
                : GraphQlDocuments.ISSUE_TITLE, Map.of("id", t.id(), "title", title));
    }

    /** Makes the object's labels these names; names the repository lacks are reported, not created. */
    public Change labels(Target t, List<String> wanted) {
        Map<String, String> listed = byName(names(t.repository()), "labels", "name");
        Function<String, String> id = name -> listed.containsKey(name.toLowerCase(Locale.ROOT))
                ? listed.get(name.toLowerCase(Locale.ROOT)) : lookUp(t.repository(), "label", name);
        return setOf(t, "label", wanted, JsonValues.strings(at(t.node(), "labels", "nodes"), "name"), id,
                login -> true, GraphQlDocuments.ADD_LABELS, GraphQlDocuments.REMOVE_LABELS, "labels",
                " does not exist in " + t.repository() + " (labels are not created from Notion): create it on GitHub "
                        + "or remove it from the page");
    }

    /**
     * Makes the object's assignees these logins; a login that cannot be assigned is reported.
     *
     * @param shownInNotion whether the page can show an assignee at all (people need a notion-user-map
     *                      line): one it cannot show is never unassigned for being absent from the page
     */
    public Change assignees(Target t, List<String> logins, Predicate<String> shownInNotion) {
        Map<String, String> listed = byName(names(t.repository()), "assignableUsers", "login");
        Function<String, String> id = login -> listed.containsKey(login.toLowerCase(Locale.ROOT))
                ? listed.get(login.toLowerCase(Locale.ROOT)) : lookUp(t.repository(), "user", login);
        return setOf(t, "assignee", logins, JsonValues.strings(at(t.node(), "assignees", "nodes"), "login"), id,
                shownInNotion, GraphQlDocuments.ADD_ASSIGNEES, GraphQlDocuments.REMOVE_ASSIGNEES, "users",
                " cannot be assigned in " + t.repository() + ": give them access to the repository, or remove them "
                        + "from the page");
    }

    /** A label's or a user's id past the first 100 the repository lists, read once; null when there is none. */
    private String lookUp(String repository, String kind, String name) {
        String key = kind + ":" + repository.toLowerCase(Locale.ROOT) + ":" + name.toLowerCase(Locale.ROOT);
        if (!lookedUp.containsKey(key)) {
            JsonNode found;
            if (kind.equals("label")) {
                Map<String, Object> vars = new HashMap<>(ownerAndName(repository));
                vars.put("label", name);
                found = at(client.query("label " + name + " of " + repository, GraphQlDocuments.LABEL, vars),
                        "repository", "label");
            } else if (kind.equals("milestone")) {
                Map<String, Object> vars = new HashMap<>(ownerAndName(repository));
                vars.put("title", name);
                JsonNode nodes = at(client.query("milestone " + name + " of " + repository, GraphQlDocuments.MILESTONE,
                        vars), "repository", "milestones", "nodes");
                found = null;
                if (nodes != null && nodes.isArray()) {
                    for (JsonNode n : nodes.values()) {
                        if (text(n, "title").equalsIgnoreCase(name)) {
                            found = n;
                        }
                    }
                }
            } else {
                found = at(client.query("user " + name, GraphQlDocuments.USER, Map.of("login", name)), "user");
            }
            lookedUp.put(key, found == null ? null : text(found, "id"));
        }
        return lookedUp.get(key);
    }

    /** Sets the milestone with this title ("" clears it); a title the repository lacks is reported. */
    public Change milestone(Target t, String title) {
        String current = text(t.node(), "milestone", "title");
        if (title.equalsIgnoreCase(current)) {
            return Change.none();
        }
        String id = null;
        if (!title.isBlank()) {
            id = byName(names(t.repository()), "milestones", "title").get(title.toLowerCase(Locale.ROOT));
            if (id == null) {
                id = lookUp(t.repository(), "milestone", title);
            }
            if (id == null) {
                return new Change("", "milestone \"" + title + "\" does not exist in " + t.repository()
                        + ": create it on GitHub or pick another");
            }
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("id", t.id());
        vars.put("milestone", id);
        return send(t, (id == null ? "clear the milestone of " : "set the milestone of ") + t.label(),
                t.pullRequest() ? GraphQlDocuments.PULL_REQUEST_MILESTONE : GraphQlDocuments.ISSUE_MILESTONE, vars);
    }

    /**
     * Sets a Projects v2 item's field (single select, iteration, text, number or date) to the page's
     * value, found by the field's name in the item's project.
     */
    public Change projectField(JsonNode item, String fieldName, PropertyValue value) {
        String itemLabel = "the project item's field \"" + fieldName + "\"";
        JsonNode field = null;
        JsonNode fields = at(item, "project", "fields", "nodes");
        if (fields != null && fields.isArray()) {
            for (JsonNode f : fields.values()) {
                if (text(f, "name").equalsIgnoreCase(fieldName)) {
                    field = f;
                }
            }
        }
        if (field == null) {
            return new Change("", "the project has no field \"" + fieldName + "\"");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("project", text(item, "project", "id"));
        vars.put("item", text(item, "id"));
        vars.put("field", text(field, "id"));
        String permission = "a github-token with write access to the project (the default token cannot write Projects v2)";
        if (value.display().isEmpty()) {
            return send(permission, "clear " + itemLabel, GraphQlDocuments.CLEAR_PROJECT_FIELD, vars);
        }
        Object fieldValue;
        switch (text(field, "dataType")) {
            case "SINGLE_SELECT" -> {
                String option = optionId(at(field, "options"), "name", value.display());
                if (option == null) {
                    return new Change("", "the project field \"" + fieldName + "\" has no option \"" + value.display() + "\"");
                }
                fieldValue = Map.of("singleSelectOptionId", option);
            }
            case "ITERATION" -> {
                String iteration = optionId(at(field, "configuration", "iterations"), "title", value.display());
                if (iteration == null) {
                    iteration = optionId(at(field, "configuration", "completedIterations"), "title", value.display());
                }
                if (iteration == null) {
                    return new Change("", "the project field \"" + fieldName + "\" has no iteration \"" + value.display() + "\"");
                }
                fieldValue = Map.of("iterationId", iteration);
            }
            case "NUMBER" -> {
                if (!(value instanceof PropertyValue.Numeric n)) {
                    return new Change("", "the project field \"" + fieldName + "\" takes a number");
                }
                fieldValue = Map.of("number", n.number().doubleValue());
            }
            case "DATE" -> fieldValue = Map.of("date", value.display().substring(0, Math.min(10, value.display().length())));
            case "TEXT" -> fieldValue = Map.of("text", value.display());
            default -> {
                return new Change("", "the project field \"" + fieldName + "\" is of a kind GitHub does not let "
                        + "integrations set (" + text(field, "dataType") + ")");
            }
        }
        vars.put("value", fieldValue);
        return send(permission, "set " + itemLabel, GraphQlDocuments.PROJECT_FIELD, vars);
    }

    /** The id of the issue whose body carries {@code marker} among the repository's 100 newest, if any. */
    public Optional<String> issueMarked(String repository, String marker) {
        JsonNode data = client.query("issues of " + repository, GraphQlDocuments.RECENT_ISSUES, ownerAndName(repository));
        JsonNode nodes = at(data, "repository", "issues", "nodes");
        // Only an issue this token opened counts: anyone can write a marker into an issue of their own.
        String self = text(data, "viewer", "login");
        if (nodes != null && nodes.isArray()) {
            for (JsonNode n : nodes.values()) {
                if (text(n, "body").contains(marker) && text(n, "author", "login").equalsIgnoreCase(self)) {
                    return Optional.of(text(n, "id"));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Creates an issue and returns it with the fields its page needs. Never sent twice: a lost answer
     * throws {@link GitHubException} with {@link GitHubException.Kind#OUTCOME_UNKNOWN}.
     */
    public JsonNode createIssue(String repository, String title, String body) {
        String repositoryId = text(names(repository), "id");
        mutations++;
        JsonNode data = client.mutate("create an issue in " + repository, "issues: write", false,
                GraphQlDocuments.CREATE_ISSUE, Map.of("repository", repositoryId, "title", title, "body", body));
        return at(data, "createIssue", "issue");
    }

    /**
     * The Notion comment ids an object's GitHub comments carry in their markers (comments posted by
     * earlier pulls), read 100 at a time.
     *
     * @return the object's type name and the ids
     */
    public PostedComments postedFromNotion(String nodeId) {
        Set<String> ids = new HashSet<>();
        String type = "";
        String cursor = null;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("id", nodeId);
            vars.put("cursor", cursor);
            JsonNode node = at(client.query("comments of " + nodeId, GraphQlDocuments.COMMENTS, vars), "node");
            if (node == null) {
                throw new GitHubException(GitHubException.Kind.NOT_FOUND, "GitHub found no object " + nodeId
                        + " to comment on: it is gone, or github-token cannot see it.", null);
            }
            type = text(node, "__typename");
            JsonNode connection = at(node, "commentPage");
            JsonNode nodes = at(connection, "nodes");
            if (nodes != null && nodes.isArray()) {
                for (JsonNode c : nodes.values()) {
                    String body = text(c, "body");
                    int at = body.indexOf(GitHubComment.FROM_NOTION_MARKER);
                    while (at >= 0) {
                        int start = at + GitHubComment.FROM_NOTION_MARKER.length();
                        int end = body.indexOf(" -->", start);
                        if (end < 0) {
                            break;
                        }
                        ids.add(body.substring(start, end).strip());
                        at = body.indexOf(GitHubComment.FROM_NOTION_MARKER, end);
                    }
                }
            }
            cursor = GraphQlComments.next(connection);
        } while (cursor != null);
        return new PostedComments(type, ids);
    }

    /** An object's type ({@code Issue}, {@code PullRequest}, {@code Discussion}) and the Notion comments it carries. */
    public record PostedComments(String type, Set<String> notionCommentIds) {
    }

    /**
     * Posts a comment on an issue, a pull request or a discussion. Never sent twice: a lost answer
     * throws {@link GitHubException} with {@link GitHubException.Kind#OUTCOME_UNKNOWN}.
     */
    public Change postComment(String nodeId, String type, String label, String body) {
        String what = "comment on " + label;
        if (dryRun) {
            return new Change(what, "");
        }
        mutations++;
        if (type.equals("Discussion")) {
            client.mutate(what, "discussions: write", false, GraphQlDocuments.ADD_DISCUSSION_COMMENT,
                    Map.of("discussion", nodeId, "body", body));
        } else {
            client.mutate(what, type.equals("PullRequest") ? "pull-requests: write" : "issues: write", false,
                    GraphQlDocuments.ADD_COMMENT, Map.of("subject", nodeId, "body", body));
        }
        return new Change(what, "");
    }

    /** Adds and removes members of a set (labels, assignees) so it holds {@code wanted}. */
    private Change setOf(Target t, String what, List<String> wanted, List<String> current, Function<String, String> idOf,
                         Predicate<String> removable, String addDocument, String removeDocument, String variable,
                         String unknownProblem) {
        List<String> add = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> wantedLower = wanted.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        List<String> currentLower = current.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        for (String name : wanted) {
            if (currentLower.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String id = idOf.apply(name);
            if (id == null || id.isEmpty()) {
                problems.add(what + " \"" + name + "\"" + unknownProblem);
            } else {
                add.add(id);
            }
        }
        List<String> remove = new ArrayList<>();
        for (String name : current) {
            if (!wantedLower.contains(name.toLowerCase(Locale.ROOT)) && removable.test(name)) {
                String id = idOf.apply(name);
                if (id != null && !id.isEmpty()) {
                    remove.add(id);
                }
            }
        }
        List<String> done = new ArrayList<>();
        if (!add.isEmpty()) {
            Change c = send(t, "add " + add.size() + " " + what + (add.size() == 1 ? "" : "s") + " to " + t.label(),
                    addDocument, Map.of("id", t.id(), variable, add));
            done.add(c.description());
        }
        if (!remove.isEmpty()) {
            Change c = send(t, "remove " + remove.size() + " " + what + (remove.size() == 1 ? "" : "s") + " from "
                    + t.label(), removeDocument, Map.of("id", t.id(), variable, remove));
            done.add(c.description());
        }
        return new Change(String.join(", ", done), String.join("; ", problems));
    }

    private Change send(Target t, String what, String document, Map<String, Object> variables) {
        return send(t.permission(), what, document, variables);
    }

    private Change send(String permission, String what, String document, Map<String, Object> variables) {
        if (!dryRun) {
            mutations++;
            client.mutate(what, permission, true, document, variables);
        }
        return new Change(what, "");
    }

    /** The repository's id, labels, milestones and assignable users, read once per run. */
    private JsonNode names(String repository) {
        return repositories.computeIfAbsent(repository.toLowerCase(Locale.ROOT), r -> {
            JsonNode data = client.query("labels, milestones and assignable users of " + repository,
                    GraphQlDocuments.REPOSITORY_NAMES, ownerAndName(repository));
            JsonNode repo = at(data, "repository");
            if (repo == null) {
                throw new GitHubException(GitHubException.Kind.NOT_FOUND, "GitHub found no repository " + repository
                        + ": check the repositories input, and that github-token can see it.", null);
            }
            return repo;
        });
    }

    private static Map<String, String> byName(JsonNode repository, String connection, String key) {
        Map<String, String> ids = new HashMap<>();
        JsonNode nodes = at(repository, connection, "nodes");
        if (nodes != null && nodes.isArray()) {
            for (JsonNode n : nodes.values()) {
                ids.putIfAbsent(text(n, key).toLowerCase(Locale.ROOT), text(n, "id"));
            }
        }
        return ids;
    }

    private static String optionId(JsonNode options, String key, String name) {
        if (options != null && options.isArray()) {
            for (JsonNode o : options.values()) {
                if (text(o, key).equalsIgnoreCase(name.strip())) {
                    return text(o, "id");
                }
            }
        }
        return null;
    }

    private static Map<String, Object> ownerAndName(String repository) {
        String[] parts = repository.split("/", 2);
        return Map.of("owner", parts[0], "name", parts.length > 1 ? parts[1] : "");
    }
}
