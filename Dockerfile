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
# jdeps misses jdk.zipfs (Micronaut opens the jar as a zip file system) and the crypto provider
# used for TLS to api.notion.com, so both are added by name.
RUN modules="$(jdeps --ignore-missing-deps --print-module-deps --multi-release 25 /notion-sync-action.jar)" \
 && jlink --add-modules "${modules},jdk.zipfs,jdk.crypto.ec" \
      --strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6 --output /opt/jre

# ---- runtime
FROM ${RUNTIME_BASE}
COPY --from=build /opt/jre /opt/jre
COPY --from=build /notion-sync-action.jar /app/notion-sync-action.jar
COPY src/main/docker/training-event.json /app/training/event.json
# Record the AOT cache (JEP 483/514) with a real event run. The cache is tied to this JDK build
# and to this jar's path and timestamp, so it is made here, inside the image. The run posts to a
# refused port: it loads and links what a real sync does, and its failure is expected.
RUN /opt/jre/bin/java -XX:AOTCacheOutput=/app/notion-sync-action.aot -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -jar /app/notion-sync-action.jar --notion-token training-token \
      --notion-task-backlog-db-id 00000000000000000000000000000001 --notion-api-url http://127.0.0.1:9 \
      --retry-budget-seconds 1 --event-name issues --event-path /app/training/event.json \
      --metrics-file /tmp/training-metrics.jsonl > /dev/null || true \
 && test -s /app/notion-sync-action.aot \
 && rm -f /tmp/training-metrics.jsonl
# Runs as root on purpose: the runner mounts the workspace and /github/file_commands owned by its
# own uid, and GitHub's docs advise against USER; a non-root user could not write GITHUB_OUTPUT.
# Exec form, no shell: dash and busybox drop variables with hyphens such as INPUT_NOTION-TOKEN.
ENTRYPOINT ["/opt/jre/bin/java", "-XX:AOTCache=/app/notion-sync-action.aot", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-jar", "/app/notion-sync-action.jar"]
