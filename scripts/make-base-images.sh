#!/usr/bin/env bash
# Makes the two base images the Dockerfile takes as build arguments, from this machine's own
# Debian source, for machines with no registry to pull from (CI here). On GitHub the Dockerfile's
# defaults (public images) are used instead.
#   localhost/notion-sync-runtime-base  glibc alone (what the jlinked JRE needs; no shell)
#   localhost/notion-sync-build-base    Debian minbase with Maven, binutils and this machine's Temurin 25 JDK
set -euo pipefail

RUNTIME_TAG=${RUNTIME_TAG:-localhost/notion-sync-runtime-base:libc-trimmed}
BUILD_TAG=${BUILD_TAG:-localhost/notion-sync-build-base:bookworm-binutils}
JDK_DIR=${JDK_DIR:-$(ls -d /usr/lib/jvm/temurin-25-jdk* | head -n 1)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The machine's Debian mirror and suite, as apt sees them (deb822 or one-line format).
src=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true)
mirror=$(printf '%s\n' "$src" | awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}')
[ -n "$mirror" ] || mirror=$(printf '%s\n' "$src" | awk '$1=="deb" && $0 !~ /security/ {print $2; exit}')
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
echo "base images from $mirror $suite, JDK $JDK_DIR"

have() { podman image exists "$1"; }

if ! have "$RUNTIME_TAG"; then
  # The runtime needs only glibc (the AOT cache is recorded in the build stage): libc6 unpacked,
  # without its character-set converters (gconv, 8 MB the JVM never loads), docs and locales, and
  # without the libraries neither the JRE (readelf -d: libc, libm, libdl, libpthread, librt, the
  # loader) nor glibc itself (NSS for host names, libgcc_s for thread exit) loads: vector maths,
  # NIS, debugging and profiling aids (-1.3 MB). The extract variant runs no hooks, so the tree is
  # trimmed here, with a /tmp added.
  mmdebstrap --quiet --variant=extract --include=libc6 "$suite" "$work/runtime" "$mirror"
  rm -rf "$work/runtime"/usr/lib/*/gconv "$work/runtime"/usr/share/doc "$work/runtime"/usr/share/locale \
    "$work/runtime"/usr/share/lintian "$work/runtime"/var/lib/apt "$work/runtime"/var/cache/apt
  for lib in libmvec.so.1 libnsl.so.1 libnss_hesiod.so.2 libc_malloc_debug.so.0 libthread_db.so.1 \
      libmemusage.so libpcprofile.so libBrokenLocale.so.1 libanl.so.1 libutil.so.1; do
    rm -f "$work/runtime"/lib/*/"$lib" "$work/runtime"/usr/lib/*/"$lib"
  done
  mkdir -p -m 1777 "$work/runtime/tmp"
  tar -C "$work/runtime" -cf "$work/runtime.tar" .
  podman import --quiet "$work/runtime.tar" "$RUNTIME_TAG" >/dev/null
fi

if ! have "$BUILD_TAG"; then
  mmdebstrap --quiet --variant=minbase --include=maven,ca-certificates,binutils \
    --customize-hook="mkdir -p \"\$1/opt/java\" && cp -a '$JDK_DIR' \"\$1/opt/java/openjdk\"" \
    "$suite" "$work/build.tar" "$mirror"
  podman import --quiet \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$work/build.tar" "$BUILD_TAG" >/dev/null
fi
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep notion-sync- || true
