package org.prcybr.notionsync.mapping;

import static org.prcybr.notionsync.mapping.JsonValues.at;
import static org.prcybr.notionsync.mapping.JsonValues.bool;
import static org.prcybr.notionsync.mapping.JsonValues.text;

import io.micronaut.json.tree.JsonNode;
import java.util.List;

/** An issue, pull request or discussion as a webhook payload gives it (REST's snake_case shape). */
final class WebhookObject implements GitHubObject {
    private final JsonNode object;
    private final JsonNode repository;

    /** The payload's object, and its {@code repository}, which sits beside the object. */
    WebhookObject(JsonNode object, JsonNode repository) {
        this.object = object;
        this.repository = repository;
    }

    @Override
    public Number number() {
        return JsonValues.number(object, "number");
    }

    @Override
    public String repository() {
        return text(repository, "full_name");
    }

    @Override
    public List<String> labels() {
        return JsonValues.strings(at(object, "labels"), "name");
    }

    @Override
    public List<String> assignees() {
        return JsonValues.strings(at(object, "assignees"), "login");
    }

    @Override
    public String author() {
        return text(object, "user", "login");
    }

    @Override
    public String milestone() {
        return text(object, "milestone", "title");
    }

    @Override
    public String createdAt() {
        return text(object, "created_at");
    }

    @Override
    public String updatedAt() {
        return text(object, "updated_at");
    }

    @Override
    public String closedAt() {
        return text(object, "closed_at");
    }

    @Override
    public Number comments() {
        return JsonValues.number(object, "comments");
    }

    @Override
    public boolean closed() {
        return "closed".equals(text(object, "state"));
    }

    @Override
    public String stateReason() {
        return text(object, "state_reason");
    }

    @Override
    public boolean merged() {
        // Some pull request payloads leave out "merged"; a merge time says the same.
        JsonNode merged = at(object, "merged");
        return merged != null && merged.isBoolean() ? merged.getBooleanValue() : !mergedAt().isEmpty();
    }

    @Override
    public String mergedAt() {
        // A pull request's conversation event gives it as an issue, its merge time under pull_request.
        String mergedAt = text(object, "merged_at");
        return mergedAt.isEmpty() ? text(object, "pull_request", "merged_at") : mergedAt;
    }

    @Override
    public boolean draft() {
        return bool(object, "draft");
    }

    @Override
    public List<String> reviewers() {
        return JsonValues.strings(at(object, "requested_reviewers"), "login");
    }

    @Override
    public String baseRef() {
        return text(object, "base", "ref");
    }

    @Override
    public String headRef() {
        return text(object, "head", "ref");
    }

    @Override
    public String discussionCategory() {
        return text(object, "category", "name");
    }

    @Override
    public boolean answered() {
        return !text(object, "answer_chosen_at").isEmpty() || !text(object, "answer_html_url").isEmpty();
    }
}
