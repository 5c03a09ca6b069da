# shellcheck shell=bash
# Sourced, not run, after jdk.sh's require_jdk25: `source "$ROOT/scripts/lib/benchmarks-jar.sh"; ensure_benchmarks_jar`.
# Needs ROOT set to the repository. Safe under `set -euo pipefail`.

BENCHMARKS_JAR="$ROOT/benchmarks/target/benchmarks.jar"

# Prints the first source file, source folder or pom.xml newer than the benchmarks jar, or "missing" when there is
# no jar. Folders count because deleting or renaming a file changes only its folder's time (as in scripts/build).
_benchmarks_stale_reason() {
  if [[ ! -f "$BENCHMARKS_JAR" || ! -d "$ROOT/benchmarks/target/lib" || ! -d "$ROOT/benchmarks/target/jvmci" ]]; then
    echo "missing"
    return
  fi
  local -a inputs=()
  local path
  for path in "$ROOT"/pom.xml "$ROOT"/*/pom.xml "$ROOT"/*/src; do
    [[ -e "$path" ]] && inputs+=("$path")
  done
  find "${inputs[@]}" -newer "$BENCHMARKS_JAR" -print -quit || echo "unreadable sources"
}

# Builds benchmarks/target/benchmarks.jar (with lib/ and jvmci/ next to it) and the modules it needs when it is
# missing or older than any source or pom.xml; messages go to stderr.
ensure_benchmarks_jar() {
  local reason started
  reason="$(_benchmarks_stale_reason)"
  if [[ -n "$reason" ]]; then
    command -v mvn > /dev/null || { echo "handoff-bench: building the benchmarks needs Maven (mvn) on PATH" >&2; exit 3; }
    echo "handoff-bench: building benchmarks.jar ($([[ "$reason" == missing ]] && echo missing || echo "changed: ${reason#"$ROOT"/}"))" >&2
    started="$(mktemp)"
    (cd "$ROOT" && mvn -B -ntp -q package -DskipTests -pl benchmarks -am) >&2 || { rm -f "$started"; exit 1; }
    # The jar plugin leaves the jar untouched when its contents did not change; date it to when this build started.
    touch -r "$started" "$BENCHMARKS_JAR"
    rm -f "$started"
  fi
}
