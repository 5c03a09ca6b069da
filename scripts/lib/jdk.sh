# shellcheck shell=bash
# Sourced, not run: `source "$ROOT/scripts/lib/jdk.sh"; require_jdk25`.
# Safe under `set -euo pipefail` (every script that sources it sets it) and on bash 3.2 (macOS).

HANDOFF_BENCH_MIN_JDK=25

# JAVA_VERSION from $1/release ("25.0.3"); fails when $1 is not a JDK (no bin/java, no usable release file).
_jdk_version() {
  local home="$1" line
  [[ -x "$home/bin/java" && -f "$home/release" ]] || return 1
  line="$(grep -m1 '^JAVA_VERSION=' "$home/release" 2>/dev/null)" || return 1
  line="${line#JAVA_VERSION=}"
  line="${line//\"/}"
  [[ "$line" =~ ^[0-9]+ ]] || return 1
  printf '%s\n' "$line"
}

# The feature release of version $1: 25 for "25.0.3", 8 for "1.8.0_392".
_jdk_feature_of() {
  local version="${1#1.}"
  printf '%s\n' "${version%%[!0-9]*}"
}

# "25.0.3" -> "00025.00000.00003.00000.": later versions compare greater as strings.
_jdk_sort_key() {
  local IFS='._-+' i part key=""
  local -a parts
  read -r -a parts <<< "${1#1.}"
  for i in 0 1 2 3; do
    part="${parts[$i]:-0}"
    [[ "$part" =~ ^[0-9]+$ ]] || part=0
    key+="$(printf '%05d.' "$((10#$part))")"
  done
  printf '%s\n' "$key"
}

# Where JDKs are usually installed, one existing folder per line (globs that match nothing are dropped).
_jdk_candidates() {
  local dir
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/* "${HOME:-/nonexistent}"/.sdkman/candidates/java/* \
      "${HOME:-/nonexistent}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [[ -d "$dir" ]]; then printf '%s\n' "$dir"; fi
  done
}

# Sets and exports JAVA_HOME to a JDK 25 or newer and puts its bin/ first on PATH: $JAVA_HOME if it is one, else
# the newest JDK 25+ in the usual folders. Otherwise prints one line to stderr and exits 3.
require_jdk25() {
  local home version best="" best_key="" key
  if [[ -n "${JAVA_HOME:-}" ]] && version="$(_jdk_version "$JAVA_HOME")" \
      && (( $(_jdk_feature_of "$version") >= HANDOFF_BENCH_MIN_JDK )); then
    best="$JAVA_HOME"
  else
    while IFS= read -r home; do
      version="$(_jdk_version "$home")" || continue
      (( $(_jdk_feature_of "$version") >= HANDOFF_BENCH_MIN_JDK )) || continue
      key="$(_jdk_sort_key "$version")"
      if [[ -z "$best" || "$key" > "$best_key" ]]; then
        best="$home"
        best_key="$key"
      fi
    done < <(_jdk_candidates)
  fi
  if [[ -z "$best" ]]; then
    echo "handoff-bench: needs a JDK ${HANDOFF_BENCH_MIN_JDK} or newer to build and run;" \
      "found: $(_jdk_describe_found). Install a JDK ${HANDOFF_BENCH_MIN_JDK} or set JAVA_HOME to one." >&2
    exit 3
  fi
  if [[ -n "${JAVA_HOME:-}" && "$JAVA_HOME" != "$best" ]]; then
    echo "handoff-bench: JAVA_HOME=$JAVA_HOME is not a JDK ${HANDOFF_BENCH_MIN_JDK}+; using $best instead." >&2
  fi
  JAVA_HOME="$best"
  PATH="$JAVA_HOME/bin:$PATH"
  # Maven's own Guava calls sun.misc.Unsafe, which JDK 25 warns about on every build; allow it quietly.
  case " ${MAVEN_OPTS:-} " in
    *" --sun-misc-unsafe-memory-access="*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
  esac
  export JAVA_HOME PATH MAVEN_OPTS
}

# "JAVA_HOME=... (17.0.15), 17.0.15 at /usr/lib/jvm/java-17-openjdk-amd64" or "none": what require_jdk25 saw,
# each real folder once.
_jdk_describe_found() {
  local home version real seen="|" out=""
  if [[ -n "${JAVA_HOME:-}" ]]; then
    version="$(_jdk_version "$JAVA_HOME")" || version="not a JDK"
    out="JAVA_HOME=$JAVA_HOME ($version)"
    real="$(cd "$JAVA_HOME" 2>/dev/null && pwd -P)" && seen+="$real|"
  fi
  while IFS= read -r home; do
    version="$(_jdk_version "$home")" || continue
    real="$(cd "$home" && pwd -P)" || continue
    [[ "$seen" == *"|$real|"* ]] && continue
    seen+="$real|"
    out+="${out:+, }$version at $real"
  done < <(_jdk_candidates)
  printf '%s\n' "${out:-none}"
}
