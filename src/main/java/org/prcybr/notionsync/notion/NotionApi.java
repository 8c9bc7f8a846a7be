package org.prcybr.notionsync.notion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import java.util.Map;
import org.prcybr.notionsync.notion.NotionModels.BlockList;
import org.prcybr.notionsync.notion.NotionModels.Comment;
import org.prcybr.notionsync.notion.NotionModels.CommentList;
import org.prcybr.notionsync.notion.NotionModels.DataSource;
import org.prcybr.notionsync.notion.NotionModels.Database;
import org.prcybr.notionsync.notion.NotionModels.ErrorBody;
import org.prcybr.notionsync.notion.NotionModels.Page;
import org.prcybr.notionsync.notion.NotionModels.PageMarkdown;
import org.prcybr.notionsync.notion.NotionModels.PropertyItemList;
import org.prcybr.notionsync.notion.NotionModels.UserList;
import org.prcybr.notionsync.notion.NotionModels.QueryResult;

/**
 * The Notion endpoints this action uses, as a declarative client. Base URL, timeouts, token and
 * version come from the context's properties ({@code micronaut.http.services.notion.*}, {@code notion.*}).
 * Only {@link NotionClient} calls it, so retries and error handling live in one place.
 */
@Client(id = "notion", errorType = ErrorBody.class)
@Header(name = "Notion-Version", value = "${notion.version}")
@Header(name = "Authorization", value = "Bearer ${notion.token}")
public interface NotionApi {
    @Get("/v1/databases/{databaseId}")
    Database retrieveDatabase(String databaseId);

    @Get("/v1/data_sources/{dataSourceId}")
    DataSource retrieveDataSource(String dataSourceId);

    @Post("/v1/data_sources/{dataSourceId}/query")
    QueryResult queryDataSource(String dataSourceId, @Body Map<String, Object> body);

    @Post("/v1/pages")
    Page createPage(@Body Map<String, Object> body);

    @Patch("/v1/pages/{pageId}")
    Page updatePage(String pageId, @Body Map<String, Object> body);

    /** Replaces or appends content as Notion-flavoured markdown (Notion-Version 2026-03-11). */
    @Patch("/v1/pages/{pageId}/markdown")
    PageMarkdown updatePageMarkdown(String pageId, @Body Map<String, Object> body);

    @Get("/v1/pages/{pageId}/markdown")
    PageMarkdown retrievePageMarkdown(String pageId);

    /** Creates a database with its first data source's schema ({@code initial_data_source}). */
    @Post("/v1/databases")
    Database createDatabase(@Body Map<String, Object> body);

    /** Adds properties to a data source's schema. */
    @Patch("/v1/data_sources/{dataSourceId}")
    DataSource updateDataSource(String dataSourceId, @Body Map<String, Object> body);

    @Get("/v1/blocks/{blockId}/children{?start_cursor,page_size}")
    BlockList listChildren(String blockId, @Nullable @QueryValue("start_cursor") String startCursor,
                           @QueryValue("page_size") int pageSize);

    /** A page property's items, for a relation listing more than the 25 references a page carries. */
    @Get("/v1/pages/{pageId}/properties/{propertyId}{?start_cursor,page_size}")
    PropertyItemList listPropertyItems(String pageId, String propertyId,
                                       @Nullable @QueryValue("start_cursor") String startCursor,
                                       @QueryValue("page_size") int pageSize);

    @Get("/v1/users{?start_cursor,page_size}")
    UserList listUsers(@Nullable @QueryValue("start_cursor") String startCursor,
                       @QueryValue("page_size") int pageSize);

    /** The integration's own bot user: pages it edited name it as their last editor. */
    @Get("/v1/users/me")
    NotionModels.User me();

    /** Comments need the integration's Read comments (list) and Insert comments (create) capabilities. */
    @Post("/v1/comments")
    Comment createComment(@Body Map<String, Object> body);

    @Get("/v1/comments{?block_id,start_cursor,page_size}")
    CommentList listComments(@QueryValue("block_id") String blockId,
                             @Nullable @QueryValue("start_cursor") String startCursor,
                             @QueryValue("page_size") int pageSize);

    @Patch("/v1/comments/{commentId}")
    Comment updateComment(String commentId, @Body Map<String, Object> body);

    @Delete("/v1/comments/{commentId}")
    Comment deleteComment(String commentId);
}
