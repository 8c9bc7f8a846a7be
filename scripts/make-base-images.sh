#!/usr/bin/env bash
# Makes the two base images the Dockerfile takes as build arguments, from this machine's own
# Debian source, for machines with no registry to pull from (CI here). On GitHub the Dockerfile's
# defaults (public images) are used instead.
#   localhost/notion-sync-runtime-base  Debian minbase (the runtime stage's slim base)
#   localhost/notion-sync-build-base    the same plus Maven and this machine's Temurin 25 JDK
set -euo pipefail

RUNTIME_TAG=${RUNTIME_TAG:-localhost/notion-sync-runtime-base:bookworm}
BUILD_TAG=${BUILD_TAG:-localhost/notion-sync-build-base:bookworm}
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
  # The runtime needs only libc and a shell for the AOT training step: no docs, locales or apt lists.
  mmdebstrap --quiet --variant=minbase \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    "$suite" "$work/runtime.tar" "$mirror"
  podman import --quiet "$work/runtime.tar" "$RUNTIME_TAG" >/dev/null
fi

if ! have "$BUILD_TAG"; then
  mmdebstrap --quiet --variant=minbase --include=maven,ca-certificates \
    --customize-hook="mkdir -p \"\$1/opt/java\" && cp -a '$JDK_DIR' \"\$1/opt/java/openjdk\"" \
    "$suite" "$work/build.tar" "$mirror"
  podman import --quiet \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$work/build.tar" "$BUILD_TAG" >/dev/null
fi
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep notion-sync- || true
