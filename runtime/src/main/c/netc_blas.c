/*
 * netc's zero-copy bridge from Java double[] and float[] to OpenBLAS's cblas_dgemm and
 * cblas_sgemm.
 *
 * jblas's JNI glue copies every whole array in and out on every call (GetDoubleArrayElements);
 * this shim pins the arrays instead (GetPrimitiveArrayCritical: the JVM hands out the heap
 * address, no copy) for the duration of one cblas_dgemm or cblas_sgemm. Nothing else happens
 * inside the critical region: no JNI calls, no allocation, no callbacks into Java.
 *
 * OpenBLAS is not linked at build time: Java extracts libopenblas.so.0 (from
 * org.bytedeco:openblas:<v>:linux-x86_64) and passes its path to init(), which dlopen()s it
 * RTLD_LOCAL (so its symbols never interpose on jblas's private OpenBLAS copy) and resolves the
 * few entry points by dlsym. Built by runtime/src/main/c/build-native.sh during the Maven build.
 *
 * Bounds are checked on the Java side (dev.netc.runtime.internal.Blas) before any call reaches
 * here.
 */
#define _POSIX_C_SOURCE 200112L /* setenv, unsetenv under -std=c99 */
#include <dlfcn.h>
#include <jni.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

/* CBLAS enum values, fixed by the CBLAS standard; declared here so no cblas.h is needed. */
enum { NETC_COL_MAJOR = 102, NETC_NO_TRANS = 111, NETC_TRANS = 112 };

typedef void (*dgemm_fn)(int order, int transa, int transb, int m, int n, int k, double alpha,
                         const double *a, int lda, const double *b, int ldb, double beta,
                         double *c, int ldc);
typedef void (*sgemm_fn)(int order, int transa, int transb, int m, int n, int k, float alpha,
                         const float *a, int lda, const float *b, int ldb, float beta, float *c,
                         int ldc);
typedef char *(*string_fn)(void);
typedef int (*get_int_fn)(void);
typedef void (*set_int_fn)(int);

static dgemm_fn dgemm;
static sgemm_fn sgemm;
static string_fn get_corename;
static string_fn get_config;
static get_int_fn get_num_threads;
static set_int_fn set_num_threads;

static jstring message(JNIEnv *env, const char *prefix, const char *detail) {
  char buffer[1024];
  size_t n = 0;
  for (const char *p = prefix; *p && n < sizeof buffer - 1; p++) buffer[n++] = *p;
  for (const char *p = detail ? detail : "(no detail)"; *p && n < sizeof buffer - 1; p++) {
    buffer[n++] = *p;
  }
  buffer[n] = 0;
  return (*env)->NewStringUTF(env, buffer);
}

/*
 * Returns null on success, else a message saying what failed. timeout > 0: OpenBLAS's
 * OPENBLAS_THREAD_TIMEOUT for this process unless the environment already sets it. OpenBLAS reads
 * it only while it initialises, inside dlopen, so it is set just for the dlopen and then removed
 * again: the environment ends as it was.
 */
JNIEXPORT jstring JNICALL Java_dev_netc_runtime_internal_OpenBlas_init(JNIEnv *env, jclass cls,
                                                             jstring path, jint timeout) {
  (void)cls;
  const char *file = (*env)->GetStringUTFChars(env, path, NULL);
  if (file == NULL) return NULL; /* OutOfMemoryError pending */
  int set = 0;
  if (timeout > 0 && getenv("OPENBLAS_THREAD_TIMEOUT") == NULL) {
    char value[16];
    snprintf(value, sizeof value, "%d", (int)timeout);
    set = setenv("OPENBLAS_THREAD_TIMEOUT", value, 0) == 0;
  }
  void *handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (set) unsetenv("OPENBLAS_THREAD_TIMEOUT");
  (*env)->ReleaseStringUTFChars(env, path, file);
  if (handle == NULL) return message(env, "dlopen failed: ", dlerror());
  dgemm_fn d = (dgemm_fn)dlsym(handle, "cblas_dgemm");
  if (d == NULL) return message(env, "dlsym(cblas_dgemm) failed: ", dlerror());
  sgemm_fn f = (sgemm_fn)dlsym(handle, "cblas_sgemm");
  if (f == NULL) return message(env, "dlsym(cblas_sgemm) failed: ", dlerror());
  get_corename = (string_fn)dlsym(handle, "openblas_get_corename");
  get_config = (string_fn)dlsym(handle, "openblas_get_config");
  get_num_threads = (get_int_fn)dlsym(handle, "openblas_get_num_threads");
  set_num_threads = (set_int_fn)dlsym(handle, "openblas_set_num_threads");
  dgemm = d;
  sgemm = f;
  return NULL;
}

