#!/usr/bin/env bash
# Builds the README's "Using it in a project" pom as a user who copies it would, so that the
# README cannot drift from what works.
#
# 1. Extracts the pom between the markers `<!-- it/user-project/pom.xml: begin -->` and
#    `<!-- it/user-project/pom.xml: end -->` in README.md and requires it to be exactly
#    it/user-project/pom.xml.
# 2. Writes it with it/user-project/src into a temporary directory and runs what the README says:
#    `mvn compile exec:java` (against the installed netc artifacts: run `mvn install` first).
# 3. Compiles it again with `-Xlint:all -Werror` (a javac wrapper given to the compiler plugin),
#    as users with strict builds do: netc's processor and generated code must add no warning.
# 4. Runs javadoc with doclint (`-Xdoclint:all -Werror`) on its sources and the generated ones.
#
# Usage: it/readme-project.sh [maven options...], e.g. -o or -Dmaven.repo.local=DIR.
# Exit status: 0 all passed; 1 a step failed (it says which).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
begin='<!-- it/user-project/pom.xml: begin -->'
end='<!-- it/user-project/pom.xml: end -->'

step() { echo "[readme-project] $*"; }
fail() { echo "[readme-project] FAILED: $*" >&2; exit 1; }

# 1. The README's text, without the code fence around it.
awk -v b="$begin" -v e="$end" '
  $0 == b { inside = 1; next }
  $0 == e { inside = 0; done = 1; next }
  inside && /^```/ { next }
  inside { print }
  END { if (!done) exit 1 }
' "$root/README.md" > "$work/pom.xml" || fail "README.md has no lines \"$begin\" ... \"$end\""
[ -s "$work/pom.xml" ] || fail "nothing between the markers in README.md"
if ! diff -u "$root/it/user-project/pom.xml" "$work/pom.xml" > "$work/pom.diff"; then
  cat "$work/pom.diff" >&2
  fail "the README's pom differs from it/user-project/pom.xml (diff above: - file, + README)"
fi
step "the README's pom is it/user-project/pom.xml"

# 2. What a user runs.
cp -r "$root/it/user-project/src" "$work/src"
mvn -B -q -f "$work/pom.xml" "$@" compile exec:java > "$work/run.log" 2>&1 \
  || { cat "$work/run.log" >&2; fail "mvn compile exec:java on the README's pom"; }
grep -q '^user project OK' "$work/run.log" \
  || { cat "$work/run.log" >&2; fail "the user project did not say OK"; }
step "built and ran: $(grep '^user project OK' "$work/run.log")"

# 3. Strict javac: every warning, including "no processor claimed ..." and those in generated code.
cat > "$work/javac-strict" <<'SH'
#!/bin/sh
exec javac -Xlint:all -Werror "$@"
SH
chmod +x "$work/javac-strict"
rm -rf "$work/target"
mvn -B -f "$work/pom.xml" "$@" compile -Dmaven.compiler.fork=true \
  -Dmaven.compiler.executable="$work/javac-strict" > "$work/strict.log" 2>&1 \
  || { cat "$work/strict.log" >&2; fail "javac -Xlint:all -Werror on the README's pom"; }
step "compiled with -Xlint:all -Werror"

# 4. Javadoc with doclint over the user's and the generated sources.
mvn -B -q -f "$work/pom.xml" "$@" \
  org.apache.maven.plugins:maven-dependency-plugin:2.8:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" > "$work/cp.log" 2>&1 \
  || { cat "$work/cp.log" >&2; fail "mvn dependency:build-classpath"; }
javadoc -quiet -Xdoclint:all -Werror -d "$work/apidocs" \
  -cp "$(cat "$work/classpath.txt"):$work/target/classes" \
  -sourcepath "$work/src/main/java:$work/target/generated-sources/annotations" \
  -subpackages com.example > "$work/javadoc.log" 2>&1 \
  || { cat "$work/javadoc.log" >&2; fail "javadoc -Xdoclint:all -Werror on the user project"; }
step "javadoc with doclint: no warnings"
