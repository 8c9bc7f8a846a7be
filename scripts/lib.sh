# Shared by scripts/container-test.sh and scripts/benchmark.sh. Source it from the repository root.
# shellcheck shell=bash

IMAGE=${IMAGE:-localhost/notion-sync-action:test}
BUILD_BASE_TAG=${BUILD_BASE_TAG:-localhost/notion-sync-build-base:bookworm-binutils}
# podman as it works on these hosts: runc (crun fails on the host's cgroups), cgroupfs, explicit
# ulimits at or below the hard limits.
NOFILE=$(ulimit -Hn); [ "$NOFILE" = unlimited ] && NOFILE=65536; [ "$NOFILE" -gt 65536 ] && NOFILE=65536
NPROC=$(ulimit -Hu); [ "$NPROC" = unlimited ] && NPROC=4096; [ "$NPROC" -gt 4096 ] && NPROC=4096
PODMAN=(podman --runtime runc --cgroup-manager=cgroupfs)
RUN_LIMITS=(--ulimit "nofile=$NOFILE:$NOFILE" --ulimit "nproc=$NPROC:$NPROC")

log() { printf '== %s\n' "$*"; }
die() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

ensure_container_tools() {
  local missing=()
  for tool in podman buildah mmdebstrap runc; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman buildah mmdebstrap runc uidmap >/dev/null
  fi
}

# The image, built from this checkout's Dockerfile with the locally made build image. The host's Maven
# repository is mounted so the build does not download the world twice.
build_image() {
  local bases=(--pull=never --build-arg "BUILD_IMAGE=$BUILD_BASE_TAG")
  if [ "${USE_PUBLIC_BUILD_IMAGE:-0}" = 1 ]; then
    bases=(--pull=missing) # where a registry is reachable (GitHub): the Dockerfile's default
  else
    BUILD_TAG=$BUILD_BASE_TAG bash scripts/make-build-base.sh
  fi
  local m2=("--build-arg" "MVN_FLAGS=")
  if [ -d "$HOME/.m2/repository" ]; then
    m2=(-v "$HOME/.m2:/root/.m2" --build-arg "MVN_FLAGS=-o")
  fi
  log "building $IMAGE"
  buildah bud --quiet --isolation chroot --layers "${bases[@]}" "${m2[@]}" -t "$IMAGE" . >/dev/null
}

# The stateful Notion stand-in from the test sources (FakeNotion), on a loopback port.
# Sets NOTION_URL and STAND_IN_PID.
start_stand_in() {
  local token=$1 dir
  dir=$(mktemp -d)
  if [ ! -f target/test-classpath.txt ] || [ ! -d target/test-classes ]; then
    mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
  fi
  java -cp "target/test-classes:$(cat target/test-classpath.txt)" org.prcybr.notionsync.support.FakeNotion \
    "$token" "$dir/url" >"$dir/log" 2>&1 &
  STAND_IN_PID=$!
  for _ in $(seq 1 100); do [ -s "$dir/url" ] && break; sleep 0.1; done
  [ -s "$dir/url" ] || die "the Notion stand-in did not start: $(cat "$dir/log")"
  NOTION_URL=$(cat "$dir/url")
}

# Every input action.yml declares, with its default, as "-e INPUT_<NAME>=<default>" arguments,
# hyphens kept, as the runner passes them. Expressions get a fake value.
declared_inputs() {
  awk '
    /^inputs:/ { on = 1; next }
    /^[a-z]/ { on = 0 }
    on && /^  [a-z0-9-]+:$/ { if (name != "") print name "=" def; name = substr($1, 1, length($1) - 1); def = ""; next }
    on && /^    default:/ { sub(/^    default: /, ""); gsub(/^'"'"'|'"'"'$/, ""); def = $0 }
    END { if (name != "") print name "=" def }
  ' action.yml | while IFS= read -r line; do
    local name=${line%%=*} value=${line#*=}
    [[ $value == *'${{'* ]] && value=ghs_fakeRunnerToken
    printf '%s\n' "INPUT_$(printf '%s' "$name" | tr '[:lower:] ' '[:upper:]_')=$value"
  done
}

# Runs the image as GitHub's runner runs a Docker action. $1: a folder holding workspace/,
# file_commands/, workflow/event.json, home/ and runner_temp/; $2: event name; then KEY=VALUE
# overrides (inputs included). Output and exit code of the container are the function's.
run_like_runner() {
  local root=$1 event=$2; shift 2
  local -A env=()
  while IFS= read -r kv; do env[${kv%%=*}]=${kv#*=}; done < <(declared_inputs)
  env[GITHUB_EVENT_NAME]=$event
  env[GITHUB_EVENT_PATH]=/github/workflow/event.json
  env[GITHUB_WORKSPACE]=/github/workspace
  env[GITHUB_OUTPUT]=/github/file_commands/set_output_0b5e5d66
  env[GITHUB_STEP_SUMMARY]=/github/file_commands/step_summary_0b5e5d66
  env[GITHUB_SERVER_URL]=https://github.com
  env[GITHUB_API_URL]=https://api.github.com
  env[GITHUB_GRAPHQL_URL]=https://api.github.com/graphql
  env[GITHUB_REPOSITORY]=Codertocat/Hello-World
  env[GITHUB_RUN_ID]=1658821493
  env[GITHUB_RUN_NUMBER]=7
  env[GITHUB_WORKFLOW]="Notion sync"
  env[RUNNER_DEBUG]=
  env[HOME]=/github/home
  env[RUNNER_TEMP]=/github/runner_temp
  env[CI]=true
  env[GITHUB_ACTIONS]=true
  for kv in "$@"; do env[${kv%%=*}]=${kv#*=}; done
  local args=()
  for k in "${!env[@]}"; do args+=(-e "$k=${env[$k]}"); done
  "${PODMAN[@]}" run --rm "${RUN_LIMITS[@]}" --network host --workdir /github/workspace \
    -v "$root/workspace:/github/workspace" -v "$root/file_commands:/github/file_commands" \
    -v "$root/workflow:/github/workflow" -v "$root/home:/github/home" -v "$root/runner_temp:/github/runner_temp" \
    "${args[@]}" "$IMAGE"
}

# A fresh runner folder with the given event fixture.
runner_folder() {
  local root fixture=$1
  root=$(mktemp -d)
  mkdir -p "$root"/{workspace,file_commands,workflow,home,runner_temp}
  cp "$fixture" "$root/workflow/event.json"
  printf '%s\n' "$root"
}

# Step outputs as NAME=VALUE lines, parsed like the runner: heredocs and plain lines.
parse_outputs() {
  awk '
    inh { if ($0 == delim) { print name "=" val; inh = 0; next } val = (n++ ? val "\\n" : "") $0; next }
    index($0, "<<") { i = index($0, "<<"); name = substr($0, 1, i - 1); delim = substr($0, i + 2); inh = 1; val = ""; n = 0; next }
    index($0, "=") { print }
  ' "$1"
}

output() { parse_outputs "$1" | awk -v k="$2" 'index($0, k "=") == 1 { print substr($0, length(k) + 2) }' | tail -n 1; }
