package org.prcybr.notionsync.support;

import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

import java.util.ArrayList;
import java.util.List;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.Times;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.MediaType;

/**
 * Notion as MockServer expectations: a database with one data source, its schema, and canned
 * answers for query, create and update. Bodies follow Notion's 2026-03-11 shapes.
 */
public final class NotionMock {
    public static final String DB = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    public static final String DB_PLAIN = "1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d";
    public static final String DS = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
    public static final String PAGE = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091";

    private final ClientAndServer server;
    /** The data source's schema, so that pages found by a query carry its properties, as Notion's do. */
    private Schema schema = new Schema();

    public NotionMock(ClientAndServer server) {
        this.server = server;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public ClientAndServer server() {
        return server;
    }

    /** Builder of a data source schema: the properties a page needs, with adjustable types. */
    public static final class Schema {
        private final List<String> props = new ArrayList<>();
        private final java.util.Map<String, String> types = new java.util.LinkedHashMap<>();

        public static Schema full() {
            return new Schema().title("Name").status("Status", "Open", "Closed").select("Category")
                    .prop("Last Synced", "date").prop("Source URL", "url").prop("External ID", "rich_text");
        }

        public Schema title(String name) {
            return prop(name, "title");
        }

        public Schema status(String name, String... options) {
            StringBuilder o = new StringBuilder();
            for (int i = 0; i < options.length; i++) {
                o.append(i == 0 ? "" : ",").append("{\"id\":\"o").append(i).append("\",\"name\":\"")
                        .append(options[i]).append("\",\"color\":\"default\"}");
            }
            props.add("\"" + name + "\":{\"id\":\"s1\",\"name\":\"" + name + "\",\"type\":\"status\",\"status\":{\"options\":["
                    + o + "],\"groups\":[]}}");
            types.put(name, "status");
            return this;
        }

        public Schema select(String name) {
            props.add("\"" + name + "\":{\"id\":\"" + Math.abs(name.hashCode()) + "\",\"name\":\"" + name
                    + "\",\"type\":\"select\",\"select\":{\"options\":[]}}");
            types.put(name, "select");
            return this;
        }

        public Schema prop(String name, String type) {
            props.add("\"" + name + "\":{\"id\":\"" + Math.abs(name.hashCode()) + "\",\"name\":\"" + name
                    + "\",\"type\":\"" + type + "\",\"" + type + "\":{}}");
            types.put(name, type);
            return this;
        }

        /** A relation as a data source returns it (2025-09-03): both IDs, and for a two-way one its partner; syncedName null: one-way. */
        public Schema relation(String name, String databaseId, String dataSourceId, String syncedName) {
            String kind = syncedName == null ? "\"type\":\"single_property\",\"single_property\":{}"
                    : "\"type\":\"dual_property\",\"dual_property\":{\"synced_property_id\":\""
                    + Math.abs(syncedName.hashCode()) + "\",\"synced_property_name\":\"" + syncedName + "\"}";
            props.add("\"" + name + "\":{\"id\":\"" + Math.abs(name.hashCode()) + "\",\"name\":\"" + name
                    + "\",\"type\":\"relation\",\"relation\":{\"database_id\":\"" + databaseId
                    + "\",\"data_source_id\":\"" + dataSourceId + "\"," + kind + "}}");
            types.put(name, "relation");
            return this;
        }

        /** A unique ID property as a data source returns it; prefix null: numbers only. */
        public Schema uniqueId(String name, String prefix) {
            props.add("\"" + name + "\":{\"id\":\"" + Math.abs(name.hashCode()) + "\",\"name\":\"" + name
                    + "\",\"type\":\"unique_id\",\"unique_id\":{\"prefix\":"
                    + (prefix == null ? "null" : "\"" + prefix + "\"") + "}}");
            types.put(name, "unique_id");
            return this;
        }

        public Schema without(String name) {
            props.removeIf(p -> p.startsWith("\"" + name + "\":"));
            types.remove(name);
            return this;
        }

        /** A page's properties as Notion returns them: every property with its type; values from {@code values} (raw JSON) or empty. */
        String pageProperties(java.util.Map<String, String> values) {
            List<String> out = new ArrayList<>();
            types.forEach((name, type) -> {
                String empty = List.of("title", "rich_text", "multi_select", "people", "relation", "files").contains(type)
                        ? "[]" : "checkbox".equals(type) ? "false" : "null";
                out.add("\"" + name + "\":{\"id\":\"" + Math.abs(name.hashCode()) + "\",\"type\":\"" + type
                        + "\",\"" + type + "\":" + values.getOrDefault(name, empty) + "}");
            });
            return "{" + String.join(",", out) + "}";
        }

        String json(String dataSourceId) {
            return "{\"object\":\"data_source\",\"id\":\"" + dataSourceId + "\",\"properties\":{"
                    + String.join(",", props) + "}}";
        }
    }

    public NotionMock database(String databaseId, String dataSourceId) {
        server.when(request().withMethod("GET").withPath("/v1/databases/" + databaseId))
                .respond(ok("{\"object\":\"database\",\"id\":\"" + databaseId + "\",\"data_sources\":[{\"id\":\""
                        + dataSourceId + "\",\"name\":\"Main\"}]}"));
        return this;
    }

    public NotionMock dataSource(String dataSourceId, Schema schema) {
        this.schema = schema;
        server.when(request().withMethod("GET").withPath("/v1/data_sources/" + dataSourceId))
                .respond(ok(schema.json(dataSourceId)));
        return this;
    }

    /**
     * The usual setup: database DB with data source DS of the given schema. Its query finds nothing
     * unless a test says otherwise (that answer has the lowest priority).
     */
    public NotionMock standard(Schema schema) {
        server.when(request().withMethod("POST").withPath("/v1/data_sources/" + DS + "/query"), Times.unlimited(),
                        org.mockserver.matchers.TimeToLive.unlimited(), -10)
                .respond(ok("{\"object\":\"list\",\"results\":[],\"has_more\":false,\"next_cursor\":null}"));
        return database(DB, DS).dataSource(DS, schema);
    }

    public NotionMock queryFinds(String dataSourceId, String... pageIds) {
        return queryFindsWith(dataSourceId, java.util.Map.of(), pageIds);
    }

    /** The query finds the pages, whose properties hold {@code values} (property name to raw JSON value). */
    public NotionMock queryFindsWith(String dataSourceId, java.util.Map<String, String> values, String... pageIds) {
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < pageIds.length; i++) {
            results.append(i == 0 ? "" : ",").append(page(pageIds[i], "2026-01-0" + (i + 1) + "T10:00:00.000Z")
                    .replace("\"properties\":{}", "\"properties\":" + schema.pageProperties(values)));
        }
        server.when(request().withMethod("POST").withPath("/v1/data_sources/" + dataSourceId + "/query"))
                .respond(ok("{\"object\":\"list\",\"results\":[" + results + "],\"has_more\":false,\"next_cursor\":null}"));
        return this;
    }

