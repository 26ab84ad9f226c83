#!/usr/bin/env bash
# Runs javadoc with doclint over the libraries users compile against (annotations, npz, runtime
# with its generated float twins, plots, spark), so that a broken {@link} (a twin's link to a
# double signature, a class not imported) fails CI rather than the first user who builds the API
# documentation. Missing @param and @return tags are allowed: the comments say what they mean in
# prose.
#
# Usage: it/api-javadoc.sh [maven options...], after `mvn install` (the twins are generated
# sources; each module resolves the others from the local repository).
# Exit status: 0 no warning; 1 javadoc warned (it prints what).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check() { # module, source roots (colon-separated, relative to the module), packages
  local module=$1 sources=$2 packages=$3
  mvn -B -q -f "$root/$module/pom.xml" "${@:4}" \
    org.apache.maven.plugins:maven-dependency-plugin:2.8:build-classpath \
    -Dmdep.outputFile="$work/$module.cp" > "$work/$module-cp.log" 2>&1 \
    || { cat "$work/$module-cp.log" >&2; echo "[api-javadoc] FAILED: classpath of $module" >&2; exit 1; }
  local path=""
  for s in ${sources//:/ }; do path="$path${path:+:}$root/$module/$s"; done
  javadoc -quiet -Xdoclint:all,-missing -Werror -d "$work/$module-apidocs" \
    -cp "$(cat "$work/$module.cp")" -sourcepath "$path" -subpackages "$packages" \
    > "$work/$module-javadoc.log" 2>&1 \
    || { cat "$work/$module-javadoc.log" >&2; echo "[api-javadoc] FAILED: javadoc on $module" >&2; exit 1; }
  echo "[api-javadoc] $module: javadoc with doclint, no warnings"
}

check dsl-annotations src/main/java dev.netc.annotations "$@"
check npz src/main/java dev.netc.npz "$@"
check runtime src/main/java:target/generated-sources/float dev.netc "$@"
check plots src/main/java dev.netc.plots "$@"
check spark src/main/java dev.netc.spark "$@"
