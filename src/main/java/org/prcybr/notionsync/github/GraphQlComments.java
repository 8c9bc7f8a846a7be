package org.prcybr.notionsync.github;

import static org.prcybr.notionsync.mapping.JsonValues.text;

import io.micronaut.json.tree.JsonNode;
import java.util.List;
import org.prcybr.notionsync.mapping.GitHubComment;

/** Comments as GraphQL lists them ({@link GraphQlDocuments#COMMENT_FIELDS}), as the live path's comments. */
final class GraphQlComments {
    private GraphQlComments() {
    }

    /**
     * The connection's comments, oldest first, added to {@code out}. A minimized (hidden) comment is
     * left out, as GitHub hides it from readers; a deleted account's comment is by {@code ghost}, as
     * GitHub shows it.
     */
    static void add(JsonNode connection, String repositoryUrl, List<GitHubComment> out) {
        JsonNode nodes = connection == null ? null : connection.get("nodes");
        if (nodes == null || !nodes.isArray()) {
            return;
        }
        for (JsonNode c : nodes.values()) {
            if (c == null || !c.isObject() || (c.get("isMinimized") != null && c.get("isMinimized").isBoolean()
                    && c.get("isMinimized").getBooleanValue())) {
                continue;
            }
            out.add(new GitHubComment(GitHubComment.Change.CREATED, login(c), text(c, "url"), text(c, "body"), "",
                    repositoryUrl));
        }
    }

    /** The login as a webhook payload gives it: a bot's ends in {@code [bot]}, which GraphQL leaves out. */
    private static String login(JsonNode comment) {
        String login = text(comment, "author", "login");
        if (login.isEmpty()) {
            return "ghost";
        }
        return "Bot".equals(text(comment, "author", "__typename")) && !login.endsWith("[bot]") ? login + "[bot]" : login;
    }

    /** The cursor of the connection's next page, or null when it was the last. */
    static String next(JsonNode connection) {
        JsonNode pageInfo = connection == null ? null : connection.get("pageInfo");
        boolean more = pageInfo != null && pageInfo.get("hasNextPage") != null && pageInfo.get("hasNextPage").getBooleanValue();
        String cursor = more ? text(pageInfo, "endCursor") : "";
        return cursor.isEmpty() ? null : cursor;
    }
}
