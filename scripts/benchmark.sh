#!/usr/bin/env bash
# Start-up benchmark: median wall time and peak RSS of N runs of one issues event against a
# loopback Notion stand-in, for
#   1. plain `java -jar` (the machine's default java),
#   2. the image's JVM with its flags and AOT cache, run directly (chroot into the image),
#   3. the same inside the container, run as the runner runs it,
#   4. a minimal Node 20 script making the same HTTP calls (the yardstick),
# plus the image size. Run as root from the repository root: bash scripts/benchmark.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
N=${1:-15}
TOKEN=secret_benchmarkToken0123456789
DB=11111111-2222-4333-8444-555555555555
command -v /usr/bin/time >/dev/null 2>&1 || { apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null; }
ensure_container_tools
[ -f target/notion-sync-action.jar ] || mvn -B -q -DskipTests package
build_image
start_stand_in "$TOKEN"
ctr=""
cleanup() {
  kill "$STAND_IN_PID" 2>/dev/null || true
  [ -n "${rootfs:-}" ] && umount "$rootfs/proc" 2>/dev/null || true
  if [ -n "$ctr" ]; then podman umount "$ctr" >/dev/null 2>&1 || true; podman rm -f "$ctr" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

event=src/test/resources/events/issues.opened.json
work=$(mktemp -d)
# bash cannot export names with hyphens; env(1) can.
INPUTS=(env "INPUT_NOTION-TOKEN=$TOKEN" "INPUT_NOTION-API-URL=$NOTION_URL" "INPUT_NOTION-TASK-BACKLOG-DB-ID=$DB"
  GITHUB_EVENT_NAME=issues "GITHUB_WORKSPACE=$work" GITHUB_REPOSITORY=Codertocat/Hello-World GITHUB_RUN_ID=1)

# The image's file system, for running its JVM directly (no container runtime in the way).
ctr=$(podman create "$IMAGE")
rootfs=$(podman mount "$ctr")
mkdir -p "$rootfs/bench" "$rootfs/proc"
mount -t proc proc "$rootfs/proc" # the java launcher finds its libraries through /proc/self/exe
cp "$event" "$rootfs/bench/event.json"

# Each command runs its process under GNU time, which writes the peak RSS (KB) to $work/rss.
TIMER=(/usr/bin/time -f '%M' -o "$work/rss")

# measure LABEL COMMAND...: N timed runs after one warm-up; prints "median_ms peak_rss_kb".
measure() {
  local label=$1; shift
  local times=() rss=0 out
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq 1 "$N"); do
    rm -f "$work/output" "$rootfs/bench/output"
    local t0 t1
    t0=$(date +%s%N)
    rm -f "$work/rss"
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    out=$(cat "$work/rss" 2>/dev/null || echo 0)
    times+=($(( (t1 - t0) / 1000000 )))
    [[ $out =~ ^[0-9]+$ ]] && [ "$out" -gt "$rss" ] && rss=$out
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}')
  printf '%s %s %s\n' "$label" "$median" "$rss"
}

plain() { "${INPUTS[@]}" "GITHUB_EVENT_PATH=$event" "GITHUB_OUTPUT=$work/output" "${TIMER[@]}" java -jar target/notion-sync-action.jar; }
# The image's ENTRYPOINT, run in the image's file system (looked up once, outside the timing).
mapfile -t ENTRY < <(podman image inspect "$IMAGE" --format '{{range .Config.Entrypoint}}{{println .}}{{end}}' | sed '/^$/d')
direct() {
  "${INPUTS[@]}" GITHUB_EVENT_PATH=/bench/event.json GITHUB_OUTPUT=/bench/output GITHUB_WORKSPACE=/bench \
    "${TIMER[@]}" chroot "$rootfs" "${ENTRY[@]}"
}
in_container() {
  local root; root=$(runner_folder "$event")
  run_like_runner "$root" issues "INPUT_NOTION-TOKEN=$TOKEN" "INPUT_NOTION-API-URL=$NOTION_URL" "INPUT_NOTION-TASK-BACKLOG-DB-ID=$DB"
  rm -rf "$root"
}
yardstick() { "${INPUTS[@]}" "GITHUB_EVENT_PATH=$event" "GITHUB_OUTPUT=$work/output" "${TIMER[@]}" node scripts/bench/node-yardstick.mjs; }

log "benchmark: $N runs each, after one warm-up; stand-in at $NOTION_URL"
# The two setups the ratio compares run first, back to back; the heavy ones after them, so
# neither compared setup runs in the wake of a 1-second JVM or podman's clean-up.
results=$(
  measure node yardstick
  measure direct direct
  measure plain plain
  measure container in_container
)
node_ms=$(awk '$1=="node" {print $2}' <<<"$results")
size=$(podman image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}')
{
  echo "| setup | median wall (ms) | peak RSS (MB) | ratio to Node |"
  echo "|---|---|---|---|"
  while read -r label ms kb; do
    case $label in
      node) name="Node $(node --version) script, same HTTP calls (yardstick)" ;;
      plain) name="plain java -jar ($(java -version 2>&1 | head -n 1 | cut -d'"' -f2))" ;;
      direct) name="image JVM (Java 25, jlink, AOT cache, flags), run directly" ;;
      container) name="the image, run as the runner runs it (podman)" ;;
    esac
    rss=$(awk -v k="$kb" 'BEGIN {printf "%.0f", k/1024}')
    [ "$label" = container ] && rss="(podman client: n/a)"
    echo "| $name | $ms | $rss | $(awk -v a="$ms" -v b="$node_ms" 'BEGIN {printf "%.2fx", a/b}') |"
  done <<<"$results"
  echo
  echo "Image size: $size. Machine: $(nproc) cores. Runs per setup: $N (after one warm-up)."
} | tee target/benchmark.md