    /** First query finds nothing; later ones find the page just created (the re-query after create). */
    public NotionMock queryEmptyThenFinds(String dataSourceId, String pageId) {
        server.when(request().withMethod("POST").withPath("/v1/data_sources/" + dataSourceId + "/query"), Times.once())
                .respond(ok("{\"object\":\"list\",\"results\":[],\"has_more\":false,\"next_cursor\":null}"));
        return queryFinds(dataSourceId, pageId);
    }

    public NotionMock createReturns(String pageId) {
        server.when(request().withMethod("POST").withPath("/v1/pages"))
                .respond(ok(page(pageId, "2026-01-01T10:00:00.000Z")));
        return this;
    }

    public NotionMock updateReturns(String pageId) {
        server.when(request().withMethod("PATCH").withPath("/v1/pages/" + pageId))
                .respond(ok(page(pageId, "2026-01-01T10:00:00.000Z")));
        return this;
    }

    public NotionMock fails(String method, String path, int status, String code, String message) {
        server.when(request().withMethod(method).withPath(path))
                .respond(response().withStatusCode(status).withContentType(MediaType.APPLICATION_JSON)
                        .withBody("{\"object\":\"error\",\"status\":" + status + ",\"code\":\"" + code
                                + "\",\"message\":\"" + message + "\"}"));
        return this;
    }

    public static String page(String id, String createdTime) {
        return "{\"object\":\"page\",\"id\":\"" + id + "\",\"created_time\":\"" + createdTime
                + "\",\"in_trash\":false,\"url\":\"https://www.notion.so/" + id.replace("-", "")
                + "\",\"properties\":{}}";
    }

    /** A recorded request's JSON body. */
    public static io.micronaut.json.tree.JsonNode json(HttpRequest r) throws java.io.IOException {
        return io.micronaut.json.JsonMapper.createDefault().readValue(r.getBodyAsString(), io.micronaut.json.tree.JsonNode.class);
    }

    public static org.mockserver.model.HttpResponse ok(String body) {
        return response().withStatusCode(200).withContentType(MediaType.APPLICATION_JSON).withBody(body);
    }

    public HttpRequest[] recorded() {
        return server.retrieveRecordedRequests(request());
    }

    public List<HttpRequest> recorded(String method, String pathRegex) {
        List<HttpRequest> out = new ArrayList<>();
        for (HttpRequest r : recorded()) {
            if (r.getMethod().getValue().equals(method) && r.getPath().getValue().matches(pathRegex)) {
                out.add(r);
            }
        }
        return out;
    }
}
