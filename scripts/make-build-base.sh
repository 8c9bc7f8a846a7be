#!/usr/bin/env bash
# Makes the build image the Dockerfile takes as its BUILD_IMAGE argument, from this machine's own
# Debian source and its Temurin 25 JDK, for machines with no registry to pull from (CI here):
# Debian minbase with Maven and binutils. On GitHub the Dockerfile's public default is used
# instead. The runtime needs no base image: it is FROM scratch plus the build stage's glibc.
set -euo pipefail

BUILD_TAG=${BUILD_TAG:-localhost/notion-sync-build-base:bookworm-binutils}
JDK_DIR=${JDK_DIR:-$(ls -d /usr/lib/jvm/temurin-25-jdk* | head -n 1)}
if podman image exists "$BUILD_TAG"; then
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The machine's Debian mirror and suite, as apt sees them (deb822 or one-line format).
src=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true)
mirror=$(printf '%s\n' "$src" | awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}')
[ -n "$mirror" ] || mirror=$(printf '%s\n' "$src" | awk '$1=="deb" && $0 !~ /security/ {print $2; exit}')
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
echo "build image from $mirror $suite, JDK $JDK_DIR"
mmdebstrap --quiet --variant=minbase --include=maven,ca-certificates,binutils \
  --customize-hook="mkdir -p \"\$1/opt/java\" && cp -a '$JDK_DIR' \"\$1/opt/java/openjdk\"" \
  "$suite" "$work/build.tar" "$mirror"
podman import --quiet \
  --change 'ENV JAVA_HOME=/opt/java/openjdk' \
  --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "$work/build.tar" "$BUILD_TAG" >/dev/null
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep notion-sync-build || true
