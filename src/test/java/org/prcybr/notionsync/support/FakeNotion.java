package org.prcybr.notionsync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Notion with real state, for concurrency and load tests: one database with one data
 * source, pages that can be created, queried by a rich-text property, updated and trashed. It is
 * strict (token, version, schema, status options, text limits), rate-limits like Notion (3 requests
 * per second on average, then 429 with Retry-After) and can inject 5xx answers and dropped connections.
 */
public final class FakeNotion implements AutoCloseable {
    public static final String DB = "11111111-2222-4333-8444-555555555555";
    public static final String DS = "66666666-7777-4888-9999-aaaaaaaaaaaa";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SCHEMA = Map.of("Name", "title", "Status", "status", "Category", "select",
            "Last Synced", "date", "Source URL", "url", "External ID", "rich_text", "Updated", "date");

    private final HttpServer server;
    private final String token;
    private final Map<String, String> schema = new LinkedHashMap<>(SCHEMA);
    private final List<String> statusOptions = new ArrayList<>(List.of("Open", "Closed"));
    /** Two-way relation pairs: Notion keeps each side in step with the other. */
    private final Map<String, String> partners = new LinkedHashMap<>();
    private int queryCap = Integer.MAX_VALUE;
    private final Random random = new Random(42);
    private final Map<String, ObjectNode> pages = new LinkedHashMap<>();
    /** Comments in the order they were made, as Notion lists them (oldest first). */
    private final Map<String, ObjectNode> comments = new LinkedHashMap<>();
    private boolean commentCapabilities = true;
    private static final String BOT_USER = "99999999-8888-4777-8666-555555555555";
    private double ratePerSecond = Double.POSITIVE_INFINITY;
    private double tokens = 3;
    private long lastRefill = System.nanoTime();
    private double serverErrorRate;
    private volatile java.util.concurrent.CountDownLatch queryBarrier;
    private double resetRate;
    private String rejected;
    /** Where requests are recorded for the SDK type check (null when off or run on its own). */
    private final NotionCapture capture = NotionCapture.forCaller();

    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger rateLimited = new AtomicInteger();
    public final AtomicInteger serverErrors = new AtomicInteger();
    public final AtomicInteger resets = new AtomicInteger();
    public final AtomicInteger creates = new AtomicInteger();
    public final AtomicInteger updates = new AtomicInteger();
    public final AtomicInteger contentWrites = new AtomicInteger();
    public final AtomicInteger commentCreates = new AtomicInteger();
    public final AtomicInteger commentUpdates = new AtomicInteger();
    /** GET /v1/comments requests (each one page of a list). */
    public final AtomicInteger commentLists = new AtomicInteger();

