#!/usr/bin/env bash
# Per-event cost as users pay it, side by side in one run: an event pulls the image onto a fresh
# runner, then runs it. For the action's image and for the floor of any Docker action (a FROM
# scratch image whose entrypoint is a static program that exits at once):
#   - size, unpacked and as gzip- and as zstd-compressed layers,
#   - cold pull of each into empty storage from an OCI layout (podman push ... oci:DIR; no network),
#   - one run as the runner runs it (median of N),
# and, for the start-up alone, median wall time and peak RSS of N runs of one issues event against
# a loopback Notion stand-in: the Node 20 yardstick (a minimal script making the same HTTP calls),
# the image's JVM run directly (chroot into the image), and plain `java -jar`.
# Run as root from the repository root: bash scripts/benchmark.sh [N]
# BASELINE_IMAGE=<tag of an image built earlier, e.g. from an older commit> adds its row (size, cold
# pull, runner-style run) to the same table, so a before/after comparison comes from one run.
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
  [ -n "${rootfs:-}" ] && { umount "$rootfs/proc" 2>/dev/null; umount "$rootfs/dev" 2>/dev/null; } || true
  if [ -n "$ctr" ]; then podman umount "$ctr" >/dev/null 2>&1 || true; podman rm -f "$ctr" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# The floor: FROM scratch with a static no-op entrypoint, built here.
FLOOR=localhost/notion-sync-floor:test
floor_dir=$(mktemp -d)
command -v gcc >/dev/null && [ -f /usr/lib/x86_64-linux-gnu/libc.a ] || {
  apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q gcc libc6-dev >/dev/null; }
printf 'int main(void) { return 0; }\n' > "$floor_dir/noop.c"
gcc -static -Os -s -o "$floor_dir/noop" "$floor_dir/noop.c"
printf 'FROM scratch\nCOPY noop /noop\nENTRYPOINT ["/noop"]\n' > "$floor_dir/Dockerfile"
buildah bud --quiet --isolation chroot -t "$FLOOR" "$floor_dir" >/dev/null

event=src/test/resources/events/issues.opened.json
work=$(mktemp -d)
# bash cannot export names with hyphens; env(1) can.
INPUTS=(env "INPUT_NOTION-TOKEN=$TOKEN" "INPUT_NOTION-API-URL=$NOTION_URL" "INPUT_NOTION-TASK-BACKLOG-DB-ID=$DB"
  GITHUB_EVENT_NAME=issues "GITHUB_WORKSPACE=$work" GITHUB_REPOSITORY=Codertocat/Hello-World GITHUB_RUN_ID=1)

# The image's file system, for running its JVM directly (no container runtime in the way).
ctr=$(podman create "$IMAGE")
rootfs=$(podman mount "$ctr")
mkdir -p "$rootfs/bench" "$rootfs/proc" "$rootfs/dev"
mount -t proc proc "$rootfs/proc" # the java launcher finds its libraries through /proc/self/exe
# /dev as a container runtime provides it: without /dev/urandom the JDK seeds SecureRandom by
# timing threads, seconds of CPU (the image is FROM scratch, so it has no /dev of its own).
mount --bind /dev "$rootfs/dev"
cp "$event" "$rootfs/bench/event.json"

# Each command runs its process under GNU time, which writes the peak RSS (KB) to $work/rss.
TIMER=(/usr/bin/time -f '%M' -o "$work/rss")

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
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

