# shellcheck shell=bash
# Sourced, not run, after jdk.sh's require_jdk25: `source "$ROOT/scripts/lib/jar.sh"; ensure_jar benchmarks`, then
# use "$JAR_PATH". Needs ROOT set to the repository. Safe under `set -euo pipefail` and on bash 3.2 (macOS).

# The jar of the last ensure_jar call, absolute.
JAR_PATH=""

# Sets _jar_rel to MODULE's jar and _jar_folders to the folders that must exist next to it (space-separated), both
# relative to ROOT; fails for an unknown module. The one place that knows where each module's jar is.
_jar_declare() {
  case "$1" in
    # lib/: the class path in the jar's manifest; jvmci/: the Graal compiler (the root pom's copy-graal-compiler).
    harness)
      _jar_rel=harness/target/harness.jar
      _jar_folders="harness/target/lib harness/target/jvmci" ;;
    benchmarks)
      _jar_rel=benchmarks/target/benchmarks.jar
      _jar_folders="benchmarks/target/lib benchmarks/target/jvmci" ;;
    # A fat jar (maven-shade-plugin): nothing next to it.
    jcstress)
      _jar_rel=jcstress/target/jcstress.jar
      _jar_folders="" ;;
    *) return 1 ;;
  esac
}

# Prints why $JAR_PATH must be built: "missing X" when it or a folder it needs is missing, else the first source
# file, source folder or pom.xml newer than it; nothing when it is up to date. Folders count because deleting or
# renaming a file changes only its folder's time.
_jar_stale_reason() {
  local folder path
  local -a inputs=()
  if [[ ! -f "$JAR_PATH" ]]; then
    echo "missing $_jar_rel"
    return
  fi
  for folder in $_jar_folders; do
    if [[ ! -d "$ROOT/$folder" ]]; then
      echo "missing $folder/"
      return
    fi
  done
  for path in "$ROOT"/pom.xml "$ROOT"/*/pom.xml "$ROOT"/*/src; do
    [[ -e "$path" ]] && inputs+=("$path")
  done
  path="$(find "${inputs[@]}" -newer "$JAR_PATH" -print -quit)" || path="unreadable sources"
  [[ -z "$path" ]] || echo "changed: ${path#"$ROOT"/}"
}

# ensure_jar MODULE [--force]: sets JAR_PATH to MODULE's jar (harness, benchmarks or jcstress) and builds it, with
# the modules it needs (mvn package -DskipTests -pl MODULE -am), when it or a folder it needs is missing, when any
# pom.xml or source is newer than it, or with --force (an empty second argument is no --force). Messages and
# Maven's output go to stderr.
ensure_jar() {
  local module="${1:-}" force="${2:-}" reason started
  local _jar_rel _jar_folders
  if ! _jar_declare "$module" || [[ -n "$force" && "$force" != --force ]]; then
    echo "handoff-bench: usage: ensure_jar harness|benchmarks|jcstress [--force], not: ensure_jar $*" >&2
    exit 2
  fi
  JAR_PATH="$ROOT/$_jar_rel"
  if [[ "$force" == --force ]]; then
    reason="--force"
  else
    reason="$(_jar_stale_reason)"
  fi
  [[ -n "$reason" ]] || return 0
  command -v mvn > /dev/null || { echo "handoff-bench: building $_jar_rel needs Maven (mvn) on PATH" >&2; exit 3; }
  echo "handoff-bench: building $_jar_rel ($reason)" >&2
  started="$(mktemp)"
  (cd "$ROOT" && mvn -B -ntp -q package -DskipTests -pl "$module" -am) >&2 || { rm -f "$started"; exit 1; }
  # The jar plugin leaves the jar untouched when its contents did not change (a test or comment edit), which would
  # make every later call rebuild. Date it to when this build started: all inputs older than that are in it.
  touch -r "$started" "$JAR_PATH"
  rm -f "$started"
}