    public FakeNotion(String token) throws IOException {
        // Without TCP_NODELAY the JDK server's split header/body writes meet delayed ACKs: +40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Notion's limit: an average of {@code perSecond} requests, bursts of up to that many. */
    public synchronized FakeNotion rateLimit(double perSecond) {
        this.ratePerSecond = perSecond;
        this.tokens = perSecond;
        return this;
    }

    /**
     * Holds the next {@code runs} queries until all of them have arrived (or 120 s pass: a run started
     * on a busy machine may take long to reach its query, and one released early makes no race), so that
     * many runs see "no page yet" together and all create: the worst race, made certain.
     */
    public FakeNotion raceNextQueries(int runs) {
        queryBarrier = new java.util.concurrent.CountDownLatch(runs);
        return this;
    }

    public synchronized FakeNotion faults(double serverErrorRate, double resetRate) {
        this.serverErrorRate = serverErrorRate;
        this.resetRate = resetRate;
        return this;
    }

    /** Notion's 10,000-result cap on one query, made small: past it, has_more is false and request_status says so. */
    public synchronized FakeNotion queryCap(int results) {
        queryCap = results;
        return this;
    }

    /** Parent ⇄ Sub-issues, a two-way relation within the data source, kept in step as Notion does. */
    public synchronized FakeNotion withIssueRelations() {
        schema.put("Parent", "relation");
        schema.put("Sub-issues", "relation");
        partners.put("Parent", "Sub-issues");
        partners.put("Sub-issues", "Parent");
        return this;
    }

    /** The pages a page's relation holds, all of them. */
    public synchronized List<String> related(String pageId, String property) {
        List<String> ids = new ArrayList<>();
        pages.get(pageId).path("properties").path(property).path("relation").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    /** Creates of a page with this External ID are refused (400), as Notion refuses a page it cannot hold. */
    public synchronized FakeNotion rejectExternalId(String externalId) {
        rejected = externalId;
        return this;
    }

    /** A second live page for the same object, created a minute after the first: the duplicate a race leaves. */
    public synchronized String duplicate(String externalId) {
        ObjectNode copy = livePages(externalId).get(0).deepCopy();
        String id = UUID.randomUUID().toString();
        copy.put("id", id).put("created_time", Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MINUTES).toString());
        pages.put(id, copy);
        return id;
    }

    /** The integration lacks Read comments and Insert comments: every comment request is refused (403). */
    public synchronized FakeNotion withoutCommentCapabilities() {
        commentCapabilities = false;
        return this;
    }

    /** A page's comments, oldest first, as Notion returns them. */
    public synchronized List<ObjectNode> comments(String pageId) {
        List<ObjectNode> out = new ArrayList<>();
        comments.values().stream().filter(c -> pageId.equals(c.path("parent").path("page_id").asText()))
                .forEach(c -> out.add(c.deepCopy()));
        return out;
    }

    /** A comment's text, its rich-text pieces joined. */
    public static String plainText(JsonNode comment) {
        StringBuilder sb = new StringBuilder();
        comment.path("rich_text").forEach(t -> sb.append(t.path("plain_text").asText()));
        return sb.toString();
    }

    /** The content a page holds, as the markdown endpoints return it. */
    public synchronized String markdown(String pageId) {
        return pages.get(pageId).path("_markdown").asText("");
    }

    /** Live pages whose External ID is {@code externalId}. */
    public synchronized List<ObjectNode> livePages(String externalId) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode p : pages.values()) {
            if (!p.get("in_trash").asBoolean() && externalId.equals(externalId(p))) {
                out.add(p);
            }
        }
        return out;
    }

    public synchronized int totalPages() {
        return pages.size();
    }

    private static String externalId(JsonNode page) {
        JsonNode rt = page.path("properties").path("External ID").path("rich_text");
        StringBuilder sb = new StringBuilder();
        rt.forEach(t -> sb.append(t.path("text").path("content").asText()));
        return sb.toString();
    }

    private enum Fault { NONE, RATE_LIMITED, SERVER_ERROR, RESET_BEFORE, RESET_AFTER }

    private synchronized Fault nextFault() {
        long now = System.nanoTime();
        if (ratePerSecond != Double.POSITIVE_INFINITY) {
            tokens = Math.min(ratePerSecond, tokens + (now - lastRefill) / 1e9 * ratePerSecond);
            lastRefill = now;
            if (tokens < 1) {
                return Fault.RATE_LIMITED;
            }
            tokens -= 1;
        }
        double roll = random.nextDouble();
        if (roll < serverErrorRate) {
            return Fault.SERVER_ERROR;
        }
        if (roll < serverErrorRate + resetRate) {
            return random.nextBoolean() ? Fault.RESET_BEFORE : Fault.RESET_AFTER;
        }
        return Fault.NONE;
    }

    private void handle(HttpExchange ex) throws IOException {
        if (ex.getRequestURI().getPath().equals("/_test/pages")) {
            try (ex) {
                send(ex, 200, adminPages());
            }
            return;
        }
        requests.incrementAndGet();
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + token).equals(auth)) {
                send(ex, 401, error(401, "unauthorized", "API token is invalid."));
                return;
            }
            String version = ex.getRequestHeaders().getFirst("Notion-Version");
            if (version == null || version.compareTo("2026-03-11") < 0) {
                send(ex, 400, error(400, "validation_error", "Notion-Version 2026-03-11 or later is required here."));
                return;
            }
            Fault fault = nextFault();
            switch (fault) {
                case RATE_LIMITED -> {
                    rateLimited.incrementAndGet();
                    ex.getResponseHeaders().add("Retry-After", "1");
                    send(ex, 429, error(429, "rate_limited", "You have been rate limited. Please try again in a few minutes."));
                    return;
                }
                case SERVER_ERROR -> {
                    serverErrors.incrementAndGet();
                    int status = new int[] {500, 502, 503, 504}[random.nextInt(4)];
                    send(ex, status, error(status, "internal_server_error", "Unexpected error."));
                    return;
                }
                case RESET_BEFORE -> {
                    resets.incrementAndGet();
                    return; // closed with no answer: the request was not applied
                }
                default -> { }
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            if (capture != null) {
                capture.record(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                        new String(body, StandardCharsets.UTF_8));
            }
            java.util.concurrent.CountDownLatch barrier = queryBarrier;
            if (barrier != null && ex.getRequestURI().getPath().endsWith("/query") && barrier.getCount() > 0) {
                barrier.countDown();
                barrier.await(120, java.util.concurrent.TimeUnit.SECONDS);
            }
            Answer answer = route(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                    body.length == 0 ? null : JSON.readTree(body));
            if (fault == Fault.RESET_AFTER) {
                resets.incrementAndGet();
                return; // applied, but the answer is lost: the ambiguous case
            }
            send(ex, answer.status, answer.body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(ex, 500, error(500, "internal_server_error", String.valueOf(e)));
        }
    }

    private record Answer(int status, String body) {
    }

    private synchronized Answer route(String method, String path, String query, JsonNode body) {
        if (path.equals("/v1/comments") || path.startsWith("/v1/comments/")) {
            return comment(method, path, query, body);
        }
        if (method.equals("GET") && path.equals("/v1/users/me")) {
            return ok("{\"object\":\"user\",\"id\":\"" + BOT_USER + "\",\"name\":\"Notion Sync\",\"avatar_url\":null,"
                    + "\"type\":\"bot\",\"bot\":{\"owner\":{\"type\":\"workspace\",\"workspace\":true}}}");
        }
        if (method.equals("GET") && path.equals("/v1/databases/" + DB)) {
            return ok("{\"object\":\"database\",\"id\":\"" + DB + "\",\"data_sources\":[{\"id\":\"" + DS + "\",\"name\":\"Main\"}]}");
        }
        if (method.equals("GET") && path.equals("/v1/data_sources/" + DS)) {
            ObjectNode props = JSON.createObjectNode();
            schema.forEach((name, type) -> {
                ObjectNode p = props.putObject(name).put("id", propertyId(name, type)).put("name", name).put("type", type);
                ObjectNode config = p.putObject(type);
                if (type.equals("relation")) {
                    config.put("database_id", DB).put("data_source_id", DS).put("type", "dual_property")
                            .putObject("dual_property").put("synced_property_name", partners.get(name));
                }
                if (type.equals("status")) {
                    ArrayNode options = config.putArray("options");
                    for (int i = 0; i < statusOptions.size(); i++) {
                        options.addObject().put("id", Integer.toString(i + 1)).put("name", statusOptions.get(i));
                    }
                }
            });
            return ok("{\"object\":\"data_source\",\"id\":\"" + DS + "\",\"properties\":" + props + "}");
        }
        if (method.equals("POST") && path.equals("/v1/data_sources/" + DS + "/query")) {
            if (body.path("filter").has("timestamp") || body.path("filter").has("and")) {
                return editedSince(body);
            }
            boolean filtered = body.has("filter");
            // One equals filter, or an "or" of them: External IDs looked up in a batch.
            List<JsonNode> filters = new ArrayList<>();
            body.path("filter").path("or").forEach(filters::add);
            if (filters.isEmpty() && filtered) {
                filters.add(body.get("filter"));
            }
            java.util.Set<String> wanted = new java.util.HashSet<>();
            for (JsonNode f : filters) {
                if (!"External ID".equals(f.path("property").asText())) {
                    return new Answer(400, error(400, "validation_error", "Could not find property with name or id: "
                            + f.path("property").asText()));
                }
                wanted.add(f.path("rich_text").path("equals").asText());
            }
            List<ObjectNode> matches = new ArrayList<>();
            for (ObjectNode p : pages.values()) {
                if (!p.get("in_trash").asBoolean() && (!filtered || wanted.contains(externalId(p)))) {
                    matches.add(view(p));
                }
            }
            boolean capped = matches.size() > queryCap;
            if (capped) {
                matches = new ArrayList<>(matches.subList(0, queryCap));
            }
            // Pages of at most page_size (100), the cursor being the index of the next result.
            int size = Math.min(100, body.path("page_size").asInt(100));
            int from = body.hasNonNull("start_cursor") ? Integer.parseInt(body.get("start_cursor").asText()) : 0;
            ArrayNode results = JSON.createArrayNode();
            matches.subList(Math.min(from, matches.size()), Math.min(from + size, matches.size())).forEach(results::add);
            boolean more = from + size < matches.size();
            return ok("{\"object\":\"list\",\"results\":" + results + ",\"has_more\":" + more + ",\"next_cursor\":"
                    + (more ? "\"" + (from + size) + "\"" : "null")
                    + (capped && !more ? ",\"request_status\":{\"type\":\"incomplete\",\"incomplete_reason\":"
                    + "\"query_result_limit_reached\"}" : "") + "}");
        }
        if (path.startsWith("/v1/pages/") && path.endsWith("/markdown")) {
            ObjectNode page = pages.get(path.substring("/v1/pages/".length(), path.length() - "/markdown".length()));
            if (page == null) {
                return new Answer(404, error(404, "object_not_found", "Could not find page."));
            }
            if (method.equals("PATCH")) {
                contentWrites.incrementAndGet();
                String type = body.path("type").asText();
                String markdown = page.path("_markdown").asText("");
                if (type.equals("replace_content")) {
                    markdown = body.path("replace_content").path("new_str").asText();
                } else if (type.equals("insert_content")) {
                    markdown = markdown + "\n\n" + body.path("insert_content").path("content").asText();
                } else {
                    return new Answer(400, error(400, "validation_error", "body.type should be one of the commands."));
                }
                page.put("_markdown", markdown);
            }
            return ok("{\"object\":\"page_markdown\",\"id\":\"" + page.get("id").asText() + "\",\"markdown\":"
                    + JSON.valueToTree(page.path("_markdown").asText("")) + ",\"truncated\":false,\"unknown_block_ids\":[]}");
        }
        if (method.equals("POST") && path.equals("/v1/pages")) {
            if (!DS.equals(body.path("parent").path("data_source_id").asText())) {
                return new Answer(404, error(404, "object_not_found", "Could not find data source."));
            }
            String problem = validate(body.path("properties"));
            if (problem == null && rejected != null && rejected.equals(externalId(body))) {
                problem = "body.properties.External ID is refused by this test.";
            }
            if (problem != null) {
                return new Answer(400, error(400, "validation_error", problem));
            }
            creates.incrementAndGet();
            String id = UUID.randomUUID().toString();
            ObjectNode page = emptyPage(id);
            ObjectNode props = (ObjectNode) page.get("properties");
            body.path("properties").fields().forEachRemaining(e -> ((ObjectNode) props.get(e.getKey())).setAll((ObjectNode) e.getValue()));
            // Held aside for the markdown endpoints (a real page holds blocks); never sent as a property.
            page.put("_markdown", body.path("markdown").asText(""));
            edited(page, BOT_USER, Instant.now());
            pages.put(id, page);
            body.path("properties").fieldNames().forEachRemaining(name -> keepPartnerInStep(page, name));
            return ok(view(page).toString());
        }
        if (method.equals("PATCH") && path.startsWith("/v1/pages/")) {
            updates.incrementAndGet();
            ObjectNode page = pages.get(path.substring("/v1/pages/".length()));
            if (page == null) {
                return new Answer(404, error(404, "object_not_found", "Could not find page."));
            }
            if (body.has("in_trash")) {
                page.put("in_trash", body.get("in_trash").asBoolean());
            }
            if (body.has("properties")) {
                if (page.get("in_trash").asBoolean()) {
                    return new Answer(400, error(400, "validation_error", "Can't edit block that is archived."));
                }
                String problem = validate(body.get("properties"));
                if (problem != null) {
                    return new Answer(400, error(400, "validation_error", problem));
                }
                body.get("properties").fields().forEachRemaining(
                        e -> ((ObjectNode) page.get("properties").get(e.getKey())).setAll((ObjectNode) e.getValue()));
                body.get("properties").fieldNames().forEachRemaining(name -> keepPartnerInStep(page, name));
                edited(page, BOT_USER, Instant.now());
            }
            return ok(view(page).toString());
        }
        if (method.equals("GET") && path.startsWith("/v1/pages/") && path.contains("/properties/")) {
            String[] parts = path.substring("/v1/pages/".length()).split("/properties/");
            ObjectNode page = pages.get(parts[0]);
            if (page == null) {
                return new Answer(404, error(404, "object_not_found", "Could not find page."));
            }
            ArrayNode results = JSON.createArrayNode();
            page.get("properties").fields().forEachRemaining(e -> {
                // The path arrives decoded; Notion's property ids are URL-encoded, as the ids it lists.
                String id = java.net.URLDecoder.decode(e.getValue().path("id").asText(), StandardCharsets.UTF_8);
                if (id.equals(parts[1]) && e.getValue().has("relation")) {
                    e.getValue().get("relation").forEach(r -> results.addObject().put("object", "property_item")
                            .put("id", parts[1]).put("type", "relation").putObject("relation").put("id", r.path("id").asText()));
                }
            });
            return ok("{\"object\":\"list\",\"type\":\"property_item\",\"results\":" + results
                    + ",\"has_more\":false,\"next_cursor\":null}");
        }
        return new Answer(400, error(400, "invalid_request_url", "Invalid request URL."));
    }

    /**
     * Notion's comment endpoints as far as the action uses them: a top-level comment on a page (with
     * a custom display name), the page's comments 100 at most per request, oldest first, and an
     * update of a comment's text. Strict as Notion: one of rich_text or markdown, text limits, a
     * known page or comment.
     */
    private Answer comment(String method, String path, String query, JsonNode body) {
        if (!commentCapabilities) {
            return new Answer(403, error(403, "restricted_resource",
                    "Insufficient permissions for this endpoint."));
        }
        if (method.equals("POST") && path.equals("/v1/comments")) {
            String pageId = body.path("parent").path("page_id").asText();
            if (!body.has("parent") || body.has("discussion_id")) {
                return new Answer(400, error(400, "validation_error", "body.parent or body.discussion_id should be defined."));
            }
            ObjectNode page = pages.get(pageId);
            if (page == null || page.get("in_trash").asBoolean()) {
                return new Answer(404, error(404, "object_not_found", "Could not find page with ID: " + pageId + "."));
            }
            String problem = commentText(body);
            if (problem != null) {
                return new Answer(400, error(400, "validation_error", problem));
            }
            JsonNode name = body.path("display_name");
            if (!name.isMissingNode() && (!"custom".equals(name.path("type").asText())
                    || name.path("custom").path("name").asText().isEmpty())) {
                return new Answer(400, error(400, "validation_error", "body.display_name.custom.name should be defined."));
            }
            commentCreates.incrementAndGet();
            String id = UUID.randomUUID().toString();
            String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            ObjectNode c = JSON.createObjectNode().put("object", "comment").put("id", id);
            c.putObject("parent").put("type", "page_id").put("page_id", pageId);
            c.put("discussion_id", UUID.randomUUID().toString()).put("created_time", now).put("last_edited_time", now);
            c.putObject("created_by").put("object", "user").put("id", BOT_USER);
            c.set("rich_text", stored(body.get("rich_text")));
            c.putObject("display_name").put("type", name.isMissingNode() ? "integration" : "custom")
                    .put("resolved_name", name.isMissingNode() ? "Notion Sync" : name.path("custom").path("name").asText());
            c.putArray("attachments");
            comments.put(id, c);
            return ok(c.toString());
        }
        if (method.equals("GET") && path.equals("/v1/comments")) {
            commentLists.incrementAndGet();
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            String blockId = params.get("block_id");
            if (blockId == null || !pages.containsKey(blockId)) {
                return new Answer(blockId == null ? 400 : 404, blockId == null
                        ? error(400, "validation_error", "block_id should be defined.")
                        : error(404, "object_not_found", "Could not find block with ID: " + blockId + "."));
            }
            int size = Integer.parseInt(params.getOrDefault("page_size", "100"));
            if (size < 1 || size > 100) {
                return new Answer(400, error(400, "validation_error", "page_size should be ≤ 100."));
            }
            List<ObjectNode> all = comments(blockId);
            int from = params.containsKey("start_cursor") ? Integer.parseInt(params.get("start_cursor")) : 0;
            ArrayNode results = JSON.createArrayNode();
            all.subList(Math.min(from, all.size()), Math.min(from + size, all.size())).forEach(results::add);
            boolean more = from + size < all.size();
            ObjectNode list = JSON.createObjectNode().put("object", "list");
            list.set("results", results);
            list.put("next_cursor", more ? Integer.toString(from + size) : null).put("has_more", more)
                    .put("type", "comment").putObject("comment");
            return ok(list.toString());
        }
        if (method.equals("PATCH") && path.startsWith("/v1/comments/")) {
            ObjectNode c = comments.get(path.substring("/v1/comments/".length()));
            if (c == null) {
                // Only the integration's own comments can be updated; any other is not found.
                return new Answer(404, error(404, "object_not_found", "Could not find comment."));
            }
            String problem = commentText(body);
            if (problem != null) {
                return new Answer(400, error(400, "validation_error", problem));
            }
            commentUpdates.incrementAndGet();
            c.set("rich_text", stored(body.get("rich_text")));
            c.put("last_edited_time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            return ok(c.toString());
        }
        return new Answer(400, error(400, "invalid_request_url", "Invalid request URL."));
    }

    /** This action sends rich text (Notion also takes markdown, never both). */
    private static String commentText(JsonNode body) {
        if (body.has("markdown") == body.has("rich_text")) {
            return "Exactly one of body.rich_text or body.markdown should be defined.";
        }
        JsonNode rt = body.get("rich_text");
        if (rt == null || !rt.isArray()) {
            return "body.rich_text should be an array.";
        }
        if (rt.size() > 100) {
            return "body.rich_text.length should be ≤ 100, instead was " + rt.size() + ".";
        }
        for (JsonNode t : rt) {
            if (t.path("text").path("content").asText().length() > 2000) {
                return "body.rich_text[].text.content.length should be ≤ 2000.";
            }
            if (t.path("text").path("link").path("url").asText().length() > 2000) {
                return "body.rich_text[].text.link.url.length should be ≤ 2000.";
            }
        }
        return null;
    }

    /** Rich text as Notion returns it: every annotation, plain_text and href filled in. */
    private static ArrayNode stored(JsonNode sent) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode t : sent) {
            ObjectNode item = out.addObject().put("type", "text");
            ObjectNode text = item.putObject("text").put("content", t.path("text").path("content").asText());
            String link = t.path("text").path("link").path("url").asText(null);
            if (link != null) {
                text.putObject("link").put("url", link);
            } else {
                text.putNull("link");
            }
            ObjectNode a = item.putObject("annotations");
            for (String key : new String[] {"bold", "italic", "strikethrough", "underline", "code"}) {
                a.put(key, t.path("annotations").path(key).asBoolean(false));
            }
            a.put("color", t.path("annotations").path("color").asText("default"));
            item.put("plain_text", text.get("content").asText());
            if (link != null) {
                item.put("href", link);
            } else {
                item.putNull("href");
            }
        }
        return out;
    }

    /**
     * A page as Notion returns it: a relation lists at most 25 pages, with has_more set when it holds
     * more (the rest is read through the property items endpoint).
     */
    private static ObjectNode view(ObjectNode page) {
        ObjectNode copy = page.deepCopy();
        copy.path("properties").fields().forEachRemaining(e -> {
            JsonNode relation = e.getValue().get("relation");
            if (relation != null && relation.isArray()) {
                ArrayNode first = JSON.createArrayNode();
                for (int i = 0; i < Math.min(25, relation.size()); i++) {
                    first.add(relation.get(i));
                }
                ((ObjectNode) e.getValue()).set("relation", first);
                ((ObjectNode) e.getValue()).put("has_more", relation.size() > 25);
            }
        });
        return copy;
    }

    /** Property ids as Notion gives them: a relation's is URL-encoded, as real ones often are. */
    private static String propertyId(String name, String type) {
        return type.equals("relation") ? "r%7D%3A" + Math.abs(name.hashCode()) : name.hashCode() + "";
    }

    /** After a write of one side of a two-way relation, the other side of every page follows. */
    private void keepPartnerInStep(ObjectNode page, String property) {
        String partner = partners.get(property);
        if (partner == null) {
            return;
        }
        String id = page.get("id").asText();
        java.util.Set<String> targets = new java.util.HashSet<>();
        page.path("properties").path(property).path("relation").forEach(r -> targets.add(r.path("id").asText()));
        for (ObjectNode other : pages.values()) {
            ArrayNode list = (ArrayNode) other.path("properties").path(partner).path("relation");
            boolean has = false;
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).path("id").asText().equals(id)) {
                    if (targets.contains(other.get("id").asText())) {
                        has = true;
                    } else {
                        list.remove(i);
                    }
                }
            }
            if (!has && targets.contains(other.get("id").asText())) {
                list.addObject().put("id", id);
            }
        }
    }

    /** Pages edited on or after a time, oldest edit first, as the last_edited_time timestamp filter gives them. */
    private Answer editedSince(JsonNode body) {
        JsonNode f = body.get("filter");
        List<JsonNode> narrowing = new ArrayList<>();
        if (f.has("and")) {
            // {"and": [the timestamp filter, {"or": [property filters]}]}, as the pull narrows its query.
            JsonNode timestamp = null;
            for (JsonNode part : f.get("and")) {
                if (part.has("timestamp")) {
                    timestamp = part;
                } else {
                    narrowing.add(part);
                }
            }
            for (JsonNode part : narrowing) {
                String problem = checkPropertyFilters(part);
                if (problem != null) {
                    return new Answer(400, error(400, "validation_error", problem));
                }
            }
            f = timestamp == null ? JSON.createObjectNode() : timestamp;
        }
        if (!"last_edited_time".equals(f.path("timestamp").asText()) || !f.path("last_edited_time").has("on_or_after")) {
            return new Answer(400, error(400, "validation_error", "body.filter.last_edited_time should be defined."));
        }
        for (JsonNode sort : body.path("sorts")) {
            if (!"last_edited_time".equals(sort.path("timestamp").asText())
                    || !List.of("ascending", "descending").contains(sort.path("direction").asText())) {
                return new Answer(400, error(400, "validation_error", "body.sorts[0] is not a valid sort."));
            }
        }
        Instant since = Instant.parse(f.path("last_edited_time").path("on_or_after").asText());
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode p : pages.values()) {
            if (!p.get("in_trash").asBoolean() && !Instant.parse(p.get("last_edited_time").asText()).isBefore(since)
                    && narrowing.stream().allMatch(m -> matches(p, m))) {
                matches.add(view(p));
            }
        }
        matches.sort(java.util.Comparator.comparing(p -> p.get("last_edited_time").asText()));
        int from = body.hasNonNull("start_cursor") ? Integer.parseInt(body.get("start_cursor").asText()) : 0;
        int size = Math.min(100, body.path("page_size").asInt(100));
        ArrayNode results = JSON.createArrayNode();
        matches.subList(Math.min(from, matches.size()), Math.min(from + size, matches.size())).forEach(results::add);
        boolean more = from + size < matches.size();
        return ok("{\"object\":\"list\",\"results\":" + results + ",\"has_more\":" + more + ",\"next_cursor\":"
                + (more ? "\"" + (from + size) + "\"" : "null") + "}");
    }

    /** Property filters the pull sends: "or"/"and" of last_edited_by does_not_contain and rich_text contains. */
    private String checkPropertyFilters(JsonNode f) {
        for (String compound : new String[] {"or", "and"}) {
            if (f.has(compound)) {
                for (JsonNode part : f.get(compound)) {
                    String problem = checkPropertyFilters(part);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
        }
        String name = f.path("property").asText();
        String type = schema.get(name);
        if (type == null) {
            return "Could not find property with name or id: " + name;
        }
        if (!f.has(type)) {
            return "body.filter.and[1].or[0]." + type + " should be defined, instead was undefined.";
        }
        return null;
    }

    private boolean matches(JsonNode page, JsonNode f) {
        if (f.has("or")) {
            for (JsonNode part : f.get("or")) {
                if (matches(page, part)) {
                    return true;
                }
            }
            return false;
        }
        if (f.has("and")) {
            for (JsonNode part : f.get("and")) {
                if (!matches(page, part)) {
                    return false;
                }
            }
            return true;
        }
        JsonNode value = page.path("properties").path(f.path("property").asText());
        if (f.has("last_edited_by")) {
            String id = value.path("last_edited_by").path("id").asText();
            return !id.equals(f.path("last_edited_by").path("does_not_contain").asText());
        }
        if (f.has("rich_text")) {
            StringBuilder text = new StringBuilder();
            value.path("rich_text").forEach(t -> text.append(t.path("text").path("content").asText()));
            return text.toString().contains(f.path("rich_text").path("contains").asText());
        }
        return false;
    }

    /** Notion stamps every edit with its editor and the time, rounded down to the minute. */
    private void edited(ObjectNode page, String userId, Instant at) {
        page.put("last_edited_time", at.truncatedTo(ChronoUnit.MINUTES).toString());
        page.putObject("last_edited_by").put("object", "user").put("id", userId);
        schema.forEach((name, type) -> {
            if (type.equals("last_edited_by")) {
                ObjectNode p = ((ObjectNode) page.path("properties")).putObject(name).put("id", propertyId(name, type))
                        .put("type", type);
                p.putObject("last_edited_by").put("object", "user").put("id", userId);
            }
        });
    }

    /** A person in the workspace (not the integration), who edits pages in Notion's app. */
    public static final String PERSON = "12345678-aaaa-4bbb-8ccc-1234567890ab";

    /** A person edits a page's properties in Notion (values as Notion holds them, keyed by property name). */
    public synchronized void personEdits(String pageId, Map<String, JsonNode> properties, Instant at) {
        ObjectNode page = pages.get(pageId);
        properties.forEach((name, value) -> ((ObjectNode) page.get("properties").get(name)).setAll((ObjectNode) value));
        edited(page, PERSON, at);
    }

    /** A person moves a page to the trash in Notion's app. */
    public synchronized void personTrashes(String pageId) {
        ObjectNode page = pages.get(pageId);
        page.put("in_trash", true);
        edited(page, PERSON, Instant.now());
    }

    /**
     * A new page as Notion makes it: it carries every property of its data source, each with its
     * type and an empty value (an empty list where the value is a list).
     */
    private ObjectNode emptyPage(String id) {
        ObjectNode page = JSON.createObjectNode().put("object", "page").put("id", id)
                // Notion rounds created_time to the minute, so ties are common: the id breaks them.
                .put("created_time", Instant.now().truncatedTo(ChronoUnit.MINUTES).toString())
                .put("in_trash", false).put("url", "https://www.notion.so/" + id.replace("-", ""));
        ObjectNode props = page.putObject("properties");
        schema.forEach((name, type) -> {
            ObjectNode p = props.putObject(name).put("id", propertyId(name, type)).put("type", type);
            if (List.of("relation", "multi_select", "people", "rich_text", "title").contains(type)) {
                p.putArray(type);
            } else {
                p.putNull(type);
            }
        });
        return page;
    }

    /** A person creates a page in the database from Notion's app: a title, some content, no External ID. */
    public synchronized String personCreates(String title, String markdown) {
        String id = UUID.randomUUID().toString();
        ObjectNode page = emptyPage(id);
        ((ObjectNode) page.get("properties").get("Name")).putArray("title").addObject().put("type", "text").put("plain_text", title)
                .putObject("text").put("content", title);
        page.put("_markdown", markdown);
        edited(page, PERSON, Instant.now());
        pages.put(id, page);
        return id;
    }

    /** A person comments on a page in Notion's app (Notion shows their name). */
    public synchronized String personComments(String pageId, String name, List<String[]> textAndLinks) {
        String id = UUID.randomUUID().toString();
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        ObjectNode c = JSON.createObjectNode().put("object", "comment").put("id", id);
        c.putObject("parent").put("type", "page_id").put("page_id", pageId);
        c.put("discussion_id", UUID.randomUUID().toString()).put("created_time", now).put("last_edited_time", now);
        c.putObject("created_by").put("object", "user").put("id", PERSON);
        ArrayNode rt = JSON.createArrayNode();
        for (String[] piece : textAndLinks) {
            ObjectNode t = rt.addObject();
            t.putObject("text").put("content", piece[0]);
            if (piece.length > 1) {
                ((ObjectNode) t.get("text")).putObject("link").put("url", piece[1]);
            }
        }
        c.set("rich_text", stored(rt));
        c.putObject("display_name").put("type", "user").put("resolved_name", name);
        c.putArray("attachments");
        comments.put(id, c);
        return id;
    }

    /** A page as Notion returns it. */
    public synchronized ObjectNode page(String pageId) {
        return view(pages.get(pageId));
    }

    /** More properties in the data source (Labels as multi_select, Sync State as rich_text, …). */
    public synchronized FakeNotion withProperty(String name, String type) {
        schema.put(name, type);
        return this;
    }

    /** Status options besides Open and Closed (Notion refuses unknown status options). */
    public synchronized FakeNotion withStatusOptions(String... names) {
        statusOptions.addAll(List.of(names));
        return this;
    }

    /** Notion's validation, as far as this action's writes go. */
    private String validate(JsonNode properties) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String type = schema.get(e.getKey());
            if (type == null) {
                return e.getKey() + " is not a property that exists.";
            }
            JsonNode value = e.getValue().get(type);
            if (value == null) {
                return e.getKey() + " is expected to be " + type + ".";
            }
            if (type.equals("relation")) {
                for (JsonNode r : value) {
                    if (!pages.containsKey(r.path("id").asText())) {
                        return "body.properties." + e.getKey() + ".relation: page " + r.path("id").asText()
                                + " is not in the related data source.";
                    }
                }
            }
            if (type.equals("status") && !statusOptions.contains(value.path("name").asText())) {
                return "Invalid status option. Status option \"" + value.path("name").asText() + "\" does not exist.";
            }
            if (value.isArray()) {
                if (value.size() > 100) {
                    return "body.properties." + e.getKey() + "." + type + ".length should be ≤ 100.";
                }
                for (JsonNode t : value) {
                    if (t.path("text").path("content").asText().length() > 2000) {
                        return "body.properties." + e.getKey() + "." + type + "[0].text.content.length should be ≤ 2000.";
                    }
                }
            }
        }
        return null;
    }

    /** For scripts: every page with its External ID and whether it is in the trash. */
    private synchronized String adminPages() {
        ArrayNode list = JSON.createArrayNode();
        for (ObjectNode p : pages.values()) {
            list.addObject().put("id", p.get("id").asText()).put("external_id", externalId(p))
                    .put("in_trash", p.get("in_trash").asBoolean())
                    .put("title", p.path("properties").path("Name").path("title").path(0).path("text").path("content").asText())
                    .put("status", p.path("properties").path("Status").path("status").path("name").asText());
        }
        return list.toString();
    }

    /**
     * Runs the stand-in on its own for scripts (container test, benchmark):
     * {@code FakeNotion <token> <url-file>} writes its base URL to the file and serves until killed.
     */
    public static void main(String[] args) throws Exception {
        FakeNotion notion = new FakeNotion(args[0]);
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[1]), notion.url());
        Thread.currentThread().join();
    }

    private static Answer ok(String body) {
        return new Answer(200, body);
    }

    private static String error(int status, String code, String message) {
        return JSON.createObjectNode().put("object", "error").put("status", status).put("code", code)
                .put("message", message).toString();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
