package org.prcybr.notionsync.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prcybr.notionsync.mapping.GitHubComment;
import org.prcybr.notionsync.markdown.CommentText;
import org.prcybr.notionsync.markdown.GfmToCommentText;
import org.prcybr.notionsync.notion.NotionApiException;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.OutcomeUnknownException;
import org.prcybr.notionsync.notion.NotionModels.Comment;
import org.prcybr.notionsync.notion.NotionText;

/**
 * Mirrors one GitHub comment on its object's page: each GitHub comment is a top-level Notion
 * comment of its own (its own discussion, so deleting one never removes another), ending with a
 * link to the comment on GitHub, by which an edit or a delete finds it again among the page's
 * comments. Only un-resolved comments are listed, so an edit of a resolved one creates it anew.
 */
public final class CommentMirror {
    /** Notion's limits: characters per text object, text objects per rich-text value. */
    static final int MAX_TEXT = 2000;
    static final int MAX_PARTS = 100;
    static final String LINK_TEXT = "View on GitHub";

    private final NotionClient notion;

    public CommentMirror(NotionClient notion) {
        this.notion = notion;
    }

    /** What was done: {@code created}, {@code updated}, {@code deleted}, or {@code none} with why. */
    public record Result(String operation, String note) {
    }

    public Result mirror(String pageId, GitHubComment comment) {
        List<Map<String, Object>> text = richText(comment);
        if (comment.change() == GitHubComment.Change.CREATED) {
            createLookingFirst(pageId, comment, text);
            return new Result("created", "");
        }
        Optional<Comment> existing = comment.url().isEmpty() ? Optional.empty()
                : notion.comments(pageId).stream().filter(c -> c.linksTo(comment.url())).findFirst();
        if (comment.change() == GitHubComment.Change.DELETED) {
            if (existing.isEmpty()) {
                return new Result("none", "The deleted comment has no copy among the page's open comments.");
            }
            try {
                notion.deleteComment(existing.get().id());
            } catch (NotionApiException e) {
                // A retried delete whose first attempt went through finds it gone: the goal is met.
                if (e.status() != 404) {
                    throw e;
                }
            }
            return new Result("deleted", "");
        }
        if (existing.isEmpty()) {
            createLookingFirst(pageId, comment, text);
            return new Result("created", "The edited comment had no open copy on the page, so it was added.");
        }
        notion.updateComment(existing.get().id(), text);
        return new Result("updated", "");
    }

    /**
     * Creates the copy; when Notion's answer was lost, it looks for the copy before sending again,
     * so a retried create never leaves two.
     */
    private void createLookingFirst(String pageId, GitHubComment comment, List<Map<String, Object>> text) {
        try {
            notion.createComment(pageId, text, comment.displayName());
        } catch (OutcomeUnknownException e) {
            if (comment.url().isEmpty()
                    || notion.comments(pageId).stream().noneMatch(c -> c.linksTo(comment.url()))) {
                notion.createComment(pageId, text, comment.displayName());
            }
        }
    }

    /**
     * What a backfill did to one page's comments; {@code skipped} had no link to find their copy by
     * on a later run, so they were not added.
     */
    public record Backfilled(int created, int updated, int unchanged, int skipped) {
        public int writes() {
            return created + updated;
        }
    }

    /**
     * Mirrors an object's GitHub comments, oldest first, on its page, as the live path writes each:
     * the page's comments are listed once (100 per request); a comment with no copy there (found by
     * its GitHub link) is created, in GitHub's order; a copy whose text or links differ from what
     * the comment now makes is updated; the rest cost nothing. Comments the caller does not mirror
     * (bots', Notion-posted) are left out by it. An empty list costs no request.
     */
    public Backfilled backfill(String pageId, List<GitHubComment> comments) {
        if (comments.isEmpty()) {
            return new Backfilled(0, 0, 0, 0);
        }
        List<Comment> existing = notion.comments(pageId);
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int skipped = 0;
        for (GitHubComment comment : comments) {
            Optional<String> link = new GfmToCommentText(comment.repositoryUrl()).safeUrl(comment.url());
            if (comment.url().isEmpty() || link.isEmpty()) {
                skipped++;
                continue;
            }
            List<Map<String, Object>> text = richText(comment);
            Optional<Comment> copy = existing.stream().filter(c -> c.linksTo(link.get())).findFirst();
            if (copy.isEmpty()) {
                notion.createComment(pageId, text, comment.displayName());
                created++;
            } else if (!signature(text).equals(signature(copy.get()))) {
                notion.updateComment(copy.get().id(), text);
                updated++;
            } else {
                unchanged++;
            }
        }
        return new Backfilled(created, updated, unchanged, skipped);
    }