JNIEXPORT jstring JNICALL Java_dev_netc_runtime_internal_OpenBlas_corename(JNIEnv *env,
                                                                        jclass cls) {
  (void)cls;
  return get_corename == NULL ? NULL : (*env)->NewStringUTF(env, get_corename());
}

JNIEXPORT jstring JNICALL Java_dev_netc_runtime_internal_OpenBlas_config(JNIEnv *env, jclass cls) {
  (void)cls;
  return get_config == NULL ? NULL : (*env)->NewStringUTF(env, get_config());
}

JNIEXPORT jint JNICALL Java_dev_netc_runtime_internal_OpenBlas_numThreads(JNIEnv *env, jclass cls) {
  (void)env;
  (void)cls;
  return get_num_threads == NULL ? -1 : get_num_threads();
}

JNIEXPORT void JNICALL Java_dev_netc_runtime_internal_OpenBlas_setNumThreads(JNIEnv *env,
                                                                           jclass cls, jint n) {
  (void)env;
  (void)cls;
  if (set_num_threads != NULL) set_num_threads(n);
}

/* C = alpha*op(A)*op(B) + beta*C, column-major, with element offsets into the arrays. */
JNIEXPORT void JNICALL Java_dev_netc_runtime_internal_OpenBlas_dgemm(
    JNIEnv *env, jclass cls, jboolean ta, jboolean tb, jint m, jint n, jint k, jdouble alpha,
    jdoubleArray a, jint aOffset, jint lda, jdoubleArray b, jint bOffset, jint ldb, jdouble beta,
    jdoubleArray c, jint cOffset, jint ldc) {
  (void)cls;
  double *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  if (pa == NULL) return;
  double *pb = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
  if (pb == NULL) {
    (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    return;
  }
  double *pc = (*env)->GetPrimitiveArrayCritical(env, c, NULL);
  if (pc == NULL) {
    (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
    (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    return;
  }
  dgemm(NETC_COL_MAJOR, ta ? NETC_TRANS : NETC_NO_TRANS, tb ? NETC_TRANS : NETC_NO_TRANS, m, n, k,
        alpha, pa + aOffset, lda, pb + bOffset, ldb, beta, pc + cOffset, ldc);
  /* Release in reverse order; A and B were only read (JNI_ABORT: nothing to copy back even if
   * the JVM had made a copy). */
  (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
  (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
  (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
}

/* ..._OpenBlas_dgemm in single precision; the same pinning and release order. */
JNIEXPORT void JNICALL Java_dev_netc_runtime_internal_OpenBlas_sgemm(
    JNIEnv *env, jclass cls, jboolean ta, jboolean tb, jint m, jint n, jint k, jfloat alpha,
    jfloatArray a, jint aOffset, jint lda, jfloatArray b, jint bOffset, jint ldb, jfloat beta,
    jfloatArray c, jint cOffset, jint ldc) {
  (void)cls;
  float *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  if (pa == NULL) return;
  float *pb = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
  if (pb == NULL) {
    (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    return;
  }
  float *pc = (*env)->GetPrimitiveArrayCritical(env, c, NULL);
  if (pc == NULL) {
    (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
    (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    return;
  }
  sgemm(NETC_COL_MAJOR, ta ? NETC_TRANS : NETC_NO_TRANS, tb ? NETC_TRANS : NETC_NO_TRANS, m, n, k,
        alpha, pa + aOffset, lda, pb + bOffset, ldb, beta, pc + cOffset, ldc);
  (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
  (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
  (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
}
