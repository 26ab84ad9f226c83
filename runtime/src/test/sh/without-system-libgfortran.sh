#!/usr/bin/env bash
# Proves that netc's native BLAS loads on a machine without the system libgfortran.so.5.
#
# jblas's libjblas.so needs libgfortran.so.5; netc loads the copy bundled in
# org.bytedeco:openblas:<v>:linux-x86_64 first (see NativeLibraries). To show that nothing else
# is used, this script hides every system libgfortran.so.5* (found by `ldconfig -p` and under the
# usual library directories and $LD_LIBRARY_PATH) by bind-mounting an empty file over it in a
# private mount namespace (unshare), then runs dev.netc.runtime.internal.NativeCheck there: it
# prints where each library was loaded from, which BLAS backend Blas.gemm selects, and compares a
# native dgemm on each backend (jblas and, where built, zero-copy OpenBLAS, which needs
# libgfortran.so.5 too) with plain Java loops. Extra JVM options (e.g. -Dnetc.blas=jblas) go in $NETC_JAVA_OPTS.
#
# Usage: without-system-libgfortran.sh [runtime-class-path]
#   Without an argument the class path is runtime/target/classes plus the runtime dependencies
#   from `mvn dependency:build-classpath` (build first: mvn -pl runtime -am install -DskipTests).
# Exit status: 0 proven; 1 NativeCheck failed or the hiding did not work; 2 usage or build
# problem; 3 cannot prove (no private mount namespace allowed and a system libgfortran exists).
set -euo pipefail

# NativeCheck passed; also demand the bundled libgfortran, both backends checked (unless the
# runtime was built without gcc, which the output then says) and name the backend in use.
check_output() {
  if ! grep -q '^  libgfortran.so.5: .*(bundled in org.bytedeco:openblas' <<<"$1"; then
    echo "NativeCheck passed but libgfortran.so.5 did not come from the bundled copy" >&2
    exit 1
  fi
  grep -q '^OK: jblas ' <<<"$1" || { echo "jblas was not checked" >&2; exit 1; }
  if grep -q '^zero-copy OpenBLAS backend unavailable: ' <<<"$1"; then
    echo "note: only jblas was checked; $(grep '^zero-copy OpenBLAS backend unavailable' <<<"$1")"
  else
    grep -q '^OK: openblas ' <<<"$1" || { echo "openblas was not checked" >&2; exit 1; }
  fi
  echo "PROVEN: $(grep '^backend in use: ' <<<"$1")"
}

if [ "${1:-}" = "--inside" ]; then
  # Runs inside the private mount namespace: hide, verify, run.
  shift
  cp=$1
  java=$2
  shift 2
  empty=$(mktemp)
  for f in "$@"; do
    mount --bind "$empty" "$f"
  done
  for f in "$@"; do
    if [ -s "$f" ]; then
      echo "hiding failed: $f still has content" >&2
      exit 1
    fi
    echo "hidden: $f"
  done
  status=0
  out=$("$java" ${NETC_JAVA_OPTS:-} -cp "$cp" dev.netc.runtime.internal.NativeCheck) || status=$?
  echo "$out"
  [ "$status" = 0 ] || exit "$status"
  check_output "$out"
  exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
java=$(command -v "${JAVA:-java}") || { echo "no java on PATH" >&2; exit 2; }
self="$here/$(basename "$0")"

if [ $# -ge 1 ]; then
  cp=$1
else
  if [ ! -f "$root/runtime/target/classes/dev/netc/runtime/internal/NativeCheck.class" ]; then
    echo "runtime is not built: cd $root && mvn -q -pl runtime -am install -DskipTests" >&2
    exit 2
  fi
  deps=$(mktemp)
  trap 'rm -f "$deps"' EXIT
  mvn -q -f "$root/pom.xml" -pl runtime dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$deps" >&2
  cp="$root/runtime/target/classes:$(cat "$deps")"
fi

# Every system libgfortran.so.5*, resolved to the real file (a bind mount over a symlink lands
# on its target anyway).
mapfile -t found < <(
  {
    ldconfig -p 2>/dev/null | awk '/libgfortran\.so\.5/ { print $NF }' || true
    IFS=: read -ra extra <<<"${LD_LIBRARY_PATH:-}"
    for d in /usr/lib /lib /usr/lib64 /lib64 /usr/local/lib "${extra[@]}"; do
      [ -n "$d" ] && [ -d "$d" ] || continue
      find "$d/" -name 'libgfortran.so.5*' \( -type f -o -type l \) 2>/dev/null || true
    done
  } | while read -r f; do [ -e "$f" ] && readlink -f "$f"; done | sort -u
)
echo "system libgfortran.so.5 files: ${found[*]:-none}"

if [ "$(id -u)" = 0 ]; then
  ns=(unshare --mount --propagation private)
else
  ns=(unshare --user --map-root-user --mount --propagation private)
fi

if "${ns[@]}" true 2>/dev/null; then
  echo "running NativeCheck in a private mount namespace with those files hidden"
  exec "${ns[@]}" "$self" --inside "$cp" "$java" "${found[@]}"
fi

echo "unshare is not permitted here (${ns[*]}); falling back to a plain run"
if [ ${#found[@]} -gt 0 ]; then
  echo "cannot prove it: a system libgfortran exists (${found[*]}) and cannot be hidden" >&2
  exit 3
fi
echo "no system libgfortran exists, so a plain run is the proof"
status=0
out=$("$java" ${NETC_JAVA_OPTS:-} -cp "$cp" dev.netc.runtime.internal.NativeCheck) || status=$?
echo "$out"
[ "$status" = 0 ] || exit "$status"
check_output "$out"
