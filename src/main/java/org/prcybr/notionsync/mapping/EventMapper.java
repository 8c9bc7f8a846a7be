package org.prcybr.notionsync.mapping;

import static org.prcybr.notionsync.mapping.JsonValues.text;

import io.micronaut.json.tree.JsonNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prcybr.notionsync.config.InputException;
import org.prcybr.notionsync.config.SyncSettings.GitHubRun;

/**
 * Pure mapping from GitHub's event payload to a {@link PageSpec}: no I/O, so it is tested on
 * GitHub's own example payloads alone. Any action of a handled event upserts the object's current
 * state; {@code deleted} trashes the page.
 */
public final class EventMapper {
    private EventMapper() {
    }

    public static MappingOutcome map(String eventName, JsonNode payload, GitHubRun run) throws InputException {
        if (payload == null || !payload.isObject()) {
            throw new InputException("The event file does not hold a JSON object: check GITHUB_EVENT_PATH "
                    + "(or --event-path) points at a GitHub webhook payload.");
        }
        String action = text(payload, "action");
        String eventType = action.isEmpty() ? eventName : eventName + "." + action;
        return switch (eventName) {
            case "issues" -> mapped(objectPage(eventType, Category.ISSUE, payload, "issue", action));
            case "pull_request", "pull_request_target" ->
                    mapped(objectPage(eventType, Category.PULL_REQUEST, payload, "pull_request", action));
            case "discussion" -> mapped(objectPage(eventType, Category.DISCUSSION, payload, "discussion", action));
            case "issue_comment" -> comment(eventType, payload, action,
                    isObject(JsonValues.at(payload, "issue", "pull_request")) ? Category.PULL_REQUEST : Category.ISSUE,
                    "issue", "comment");
            case "discussion_comment" -> comment(eventType, payload, action, Category.DISCUSSION, "discussion",
                    "comment");
            case "pull_request_review_comment" -> comment(eventType, payload, action, Category.PULL_REQUEST,
                    "pull_request", "comment");
            case "pull_request_review" -> comment(eventType, payload, action, Category.PULL_REQUEST,
                    "pull_request", "review");
            case "projects_v2_item" -> mapped(projectItem(eventType, payload, action));
            case "repository_dispatch" -> repositoryDispatch(payload);
            case "workflow_dispatch" -> mapped(manual(eventType, payload, run));
            case "" -> throw new InputException("GITHUB_EVENT_NAME is not set: run the action from a workflow, "
                    + "or pass --event-name when running it locally.");
            default -> new MappingOutcome.Skipped(eventType, "The " + eventName
                    + " event is not synced: this action handles issues, pull_request, discussion, their comments "
                    + "(issue_comment, discussion_comment, pull_request_review, pull_request_review_comment), "
                    + "projects_v2_item (also forwarded through repository_dispatch) and workflow_dispatch.");
        };
    }

    private static MappingOutcome mapped(PageSpec page) {
        return new MappingOutcome.Mapped(page);
    }

    private static PageSpec objectPage(String eventType, Category category, JsonNode payload, String key,
                                       String action) throws InputException {
        JsonNode object = requireObject(payload, key, eventType);
        String nodeId = requireText(object, key, "node_id", eventType);
        GitHubObject webhookObject = new WebhookObject(object, payload.get("repository"));
        Map<Field, PropertyValue> values = webhookObject.details(category);
        values.put(Field.SOURCE_URL, PropertyValue.text(text(object, "html_url")));
        JsonNode changes = payload.get("changes");
        boolean bodyChanged = "edited".equals(action) && isObject(changes) && changes.get("body") != null;
        return new PageSpec(eventType, category, title(object), nodeId, values, Map.of(),
                webhookObject.states(category), body(object), bodyChanged, "deleted".equals(action),
                Optional.empty(), optionalText(object, "updated_at"), repositoryUrl(payload.get("repository")));
    }

