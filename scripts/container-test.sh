#!/usr/bin/env bash
# Builds the action's image on this machine and runs it exactly as GitHub's runner runs a Docker
# action (mounts, INPUT_* with hyphens, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY under
# /github/file_commands, host network to a loopback Notion stand-in), then checks what it wrote.
# Run as root from anywhere: bash scripts/container-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

TOKEN=secret_containerTestToken0123456789
DB=11111111222243338444555555555555
ensure_container_tools
build_image
start_stand_in "$TOKEN"
trap 'kill "$STAND_IN_PID" 2>/dev/null || true' EXIT
log "image $(podman image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}'), stand-in at $NOTION_URL"

pages() { curl -fsS "$NOTION_URL/_test/pages"; }
live_pages_for() { pages | tr '{' '\n' | grep -c "\"external_id\":\"$1\",\"in_trash\":false" || true; }

# 1. A new issue, as the runner runs it: one page created, outputs, summary and metrics written.
root=$(runner_folder src/test/resources/events/issues.opened.json)
stdout=$(run_like_runner "$root" issues "INPUT_NOTION-TOKEN=$TOKEN" "INPUT_NOTION-API-URL=$NOTION_URL" \
  "INPUT_NOTION-TASK-BACKLOG-DB-ID=$DB") || die "container exited non-zero: $stdout"
out=$(ls "$root"/file_commands/set_output_*)
[ "$(output "$out" status)" = synced ] || die "status: $(parse_outputs "$out")"
[ "$(output "$out" operation)" = created ] || die "operation: $(parse_outputs "$out")"
[ "$(output "$out" external-id)" = MDU6SXNzdWU0NDQ1MDAwNDE= ] || die "external-id"
[[ $(output "$out" page-url) == https://www.notion.so/* ]] || die "page-url"
[ "$(live_pages_for MDU6SXNzdWU0NDQ1MDAwNDE=)" = 1 ] || die "expected one live page: $(pages)"
pages | grep -q '"title":"Spelling error in the README file","status":"Open"' || die "page content: $(pages)"
grep -q '| Operation | created |' "$root"/file_commands/step_summary_* || die "summary"
[ "$(wc -l < "$root/workspace/logs/sync_metrics.jsonl")" = 1 ] || die "metrics line"
[ "$(printf '%s\n' "$stdout" | head -n 1)" = "::add-mask::$TOKEN" ] || die "the mask is not the first line"
[ "$(printf '%s\n' "$stdout" | grep -c "$TOKEN")" = 1 ] || die "token printed beyond its mask"
log "runner-style run: created $(output "$out" page-id) in $(output "$out" latency-ms) ms"

# 2. Files owned by a non-root uid, as the runner's mounts are: the root image still writes them.
# Notion by host name this time (localhost, from the mounted /etc/hosts): the trimmed glibc base
# still resolves names.
root2=$(runner_folder src/test/resources/events/issues.closed.json)
chown -R 1001:1001 "$root2"; chmod -R u+rwX,go+rX,go-w "$root2"
run_like_runner "$root2" issues "INPUT_NOTION-TOKEN=$TOKEN" "INPUT_NOTION-API-URL=${NOTION_URL/127.0.0.1/localhost}" \
  "INPUT_NOTION-TASK-BACKLOG-DB-ID=$DB" >/dev/null || die "non-root-owned mounts: container failed"
out2=$(ls "$root2"/file_commands/set_output_*)
[ "$(output "$out2" status)" = synced ] && [ "$(output "$out2" operation)" = updated ] || die "second run: $(parse_outputs "$out2")"
[ "$(live_pages_for MDU6SXNzdWU0NDQ1MDAwNDE=)" = 1 ] || die "still one live page expected: $(pages)"
pages | grep -q '"status":"Closed"' || die "page not updated to Closed: $(pages)"
log "uid 1001 mounts, Notion by host name: updated, still one page"

# 3. Bad input: one ::error:: sentence, status=error, non-zero exit.
root3=$(runner_folder src/test/resources/events/issues.opened.json)
if stdout3=$(run_like_runner "$root3" issues "INPUT_NOTION-TOKEN=$TOKEN" "INPUT_NOTION-API-URL=$NOTION_URL" \
  "INPUT_NOTION-TASK-BACKLOG-DB-ID=not-an-id"); then die "bad input exited 0"; fi
[ "$(output "$(ls "$root3"/file_commands/set_output_*)" status)" = error ] || die "bad input status"
printf '%s\n' "$stdout3" | grep -q '^::error::The notion-task-backlog-db-id input is not a Notion ID' || die "bad input message: $stdout3"
log "bad input: clear error, exit non-zero"

echo "container test: 3 passed, 0 failed"
