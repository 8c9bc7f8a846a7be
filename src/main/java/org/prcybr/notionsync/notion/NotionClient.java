package org.prcybr.notionsync.notion;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.prcybr.notionsync.notion.NotionModels.Comment;
import org.prcybr.notionsync.notion.NotionModels.DataSource;
import org.prcybr.notionsync.notion.NotionModels.Database;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.NotionModels.PageMarkdown;
import org.prcybr.notionsync.notion.NotionModels.QueryResult;
import org.prcybr.notionsync.notion.NotionModels.Paged;
import org.prcybr.notionsync.notion.NotionModels.User;
import org.prcybr.notionsync.retry.Retrier;

/** Notion operations with retries: the one seam through which every Notion request goes. */
@Singleton
public class NotionClient {
    private final NotionApi api;
    private final Retrier retrier;
    private final Pacer pacer;
    private final AtomicInteger requests = new AtomicInteger();
    /** External IDs looked up in one query. */
    private static final int MAX_FILTERS = 100;

    public NotionClient(NotionApi api, Retrier retrier, Pacer pacer) {
        this.api = api;
        this.retrier = retrier;
        this.pacer = pacer;
    }

    public Database database(String databaseId) {
        return call("GET /v1/databases/" + databaseId, true, () -> api.retrieveDatabase(databaseId));
    }

    public DataSource dataSource(String dataSourceId) {
        return call("GET /v1/data_sources/" + dataSourceId, true, () -> api.retrieveDataSource(dataSourceId));
    }

    /** A data source's properties by name (none when it lists none). */
    public Map<String, NotionModels.PropertySchema> schema(String dataSourceId) {
        DataSource ds = dataSource(dataSourceId);
        return ds.properties() == null ? Map.of() : ds.properties();
    }

    /** Live pages whose rich-text property equals the value, across all result pages. */
    public List<Page> findByText(String dataSourceId, String property, String value) {
        return query(dataSourceId, Map.of("property", property, "rich_text", Map.of("equals", value)), "");
    }

