package org.prcybr.notionsync.mapping;

/**
 * A comment on an issue, pull request or discussion, as a comment event tells it: what happened to
 * it, who wrote it and where it lives. Its Notion copy is a top-level comment on the object's page,
 * found again by {@link #url()}.
 *
 * @param change        {@link Change#CREATED}, {@link Change#EDITED} or {@link Change#DELETED}
 * @param author        the GitHub login
 * @param url           the comment's {@code html_url}: the link the Notion comment ends with
 * @param body          GitHub-flavoured markdown, untrusted
 * @param context       what the comment is about when the page alone does not say, e.g.
 *                      {@code On src/App.java line 12}; empty for a conversation comment
 * @param repositoryUrl relative links in the body resolve against it
 */
public record GitHubComment(Change change, String author, String url, String body, String context,
                            String repositoryUrl) {
    /**
     * The hidden marker a comment posted from Notion carries (Notion to GitHub comments): such a
     * comment is never mirrored back.
     */
    public static final String FROM_NOTION_MARKER = "<!-- notion-sync:comment:";

    public enum Change { CREATED, EDITED, DELETED }

    /** Bots' logins end in {@code [bot]} (dependabot[bot], github-actions[bot]). */
    public boolean byBot() {
        return author.endsWith("[bot]");
    }

    /** Posted from Notion ({@link #FROM_NOTION_MARKER}): never mirrored back. */
    public boolean fromNotion() {
        return body.contains(FROM_NOTION_MARKER);
    }

    /** Whether a run mirrors it: not posted from Notion, and not a bot's unless bots' comments are. */
    public boolean mirrored(boolean syncBotComments) {
        return !fromNotion() && (syncBotComments || !byBot());
    }

    /** The name the Notion comment shows as its author. */
    public String displayName() {
        return author + " (GitHub)";
    }
}
