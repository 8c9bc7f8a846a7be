# notion-sync-action: a Docker action running one Java process per GitHub event.
# Every event pulls this image onto a fresh runner, so its bytes are most of what an event costs:
# the runtime stage is FROM scratch and holds a jlinked JRE, the glibc libraries it loads (taken
# from the build stage), the jar (repacked for the pull by `mvn package`: see
# src/build/RepackJar.java) and its AOT cache, nothing else. The same bytes whoever builds it:
# `uses: ./`, a branch, the release workflow, each architecture.
# The build image is an argument so machines without a registry can pass a locally made one
# (scripts/make-build-base.sh); the default is public. Any Debian or Ubuntu based JDK 25 image works.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-25

# ---- build: compile the jar from source (so `uses: ./` and branches work), jlink a small JRE,
# and record the AOT cache at the paths the runtime uses.
FROM ${BUILD_IMAGE} AS build
# Extra Maven flags, e.g. "-o" when the build mounts a warm local repository.
ARG MVN_FLAGS=""
WORKDIR /src
COPY pom.xml ./
COPY src/main ./src/main
COPY src/build ./src/build
RUN mvn -B -q ${MVN_FLAGS} -DskipTests package \
 && mkdir -p /app && cp target/notion-sync-action.jar /app/notion-sync-action.jar
# The modules the app runs on, named rather than taken from jdeps: jdeps also lists java.sql,
# java.management, java.net.http and jdk.jfr, which only optional code paths of the libraries
# touch (logback's DB appender, jsoup's HTTP client, JMX, JFR events), and they cost 6 MB of
# pulled layers. java.naming: Netty's DNS set-up and logback look JNDI up; jdk.zipfs: Micronaut
# opens the jar as a zip file system when it has to scan it (the service index normally spares it);
# jdk.crypto.ec: TLS to api.notion.com. The runner-style container test and the AOT training run
# (TLS, GraphQL, content) run on exactly this set. libjvm.so without its symbols: -5 MB.
RUN jlink --add-modules java.base,java.logging,java.naming,jdk.unsupported,jdk.zipfs,jdk.crypto.ec \
      --strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6 --output /opt/jre \
 && { command -v strip >/dev/null || { apt-get update -q && apt-get install -y -q --no-install-recommends binutils; }; } \
 && strip --strip-unneeded /opt/jre/lib/server/libjvm.so
COPY src/main/docker/java-flags /app/java-flags
COPY src/main/docker/training-event.json src/main/docker/TrainingNotion.java /training/
# Record the AOT cache (JEP 483/514) on a real, successful sync (Notion over TLS, the item's details
# over plain-HTTP GraphQL, so both client paths are recorded), started the way the runner starts
# the action: inputs in INPUT_* variables (env(1) sets names with hyphens), no arguments. The cache
# checks the JRE, the jar's path and its modification time: both are copied to the runtime stage
# at these same paths, and COPY keeps file times. The training Notion and its throwaway
# certificate run on the build stage's JDK and leave nothing behind. JVM flags: /app/java-flags.
RUN set -e; t=$(mktemp -d); \
    keytool -genkeypair -alias training -keyalg EC -groupname secp256r1 -dname CN=127.0.0.1 \
      -ext san=ip:127.0.0.1 -validity 2 -storetype PKCS12 -keystore "$t/tls.p12" -storepass training >/dev/null 2>&1; \
    java /training/TrainingNotion.java "$t/tls.p12" training "$t/port" & server=$!; \
    trap 'kill "$server" 2>/dev/null || true' EXIT; \
    for i in $(seq 1 300); do [ -s "$t/port" ] && break; sleep 0.1; done; \
    cd "$t"; read -r https_port http_port < "$t/port"; \
    env 'INPUT_NOTION-TOKEN=training-token' 'INPUT_NOTION-PROJECT-BOARD-BACKLOG-DB-ID=11111111111141118111111111111111' \
      "INPUT_NOTION-API-URL=https://127.0.0.1:$https_port" 'INPUT_GITHUB-TOKEN=training-token' \
      "GITHUB_GRAPHQL_URL=http://127.0.0.1:$http_port/graphql" "INPUT_METRICS-FILE=$t/metrics.jsonl" \
      GITHUB_EVENT_NAME=projects_v2_item GITHUB_EVENT_PATH=/training/training-event.json "GITHUB_WORKSPACE=$t" \
      "GITHUB_OUTPUT=$t/output" "GITHUB_STEP_SUMMARY=$t/summary.md" \
      /opt/jre/bin/java -XX:AOTCacheOutput=/app/notion-sync-action.aot @/app/java-flags \
      -Djavax.net.ssl.trustStore="$t/tls.p12" -Djavax.net.ssl.trustStorePassword=training \
      -jar /app/notion-sync-action.jar > "$t/stdout" || { cat "$t/stdout"; exit 1; }; \
    grep -A1 '^status<<' "$t/output" | grep -qx synced || { cat "$t/stdout" "$t/output"; exit 1; }; \
    test -s /app/notion-sync-action.aot || { cat "$t/stdout"; exit 1; }; \
    cd /; rm -rf "$t" /training
# The runtime's root file system: the build stage's own glibc, which the AOT training just ran
# on. Exactly the libraries the JRE links to (ldd), plus those glibc itself may load at run time
# (host name lookup modules, libgcc_s for thread exit), at their own paths, and a /tmp: 3.3 MB,
# where a distroless cc base would add OpenSSL, libstdc++, tzdata and a CA bundle the JRE never
# loads (its Debian packages unpacked: 16.7 MB, 6.4 MB gzipped, against 3.3 MB and 1.5 MB).
RUN set -e; mkdir -p -m 1777 /rootfs/tmp; \
    libdir=$(dirname "$(ldd /opt/jre/bin/java | awk '$1 == "libc.so.6" {print $3}')"); \
    { ldd /opt/jre/bin/java /opt/jre/lib/*.so /opt/jre/lib/server/libjvm.so \
        | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*\/ld-linux/ {print $1}'; \
      ls "$libdir"/libnss_files.so.* "$libdir"/libnss_dns.so.* "$libdir"/libresolv.so.* "$libdir"/libgcc_s.so.* 2>/dev/null || true; \
    } | grep -v '^/opt/jre/' | sort -u | while read -r lib; do cp --parents -L "$lib" /rootfs; done; \
    test -e /rootfs"$libdir"/libc.so.6; find /rootfs -type f | sort

# ---- runtime: no shell, no package manager; glibc for the JRE, and the app.
FROM scratch
COPY --from=build /rootfs /
COPY --from=build /opt/jre /opt/jre
COPY --from=build /app /app
# Runs as root on purpose: the runner mounts the workspace and /github/file_commands owned by its
# own uid, and GitHub's docs advise against USER; a non-root user could not write GITHUB_OUTPUT.
# Exec form, no shell: there is none, and dash and busybox drop variables with hyphens such as INPUT_NOTION-TOKEN.
# The JVM flags, each with its reason, are in src/main/docker/java-flags.
ENTRYPOINT ["/opt/jre/bin/java", "-XX:AOTCache=/app/notion-sync-action.aot", "@/app/java-flags", "-jar", "/app/notion-sync-action.jar"]
