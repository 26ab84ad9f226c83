#!/bin/sh
# Compiles netc_blas.c into libnetcblas.so for the zero-copy OpenBLAS backend (dev.netc.runtime
# .OpenBlas). Run by Maven (runtime/pom.xml, profile native-linux-x86_64) with:
#   build-native.sh <java.home> <source file> <output .so>
# A missing gcc or JNI headers is not an error: the build goes on without the library and the
# runtime then uses jblas (Blas.backend() says why). Set NETC_SKIP_NATIVE=1 to skip on purpose,
# NETC_VERBOSE=1 to hear about a successful build.
set -eu
java_home=$1
source=$2
output=$3
if [ "${NETC_SKIP_NATIVE:-}" = 1 ]; then
  echo "[netc] NETC_SKIP_NATIVE=1: not building $output; the runtime will use jblas"
  exit 0
fi
cc=${CC:-gcc}
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "[netc] WARNING: $cc not found: not building $output; the runtime will use jblas"
  exit 0
fi
if [ ! -f "$java_home/include/jni.h" ]; then
  echo "[netc] WARNING: no $java_home/include/jni.h (a JRE, not a JDK?): not building $output;" \
    "the runtime will use jblas"
  exit 0
fi
if [ -f "$output" ] && [ "$output" -nt "$source" ] && [ "$output" -nt "$0" ]; then
  exit 0 # up to date
fi
mkdir -p "$(dirname "$output")"
# Build next to the target and rename: a JVM running tests from target/classes while another
# build runs must never see a half-written library.
tmp="$output.tmp.$$"
trap 'rm -f "$tmp"' EXIT
# -ldl: glibc < 2.34 keeps dlopen in libdl. No OpenBLAS at link time: it is dlopen()ed.
"$cc" -std=c99 -O3 -fPIC -shared -Wall -Wextra -Werror -s \
  -I"$java_home/include" -I"$java_home/include/linux" \
  -o "$tmp" "$source" -ldl
mv -f "$tmp" "$output"
# Quiet on success: the samples command's output should start with the samples.
if [ "${NETC_VERBOSE:-}" = 1 ]; then
  echo "[netc] built $output"
fi
