package org.prcybr.notionsync.notion;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.prcybr.notionsync.notion.NotionModels.DataSource;
import org.prcybr.notionsync.notion.NotionModels.Database;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.NotionModels.QueryResult;

/** Notion operations with retries: the one seam through which every Notion request goes. */
@Singleton
public class NotionClient {
    private final NotionApi api;
    private final Retrier retrier;
    private final AtomicInteger requests = new AtomicInteger();

    public NotionClient(NotionApi api, Retrier retrier) {
        this.api = api;
        this.retrier = retrier;
    }

    public Database database(String databaseId) {
        return call("GET /v1/databases/" + databaseId, true, () -> api.retrieveDatabase(databaseId));
    }

    public DataSource dataSource(String dataSourceId) {
        return call("GET /v1/data_sources/" + dataSourceId, true, () -> api.retrieveDataSource(dataSourceId));
    }

    /** Live pages whose rich-text property equals the value, across all result pages. */
    public List<Page> findByText(String dataSourceId, String property, String value) {
        List<Page> found = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("filter", Map.of("property", property, "rich_text", Map.of("equals", value)));
            body.put("page_size", 100);
            if (cursor != null) {
                body.put("start_cursor", cursor);
            }
            QueryResult result = call("POST /v1/data_sources/" + dataSourceId + "/query", true,
                    () -> api.queryDataSource(dataSourceId, body));
            result.results().stream().filter(Page::live).forEach(found::add);
            cursor = Boolean.TRUE.equals(result.hasMore()) ? result.nextCursor() : null;
        } while (cursor != null);
        return found;
    }

    /** Creates a page; throws {@link OutcomeUnknownException} when it may or may not exist now. */
    public Page createPage(String dataSourceId, Map<String, Object> properties) {
        Map<String, Object> body = Map.of(
                "parent", Map.of("type", "data_source_id", "data_source_id", dataSourceId),
                "properties", properties);
        return call("POST /v1/pages", false, () -> api.createPage(body));
    }

    public Page updatePage(String pageId, Map<String, Object> properties) {
        return call("PATCH /v1/pages/" + pageId, true, () -> api.updatePage(pageId, Map.of("properties", properties)));
    }

    public Page trashPage(String pageId) {
        return call("PATCH /v1/pages/" + pageId + " (trash)", true, () -> api.updatePage(pageId, Map.of("in_trash", true)));
    }

    /** HTTP requests sent, retries included. */
    public int requests() {
        return requests.get();
    }

    public int retries() {
        return retrier.retries();
    }

    private <T> T call(String label, boolean repeatable, Supplier<T> request) {
        T result = retrier.run(label, repeatable, () -> {
            requests.incrementAndGet();
            return request.get();
        });
        if (result == null) {
            // Micronaut's declarative client answers a 404 with null rather than an exception.
            throw new NotionApiException(404, "object_not_found", "");
        }
        return result;
    }
}
