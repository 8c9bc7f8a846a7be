package org.prcybr.notionsync.notion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import java.util.Map;

/** The parts of Notion's API objects (version 2026-03-11) this action reads. */
public final class NotionModels {
    private NotionModels() {
    }

    /** {@code GET /v1/databases/{id}}: since 2025-09-03 a container of data sources. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Database(String id, @Nullable List<DataSourceRef> dataSources) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DataSourceRef(String id, @Nullable String name) {
    }

    /** {@code GET /v1/data_sources/{id}}: the schema pages are written against. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DataSource(String id, @Nullable Map<String, PropertySchema> properties) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record PropertySchema(@Nullable String id, @Nullable String name, String type,
                                 @Nullable Options status, @Nullable Options select,
                                 @Nullable RelationConfig relation, @Nullable UniqueIdConfig uniqueId) {
        /** A property known only by its type, as a page lists it. */
        public static PropertySchema ofType(String name, String type) {
            return new PropertySchema(null, name, type, null, null, null, null);
        }
    }

    /** A unique ID property's prefix (TASK in TASK-42); null when it has none. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record UniqueIdConfig(@Nullable String prefix) {
    }

    /** Where a relation property points: both ids are returned when a data source is read. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RelationConfig(@Nullable String databaseId, @Nullable String dataSourceId, @Nullable String type) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Options(@Nullable List<Option> options) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Option(@Nullable String id, String name) {
    }

    /**
     * A page. Query results carry every property with its type and value, which is enough to
     * update the page without reading the schema. ({@code archived} is gone since 2026-03-11.)
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Page(String id, @Nullable String url, @Nullable String createdTime,
                       @Nullable Boolean inTrash, @Nullable Map<String, JsonNode> properties,
                       @Nullable String lastEditedTime, @Nullable PartialUser lastEditedBy) {
        public boolean live() {
            return !Boolean.TRUE.equals(inTrash);
        }

        /**
         * The property named so, as the database spells it (names match case-insensitively, as in
         * property-names), with its actual name.
         */
        public java.util.Optional<Map.Entry<String, JsonNode>> property(String name) {
            if (properties == null) {
                return java.util.Optional.empty();
            }
            JsonNode exact = properties.get(name);
            if (exact != null) {
                return java.util.Optional.of(Map.entry(name, exact));
            }
            return properties.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && e.getValue() != null)
                    .findFirst();
        }
    }

    /** A user as pages name their editors: only the id (no type says whether it is a bot). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record PartialUser(@Nullable String id) {
    }

    /** {@code GET|PATCH /v1/pages/{id}/markdown}: the page's content as Notion-flavoured markdown. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record PageMarkdown(@Nullable String id, @Nullable String markdown, @Nullable Boolean truncated) {
    }

    /** One page of a paginated list: its results and, while {@code hasMore}, the cursor of the next. */
    public interface Paged<T> {
        List<T> results();

        Boolean hasMore();

        String nextCursor();
    }

    /** A page's child blocks; only child databases (with their titles) matter here. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BlockList(List<Block> results, @Nullable Boolean hasMore, @Nullable String nextCursor)
            implements Paged<Block> {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Block(String id, @Nullable String type, @Nullable ChildDatabase childDatabase,
                        @Nullable Boolean inTrash) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ChildDatabase(@Nullable String title) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record UserList(List<User> results, @Nullable Boolean hasMore, @Nullable String nextCursor)
            implements Paged<User> {
    }

    /** A workspace member; {@code person.email} only with the "read user information with email" capability. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record User(String id, @Nullable String type, @Nullable Person person, @Nullable String name) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Person(@Nullable String email) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record QueryResult(List<Page> results, @Nullable Boolean hasMore, @Nullable String nextCursor,
                              @Nullable RequestStatus requestStatus) implements Paged<Page> {
        /** Notion stops a query at 10,000 results and says so here, with has_more false. */
        public boolean capped() {
            return requestStatus != null && "incomplete".equals(requestStatus.type());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RequestStatus(@Nullable String type, @Nullable String incompleteReason) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record PropertyItemList(List<PropertyItem> results, @Nullable Boolean hasMore, @Nullable String nextCursor)
            implements Paged<PropertyItem> {
    }

    /** One item of a page property; for a relation, one related page. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record PropertyItem(@Nullable String type, @Nullable PageRef relation) {
    }

    @Serdeable
    public record PageRef(String id) {
    }

    /** A comment: its rich text carries the links it holds ({@code href}). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Comment(String id, @Nullable List<RichTextItem> richText, @Nullable PartialUser createdBy,
                          @Nullable DisplayName displayName, @Nullable String createdTime) {
        /**
         * Whether it is the copy of the GitHub comment at {@code url}: a copy ends with its link.
         * Only the last piece counts, since a comment's own text may quote another comment's URL.
         */
        public boolean linksTo(String url) {
            return richText != null && !richText.isEmpty() && url.equals(richText.get(richText.size() - 1).href());
        }
    }

    /** How a comment's author is shown: {@code resolved_name} is the name Notion displays. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DisplayName(@Nullable String type, @Nullable String resolvedName) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RichTextItem(@Nullable String plainText, @Nullable String href) {
    }

    /** {@code GET /v1/comments}: a page's un-resolved comments, oldest first. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record CommentList(List<Comment> results, @Nullable Boolean hasMore, @Nullable String nextCursor)
            implements Paged<Comment> {
    }

    /** Notion's error body: {@code {"object":"error","status":404,"code":"object_not_found","message":…}}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ErrorBody(@Nullable String object, @Nullable Integer status, @Nullable String code,
                            @Nullable String message) {
    }
}
