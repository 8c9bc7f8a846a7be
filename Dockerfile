# notion-sync-action: a Docker action running one Java process per GitHub event.
# Base images are build arguments so machines without a registry can pass locally made ones
# (scripts/make-base-images.sh); the defaults are public images.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-25
ARG RUNTIME_BASE=debian:bookworm-slim

# ---- build: compile the jar from source (so `uses: ./` and branches work) and jlink a small JRE
FROM ${BUILD_IMAGE} AS build
# Extra Maven flags, e.g. "-o" when the build mounts a warm local repository.
ARG MVN_FLAGS=""
WORKDIR /src
COPY pom.xml ./
COPY src/main ./src/main
RUN mvn -B -q ${MVN_FLAGS} -DskipTests package \
 && cp target/notion-sync-action.jar /notion-sync-action.jar
# jdeps misses jdk.zipfs (Micronaut opens the jar as a zip file system when it has to scan it,
# which the jar's service index normally spares it) and the crypto provider used for TLS to
# api.notion.com, so both are added by name.
RUN modules="$(jdeps --ignore-missing-deps --print-module-deps --multi-release 25 /notion-sync-action.jar)" \
 && jlink --add-modules "${modules},jdk.zipfs,jdk.crypto.ec" \
      --strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6 --output /opt/jre

# ---- runtime
FROM ${RUNTIME_BASE}
COPY --from=build /opt/jre /opt/jre
COPY --from=build /notion-sync-action.jar /app/notion-sync-action.jar
COPY src/main/docker/java-flags /app/java-flags
COPY src/main/docker/training-event.json src/main/docker/TrainingNotion.java /app/training/
# Record the AOT cache (JEP 483/514) on a real, successful sync (Notion over TLS, the item's title
# over plain-HTTP GraphQL, so both client paths are recorded), started the way the runner
# starts the action: inputs in INPUT_* variables (env(1) sets names with hyphens), no arguments.
# The cache belongs to this JDK build and this jar's path and timestamp, so it is made here.
# The training Notion and its throwaway certificate run from the build stage's JDK, mounted for
# this step only, and leave nothing in the image but the cache. JVM flags: /app/java-flags, as at run time.
RUN --mount=type=bind,from=build,source=/opt/java/openjdk,target=/jdk \
    set -e; t=$(mktemp -d); \
    /jdk/bin/keytool -genkeypair -alias training -keyalg EC -groupname secp256r1 -dname CN=127.0.0.1 \
      -ext san=ip:127.0.0.1 -validity 2 -storetype PKCS12 -keystore "$t/tls.p12" -storepass training >/dev/null 2>&1; \
    /jdk/bin/java /app/training/TrainingNotion.java "$t/tls.p12" training "$t/port" & server=$!; \
    trap 'kill "$server" 2>/dev/null || true' EXIT; \
    for i in $(seq 1 300); do [ -s "$t/port" ] && break; sleep 0.1; done; \
    cd "$t"; read -r https_port http_port < "$t/port"; \
    env 'INPUT_NOTION-TOKEN=training-token' 'INPUT_NOTION-PROJECT-BOARD-BACKLOG-DB-ID=11111111111141118111111111111111' \
      "INPUT_NOTION-API-URL=https://127.0.0.1:$https_port" 'INPUT_GITHUB-TOKEN=training-token' \
      "GITHUB_GRAPHQL_URL=http://127.0.0.1:$http_port/graphql" "INPUT_METRICS-FILE=$t/metrics.jsonl" \
      GITHUB_EVENT_NAME=projects_v2_item GITHUB_EVENT_PATH=/app/training/training-event.json "GITHUB_WORKSPACE=$t" \
      "GITHUB_OUTPUT=$t/output" "GITHUB_STEP_SUMMARY=$t/summary.md" \
      /opt/jre/bin/java -XX:AOTCacheOutput=/app/notion-sync-action.aot @/app/java-flags \
      -Djavax.net.ssl.trustStore="$t/tls.p12" -Djavax.net.ssl.trustStorePassword=training \
      -jar /app/notion-sync-action.jar > "$t/stdout" || { cat "$t/stdout"; exit 1; }; \
    grep -A1 '^status<<' "$t/output" | grep -qx synced || { cat "$t/stdout" "$t/output"; exit 1; }; \
    test -s /app/notion-sync-action.aot || { cat "$t/stdout"; exit 1; }; \
    cd /; rm -rf "$t" /app/training
# Runs as root on purpose: the runner mounts the workspace and /github/file_commands owned by its
# own uid, and GitHub's docs advise against USER; a non-root user could not write GITHUB_OUTPUT.
# Exec form, no shell: dash and busybox drop variables with hyphens such as INPUT_NOTION-TOKEN.
# The JVM flags, each with its reason, are in src/main/docker/java-flags.
ENTRYPOINT ["/opt/jre/bin/java", "-XX:AOTCache=/app/notion-sync-action.aot", "@/app/java-flags", "-jar", "/app/notion-sync-action.jar"]