# in_turns LABEL=FUNCTION...: one warm-up round, then N rounds each running every function once, in
# turns, so the machine's load falls on all alike; prints "label median_ms" for each.
in_turns() {
  local spec round t0 t1
  local -A times=()
  for round in $(seq 0 "$N"); do
    for spec in "$@"; do
      t0=$(date +%s%N)
      "${spec#*=}" >/dev/null 2>&1 || true
      t1=$(date +%s%N)
      [ "$round" = 0 ] || times[${spec%%=*}]+="$(( (t1 - t0) / 1000000 )) "
    done
  done
  for spec in "$@"; do
    printf '%s %s\n' "${spec%%=*}" "$(printf '%s\n' ${times[${spec%%=*}]} | median)"
  done
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
floor_run() {
  local root; root=$(runner_folder "$event")
  IMAGE=$FLOOR run_like_runner "$root" issues
  rm -rf "$root"
}
baseline_run() { IMAGE=$BASELINE_IMAGE in_container; }
yardstick() { "${INPUTS[@]}" "GITHUB_EVENT_PATH=$event" "GITHUB_OUTPUT=$work/output" "${TIMER[@]}" node scripts/bench/node-yardstick.mjs; }

log "benchmark: $N runs each, after one warm-up; stand-in at $NOTION_URL"
# The two setups the ratio compares run first, back to back; the heavy ones after them, so
# neither compared setup runs in the wake of a 1-second JVM or podman's clean-up. The runner-style
# runs compared in the per-event table (this image, the floor, the baseline) run in turns.
turns=(container=in_container floor=floor_run)
[ -n "${BASELINE_IMAGE:-}" ] && turns+=(baseline=baseline_run)
results=$(
  measure node yardstick
  measure direct direct
  measure plain plain
)
runs=$(in_turns "${turns[@]}")
results+=$'\n'$(awk '$1=="container" {print $1, $2, 0}' <<<"$runs")

# Bytes and cold pulls. Each image is pushed to two OCI layouts, one with gzip layers and one with
# zstd layers (what a registry serves: release.yml publishes zstd, Docker 23+ pulls it); each pull
# goes into a fresh, empty storage, so nothing is shared or cached. The two are pulled in turns, so
# a change in the machine's load falls on both alike.
PULLS=${PULLS:-3}
# podman names an image pulled from oci:DIR after DIR, which must then be lower-case.
oci_root=/tmp/notion-sync-bench-oci-$$
mkdir -p "$oci_root"
layout_of() { printf '%s/%s-%s' "$oci_root" "$(basename "${1%%:*}")" "$2"; } # IMAGE COMPRESSION
layer_bytes() { # OCI layout dir: bytes of its layers and config, as a registry serves them
  python3 - "$1" <<'PY'
import json, sys, os
d = sys.argv[1]
index = json.load(open(os.path.join(d, "index.json")))
digest = index["manifests"][0]["digest"].split(":")[1]
manifest = json.load(open(os.path.join(d, "blobs", "sha256", digest)))
print(sum(l["size"] for l in manifest["layers"]) + manifest["config"]["size"])
PY
}
bytes_of() { # IMAGE: "unpacked_bytes gzip_bytes zstd_bytes"
  local img=$1 c sizes=()
  for c in gzip zstd; do
    rm -rf "$(layout_of "$img" "$c")"
    podman push --quiet --compression-format "$c" "$img" "oci:$(layout_of "$img" "$c"):bench" >/dev/null
    sizes+=("$(layer_bytes "$(layout_of "$img" "$c")")")
  done
  printf '%s %s %s\n' "$(podman image inspect "$img" --format '{{.Size}}')" "${sizes[@]}"
}
cold_pulls() { # IMAGE: "gzip_ms zstd_ms", medians of PULLS pulls of each layout into empty storage
  local img=$1 c s gz=() zs=()
  for _ in $(seq 1 "$PULLS"); do
    for c in gzip zstd; do
      s=$(mktemp -d)
      local t0 t1
      t0=$(date +%s%N)
      podman --root "$s/root" --runroot "$s/run" --storage-driver overlay pull --quiet "oci:$(layout_of "$img" "$c"):bench" >/dev/null \
        || die "cold pull of $img ($c) failed"
      t1=$(date +%s%N)
      if [ "$c" = gzip ]; then gz+=($(( (t1 - t0) / 1000000 ))); else zs+=($(( (t1 - t0) / 1000000 ))); fi
      podman --root "$s/root" --runroot "$s/run" --storage-driver overlay system reset --force >/dev/null 2>&1 || true
      rm -rf "$s"
    done
  done
  printf '%s %s\n' "$(printf '%s\n' "${gz[@]}" | median)" "$(printf '%s\n' "${zs[@]}" | median)"
}
trap 'cleanup; rm -rf "$oci_root"' EXIT
read -r image_bytes image_gz image_zst < <(bytes_of "$IMAGE")
read -r image_pull_gz image_pull < <(cold_pulls "$IMAGE")
read -r floor_bytes floor_gz floor_zst < <(bytes_of "$FLOOR")
read -r floor_pull_gz floor_pull < <(cold_pulls "$FLOOR")
floor_ms=$(awk '$1=="floor" {print $2}' <<<"$runs")
if [ -n "${BASELINE_IMAGE:-}" ]; then
  read -r base_bytes base_gz base_zst < <(bytes_of "$BASELINE_IMAGE")
  read -r base_pull_gz base_pull < <(cold_pulls "$BASELINE_IMAGE")
  base_ms=$(awk '$1=="baseline" {print $2}' <<<"$runs")
fi
node_ms=$(awk '$1=="node" {print $2}' <<<"$results")
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
  echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) when the runs ended. Runs per setup: $N (after one warm-up)."
  echo
  container_ms=$(awk '$1=="container" {print $2}' <<<"$results")
  mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b/1e6}'; }
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1fx", a/b}'; } # A as a multiple of B
  echo "| per event, as users pay it | gzip layers (MB) | zstd layers (MB) | unpacked (MB) | cold pull, gzip (ms) | cold pull, zstd (ms) | runner-style run (ms) | gzip pull + run (ms) | zstd pull + run (ms) | × floor | × Node run |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  total=$((image_pull + container_ms)); floor_total=$((floor_pull + floor_ms))
  echo "| notion-sync-action image | $(mb "$image_gz") | $(mb "$image_zst") | $(mb "$image_bytes") | $image_pull_gz | $image_pull | $container_ms | $((image_pull_gz + container_ms)) | $total | $(ratio "$total" "$floor_total") | $(ratio "$total" "$node_ms") |"
  if [ -n "${BASELINE_IMAGE:-}" ]; then
    base_total=$((base_pull + base_ms))
    echo "| baseline: $BASELINE_IMAGE | $(mb "$base_gz") | $(mb "$base_zst") | $(mb "$base_bytes") | $base_pull_gz | $base_pull | $base_ms | $((base_pull_gz + base_ms)) | $base_total | $(ratio "$base_total" "$floor_total") | $(ratio "$base_total" "$node_ms") |"
  fi
  echo "| floor: FROM scratch, static no-op | $(mb "$floor_gz") | $(mb "$floor_zst") | $(mb "$floor_bytes") | $floor_pull_gz | $floor_pull | $floor_ms | $((floor_pull_gz + floor_ms)) | $floor_total | 1.0x | $(ratio "$floor_total" "$node_ms") |"
  echo "| Node yardstick (no pull: JavaScript actions run on the runner's Node) | | | | | | $node_ms | $node_ms | $node_ms | $(ratio "$node_ms" "$floor_total") | 1.0x |"
  echo
  echo "Cold pulls: median of $PULLS of each layout, gzip and zstd in turns, each into empty storage from an OCI"
  echo "layout on this disk; runner-style runs of the compared images and the floor in turns. The ratios"
  echo "take the zstd pull: the layers the release publishes (zstd pull: $(awk -v a="$image_pull" -v b="$image_pull_gz" 'BEGIN {printf "%.0f%%", 100*a/b}') of gzip's for this image)."
  if [ -n "${BASELINE_IMAGE:-}" ]; then
    echo
    echo "This image's pull + run: $(awk -v a="$total" -v b="$base_total" 'BEGIN {printf "%.0f%%", 100*a/b}') of the baseline's, both with zstd layers;"
    echo "$(awk -v a="$total" -v b="$((base_pull_gz + base_ms))" 'BEGIN {printf "%.0f%%", 100*a/b}') of the baseline's with gzip layers."
  fi
} | tee target/benchmark.md