    /**
     * A comment event: the object's page as its own event would write it, from the facts this
     * payload has (a review's pull request has no comment count, a conversation's pull request comes
     * as an issue), and the comment to mirror on it.
     */
    private static MappingOutcome comment(String eventType, JsonNode payload, String action, Category category,
                                          String objectKey, String commentKey) throws InputException {
        JsonNode comment = requireObject(payload, commentKey, eventType);
        boolean review = "review".equals(commentKey);
        GitHubComment.Change change = switch (action) {
            case "created", "submitted" -> GitHubComment.Change.CREATED;
            case "edited" -> GitHubComment.Change.EDITED;
            case "deleted" -> review ? null : GitHubComment.Change.DELETED;
            default -> null;
        };
        if (change == null) {
            return new MappingOutcome.Skipped(eventType, "The " + eventType + " event changes no comment text, "
                    + "so nothing is mirrored to Notion.");
        }
        String body = text(comment, "body");
        if (review && body.isBlank()) {
            return new MappingOutcome.Skipped(eventType, "The review has no text, so there is no comment to "
                    + "mirror to Notion.");
        }
        if (body.contains(GitHubComment.FROM_NOTION_MARKER)) {
            return new MappingOutcome.Skipped(eventType, "The comment was posted from Notion, so it is not "
                    + "mirrored back.");
        }
        PageSpec page = objectPage(eventType, category, payload, objectKey, "");
        JsonNode object = payload.get(objectKey);
        // A comment on an open pull request's conversation carries it as an issue, without "draft":
        // its state is unknown then, and the page's Status is left as it is.
        boolean stateUnknown = category == Category.PULL_REQUEST && isObject(object) && object.get("draft") == null
                && page.states().equals(List.of("open"));
        page = new PageSpec(eventType, category, page.title(), page.externalId(), knownValues(page.values(), object),
                page.fieldValues(), stateUnknown ? List.of() : page.states(), page.body(), false, false, page.contentNodeId(),
                page.updatedAt(), page.repositoryUrl());
        String context = review ? reviewContext(text(comment, "state")) : diffContext(comment);
        return new MappingOutcome.Mapped(page, Optional.of(new GitHubComment(change, text(comment, "user", "login"),
                text(comment, "html_url"), body, context, page.repositoryUrl())));
    }

    /** A review comment names its file and line, since a page has no diff to anchor it. */
    private static String diffContext(JsonNode comment) {
        String path = text(comment, "path");
        if (path.isEmpty()) {
            return "";
        }
        Number line = JsonValues.number(comment, "line");
        Number original = JsonValues.number(comment, "original_line");
        Number shown = line != null ? line : original;
        return "On " + path + (shown == null ? "" : " line " + shown.longValue());
    }

    private static String reviewContext(String state) {
        return switch (state.toLowerCase(java.util.Locale.ROOT)) {
            case "approved" -> "Review: approved";
            case "changes_requested" -> "Review: changes requested";
            default -> "Review";
        };
    }

    /**
     * The values whose facts the object carries: a fact a comment event's payload leaves out (a
     * review's pull request has no comments count, a conversation's no reviewers) is left as the
     * page has it, not cleared.
     */
    private static Map<Field, PropertyValue> knownValues(Map<Field, PropertyValue> values, JsonNode object) {
        Map<Field, List<String>> keys = new EnumMap<>(Field.class);
        keys.put(Field.NUMBER, List.of("number"));
        keys.put(Field.LABELS, List.of("labels"));
        keys.put(Field.AUTHOR, List.of("user"));
        keys.put(Field.CREATED, List.of("created_at"));
        keys.put(Field.UPDATED, List.of("updated_at"));
        keys.put(Field.CLOSED, List.of("closed_at"));
        keys.put(Field.COMMENTS, List.of("comments"));
        keys.put(Field.ASSIGNEES, List.of("assignees"));
        keys.put(Field.MILESTONE, List.of("milestone"));
        keys.put(Field.STATE_REASON, List.of("state_reason"));
        keys.put(Field.MERGED, List.of("merged", "merged_at", "pull_request"));
        keys.put(Field.MERGED_AT, List.of("merged_at", "pull_request"));
        keys.put(Field.DRAFT, List.of("draft"));
        keys.put(Field.REVIEWERS, List.of("requested_reviewers"));
        keys.put(Field.BASE, List.of("base"));
        keys.put(Field.HEAD, List.of("head"));
        keys.put(Field.DISCUSSION_CATEGORY, List.of("category"));
        keys.put(Field.ANSWERED, List.of("answer_chosen_at", "answer_html_url"));
        Map<Field, PropertyValue> known = new EnumMap<>(Field.class);
        values.forEach((field, value) -> {
            List<String> needs = keys.get(field);
            if (needs == null || needs.stream().anyMatch(k -> object.get(k) != null)) {
                known.put(field, value);
            }
        });
        return known;
    }