    /**
     * The text and the links of rich text, however Notion splits or joins its pieces: what a
     * comment's copy must hold to count as current.
     */
    static String signature(List<Map<String, Object>> richText) {
        StringBuilder text = new StringBuilder();
        List<String> links = new ArrayList<>();
        for (Map<String, Object> item : richText) {
            Map<?, ?> t = (Map<?, ?>) item.get("text");
            text.append(t.get("content"));
            Object link = t.get("link") instanceof Map<?, ?> l ? l.get("url") : null;
            addLink(links, link == null ? null : link.toString());
        }
        return text + "\u0000" + links;
    }

    static String signature(Comment comment) {
        StringBuilder text = new StringBuilder();
        List<String> links = new ArrayList<>();
        if (comment.richText() != null) {
            for (var item : comment.richText()) {
                text.append(item.plainText() == null ? "" : item.plainText());
                addLink(links, item.href());
            }
        }
        return text + "\u0000" + links;
    }

    private static void addLink(List<String> links, String link) {
        if (link != null && (links.isEmpty() || !links.get(links.size() - 1).equals(link))) {
            links.add(link);
        }
    }

    /**
     * The Notion comment's rich text: the context line (file and line of a review comment), the
     * body as inline text, then the link to GitHub. Long text is split into several text objects,
     * never cut.
     */
    static List<Map<String, Object>> richText(GitHubComment comment) {
        GfmToCommentText converter = new GfmToCommentText(comment.repositoryUrl());
        List<CommentText.Run> runs = new ArrayList<>();
        if (!comment.context().isEmpty()) {
            runs.add(new CommentText.Run(comment.context() + ":", false, true, false, false, Optional.empty()));
            runs.add(CommentText.Run.plain("\n"));
        }
        runs.addAll(converter.convert(comment.body()).runs());
        Optional<String> link = converter.safeUrl(comment.url());
        List<Map<String, Object>> items = items(runs);
        if (items.size() + 2 > MAX_PARTS) {
            // Too many styled pieces for one value: the words are kept whole, their styles dropped.
            StringBuilder plain = new StringBuilder();
            runs.forEach(r -> plain.append(r.text()));
            items = items(List.of(CommentText.Run.plain(plain.toString())));
        }
        if (link.isPresent()) {
            items.add(textObject(items.isEmpty() ? "" : "\n\n", null, CommentText.Run.plain("")));
            items.add(textObject(LINK_TEXT, link.get(), CommentText.Run.plain(LINK_TEXT)));
        }
        items.removeIf(i -> ((Map<?, ?>) i.get("text")).get("content").toString().isEmpty());
        return items;
    }

    private static List<Map<String, Object>> items(List<CommentText.Run> runs) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (CommentText.Run run : runs) {
            String rest = run.text();
            while (!rest.isEmpty()) {
                int end = NotionText.cutIndex(rest, MAX_TEXT);
                items.add(textObject(rest.substring(0, end), run.link().orElse(null), run));
                rest = rest.substring(end);
            }
        }
        return items;
    }

    private static Map<String, Object> textObject(String content, String link, CommentText.Run style) {
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("content", content);
        if (link != null) {
            text.put("link", Map.of("url", link));
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "text");
        item.put("text", text);
        if (style.bold() || style.italic() || style.strikethrough() || style.code()) {
            Map<String, Object> annotations = new LinkedHashMap<>();
            annotations.put("bold", style.bold());
            annotations.put("italic", style.italic());
            annotations.put("strikethrough", style.strikethrough());
            annotations.put("code", style.code());
            item.put("annotations", annotations);
        }
        return item;
    }
}
