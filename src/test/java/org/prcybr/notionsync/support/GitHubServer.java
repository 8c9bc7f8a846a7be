package org.prcybr.notionsync.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import graphql.ErrorClassification;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.language.FieldDefinition;
import graphql.language.IntValue;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeUtil;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful, executing stand-in for GitHub's GraphQL API: every document is validated and
 * executed with graphql-java against GitHub's public schema ({@code github/schema.graphql}), on
 * objects a test builds with the methods below, so an unknown field, a wrong variable type or a
 * bad enum value gets GitHub's kind of error, and a mutation changes what the next query reads.
 *
 * <p>Served on 127.0.0.1 (a free port) at POST {@code /graphql}, answering
 * {@code {"data":…,"errors":[…]}} with HTTP 200 as GitHub does.
 *
 * <p>Objects are maps keyed by field name, each with a {@code __typename} (which resolves
 * interfaces and unions) and an {@code id} (which {@code node(id:)} finds). A connection is
 * stored as a map with a mutable {@code nodes} list ({@link #nodes}); its {@code totalCount},
 * {@code edges} and {@code pageInfo} are computed when read, honouring
 * {@code first/after/last/before} (the cursor is the index, as a string) and GitHub's limit of
 * 100. State objects compare by identity and print shallowly, since they refer to each other.
 */
public final class GitHubServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = "GitHubServer.server";
    private static final String LOSE = "GitHubServer.lose";
    private static final Set<String> FIELD_TYPES = Set.of("ProjectV2Field", "ProjectV2SingleSelectField",
            "ProjectV2IterationField");

    // ------------------------------------------------------------------ the executable schema

    /** The schema, parsed once per JVM when a server first needs it (the SDL is 64k lines). */
    private static final class Engine {
        static final GraphQL GRAPHQL = build();

        private static GraphQL build() {
            TypeDefinitionRegistry types = new SchemaParser().parse(readSchema());
            withoutRepeatedFields(types);
            RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new Wiring());
            for (ScalarTypeDefinition scalar : types.scalars().values()) {
                if (!ScalarInfo.isGraphqlSpecifiedScalar(scalar.getName())) {
                    wiring.scalar(passThrough(scalar.getName()));
                }
            }
            GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
            return GraphQL.newGraphQL(schema).build();
        }

        private static String readSchema() {
            try (InputStream in = GitHubServer.class.getResourceAsStream("/github/schema.graphql")) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                return Files.readString(Path.of("src/test/resources/github/schema.graphql"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The published schema declares two fields of EnterpriseOwnerInfo twice, which
         * graphql-java refuses; the first of each is kept (as GraphQlSchemaTest does).
         */
        private static void withoutRepeatedFields(TypeDefinitionRegistry types) {
            for (ObjectTypeDefinition type : types.getTypes(ObjectTypeDefinition.class)) {
                Set<String> seen = new HashSet<>();
                List<FieldDefinition> unique = type.getFieldDefinitions().stream().filter(f -> seen.add(f.getName()))
                        .toList();
                if (unique.size() != type.getFieldDefinitions().size()) {
                    types.remove(type);
                    types.add(type.transform(b -> b.fieldDefinitions(unique)));
                }
            }
        }
    }

    /** GitHub's custom scalars pass through as strings (BigInt also as a number); Date and DateTime inputs must parse. */
    private static GraphQLScalarType passThrough(String name) {
        boolean number = name.equals("BigInt");
        Function<String, String> check = s -> {
            try {
                if (name.equals("Date")) {
                    LocalDate.parse(s);
                } else if (name.equals("DateTime")) {
                    OffsetDateTime.parse(s);
                }
                return s;
            } catch (DateTimeParseException e) {
                throw new CoercingParseValueException("Could not coerce value \"" + s + "\" to " + name);
            }
        };
        Coercing<Object, Object> coercing = new Coercing<>() {
            @Override
            @SuppressWarnings("deprecation")
            public Object serialize(Object value) {
                return value instanceof String || (number && value instanceof Number) ? value : String.valueOf(value);
            }

            @Override
            @SuppressWarnings("deprecation")
            public Object parseValue(Object input) {
                if (input instanceof String s) {
                    return check.apply(s);
                }
                if (number && input instanceof Number) {
                    return input;
                }
                throw new CoercingParseValueException("Could not coerce value " + input + " to " + name);
            }

            @Override
            @SuppressWarnings("deprecation")
            public Object parseLiteral(Object input) {
                try {
                    if (input instanceof StringValue s) {
                        return check.apply(s.getValue());
                    }
                } catch (CoercingParseValueException e) {
                    throw new CoercingParseLiteralException(e.getMessage());
                }
                if (number && input instanceof IntValue i) {
                    return i.getValue();
                }
                throw new CoercingParseLiteralException("Could not coerce literal " + input + " to " + name);
            }

            @Override
            @SuppressWarnings({"deprecation", "rawtypes"})
            public Value valueToLiteral(Object input) {
                return number && input instanceof Number n ? new IntValue(new BigInteger(n.toString()))
                        : StringValue.of(String.valueOf(input));
            }
        };
        return GraphQLScalarType.newScalar().name(name).coercing(coercing).build();
    }

    private static final TypeResolver BY_TYPENAME = env -> {
        Object object = env.getObject();
        Object name = object instanceof Map<?, ?> map ? map.get("__typename") : null;
        if (!(name instanceof String)) {
            throw new IllegalStateException("GitHubServer: an object of " + env.getFieldType() + " has no __typename: "
                    + Obj.shallow(object));
        }
        return env.getSchema().getObjectType((String) name);
    };

    /** A fetcher that needs the server whose request is executing. */
    private interface Fetch {
        Object get(GitHubServer server, DataFetchingEnvironment env);
    }

    /** A mutation on the state: the payload, or a {@link Failure}. */
    private interface Mutation {
        Map<String, Object> run(GitHubServer server, Map<String, Object> input);
    }

    private static final Map<String, Fetch> FETCHERS = new HashMap<>();
    private static final Map<String, Mutation> MUTATIONS = new HashMap<>();

    static {
        FETCHERS.put("Query.node", GitHubServer::queryNode);
        FETCHERS.put("Query.nodes", GitHubServer::queryNodes);
        FETCHERS.put("Query.repository", GitHubServer::queryRepository);
        FETCHERS.put("Query.organization", (s, env) -> s.queryOwner(env, s.organizations, "an Organization"));
        FETCHERS.put("Query.user", (s, env) -> s.queryOwner(env, s.users, "a User"));
        FETCHERS.put("Query.repositoryOwner", GitHubServer::queryRepositoryOwner);
        FETCHERS.put("Query.viewer", (s, env) -> s.viewer);
        FETCHERS.put("Repository.issues", GitHubServer::repositoryIssues);
        FETCHERS.put("Repository.pullRequests", GitHubServer::repositoryPullRequests);
        FETCHERS.put("Repository.discussions", GitHubServer::repositoryDiscussions);
        FETCHERS.put("Repository.labels", GitHubServer::repositoryLabels);
        FETCHERS.put("Repository.milestones", GitHubServer::repositoryMilestones);
        FETCHERS.put("Repository.assignableUsers", GitHubServer::repositoryAssignableUsers);
        FETCHERS.put("Repository.label", GitHubServer::repositoryLabel);
        FETCHERS.put("Repository.milestone", (s, env) -> first(s.inRepository(s.milestones, env.getSource()),
                m -> m.get("number").equals(env.getArgument("number"))));
        FETCHERS.put("Repository.issue", (s, env) -> s.byNumber(env, s.issues, "an Issue"));
        FETCHERS.put("Repository.pullRequest", (s, env) -> s.byNumber(env, s.pullRequests, "a PullRequest"));
        FETCHERS.put("Repository.discussion", (s, env) -> s.byNumber(env, s.discussions, "a Discussion"));
        FETCHERS.put("Repository.issueOrPullRequest", (s, env) -> s.byNumber(env,
                concat(s.issues, s.pullRequests), "an issue or pull request"));
        FETCHERS.put("Organization.projectV2", GitHubServer::ownerProject);
        FETCHERS.put("User.projectV2", GitHubServer::ownerProject);
        FETCHERS.put("ProjectV2.field", (s, env) -> first(nodes(env.getSource(), "fields"),
                f -> f.get("name").equals(env.getArgument("name"))));
        FETCHERS.put("ProjectV2Item.fieldValueByName", (s, env) -> first(nodes(env.getSource(), "fieldValues"),
                v -> v.get("field") instanceof Map<?, ?> f && f.get("name").equals(env.getArgument("name"))));
        FETCHERS.put("Issue.stateReason", (s, env) -> {
            Object reason = ((Map<?, ?>) env.getSource()).get("stateReason");
            return "DUPLICATE".equals(reason) && !Boolean.TRUE.equals(env.getArgument("enableDuplicate"))
                    ? "NOT_PLANNED" : reason;
        });

        MUTATIONS.put("closeIssue", GitHubServer::closeIssue);
        MUTATIONS.put("reopenIssue", GitHubServer::reopenIssue);
        MUTATIONS.put("updateIssue", GitHubServer::updateIssue);
        MUTATIONS.put("createIssue", GitHubServer::createIssue);
        MUTATIONS.put("updatePullRequest", GitHubServer::updatePullRequest);
        MUTATIONS.put("closePullRequest", GitHubServer::closePullRequest);
        MUTATIONS.put("reopenPullRequest", GitHubServer::reopenPullRequest);
        MUTATIONS.put("addLabelsToLabelable", (s, in) -> s.labelable(in, true));
        MUTATIONS.put("removeLabelsFromLabelable", (s, in) -> s.labelable(in, false));
        MUTATIONS.put("addAssigneesToAssignable", (s, in) -> s.assignable(in, true));
        MUTATIONS.put("removeAssigneesFromAssignable", (s, in) -> s.assignable(in, false));
        MUTATIONS.put("updateProjectV2ItemFieldValue", GitHubServer::updateProjectV2ItemFieldValue);
        MUTATIONS.put("clearProjectV2ItemFieldValue", GitHubServer::clearProjectV2ItemFieldValue);
        MUTATIONS.put("addProjectV2ItemById", GitHubServer::addProjectV2ItemById);
        MUTATIONS.put("addComment", GitHubServer::addComment);
        MUTATIONS.put("addDiscussionComment", GitHubServer::addDiscussionComment);
    }

    /**
     * Interfaces and unions resolve by {@code __typename}; the root fields, the mutations and a
     * few argument-honouring fields have real fetchers; every connection field of an object
     * pages its stored {@code nodes}; every other field is its map entry (graphql-java's default).
     */
    private static final class Wiring implements WiringFactory {
        @Override
        public boolean providesTypeResolver(InterfaceWiringEnvironment env) {
            return true;
        }

        @Override
        public TypeResolver getTypeResolver(InterfaceWiringEnvironment env) {
            return BY_TYPENAME;
        }

        @Override
        public boolean providesTypeResolver(UnionWiringEnvironment env) {
            return true;
        }

        @Override
        public TypeResolver getTypeResolver(UnionWiringEnvironment env) {
            return BY_TYPENAME;
        }

        @Override
        public boolean providesDataFetcher(FieldWiringEnvironment env) {
            return fetcher(env) != null;
        }

        @Override
        public DataFetcher<?> getDataFetcher(FieldWiringEnvironment env) {
            return fetcher(env);
        }

        private static DataFetcher<?> fetcher(FieldWiringEnvironment env) {
            String parent = env.getParentType().getName();
            String field = env.getFieldDefinition().getName();
            if (parent.equals("Mutation")) {
                return mutation(field, MUTATIONS.get(field));
            }
            Fetch fetch = FETCHERS.get(parent + "." + field);
            if (fetch != null) {
                return e -> fetch.get(server(e), e);
            }
            if (parent.equals("Query")) {
                return e -> failure(e, "NOT_IMPLEMENTED", "GitHubServer does not implement the query field " + field);
            }
            if (env.getParentType() instanceof ObjectTypeDefinition
                    && TypeUtil.unwrapAll(env.getFieldDefinition().getType()).getName().endsWith("Connection")) {
                return GitHubServer::storedConnection;
            }
            return null;
        }
    }

    private static DataFetcher<Object> mutation(String name, Mutation mutation) {
        return env -> {
            GitHubServer server = server(env);
            if (server.forbidden.contains(name) || (server.projectsForbidden && name.contains("ProjectV2"))) {
                return failure(env, "FORBIDDEN", "Resource not accessible by integration");
            }
            if (mutation == null) {
                return failure(env, "NOT_IMPLEMENTED", "GitHubServer does not implement the mutation " + name);
            }
            Map<String, Object> input = env.getArgument("input");
            Map<String, Object> payload;
            try {
                payload = mutation.run(server, input == null ? Map.of() : input);
            } catch (Failure f) {
                return failure(env, f.type, f.getMessage());
            }
            if (input != null && input.get("clientMutationId") != null) {
                payload.put("clientMutationId", input.get("clientMutationId"));
            }
            server.mutations.add(name);
            if (server.loseOnce.remove(name)) {
                env.getGraphQlContext().put(LOSE, Boolean.TRUE);
            }
            return payload;
        };
    }

    private static GitHubServer server(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(SERVER);
    }

    /** A GitHub execution error: {@code {type, path, locations, message}}. */
    private static final class GitHubError implements GraphQLError {
        final String type;
        final String message;
        final List<Object> path;
        final List<SourceLocation> locations;

        GitHubError(String type, String message, List<Object> path, SourceLocation location) {
            this.type = type;
            this.message = message;
            this.path = path;
            this.locations = location == null ? List.of() : List.of(location);
        }

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public List<SourceLocation> getLocations() {
            return locations;
        }

        @Override
        public ErrorClassification getErrorType() {
            return ErrorClassification.errorClassification(type);
        }

        @Override
        public List<Object> getPath() {
            return path;
        }
    }

    /** A mutation's refusal; nothing has changed when it is thrown. */
    private static final class Failure extends RuntimeException {
        final String type;

        Failure(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }

    private static GitHubError error(DataFetchingEnvironment env, String type, String message, Object... more) {
        List<Object> path = new ArrayList<>(env.getExecutionStepInfo().getPath().toList());
        path.addAll(Arrays.asList(more));
        return new GitHubError(type, message, path, env.getField().getSourceLocation());
    }

    private static DataFetcherResult<Object> failure(DataFetchingEnvironment env, String type, String message) {
        return DataFetcherResult.newResult().data(null).error(error(env, type, message)).build();
    }

    private static Failure notFound(Object id) {
        return new Failure("NOT_FOUND", "Could not resolve to a node with the global id of '" + id + "'");
    }

    // ------------------------------------------------------------------ state

    /** A state object: a map of its fields that compares by identity and prints shallowly. */
    private static final class Obj extends LinkedHashMap<String, Object> {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder().append(get("__typename")).append('{');
            forEach((key, value) -> {
                if (!key.equals("__typename")) {
                    text.append(text.charAt(text.length() - 1) == '{' ? "" : ", ").append(key).append('=')
                            .append(value instanceof Obj o ? o.get("__typename") + "#" + o.get("id") : shallow(value));
                }
            });
            return text.append('}').toString();
        }

        static String shallow(Object value) {
            if (value instanceof Obj o) {
                return o.get("__typename") + "#" + o.get("id");
            }
            if (value instanceof Map<?, ?> map) {
                StringBuilder text = new StringBuilder("{");
                map.forEach((k, v) -> text.append(text.length() > 1 ? ", " : "").append(k).append('=').append(shallow(v)));
                return text.append('}').toString();
            }
            if (value instanceof Collection<?> list) {
                return list.stream().map(Obj::shallow).toList().toString();
            }
            return String.valueOf(value);
        }
    }

    private final Map<String, Map<String, Object>> byId = new HashMap<>();
    private final List<Map<String, Object>> users = new ArrayList<>();
    private final List<Map<String, Object>> organizations = new ArrayList<>();
    private final List<Map<String, Object>> repositories = new ArrayList<>();
    private final List<Map<String, Object>> labels = new ArrayList<>();
    private final List<Map<String, Object>> milestones = new ArrayList<>();
    private final List<Map<String, Object>> issues = new ArrayList<>();
    private final List<Map<String, Object>> pullRequests = new ArrayList<>();
    private final List<Map<String, Object>> discussions = new ArrayList<>();
    private final List<Map<String, Object>> projects = new ArrayList<>();
    private int sequence;
    private Map<String, Object> viewer;

    // faults and inspection
    private volatile String token;
    private final Set<String> forbidden = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean projectsForbidden;
    private final List<String> loseOnce = new CopyOnWriteArrayList<>();
    private final List<String> mutations = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    private final HttpServer http;
    private final ExecutorService executor;

    /** Starts the server on a free port of 127.0.0.1; the schema is parsed on the first one. */
    public GitHubServer() {
        java.util.Objects.requireNonNull(Engine.GRAPHQL); // parses the schema on the first server
        viewer = user("octocat");
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "github-server");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    /** {@code http://127.0.0.1:<port>/graphql}. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/graphql";
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private Obj object(String typename, String prefix) {
        Obj o = new Obj();
        o.put("__typename", typename);
        o.put("id", prefix + (++sequence));
        byId.put((String) o.get("id"), o);
        return o;
    }

    private static Map<String, Object> connection() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("nodes", new ArrayList<Map<String, Object>>());
        return c;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** updatedAt becomes now, or a second after its current value if that is not earlier than now. */
    private static void touch(Map<String, Object> o) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            Instant previous = Instant.parse(String.valueOf(o.get("updatedAt")));
            if (!at.isAfter(previous)) {
                at = previous.plusSeconds(1);
            }
        } catch (DateTimeParseException e) {
            // no usable previous value
        }
        o.put("updatedAt", at.toString());
    }

    private static void stamp(Map<String, Object> o) {
        String now = now();
        o.put("createdAt", now);
        o.put("updatedAt", now);
    }

    /**
     * The live, mutable node list of an object's connection (created empty if absent), e.g.
     * {@code nodes(issue, "labels").add(label)}; its totalCount is computed when read.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> nodes(Map<String, Object> object, String connection) {
        Object c = object.get(connection);
        if (!(c instanceof Map)) {
            c = connection();
            object.put(connection, c);
        }
        Map<String, Object> map = (Map<String, Object>) c;
        if (!(map.get("nodes") instanceof List)) {
            map.put("nodes", new ArrayList<Map<String, Object>>());
        }
        return (List<Map<String, Object>>) map.get("nodes");
    }

    private static boolean containsSame(List<?> list, Object o) {
        return list.stream().anyMatch(x -> x == o);
    }

    /** A repository's issues, oldest first (those created through createIssue included). */
    public synchronized List<Map<String, Object>> issues(Map<String, Object> repo) {
        return List.copyOf(inRepository(issues, repo));
    }

    /** The object with this node id, or null. */
    public synchronized Map<String, Object> node(String id) {
        return byId.get(id);
    }

    /** A User (created once per login); every user is assignable in every repository. */
    public synchronized Map<String, Object> user(String login) {
        Map<String, Object> found = first(users, u -> u.get("login").equals(login));
        if (found != null) {
            return found;
        }
        Obj user = object("User", "U_");
        user.put("login", login);
        user.put("name", null);
        user.put("email", "");
        user.put("url", "https://github.com/" + login);
        user.put("resourcePath", "/" + login);
        users.add(user);
        return user;
    }

    /** A Bot (GitHub gives its login without the "[bot]" that webhook payloads add); not assignable. */
    public synchronized Map<String, Object> bot(String login) {
        Obj bot = object("Bot", "BOT_");
        bot.put("login", login);
        bot.put("url", "https://github.com/apps/" + login);
        bot.put("resourcePath", "/apps/" + login);
        stamp(bot);
        return bot;
    }

    /** An Organization (created once per login). */
    public synchronized Map<String, Object> organization(String login) {
        Map<String, Object> found = first(organizations, o -> o.get("login").equals(login));
        if (found != null) {
            return found;
        }
        Obj org = object("Organization", "O_");
        org.put("login", login);
        org.put("name", login);
        org.put("url", "https://github.com/" + login);
        org.put("resourcePath", "/" + login);
        organizations.add(org);
        return org;
    }

    /** The user {@code viewer} answers and mutations act as (authors of created issues and comments); octocat at first. */
    public synchronized void viewer(Map<String, Object> user) {
        viewer = user;
    }

    /**
     * A Repository (created once per owner/name); its owner is the organization of that login
     * if there is one, else that user.
     */
    public synchronized Map<String, Object> repository(String owner, String name) {
        String nameWithOwner = owner + "/" + name;
        Map<String, Object> found = first(repositories, r -> r.get("nameWithOwner").equals(nameWithOwner));
        if (found != null) {
            return found;
        }
        Map<String, Object> ownerMap = first(organizations, o -> o.get("login").equals(owner));
        Obj repo = object("Repository", "R_");
        repo.put("name", name);
        repo.put("nameWithOwner", nameWithOwner);
        repo.put("url", "https://github.com/" + nameWithOwner);
        repo.put("resourcePath", "/" + nameWithOwner);
        repo.put("owner", ownerMap != null ? ownerMap : user(owner));
        repo.put("isPrivate", false);
        repo.put("isArchived", false);
        repo.put("description", null);
        repo.put("hasIssuesEnabled", true);
        repo.put("hasDiscussionsEnabled", true);
        stamp(repo);
        Obj general = object("DiscussionCategory", "DIC_");
        general.put("name", "General");
        general.put("slug", "general");
        general.put("emoji", ":speech_balloon:");
        general.put("isAnswerable", false);
        general.put("repository", repo);
        stamp(general);
        nodes(repo, "discussionCategories").add(general);
        repositories.add(repo);
        return repo;
    }

    /** A Label of the repository (created once per name). */
    public synchronized Map<String, Object> label(Map<String, Object> repo, String name) {
        Map<String, Object> found = first(inRepository(labels, repo), l -> l.get("name").equals(name));
        if (found != null) {
            return found;
        }
        Obj label = object("Label", "LA_");
        label.put("name", name);
        label.put("color", "ededed");
        label.put("description", null);
        label.put("isDefault", false);
        label.put("url", repo.get("url") + "/labels/" + name.replace(" ", "%20"));
        label.put("repository", repo);
        stamp(label);
        labels.add(label);
        return label;
    }

    /** An open Milestone of the repository, numbered from 1. */
    public synchronized Map<String, Object> milestone(Map<String, Object> repo, String title) {
        Obj milestone = object("Milestone", "MI_");
        int number = inRepository(milestones, repo).size() + 1;
        milestone.put("number", number);
        milestone.put("title", title);
        milestone.put("description", null);
        milestone.put("state", "OPEN");
        milestone.put("closed", false);
        milestone.put("closedAt", null);
        milestone.put("dueOn", null);
        milestone.put("url", repo.get("url") + "/milestone/" + number);
        milestone.put("repository", repo);
        stamp(milestone);
        milestones.add(milestone);
        return milestone;
    }

    private Obj numbered(String typename, String prefix, Map<String, Object> repo, int number, String title,
            String body, String path) {
        if (first(inRepository(concat(concat(issues, pullRequests), discussions), repo),
                o -> o.get("number").equals(number)) != null) {
            throw new IllegalArgumentException(repo.get("nameWithOwner") + " already has a number " + number);
        }
        Obj o = object(typename, prefix);
        o.put("number", number);
        o.put("title", title);
        o.put("body", body);
        o.put("bodyText", body);
        o.put("url", repo.get("url") + "/" + path + "/" + number);
        o.put("resourcePath", "/" + repo.get("nameWithOwner") + "/" + path + "/" + number);
        o.put("closed", false);
        o.put("locked", false);
        stamp(o);
        o.put("closedAt", null);
        o.put("repository", repo);
        o.put("author", user("octocat"));
        o.put("labels", connection());
        o.put("comments", connection());
        return o;
    }

    /** An open Issue by octocat, without labels, assignees, milestone, comments or links. */
    public synchronized Map<String, Object> issue(Map<String, Object> repo, int number, String title, String body) {
        Obj issue = numbered("Issue", "I_", repo, number, title, body, "issues");
        issue.put("state", "OPEN");
        issue.put("stateReason", null);
        issue.put("assignees", connection());
        issue.put("milestone", null);
        issue.put("parent", null);
        issue.put("subIssues", connection());
        issue.put("closedByPullRequestsReferences", connection());
        issue.put("projectItems", connection());
        issues.add(issue);
        return issue;
    }

    /** An open, ready PullRequest from {@code branch-<number>} into {@code main}. */
    public synchronized Map<String, Object> pullRequest(Map<String, Object> repo, int number, String title) {
        Obj pr = numbered("PullRequest", "PR_", repo, number, title, "", "pull");
        pr.put("state", "OPEN");
        pr.put("isDraft", false);
        pr.put("merged", false);
        pr.put("mergedAt", null);
        pr.put("baseRefName", "main");
        pr.put("headRefName", "branch-" + number);
        pr.put("assignees", connection());
        pr.put("milestone", null);
        pr.put("reviewRequests", connection());
        pr.put("closingIssuesReferences", connection());
        pr.put("projectItems", connection());
        pullRequests.add(pr);
        return pr;
    }

    /** An open Discussion in the repository's General category. */
    public synchronized Map<String, Object> discussion(Map<String, Object> repo, int number, String title) {
        Obj discussion = numbered("Discussion", "D_", repo, number, title, "", "discussions");
        discussion.put("isAnswered", false);
        discussion.put("stateReason", null);
        discussion.put("category", nodes(repo, "discussionCategories").get(0));
        discussions.add(discussion);
        return discussion;
    }

    /** A comment by that user, added to the object's comments (an IssueComment, or a DiscussionComment on a discussion). */
    public Map<String, Object> comment(Map<String, Object> subject, String login, String body) {
        return comment(subject, user(login), body);
    }

    /** A comment by that author (a user or {@link #bot}). */
    public synchronized Map<String, Object> comment(Map<String, Object> subject, Map<String, Object> author,
            String body) {
        boolean discussion = "Discussion".equals(subject.get("__typename"));
        Obj comment = discussion ? object("DiscussionComment", "DC_") : object("IssueComment", "IC_");
        String n = ((String) comment.get("id")).replaceAll("\\D", "");
        comment.put("body", body);
        comment.put("bodyText", body);
        comment.put("url", subject.get("url") + (discussion ? "#discussioncomment-" : "#issuecomment-") + n);
        comment.put("author", author);
        stamp(comment);
        comment.put("isMinimized", false);
        comment.put(discussion ? "discussion" : "Issue".equals(subject.get("__typename")) ? "issue" : "pullRequest",
                subject);
        comment.put("repository", subject.get("repository"));
        if (discussion) {
            comment.put("isAnswer", false);
            comment.put("replies", connection());
        }
        nodes(subject, "comments").add(comment);
        return comment;
    }

    /** Adds labels to an issue, pull request or discussion (once each). */
    @SafeVarargs
    public final synchronized void addLabels(Map<String, Object> labelable, Map<String, Object>... labels) {
        addAll(nodes(labelable, "labels"), List.of(labels));
    }

    /** Assigns users to an issue or pull request (once each). */
    @SafeVarargs
    public final synchronized void assign(Map<String, Object> assignable, Map<String, Object>... users) {
        addAll(nodes(assignable, "assignees"), List.of(users));
    }

    /** Sets (or with null clears) an issue's or pull request's milestone. */
    public synchronized void setMilestone(Map<String, Object> object, Map<String, Object> milestone) {
        object.put("milestone", milestone);
    }

    /** Sets an object's updatedAt, e.g. to make GitHub's copy newer than Notion's. */
    public synchronized void setUpdatedAt(Map<String, Object> object, Instant at) {
        object.put("updatedAt", at.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** Closes an issue (COMPLETED, NOT_PLANNED or DUPLICATE) or a pull request or discussion, as GitHub would. */
    public synchronized void setClosed(Map<String, Object> object, String stateReason) {
        switch (String.valueOf(object.get("__typename"))) {
            case "Issue" -> issueState(object, "CLOSED", stateReason);
            case "PullRequest" -> {
                object.put("state", "CLOSED");
                object.put("closed", true);
                object.put("closedAt", now());
            }
            default -> {
                object.put("closed", true);
                object.put("closedAt", now());
                object.put("stateReason", stateReason == null ? "RESOLVED" : stateReason);
            }
        }
    }

    /** Merges a pull request: MERGED, merged, mergedAt and closedAt now. */
    public synchronized void merge(Map<String, Object> pr) {
        String now = now();
        pr.put("state", "MERGED");
        pr.put("merged", true);
        pr.put("mergedAt", now);
        pr.put("closed", true);
        pr.put("closedAt", now);
    }

    /** Makes {@code child} a sub-issue of {@code parent}. */
    public synchronized void subIssue(Map<String, Object> parent, Map<String, Object> child) {
        addAll(nodes(parent, "subIssues"), List.of(child));
        child.put("parent", parent);
    }

    /** Links a pull request as closing an issue (both sides). */
    public synchronized void closes(Map<String, Object> pr, Map<String, Object> issue) {
        addAll(nodes(pr, "closingIssuesReferences"), List.of(issue));
        addAll(nodes(issue, "closedByPullRequestsReferences"), List.of(pr));
    }

    /** Requests a review of a pull request from a user or bot. */
    public synchronized void requestReview(Map<String, Object> pr, Map<String, Object> reviewer) {
        Obj request = object("ReviewRequest", "RR_");
        request.put("requestedReviewer", reviewer);
        request.put("asCodeOwner", false);
        request.put("pullRequest", pr);
        nodes(pr, "reviewRequests").add(request);
    }

    /** A DraftIssue, to be the content of a project item. */
    public synchronized Map<String, Object> draftIssue(String title, String body) {
        Obj draft = object("DraftIssue", "DI_");
        draft.put("title", title);
        draft.put("body", body);
        draft.put("bodyText", body);
        stamp(draft);
        draft.put("creator", viewer);
        draft.put("assignees", connection());
        return draft;
    }

    /**
     * A Projects v2 board of the organization or user of that login (an existing organization,
     * else an existing user, else a new organization), without fields (GitHub's built-in fields
     * such as Title and Status are not made up).
     */
    public synchronized Map<String, Object> project(String ownerLogin, int number, String title) {
        Map<String, Object> owner = first(organizations, o -> o.get("login").equals(ownerLogin));
        if (owner == null) {
            owner = first(users, u -> u.get("login").equals(ownerLogin));
        }
        return project(owner != null ? owner : organization(ownerLogin), number, title);
    }

    /** A Projects v2 board of that organization or user. */
    public synchronized Map<String, Object> project(Map<String, Object> owner, int number, String title) {
        Obj project = object("ProjectV2", "PVT_");
        project.put("number", number);
        project.put("title", title);
        project.put("shortDescription", null);
        project.put("url", "https://github.com/" + ("User".equals(owner.get("__typename")) ? "users/" : "orgs/")
                + owner.get("login") + "/projects/" + number);
        project.put("closed", false);
        project.put("closedAt", null);
        project.put("public", false);
        project.put("template", false);
        project.put("owner", owner);
        project.put("creator", viewer);
        stamp(project);
        project.put("fields", connection());
        project.put("items", connection());
        projects.add(project);
        return project;
    }

    private Obj field(Map<String, Object> project, String typename, String prefix, String name, String dataType) {
        Obj field = object(typename, prefix);
        field.put("name", name);
        field.put("dataType", dataType);
        field.put("project", project);
        stamp(field);
        nodes(project, "fields").add(field);
        return field;
    }

    /** A field of data type TEXT, NUMBER or DATE (or another ProjectV2FieldType that has no options). */
    public synchronized Map<String, Object> field(Map<String, Object> project, String name, String dataType) {
        return field(project, "ProjectV2Field", "PVTF_", name, dataType);
    }

    /** A single select field with these options (ids of eight hex digits, as GitHub's). */
    public synchronized Map<String, Object> singleSelectField(Map<String, Object> project, String name,
            String... options) {
        Obj field = field(project, "ProjectV2SingleSelectField", "PVTSSF_", name, "SINGLE_SELECT");
        List<Map<String, Object>> list = new ArrayList<>();
        for (String option : options) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", shortId());
            o.put("name", option);
            o.put("nameHTML", option);
            o.put("color", "GRAY");
            o.put("description", "");
            o.put("descriptionHTML", "");
            list.add(o);
        }
        field.put("options", list);
        return field;
    }

    /** An iteration field with these iterations, two weeks each from Monday 2025-01-06. */
    public synchronized Map<String, Object> iterationField(Map<String, Object> project, String name,
            String... iterations) {
        Obj field = field(project, "ProjectV2IterationField", "PVTIF_", name, "ITERATION");
        List<Map<String, Object>> list = new ArrayList<>();
        LocalDate start = LocalDate.of(2025, 1, 6);
        for (String title : iterations) {
            Map<String, Object> iteration = new LinkedHashMap<>();
            iteration.put("id", shortId());
            iteration.put("title", title);
            iteration.put("titleHTML", title);
            iteration.put("startDate", start.toString());
            iteration.put("duration", 14);
            list.add(iteration);
            start = start.plusDays(14);
        }
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("iterations", list);
        configuration.put("completedIterations", new ArrayList<>());
        configuration.put("duration", 14);
        configuration.put("startDay", 1);
        field.put("configuration", configuration);
        return field;
    }

    private String shortId() {
        return String.format("%08x", (++sequence * 2654435761L) & 0xffffffffL);
    }

    /** An item of the project whose content is an issue, pull request or draft issue (or null, as a redacted one). */
    public synchronized Map<String, Object> projectItem(Map<String, Object> project, Map<String, Object> content) {
        Obj item = object("ProjectV2Item", "PVTI_");
        item.put("type", content == null ? "REDACTED" : switch (String.valueOf(content.get("__typename"))) {
            case "Issue" -> "ISSUE";
            case "PullRequest" -> "PULL_REQUEST";
            default -> "DRAFT_ISSUE";
        });
        item.put("isArchived", false);
        stamp(item);
        item.put("creator", viewer);
        item.put("project", project);
        item.put("content", content);
        item.put("fieldValues", connection());
        nodes(project, "items").add(item);
        if (content != null) {
            nodes(content, "DraftIssue".equals(content.get("__typename")) ? "projectV2Items" : "projectItems").add(item);
        }
        return item;
    }

    /**
     * Sets an item's value of a field: an option's name or id (single select), an iteration's
     * title or id, a text, a number or an ISO date; null clears it.
     */
    public synchronized void setFieldValue(Map<String, Object> item, Map<String, Object> field, Object value) {
        if (value == null) {
            clearValue(item, field);
            return;
        }
        Map<String, Object> input = new LinkedHashMap<>();
        switch (String.valueOf(field.get("dataType"))) {
            case "SINGLE_SELECT" -> input.put("singleSelectOptionId", idOf(options(field), "name", value));
            case "ITERATION" -> input.put("iterationId", idOf(iterations(field), "title", value));
            case "NUMBER" -> input.put("number", ((Number) value).doubleValue());
            case "DATE" -> input.put("date", value.toString());
            default -> input.put("text", value.toString());
        }
        setValue(item, field, input);
    }

    private static Object idOf(List<Map<String, Object>> choices, String key, Object value) {
        Map<String, Object> choice = first(choices, c -> c.get(key).equals(value) || c.get("id").equals(value));
        if (choice == null) {
            throw new IllegalArgumentException("no " + key + " or id " + value + " in " + Obj.shallow(choices));
        }
        return choice.get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> options(Map<String, Object> field) {
        Object options = field.get("options");
        return options instanceof List ? (List<Map<String, Object>>) options : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> iterations(Map<String, Object> field) {
        List<Map<String, Object>> all = new ArrayList<>();
        if (field.get("configuration") instanceof Map<?, ?> configuration) {
            for (String key : List.of("iterations", "completedIterations")) {
                if (configuration.get(key) instanceof List<?> list) {
                    all.addAll((List<Map<String, Object>>) list);
                }
            }
        }
        return all;
    }

    /** Sets a value from an input of ProjectV2FieldValue's shape, or fails as GitHub would. */
    private void setValue(Map<String, Object> item, Map<String, Object> field, Map<String, Object> value) {
        String dataType = String.valueOf(field.get("dataType"));
        Obj v;
        switch (dataType) {
            case "SINGLE_SELECT" -> {
                Object id = value.get("singleSelectOptionId");
                Map<String, Object> option = first(options(field), o -> o.get("id").equals(id));
                if (id == null) {
                    throw wrongValue("a single select option Id", dataType);
                }
                if (option == null) {
                    throw new Failure("UNPROCESSABLE", "The single select option Id does not belong to the field");
                }
                v = object("ProjectV2ItemFieldSingleSelectValue", "PVTFSV_");
                v.put("name", option.get("name"));
                v.put("nameHTML", option.get("name"));
                v.put("optionId", id);
                v.put("color", option.get("color"));
            }
            case "ITERATION" -> {
                Object id = value.get("iterationId");
                Map<String, Object> iteration = first(iterations(field), i -> i.get("id").equals(id));
                if (id == null) {
                    throw wrongValue("an iteration Id", dataType);
                }
                if (iteration == null) {
                    throw new Failure("UNPROCESSABLE", "The iteration Id does not belong to the field");
                }
                v = object("ProjectV2ItemFieldIterationValue", "PVTFIV_");
                v.put("title", iteration.get("title"));
                v.put("titleHTML", iteration.get("title"));
                v.put("iterationId", id);
                v.put("startDate", iteration.get("startDate"));
                v.put("duration", iteration.get("duration"));
            }
            case "TEXT" -> {
                if (!(value.get("text") instanceof String)) {
                    throw wrongValue("a text value", dataType);
                }
                v = object("ProjectV2ItemFieldTextValue", "PVTFTV_");
                v.put("text", value.get("text"));
            }
            case "NUMBER" -> {
                if (!(value.get("number") instanceof Number n)) {
                    throw wrongValue("a number value", dataType);
                }
                v = object("ProjectV2ItemFieldNumberValue", "PVTFNV_");
                v.put("number", n.doubleValue());
            }
            case "DATE" -> {
                if (value.get("date") == null) {
                    throw wrongValue("a date value", dataType);
                }
                v = object("ProjectV2ItemFieldDateValue", "PVTFDV_");
                v.put("date", value.get("date").toString());
            }
            default -> throw new Failure("UNPROCESSABLE",
                    "Field of type " + dataType.toLowerCase(Locale.ROOT) + " cannot be updated with this mutation");
        }
        v.put("field", field);
        v.put("item", item);
        v.put("creator", viewer);
        stamp(v);
        List<Map<String, Object>> values = nodes(item, "fieldValues");
        removeValueOf(values, field);
        values.add(v);
        // GitHub lists an item's values in the order of the project's fields.
        List<Map<String, Object>> fields = item.get("project") instanceof Map<?, ?> ? nodes(project(item), "fields")
                : List.of();
        values.sort(Comparator.comparingInt(x -> indexOfSame(fields, x.get("field"))));
        touch(item);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> project(Map<String, Object> item) {
        return (Map<String, Object>) item.get("project");
    }

    private static Failure wrongValue(String what, String dataType) {
        return new Failure("UNPROCESSABLE", "Did not receive " + what + " to update a field of type "
                + dataType.toLowerCase(Locale.ROOT));
    }

    private void clearValue(Map<String, Object> item, Map<String, Object> field) {
        removeValueOf(nodes(item, "fieldValues"), field);
        touch(item);
    }

    private void removeValueOf(List<Map<String, Object>> values, Map<String, Object> field) {
        values.removeIf(v -> {
            boolean of = v.get("field") == field;
            if (of) {
                byId.remove(String.valueOf(v.get("id")));
            }
            return of;
        });
    }

    private static int indexOfSame(List<?> list, Object o) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == o) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    // ------------------------------------------------------------------ faults and inspection

    /** Requests must carry {@code Authorization: bearer <token>} (or GitHub's older {@code token <token>}); else 401. */
    public void token(String token) {
        this.token = token;
    }

    /** These mutations answer FORBIDDEN (Resource not accessible by integration) without executing. */
    public void forbid(String... mutationNames) {
        forbidden.addAll(List.of(mutationNames));
    }

    /** Every Projects v2 read (projectV2, a project's node) and mutation answers FORBIDDEN, as for the default GITHUB_TOKEN. */
    public void forbidProjects() {
        projectsForbidden = true;
    }

    /** Projects are readable and writable again (a token with project access). */
    public void allowProjects() {
        projectsForbidden = false;
    }

    /** The next such mutation is executed, then the connection closes without an answer. */
    public void loseAnswerOnce(String mutationName) {
        loseOnce.add(mutationName);
    }

    /** The mutation root fields executed (applied), in order. */
    public List<String> mutations() {
        return List.copyOf(mutations);
    }

    /** Every HTTP request received, answered or not. */
    public int requests() {
        return requests.get();
    }

    /** The GraphQL documents received, in order. */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    /** Forgets the requests, documents and mutations counted so far. */
    public void resetCounters() {
        requests.set(0);
        queries.clear();
        mutations.clear();
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            requests.incrementAndGet();
            if (!"POST".equals(exchange.getRequestMethod()) || !"/graphql".equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, Map.of("message", "Not Found", "documentation_url", "https://docs.github.com/graphql"));
                return;
            }
            String expected = token;
            if (expected != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"), expected)) {
                send(exchange, 401, Map.of("message", "Bad credentials", "documentation_url",
                        "https://docs.github.com/graphql"));
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(exchange.getRequestBody());
            } catch (JsonProcessingException e) {
                send(exchange, 400, Map.of("message", "Problems parsing JSON", "documentation_url",
                        "https://docs.github.com/graphql"));
                return;
            }
            JsonNode query = body == null ? null : body.get("query");
            if (query == null || !query.isTextual()) {
                send(exchange, 200, Map.of("errors", List.of(Map.of("message",
                        "A query attribute must be specified and must be a string."))));
                return;
            }
            queries.add(query.asText());
            JsonNode vars = body.get("variables");
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = vars != null && vars.isObject() ? JSON.convertValue(vars, Map.class)
                    : Map.of();
            JsonNode operation = body.get("operationName");
            ExecutionInput input = ExecutionInput.newExecutionInput().query(query.asText()).variables(variables)
                    .operationName(operation != null && operation.isTextual() ? operation.asText() : null)
                    .graphQLContext(Map.of(SERVER, this)).build();
            Map<String, Object> answer = execute(input);
            if (Boolean.TRUE.equals(input.getGraphQLContext().get(LOSE))) {
                return; // closed below without an answer: the client sees the connection close
            }
            send(exchange, 200, answer);
        } catch (RuntimeException e) {
            send(exchange, 500, Map.of("message", "GitHubServer: " + e));
        } finally {
            exchange.close();
        }
    }

    private static boolean authorized(String header, String token) {
        if (header == null) {
            return false;
        }
        String[] parts = header.trim().split("\\s+", 2);
        return parts.length == 2 && (parts[0].equalsIgnoreCase("bearer") || parts[0].equalsIgnoreCase("token"))
                && parts[1].equals(token);
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private synchronized Map<String, Object> execute(ExecutionInput input) {
        ExecutionResult result = Engine.GRAPHQL.execute(input);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (result.isDataPresent()) {
            answer.put("data", result.getData());
        }
        if (!result.getErrors().isEmpty()) {
            answer.put("errors", result.getErrors().stream().map(GitHubServer::errorJson).toList());
        }
        return answer;
    }

    private static Map<String, Object> location(SourceLocation l) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("line", l.getLine());
        location.put("column", l.getColumn());
        return location;
    }

    private static final Pattern VALIDATION_PREFIX = Pattern.compile("^Validation error \\([^)]*\\) : ");
    private static final Pattern UNDEFINED_FIELD = Pattern.compile("Field '(.+)' in type '(.+)' is undefined");

    private static Map<String, Object> errorJson(GraphQLError e) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Map<String, Object>> locations = e.getLocations() == null ? List.of() : e.getLocations().stream()
                .filter(l -> l != null).map(GitHubServer::location).toList();
        if (e instanceof GitHubError g) {
            json.put("type", g.type);
            json.put("path", g.path);
            json.put("locations", locations);
            json.put("message", g.message);
            return json;
        }
        String message = e.getMessage();
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", String.valueOf(e.getErrorType()));
        if (e instanceof ValidationError v) {
            message = VALIDATION_PREFIX.matcher(String.valueOf(v.getDescription())).replaceFirst("");
            extensions.put("code", String.valueOf(v.getValidationErrorType()));
            Matcher undefined = UNDEFINED_FIELD.matcher(message == null ? "" : message);
            if (v.getValidationErrorType() == ValidationErrorType.FieldUndefined) {
                extensions.put("code", "undefinedField");
                if (undefined.find()) {
                    message = "Field '" + undefined.group(1) + "' doesn't exist on type '" + undefined.group(2) + "'";
                    extensions.put("typeName", undefined.group(2));
                    extensions.put("fieldName", undefined.group(1));
                }
            }
        } else if (e.getExtensions() != null) {
            e.getExtensions().forEach((k, x) -> {
                if (!k.equals("classification")) {
                    extensions.put(k, x);
                }
            });
        }
        if (e.getPath() != null && !(e instanceof ValidationError)) {
            json.put("path", e.getPath());
        }
        json.put("extensions", extensions);
        json.put("locations", locations);
        json.put("message", message);
        return json;
    }

    // ------------------------------------------------------------------ fetchers

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static Map<String, Object> first(List<Map<String, Object>> list,
            java.util.function.Predicate<Map<String, Object>> test) {
        return list.stream().filter(test).findFirst().orElse(null);
    }

    private static void addAll(List<Map<String, Object>> to, List<Map<String, Object>> more) {
        for (Map<String, Object> o : more) {
            if (!containsSame(to, o)) {
                to.add(o);
            }
        }
    }

    private List<Map<String, Object>> inRepository(List<Map<String, Object>> all, Object repo) {
        return new ArrayList<>(all.stream().filter(o -> o.get("repository") == repo).toList());
    }

    private static boolean isProject(Map<String, Object> o) {
        return String.valueOf(o.get("__typename")).startsWith("ProjectV2");
    }

    private Object queryNode(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        Map<String, Object> o = byId.get(id);
        if (o == null) {
            return failure(env, "NOT_FOUND", notFound(id).getMessage());
        }
        if (projectsForbidden && isProject(o)) {
            return failure(env, "FORBIDDEN", "Resource not accessible by integration");
        }
        return o;
    }

    private Object queryNodes(DataFetchingEnvironment env) {
        List<String> ids = env.getArgument("ids");
        List<Object> found = new ArrayList<>();
        List<GraphQLError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> o = byId.get(ids.get(i));
            if (o == null) {
                errors.add(error(env, "NOT_FOUND", notFound(ids.get(i)).getMessage(), i));
            } else if (projectsForbidden && isProject(o)) {
                errors.add(error(env, "FORBIDDEN", "Resource not accessible by integration", i));
                o = null;
            }
            found.add(o);
        }
        return DataFetcherResult.newResult().data(found).errors(errors).build();
    }

    private Object queryRepository(DataFetchingEnvironment env) {
        String nameWithOwner = env.getArgument("owner") + "/" + env.getArgument("name");
        Map<String, Object> repo = first(repositories,
                r -> String.valueOf(r.get("nameWithOwner")).equalsIgnoreCase(nameWithOwner));
        return repo != null ? repo : failure(env, "NOT_FOUND",
                "Could not resolve to a Repository with the name '" + nameWithOwner + "'.");
    }

    private Object queryOwner(DataFetchingEnvironment env, List<Map<String, Object>> owners, String what) {
        String login = env.getArgument("login");
        Map<String, Object> owner = first(owners, o -> String.valueOf(o.get("login")).equalsIgnoreCase(login));
        return owner != null ? owner : failure(env, "NOT_FOUND",
                "Could not resolve to " + what + " with the login of '" + login + "'.");
    }

    private Object queryRepositoryOwner(DataFetchingEnvironment env) {
        String login = env.getArgument("login");
        return first(concat(organizations, users), o -> String.valueOf(o.get("login")).equalsIgnoreCase(login));
    }

    private Object ownerProject(DataFetchingEnvironment env) {
        if (projectsForbidden) {
            return failure(env, "FORBIDDEN", "Resource not accessible by integration");
        }
        Object number = env.getArgument("number");
        Map<String, Object> project = first(projects, p -> p.get("owner") == env.getSource()
                && p.get("number").equals(number));
        return project != null ? project : failure(env, "NOT_FOUND",
                "Could not resolve to a ProjectV2 with the number " + number + ".");
    }

    private Object byNumber(DataFetchingEnvironment env, List<Map<String, Object>> all, String what) {
        Object number = env.getArgument("number");
        Map<String, Object> o = first(inRepository(all, env.getSource()), x -> x.get("number").equals(number));
        return o != null ? o : failure(env, "NOT_FOUND",
                "Could not resolve to " + what + " with the number of " + number + ".");
    }

    private Object repositoryIssues(DataFetchingEnvironment env) {
        List<Map<String, Object>> list = inRepository(issues, env.getSource());
        Map<String, Object> filterBy = env.getArgument("filterBy");
        if (filterBy != null) {
            filterStates(list, filterBy.get("states"));
            filterLabels(list, filterBy.get("labels"));
            if (filterBy.get("since") != null) {
                String since = String.valueOf(filterBy.get("since"));
                list.removeIf(o -> Instant.parse(String.valueOf(o.get("updatedAt")))
                        .isBefore(OffsetDateTime.parse(since).toInstant()));
            }
        }
        filterStates(list, env.getArgument("states"));
        filterLabels(list, env.getArgument("labels"));
        order(list, env.getArgument("orderBy"));
        return page(env, list);
    }

    private Object repositoryPullRequests(DataFetchingEnvironment env) {
        List<Map<String, Object>> list = inRepository(pullRequests, env.getSource());
        filterStates(list, env.getArgument("states"));
        filterLabels(list, env.getArgument("labels"));
        for (String ref : List.of("headRefName", "baseRefName")) {
            Object name = env.getArgument(ref);
            if (name != null) {
                list.removeIf(o -> !name.equals(o.get(ref)));
            }
        }
        order(list, env.getArgument("orderBy"));
        return page(env, list);
    }

    private Object repositoryDiscussions(DataFetchingEnvironment env) {
        List<Map<String, Object>> list = inRepository(discussions, env.getSource());
        List<String> states = env.getArgument("states");
        if (states != null && !states.isEmpty()) {
            list.removeIf(o -> !states.contains(Boolean.TRUE.equals(o.get("closed")) ? "CLOSED" : "OPEN"));
        }
        Boolean answered = env.getArgument("answered");
        if (answered != null) {
            list.removeIf(o -> !answered.equals(o.get("isAnswered")));
        }
        order(list, env.getArgument("orderBy"));
        return page(env, list);
    }

    private Object repositoryLabels(DataFetchingEnvironment env) {
        List<Map<String, Object>> list = inRepository(labels, env.getSource());
        String query = env.getArgument("query");
        if (query != null) {
            String q = query.toLowerCase(Locale.ROOT);
            list.removeIf(l -> !String.valueOf(l.get("name")).toLowerCase(Locale.ROOT).contains(q)
                    && !String.valueOf(l.get("description")).toLowerCase(Locale.ROOT).contains(q));
        }
        order(list, env.getArgument("orderBy"));
        return page(env, list);
    }

    private Object repositoryMilestones(DataFetchingEnvironment env) {
        List<Map<String, Object>> list = inRepository(milestones, env.getSource());
        filterStates(list, env.getArgument("states"));
        String query = env.getArgument("query");
        if (query != null) {
            list.removeIf(m -> !String.valueOf(m.get("title")).toLowerCase(Locale.ROOT)
                    .contains(query.toLowerCase(Locale.ROOT)));
        }
        order(list, env.getArgument("orderBy"));
        return page(env, list);
    }

    private Object repositoryAssignableUsers(DataFetchingEnvironment env) {
        List<Map<String, Object>> list = new ArrayList<>(users);
        String query = env.getArgument("query");
        if (query != null) {
            String q = query.toLowerCase(Locale.ROOT);
            list.removeIf(u -> !String.valueOf(u.get("login")).toLowerCase(Locale.ROOT).contains(q)
                    && !String.valueOf(u.get("name")).toLowerCase(Locale.ROOT).contains(q));
        }
        list.sort(Comparator.comparing(u -> String.valueOf(u.get("login")).toLowerCase(Locale.ROOT)));
        return page(env, list);
    }

    private Object repositoryLabel(DataFetchingEnvironment env) {
        String name = env.getArgument("name");
        return first(inRepository(labels, env.getSource()), l -> String.valueOf(l.get("name")).equalsIgnoreCase(name));
    }

    private static void filterStates(List<Map<String, Object>> list, Object states) {
        if (states instanceof List<?> s && !s.isEmpty()) {
            list.removeIf(o -> !s.contains(o.get("state")));
        }
    }

    private static void filterLabels(List<Map<String, Object>> list, Object names) {
        if (names instanceof List<?> wanted && !wanted.isEmpty()) {
            list.removeIf(o -> nodes(o, "labels").stream().noneMatch(l -> wanted.contains(l.get("name"))));
        }
    }

    /** Sorts by an order argument ({field, direction}); ties keep their creation order (reversed for DESC). */
    private static void order(List<Map<String, Object>> list, Map<String, Object> orderBy) {
        if (orderBy == null) {
            return;
        }
        String field = String.valueOf(orderBy.get("field"));
        Function<Map<String, Object>, Comparable<?>> key = switch (field) {
            case "CREATED_AT" -> o -> String.valueOf(o.get("createdAt"));
            case "UPDATED_AT" -> o -> String.valueOf(o.get("updatedAt"));
            case "COMMENTS" -> o -> nodes(o, "comments").size();
            case "NAME" -> o -> String.valueOf(o.get("name")).toLowerCase(Locale.ROOT);
            case "NUMBER" -> o -> (Integer) o.get("number");
            case "DUE_DATE" -> o -> String.valueOf(o.get("dueOn"));
            default -> o -> 0;
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Map<String, Object>> byKey = (a, b) -> ((Comparable) key.apply(a)).compareTo(key.apply(b));
        list.sort(byKey);
        if ("DESC".equals(orderBy.get("direction"))) {
            java.util.Collections.reverse(list);
        }
    }

    /** A connection field of an object: its stored nodes, paged. */
    private static Object storedConnection(DataFetchingEnvironment env) {
        String name = env.getFieldDefinition().getName();
        List<Object> all = new ArrayList<>();
        if (env.getSource() instanceof Map<?, ?> source && source.get(name) instanceof Map<?, ?> c
                && c.get("nodes") instanceof List<?> list) {
            all.addAll(list);
        }
        if (name.equals("closedByPullRequestsReferences") && !Boolean.TRUE.equals(env.getArgument("includeClosedPrs"))) {
            all.removeIf(pr -> pr instanceof Map<?, ?> p && "CLOSED".equals(p.get("state")));
        }
        if (name.equals("projectItems") && Boolean.FALSE.equals(env.getArgument("includeArchived"))) {
            all.removeIf(item -> item instanceof Map<?, ?> i && Boolean.TRUE.equals(i.get("isArchived")));
        }
        return page(env, all);
    }

    /**
     * One page of a connection, as GitHub pages: first/last at most 100 and one of them
     * required when nodes or edges are asked for; the cursor is the index, as a string.
     */
    private static Object page(DataFetchingEnvironment env, List<?> all) {
        String name = env.getFieldDefinition().getName();
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        if (env.getFieldDefinition().getArgument("first") != null) {
            for (var limit : new Object[][] {{"first", first}, {"last", last}}) {
                if (limit[1] != null && (Integer) limit[1] > 100) {
                    return failure(env, "EXCESSIVE_PAGINATION", "Requesting " + limit[1] + " records on the `" + name
                            + "` connection exceeds the `" + limit[0] + "` limit of 100 records.");
                }
            }
            if (first == null && last == null && env.getSelectionSet().containsAnyOf("nodes", "edges")) {
                return failure(env, "MISSING_PAGINATION_BOUNDARIES", "You must provide a `first` or `last` value to "
                        + "properly paginate the `" + name + "` connection.");
            }
        }
        int n = all.size();
        int from = 0;
        int to = n;
        for (String argument : List.of("after", "before")) {
            String cursor = env.getArgument(argument);
            if (cursor == null) {
                continue;
            }
            int index;
            try {
                index = Integer.parseInt(cursor);
            } catch (NumberFormatException e) {
                return failure(env, "INVALID_CURSOR_ARGUMENTS", "`" + cursor + "` does not appear to be a valid cursor.");
            }
            if (argument.equals("after")) {
                from = Math.max(0, Math.min(n, index + 1));
            } else {
                to = Math.max(0, Math.min(n, index));
            }
        }
        to = Math.max(from, to);
        if (first != null) {
            to = Math.min(to, from + Math.max(0, first));
        }
        if (last != null) {
            from = Math.max(from, to - Math.max(0, last));
        }
        List<Object> nodes = new ArrayList<>(all.subList(from, to));
        List<Map<String, Object>> edges = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("cursor", String.valueOf(i));
            edge.put("node", all.get(i));
            edges.add(edge);
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", to < n);
        pageInfo.put("hasPreviousPage", from > 0);
        pageInfo.put("startCursor", from < to ? String.valueOf(from) : null);
        pageInfo.put("endCursor", from < to ? String.valueOf(to - 1) : null);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("totalCount", n);
        page.put("nodes", nodes);
        page.put("edges", edges);
        page.put("pageInfo", pageInfo);
        return page;
    }

    // ------------------------------------------------------------------ mutations

    private Map<String, Object> find(Object id, String... typenames) {
        Map<String, Object> o = id == null ? null : byId.get(String.valueOf(id));
        if (o == null || (typenames.length > 0 && !List.of(typenames).contains(o.get("__typename")))) {
            throw notFound(id);
        }
        return o;
    }

    private List<Map<String, Object>> findAll(Object ids, String typename) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (ids instanceof List<?> list) {
            for (Object id : list) {
                found.add(find(id, typename));
            }
        }
        return found;
    }

    private static Map<String, Object> payload(String key, Object value) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(key, value);
        return payload;
    }

    private void issueState(Map<String, Object> issue, String state, Object reason) {
        if (state.equals("CLOSED")) {
            if (!Boolean.TRUE.equals(issue.get("closed"))) {
                issue.put("closedAt", now());
            }
            issue.put("state", "CLOSED");
            issue.put("closed", true);
            issue.put("stateReason", reason == null ? "COMPLETED" : reason);
        } else if (Boolean.TRUE.equals(issue.get("closed"))) {
            issue.put("state", "OPEN");
            issue.put("closed", false);
            issue.put("closedAt", null);
            issue.put("stateReason", "REOPENED");
        }
    }

    private Map<String, Object> closeIssue(Map<String, Object> in) {
        Map<String, Object> issue = find(in.get("issueId"), "Issue");
        if (in.get("duplicateIssueId") != null) {
            find(in.get("duplicateIssueId"), "Issue");
        }
        issueState(issue, "CLOSED", in.get("stateReason"));
        touch(issue);
        return payload("issue", issue);
    }

    private Map<String, Object> reopenIssue(Map<String, Object> in) {
        Map<String, Object> issue = find(in.get("issueId"), "Issue");
        issueState(issue, "OPEN", null);
        touch(issue);
        return payload("issue", issue);
    }

    /** Changes of an issue or pull request common to updateIssue, updatePullRequest and createIssue, checked before any is made. */
    private Runnable edits(Map<String, Object> target, Map<String, Object> in) {
        Map<String, Object> milestone = in.get("milestoneId") == null ? null : find(in.get("milestoneId"), "Milestone");
        List<Map<String, Object>> assignees = in.get("assigneeIds") == null ? null : findAll(in.get("assigneeIds"), "User");
        List<Map<String, Object>> newLabels = in.get("labelIds") == null ? null : findAll(in.get("labelIds"), "Label");
        return () -> {
            for (String key : List.of("title", "body", "baseRefName", "maintainerCanModify")) {
                if (in.containsKey(key) && in.get(key) != null) {
                    target.put(key, in.get(key));
                    if (key.equals("body")) {
                        target.put("bodyText", in.get(key));
                    }
                }
            }
            if (in.containsKey("milestoneId")) {
                target.put("milestone", milestone);
            }
            if (assignees != null) {
                nodes(target, "assignees").clear();
                addAll(nodes(target, "assignees"), assignees);
            }
            if (newLabels != null) {
                nodes(target, "labels").clear();
                addAll(nodes(target, "labels"), newLabels);
            }
        };
    }

    private Map<String, Object> updateIssue(Map<String, Object> in) {
        Map<String, Object> issue = find(in.get("id"), "Issue");
        Runnable edits = edits(issue, in);
        edits.run();
        if (in.get("state") != null) {
            issueState(issue, String.valueOf(in.get("state")), null);
        }
        touch(issue);
        Map<String, Object> payload = payload("issue", issue);
        payload.put("actor", viewer);
        return payload;
    }

    private Map<String, Object> createIssue(Map<String, Object> in) {
        Map<String, Object> repo = find(in.get("repositoryId"), "Repository");
        Map<String, Object> parent = in.get("parentIssueId") == null ? null : find(in.get("parentIssueId"), "Issue");
        edits(new LinkedHashMap<>(), in); // checks the ids before anything is created
        int number = 1 + inRepository(concat(concat(issues, pullRequests), discussions), repo).stream()
                .mapToInt(o -> (Integer) o.get("number")).max().orElse(0);
        Object body = in.get("body");
        Map<String, Object> issue = issue(repo, number, String.valueOf(in.get("title")),
                body == null ? "" : body.toString());
        issue.put("author", viewer);
        edits(issue, in).run();
        if (parent != null) {
            subIssue(parent, issue);
        }
        return payload("issue", issue);
    }

    private Map<String, Object> updatePullRequest(Map<String, Object> in) {
        Map<String, Object> pr = find(in.get("pullRequestId"), "PullRequest");
        Object state = in.get("state");
        if (state != null && Boolean.TRUE.equals(pr.get("merged"))) {
            throw mergedRefusal(state.equals("OPEN") ? "reopened" : "closed");
        }
        edits(pr, in).run();
        if ("CLOSED".equals(state)) {
            prState(pr, "CLOSED");
        } else if ("OPEN".equals(state)) {
            prState(pr, "OPEN");
        }
        touch(pr);
        Map<String, Object> payload = payload("pullRequest", pr);
        payload.put("actor", viewer);
        return payload;
    }

    private static Failure mergedRefusal(String what) {
        return new Failure("UNPROCESSABLE", "A merged pull request cannot be " + what + ".");
    }

    private static void prState(Map<String, Object> pr, String state) {
        boolean closed = state.equals("CLOSED");
        if (closed != Boolean.TRUE.equals(pr.get("closed"))) {
            pr.put("closedAt", closed ? now() : null);
        }
        pr.put("state", state);
        pr.put("closed", closed);
    }

    private Map<String, Object> closePullRequest(Map<String, Object> in) {
        Map<String, Object> pr = find(in.get("pullRequestId"), "PullRequest");
        if (Boolean.TRUE.equals(pr.get("merged"))) {
            throw mergedRefusal("closed");
        }
        prState(pr, "CLOSED");
        touch(pr);
        return payload("pullRequest", pr);
    }

    private Map<String, Object> reopenPullRequest(Map<String, Object> in) {
        Map<String, Object> pr = find(in.get("pullRequestId"), "PullRequest");
        if (Boolean.TRUE.equals(pr.get("merged"))) {
            throw mergedRefusal("reopened");
        }
        prState(pr, "OPEN");
        touch(pr);
        return payload("pullRequest", pr);
    }

    private Map<String, Object> labelable(Map<String, Object> in, boolean add) {
        Map<String, Object> target = find(in.get("labelableId"), "Issue", "PullRequest", "Discussion");
        List<Map<String, Object>> chosen = findAll(in.get("labelIds"), "Label");
        if (add) {
            addAll(nodes(target, "labels"), chosen);
        } else {
            nodes(target, "labels").removeIf(l -> containsSame(chosen, l));
        }
        touch(target);
        return payload("labelable", target);
    }

    private Map<String, Object> assignable(Map<String, Object> in, boolean add) {
        Map<String, Object> target = find(in.get("assignableId"), "Issue", "PullRequest");
        List<Map<String, Object>> chosen = findAll(in.get("assigneeIds"), "User");
        if (add) {
            addAll(nodes(target, "assignees"), chosen);
        } else {
            nodes(target, "assignees").removeIf(u -> containsSame(chosen, u));
        }
        touch(target);
        return payload("assignable", target);
    }

    private Map<String, Object>[] projectItemAndField(Map<String, Object> in) {
        Map<String, Object> project = find(in.get("projectId"), "ProjectV2");
        Map<String, Object> item = find(in.get("itemId"), "ProjectV2Item");
        Map<String, Object> field = find(in.get("fieldId"), FIELD_TYPES.toArray(String[]::new));
        if (item.get("project") != project) {
            throw new Failure("NOT_FOUND", "The item does not exist in the project");
        }
        if (field.get("project") != project) {
            throw new Failure("NOT_FOUND", "The field does not exist in the project");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object>[] both = new Map[] {item, field};
        return both;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> updateProjectV2ItemFieldValue(Map<String, Object> in) {
        Map<String, Object>[] itemAndField = projectItemAndField(in);
        setValue(itemAndField[0], itemAndField[1], (Map<String, Object>) in.get("value"));
        return payload("projectV2Item", itemAndField[0]);
    }

    private Map<String, Object> clearProjectV2ItemFieldValue(Map<String, Object> in) {
        Map<String, Object>[] itemAndField = projectItemAndField(in);
        clearValue(itemAndField[0], itemAndField[1]);
        return payload("projectV2Item", itemAndField[0]);
    }

    private Map<String, Object> addProjectV2ItemById(Map<String, Object> in) {
        Map<String, Object> project = find(in.get("projectId"), "ProjectV2");
        Map<String, Object> content = find(in.get("contentId"), "Issue", "PullRequest", "DraftIssue");
        Map<String, Object> item = first(nodes(project, "items"), i -> i.get("content") == content);
        return payload("item", item != null ? item : projectItem(project, content));
    }

    private Map<String, Object> addComment(Map<String, Object> in) {
        Map<String, Object> subject = find(in.get("subjectId"), "Issue", "PullRequest");
        Map<String, Object> comment = comment(subject, viewer, String.valueOf(in.get("body")));
        touch(subject);
        Map<String, Object> edge = new LinkedHashMap<>();
        edge.put("cursor", String.valueOf(nodes(subject, "comments").size() - 1));
        edge.put("node", comment);
        Map<String, Object> payload = payload("commentEdge", edge);
        payload.put("subject", subject);
        payload.put("timelineEdge", new LinkedHashMap<>(edge));
        return payload;
    }

    private Map<String, Object> addDiscussionComment(Map<String, Object> in) {
        Map<String, Object> discussion = find(in.get("discussionId"), "Discussion");
        Map<String, Object> replyTo = in.get("replyToId") == null ? null : find(in.get("replyToId"), "DiscussionComment");
        Map<String, Object> comment = comment(discussion, viewer, String.valueOf(in.get("body")));
        if (replyTo != null) {
            nodes(discussion, "comments").remove(comment);
            comment.put("replyTo", replyTo);
            nodes(replyTo, "replies").add(comment);
        }
        touch(discussion);
        return payload("comment", comment);
    }
}