    /**
     * Live pages whose rich-text property equals any of the values: one query per 100 values, each
     * an {@code or} of equals filters.
     */
    public List<Page> findByAnyText(String dataSourceId, String property, java.util.Collection<String> values) {
        List<String> all = List.copyOf(values);
        List<Page> pages = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX_FILTERS) {
            List<Map<String, Object>> any = all.subList(from, Math.min(all.size(), from + MAX_FILTERS)).stream()
                    .map(v -> Map.<String, Object>of("property", property, "rich_text", Map.of("equals", v))).toList();
            pages.addAll(query(dataSourceId, Map.of("or", any), " (" + any.size() + " External IDs)"));
        }
        return pages;
    }

    /** Live pages whose unique ID property holds any of the numbers: one query, an {@code or} of equals filters. */
    public List<Page> findByUniqueIds(String dataSourceId, String property, List<Integer> numbers) {
        List<Map<String, Object>> any = numbers.stream()
                .map(n -> Map.<String, Object>of("property", property, "unique_id", Map.of("equals", n))).toList();
        return query(dataSourceId, Map.of("or", any), " (" + any.size() + " task IDs)");
    }

    /** The pages a relation property of a page points to, all of them (a page lists at most 25). */
    public List<String> relatedPages(String pageId, String propertyId) {
        // Notion gives property ids URL-encoded ("b%7D%3Ek"); the path template encodes once more,
        // so it gets the id decoded (a "+" stays a "+", as in a path).
        String id = java.net.URLDecoder.decode(propertyId.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        return everyPage("GET /v1/pages/" + pageId + "/properties/" + propertyId,
                cursor -> api.listPropertyItems(pageId, id, cursor, 100)).stream()
                .filter(item -> item.relation() != null).map(item -> item.relation().id()).toList();
    }

    /**
     * Live pages edited at or after {@code since} (an ISO instant), oldest edit first. Notion keeps
     * edit times to the minute, so the caller passes a minute boundary and no edit is missed.
     */
    public List<Page> editedSince(String dataSourceId, String since) {
        return query(dataSourceId, editedFilter(since), " (edited since " + since + ")", new boolean[1],
                List.of(Map.of("timestamp", "last_edited_time", "direction", "ascending")));
    }

    /**
     * As {@link #editedSince(String, String)}, only the pages someone else than {@code botUserId}
     * edited last, or whose {@code textProperty} contains {@code marker}: so a run where nothing
     * changed reads one page of results, however busy the integration was.
     */
    public List<Page> editedSinceBy(String dataSourceId, String since, String editorProperty, String botUserId,
                                    String textProperty, String marker) {
        Map<String, Object> filter = Map.of("and", List.of(editedFilter(since), Map.of("or", List.of(
                Map.of("property", editorProperty, "last_edited_by", Map.of("does_not_contain", botUserId)),
                Map.of("property", textProperty, "rich_text", Map.of("contains", marker))))));
        return query(dataSourceId, filter, " (edited since " + since + ", not only by this integration)",
                new boolean[1], List.of(Map.of("timestamp", "last_edited_time", "direction", "ascending")));
    }

    private static Map<String, Object> editedFilter(String since) {
        return Map.of("timestamp", "last_edited_time", "last_edited_time", Map.of("on_or_after", since));
    }

    /** The integration's bot user. */
    public User me() {
        return call("GET /v1/users/me", true, api::me);
    }

    /** The live pages of a data source, and whether that is all of them. */
    public record Listing(List<Page> pages, boolean complete) {
    }

    /**
     * Every live page of a data source, 100 per request; {@code complete} is false when Notion
     * stopped at its 10,000-result cap, so a page missing from the list may still exist.
     */
    public Listing allPages(String dataSourceId) {
        boolean[] capped = {false};
        List<Page> pages = query(dataSourceId, null, " (all)", capped);
        return new Listing(pages, !capped[0]);
    }

    private List<Page> query(String dataSourceId, Map<String, Object> filter, String what) {
        return query(dataSourceId, filter, what, new boolean[1]);
    }

    private List<Page> query(String dataSourceId, Map<String, Object> filter, String what, boolean[] capped) {
        return query(dataSourceId, filter, what, capped, null);
    }

    private List<Page> query(String dataSourceId, Map<String, Object> filter, String what, boolean[] capped,
                             List<Map<String, Object>> sorts) {
        List<Page> pages = everyPage("POST /v1/data_sources/" + dataSourceId + "/query" + what, cursor -> {
            Map<String, Object> body = new LinkedHashMap<>();
            if (filter != null) {
                body.put("filter", filter);
            }
            if (sorts != null) {
                body.put("sorts", sorts);
            }
            body.put("page_size", 100);
            if (cursor != null) {
                body.put("start_cursor", cursor);
            }
            QueryResult result = api.queryDataSource(dataSourceId, body);
            if (result != null && result.capped()) {
                capped[0] = true;
            }
            return result;
        });
        return pages.stream().filter(Page::live).toList();
    }

    /** Every result of a paginated list, following its cursors. */
    private <T> List<T> everyPage(String label, Function<String, Paged<T>> fetch) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            String from = cursor;
            Paged<T> page = call(label, true, () -> fetch.apply(from));
            all.addAll(page.results());
            cursor = Boolean.TRUE.equals(page.hasMore()) ? page.nextCursor() : null;
        } while (cursor != null);
        return all;
    }

    /**
     * Creates a page, with its content as Notion-flavoured markdown when {@code markdown} is not empty;
     * throws {@link OutcomeUnknownException} when it may or may not exist now.
     */
    public Page createPage(String dataSourceId, Map<String, Object> properties, String markdown) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parent", Map.of("type", "data_source_id", "data_source_id", dataSourceId));
        body.put("properties", properties);
        if (markdown != null && !markdown.isEmpty()) {
            body.put("markdown", markdown);
        }
        return call("POST /v1/pages", false, () -> api.createPage(body));
    }

    /** Replaces the page's whole content; child pages and databases are never deleted. */
    public void replaceContent(String pageId, String markdown) {
        Map<String, Object> body = Map.of("type", "replace_content",
                "replace_content", Map.of("new_str", markdown, "allow_deleting_content", false));
        call("PATCH /v1/pages/" + pageId + "/markdown (replace)", true, () -> api.updatePageMarkdown(pageId, body));
    }

    /**
     * Appends markdown at the end of the page. Not repeatable: a lost answer could mean it was
     * appended, and appending again would duplicate it.
     */
    public void appendContent(String pageId, String markdown) {
        Map<String, Object> body = Map.of("type", "insert_content",
                "insert_content", Map.of("content", markdown, "position", Map.of("type", "end")));
        call("PATCH /v1/pages/" + pageId + "/markdown (append)", false, () -> api.updatePageMarkdown(pageId, body));
    }

    public String pageMarkdown(String pageId) {
        PageMarkdown md = call("GET /v1/pages/" + pageId + "/markdown", true, () -> api.retrievePageMarkdown(pageId));
        return md.markdown() == null ? "" : md.markdown();
    }

    /**
     * Creates a database under a page, its first data source with {@code properties} (name to
     * property configuration). Not repeatable: the caller looks for it before creating again.
     */
    public Database createDatabase(String pageId, String title, Map<String, Object> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parent", Map.of("type", "page_id", "page_id", pageId));
        body.put("title", List.of(Map.of("type", "text", "text", Map.of("content", title))));
        body.put("initial_data_source", Map.of("properties", properties));
        return call("POST /v1/databases", false, () -> api.createDatabase(body));
    }

    /** Adds properties to a data source; existing ones are never renamed, retyped or deleted here. */
    public DataSource addProperties(String dataSourceId, Map<String, Object> properties) {
        return call("PATCH /v1/data_sources/" + dataSourceId, true,
                () -> api.updateDataSource(dataSourceId, Map.of("properties", properties)));
    }

    /** The databases directly under a page, by block id and title. */
    public List<NotionModels.Block> childDatabases(String pageId) {
        return everyPage("GET /v1/blocks/" + pageId + "/children", cursor -> api.listChildren(pageId, cursor, 100))
                .stream().filter(b -> "child_database".equals(b.type()) && !Boolean.TRUE.equals(b.inTrash())).toList();
    }

    /** Every user of the workspace, page by page. */
    public List<User> users() {
        return everyPage("GET /v1/users", cursor -> api.listUsers(cursor, 100));
    }

    public Page updatePage(String pageId, Map<String, Object> properties) {
        return call("PATCH /v1/pages/" + pageId, true, () -> api.updatePage(pageId, Map.of("properties", properties)));
    }

    public Page trashPage(String pageId) {
        return call("PATCH /v1/pages/" + pageId + " (trash)", true, () -> api.updatePage(pageId, Map.of("in_trash", true)));
    }

    /**
     * Adds a top-level comment to a page, shown as written by {@code displayName}. Not repeatable:
     * a lost answer could mean it was added, and adding again would duplicate it.
     */
    public Comment createComment(String pageId, List<Map<String, Object>> richText, String displayName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parent", Map.of("type", "page_id", "page_id", pageId));
        body.put("rich_text", richText);
        body.put("display_name", Map.of("type", "custom", "custom", Map.of("name", displayName)));
        return call("POST /v1/comments", false, () -> api.createComment(body));
    }

    /** A page's un-resolved comments, all of them, 100 per request. */
    public List<Comment> comments(String pageId) {
        return everyPage("GET /v1/comments?block_id=" + pageId, cursor -> api.listComments(pageId, cursor, 100));
    }

    /** Replaces a comment's text; only comments this integration made can be updated. */
    public Comment updateComment(String commentId, List<Map<String, Object>> richText) {
        return call("PATCH /v1/comments/" + commentId, true,
                () -> api.updateComment(commentId, Map.of("rich_text", richText)));
    }

    public Comment deleteComment(String commentId) {
        return call("DELETE /v1/comments/" + commentId, true, () -> api.deleteComment(commentId));
    }

    /** HTTP requests sent, retries included. */
    public int requests() {
        return requests.get();
    }

    public int retries() {
        return retrier.retries(Retrier.Service.NOTION);
    }

    /** A fresh retry budget, for work made of many independent parts (a backfill's objects). */
    public void renewRetryBudget() {
        retrier.renewBudget();
    }

    private <T> T call(String label, boolean repeatable, Supplier<T> request) {
        T result = retrier.run(Retrier.Service.NOTION, label, new NotionRetryRule(label, repeatable), () -> {
            pacer.acquire();
            requests.incrementAndGet();
            return request.get();
        });
        if (result == null) {
            // Micronaut's declarative client answers a 404 with null rather than an exception.
            throw new NotionApiException(404, "object_not_found", "", label);
        }
        return result;
    }
}
