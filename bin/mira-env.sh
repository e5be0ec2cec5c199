# Shared by bin/mira-node and bin/mira: find the distribution, (re)build it when missing or
# stale, and set MIRA_CLASSPATH. Sourced, not executed.
MIRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIRA_DIST="$MIRA_ROOT/node/target"
MIRA_STAMP="$MIRA_DIST/dist/.built"

mira_is_stale() {
  [ -f "$MIRA_STAMP" ] || return 0
  ls "$MIRA_DIST"/node-*.jar >/dev/null 2>&1 || return 0
  # Any source, resource, proto or pom newer than the last build makes the distribution stale.
  [ -n "$(find "$MIRA_ROOT" -path "$MIRA_ROOT/.git" -prune -o \
      \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$MIRA_STAMP" -print -quit 2>/dev/null)" ]
}

if [ -z "${MIRA_SKIP_BUILD:-}" ] && mira_is_stale; then
  echo "mira: building the distribution (first use or sources changed) ..." >&2
  if ! (cd "$MIRA_ROOT" && ./mvnw -q -B -DskipTests -pl node -am package >&2); then
    echo "mira: build failed; run ./mvnw -pl node -am package to see why" >&2
    exit 1
  fi
  mkdir -p "$MIRA_DIST/dist" && touch "$MIRA_STAMP"
fi

MIRA_JAR="$(ls "$MIRA_DIST"/node-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1)"
MIRA_CLASSPATH="$MIRA_JAR:$MIRA_DIST/dist/lib/*"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
