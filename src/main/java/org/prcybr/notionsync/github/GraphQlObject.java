package org.prcybr.notionsync.github;

import static org.prcybr.notionsync.mapping.JsonValues.at;
import static org.prcybr.notionsync.mapping.JsonValues.bool;
import static org.prcybr.notionsync.mapping.JsonValues.text;

import io.micronaut.json.tree.JsonNode;
import java.util.List;
import java.util.Locale;
import org.prcybr.notionsync.mapping.GitHubObject;
import org.prcybr.notionsync.mapping.JsonValues;

/**
 * An issue, pull request, discussion or draft issue as a GraphQL node, with the fields
 * {@link GraphQlDocuments} asks for.
 */
final class GraphQlObject implements GitHubObject {
    private final JsonNode node;

    GraphQlObject(JsonNode node) {
        this.node = node;
    }

    /** The state, {@code OPEN}, {@code CLOSED} or {@code MERGED}; "" for discussions and drafts. */
    private String state() {
        // Aliased in the queries: an issue's and a pull request's state are different enums.
        return text(node, "issueState") + text(node, "prState");
    }

    @Override
    public Number number() {
        return JsonValues.number(node, "number");
    }

    @Override
    public String repository() {
        return text(node, "repository", "nameWithOwner");
    }

    @Override
    public List<String> labels() {
        return JsonValues.strings(at(node, "labels", "nodes"), "name");
    }

    @Override
    public List<String> assignees() {
        return JsonValues.strings(at(node, "assignees", "nodes"), "login");
    }

    @Override
    public String author() {
        // A draft issue has a creator where the others have an author.
        return text(node, "DraftIssue".equals(text(node, "__typename")) ? "creator" : "author", "login");
    }

    @Override
    public String milestone() {
        return text(node, "milestone", "title");
    }

    @Override
    public String createdAt() {
        return text(node, "createdAt");
    }

    @Override
    public String updatedAt() {
        return text(node, "updatedAt");
    }

    @Override
    public String closedAt() {
        return text(node, "closedAt");
    }

    @Override
    public Number comments() {
        return JsonValues.number(node, "comments", "totalCount");
    }

    @Override
    public boolean closed() {
        return state().equals("CLOSED") || state().equals("MERGED") || bool(node, "closed");
    }

    @Override
    public String stateReason() {
        return text(node, "stateReason").toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean merged() {
        return bool(node, "merged") || state().equals("MERGED");
    }

    @Override
    public String mergedAt() {
        return text(node, "mergedAt");
    }

    @Override
    public boolean draft() {
        return bool(node, "isDraft");
    }

    @Override
    public List<String> reviewers() {
        return JsonValues.strings(at(node, "reviewRequests", "nodes"), "requestedReviewer", "login");
    }

    @Override
    public String baseRef() {
        return text(node, "baseRefName");
    }

    @Override
    public String headRef() {
        return text(node, "headRefName");
    }

    @Override
    public String discussionCategory() {
        return text(node, "category", "name");
    }

    @Override
    public boolean answered() {
        return bool(node, "isAnswered");
    }
}
