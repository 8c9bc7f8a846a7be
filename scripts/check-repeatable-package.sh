#!/usr/bin/env bash
# `mvn package` again over an earlier build, without clean (the README's command 1 and then
# command 2 do this), must give the same jar bytes and shade nothing twice: no "overlapping
# classes" warning (a shade of its own output gave 46 such; the few "overlapping resource" ones,
# MANIFEST.MF and licence files that every library has, come with any shade). Packages once
# first if there is no jar yet. Extra Maven flags: MVN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/notion-sync-action.jar
package() {
  # shellcheck disable=SC2086
  mvn -B ${MVN_FLAGS:-} -DskipTests package > "$1" 2>&1 || { tail -50 "$1" >&2; echo "mvn package failed: $1" >&2; exit 1; }
}
mkdir -p target
[ -f "$jar" ] || package target/package-first.log
before=$(sha256sum < "$jar")
package target/package-again.log
twice=$(grep 'overlapping' target/package-again.log | grep -E 'overlapping class| notion-sync-action\.jar' || true)
if [ -n "$twice" ]; then
  printf '%s\n' "$twice" | head -5 >&2
  echo "a second mvn package shaded a shaded jar: $(printf '%s\n' "$twice" | wc -l) overlapping-classes warnings" >&2
  exit 1
fi
after=$(sha256sum < "$jar")
if [ "$before" != "$after" ]; then
  echo "a second mvn package gave different jar bytes: ${before%% *} then ${after%% *}" >&2
  exit 1
fi
echo "repeatable package: same jar bytes twice (${after%% *}), no overlapping classes"