    private static PageSpec projectItem(String eventType, JsonNode payload, String action) throws InputException {
        JsonNode item = requireObject(payload, "projects_v2_item", eventType);
        String contentType = text(item, "content_type");
        String contentNode = text(item, "content_node_id");
        String fallback = "Project item: " + (contentType.isEmpty() ? "Item" : contentType)
                + (contentNode.isEmpty() ? "" : " " + contentNode);
        JsonNode archivedAt = item.get("archived_at");
        boolean archived = archivedAt != null && !archivedAt.isNull();
        Map<Field, PropertyValue> values = new EnumMap<>(Field.class);
        values.put(Field.SOURCE_URL, PropertyValue.CLEARED);
        return new PageSpec(eventType, Category.PROJECT_BOARD, fallback,
                requireText(item, "projects_v2_item", "node_id", eventType), values, Map.of(),
                List.of(archived ? "closed" : "open"), Optional.empty(), false, "deleted".equals(action),
                contentNode.isEmpty() ? Optional.empty() : Optional.of(contentNode), optionalText(item, "updated_at"), "");
    }

    private static MappingOutcome repositoryDispatch(JsonNode payload) throws InputException {
        JsonNode clientPayload = payload.get("client_payload");
        String dispatchType = text(payload, "action");
        if (clientPayload != null && clientPayload.isObject() && isObject(clientPayload.get("projects_v2_item"))) {
            String action = text(clientPayload, "action");
            String eventType = action.isEmpty() ? "projects_v2_item" : "projects_v2_item." + action;
            return mapped(projectItem(eventType, clientPayload, action));
        }
        String eventType = dispatchType.isEmpty() ? "repository_dispatch" : "repository_dispatch." + dispatchType;
        return new MappingOutcome.Skipped(eventType, "The repository_dispatch event is synced only when its "
                + "client_payload carries a projects_v2_item webhook body (see examples/projects-v2-forwarding.yml).");
    }

    private static PageSpec manual(String eventType, JsonNode payload, GitHubRun run) throws InputException {
        if (run.runId().isEmpty()) {
            throw new InputException("GITHUB_RUN_ID is not set: workflow_dispatch pages are keyed by the run id, "
                    + "so run this event from a workflow, or set GITHUB_RUN_ID (--run-id when running the jar locally).");
        }
        JsonNode inputs = payload.get("inputs");
        String title = text(inputs, "title").strip();
        if (title.isEmpty()) {
            String workflow = run.workflow().isEmpty() ? "Workflow" : run.workflow();
            title = workflow + " #" + (run.runNumber().isEmpty() ? run.runId() : run.runNumber());
        }
        Map<Field, PropertyValue> values = new EnumMap<>(Field.class);
        values.put(Field.SOURCE_URL, PropertyValue.text(run.runUrl()));
        if (!run.repository().isEmpty()) {
            values.put(Field.REPOSITORY, PropertyValue.text(run.repository()));
        }
        return new PageSpec(eventType, Category.MANUAL, title, "workflow-run-" + run.runId(), values, Map.of(),
                List.of("open"), Optional.empty(), false, false, Optional.empty(), Optional.empty(), "");
    }

    private static Optional<String> body(JsonNode object) {
        String b = text(object, "body");
        return b.isBlank() ? Optional.empty() : Optional.of(b);
    }

    private static String repositoryUrl(JsonNode repository) {
        return text(repository, "html_url");
    }

    private static Optional<String> optionalText(JsonNode object, String key) {
        String v = text(object, key);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static String title(JsonNode object) {
        String t = text(object, "title");
        return t.isBlank() ? "(untitled)" : t;
    }

    private static JsonNode requireObject(JsonNode payload, String key, String eventType) throws InputException {
        JsonNode node = payload.get(key);
        if (!isObject(node)) {
            throw new InputException("The event file has no \"" + key + "\" object, so it is not a " + eventType
                    + " payload: check GITHUB_EVENT_PATH and GITHUB_EVENT_NAME match.");
        }
        return node;
    }

    private static String requireText(JsonNode object, String objectKey, String key, String eventType)
            throws InputException {
        String v = text(object, key);
        if (v.isEmpty()) {
            throw new InputException("The event file's " + objectKey + "." + key + " is missing, so the " + eventType
                    + " payload cannot be matched to a Notion page: pass GitHub's unmodified event payload.");
        }
        return v;
    }

    private static boolean isObject(JsonNode node) {
        return node != null && node.isObject();
    }
}
