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

/*
 * Products with few columns of C (one example, a small batch) or a small inner size (a rank-k
 * update, dZ*A^T over a small batch), on the caller's thread: C = alpha*op(A)*op(B) + beta*C,
 * column-major. OpenBLAS would pack the operands (about 26 us for a 256x784 by 784x1 product)
 * or wake its threads; these loops stream op(A) once through the cache and are vectorized by
 * gcc, in a clone per instruction set picked when the library loads (target_clones: AVX-512,
 * AVX2 with FMA, baseline SSE2). Without -ffast-math the compiler keeps the order of every sum,
 * so each clone gives the same bits on every call; the clones may differ from each other (FMA).
 *
 * op(A) = A: C(:, j) += op(A)(:, l..l+3) * (alpha*op(B)(l..l+3, j)), four columns of A per pass
 * over a block of rows of C small enough for the level-1 cache, for four columns of C at a time
 * (each loaded entry of A used four times: 45 GFLOP/s on 128x256 by 256x4 against 28 one column
 * at a time), each column of A used for all the columns of C while it is there. op(A) = A^T:
 * each C(i, j) is a dot product of two contiguous columns, summed in 32 lanes (independent chains
 * the vector units run side by side) that are then added in a fixed tree order.
 */
#define NETC_FEW_ROWS 512
#define NETC_FEW_LANES 32
#define NETC_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#define NETC_FEW(T, NAME)                                                                    \
  NETC_CLONES static void NAME(int ta, int tb, int m, int n, int k, T alpha,                 \
                               const T *restrict a, int lda, const T *restrict b, int ldb,   \
                               T beta, T *restrict c, int ldc) {                             \
    /* op(B)(l, j) */                                                                        \
    size_t bl = tb ? (size_t)ldb : 1, bj = tb ? 1 : (size_t)ldb;                             \
    for (int j = 0; j < n; j++) {                                                            \
      T *restrict cj = c + (size_t)j * ldc;                                                  \
      if (beta == 0) {                                                                       \
        for (int i = 0; i < m; i++) cj[i] = 0;                                               \
      } else if (beta != 1) {                                                                \
        for (int i = 0; i < m; i++) cj[i] *= beta;                                           \
      }                                                                                      \
    }                                                                                        \
    if (alpha == 0 || k == 0) return;                                                        \
    if (!ta) {                                                                               \
      for (int i0 = 0; i0 < m; i0 += NETC_FEW_ROWS) {                                        \
        int h = m - i0 < NETC_FEW_ROWS ? m - i0 : NETC_FEW_ROWS;                             \
        int l = 0;                                                                           \
        for (; l + 4 <= k; l += 4) {                                                         \
          const T *restrict a0 = a + (size_t)l * lda + i0;                                   \
          const T *restrict a1 = a0 + lda;                                                   \
          const T *restrict a2 = a1 + lda;                                                   \
          const T *restrict a3 = a2 + lda;                                                   \
          int j = 0;                                                                         \
          for (; j + 4 <= n; j += 4) { /* four columns of C per pass: each a(i) used 4 times */ \
            const T *bp = b + l * bl + j * bj;                                               \
            T s00 = alpha * bp[0], s01 = alpha * bp[bl], s02 = alpha * bp[2 * bl],           \
              s03 = alpha * bp[3 * bl];                                                      \
            T s10 = alpha * bp[bj], s11 = alpha * bp[bj + bl], s12 = alpha * bp[bj + 2 * bl], \
              s13 = alpha * bp[bj + 3 * bl];                                                 \
            T s20 = alpha * bp[2 * bj], s21 = alpha * bp[2 * bj + bl],                       \
              s22 = alpha * bp[2 * bj + 2 * bl], s23 = alpha * bp[2 * bj + 3 * bl];          \
            T s30 = alpha * bp[3 * bj], s31 = alpha * bp[3 * bj + bl],                       \
              s32 = alpha * bp[3 * bj + 2 * bl], s33 = alpha * bp[3 * bj + 3 * bl];          \
            T *restrict c0 = c + (size_t)j * ldc + i0;                                       \
            T *restrict c1 = c0 + ldc;                                                       \
            T *restrict c2 = c1 + ldc;                                                       \
            T *restrict c3 = c2 + ldc;                                                       \
            for (int i = 0; i < h; i++) {                                                    \
              T w0 = a0[i], w1 = a1[i], w2 = a2[i], w3 = a3[i];                              \
              c0[i] = c0[i] + s00 * w0 + s01 * w1 + s02 * w2 + s03 * w3;                     \
              c1[i] = c1[i] + s10 * w0 + s11 * w1 + s12 * w2 + s13 * w3;                     \
              c2[i] = c2[i] + s20 * w0 + s21 * w1 + s22 * w2 + s23 * w3;                     \
              c3[i] = c3[i] + s30 * w0 + s31 * w1 + s32 * w2 + s33 * w3;                     \
            }                                                                                \
          }                                                                                  \
          for (; j < n; j++) {                                                               \
            const T *bp = b + l * bl + j * bj;                                               \
            T s0 = alpha * bp[0], s1 = alpha * bp[bl], s2 = alpha * bp[2 * bl],              \
              s3 = alpha * bp[3 * bl];                                                       \
            T *restrict cj = c + (size_t)j * ldc + i0;                                       \
            for (int i = 0; i < h; i++) {                                                    \
              cj[i] = cj[i] + s0 * a0[i] + s1 * a1[i] + s2 * a2[i] + s3 * a3[i];             \
            }                                                                                \
          }                                                                                  \
        }                                                                                    \
        for (; l < k; l++) {                                                                 \
          const T *restrict a0 = a + (size_t)l * lda + i0;                                   \
          for (int j = 0; j < n; j++) {                                                      \
            T s0 = alpha * b[l * bl + j * bj];                                               \
            T *restrict cj = c + (size_t)j * ldc + i0;                                       \
            for (int i = 0; i < h; i++) cj[i] = cj[i] + s0 * a0[i];                          \
          }                                                                                  \
        }                                                                                    \
      }                                                                                      \
      return;                                                                                \
    }                                                                                        \
    for (int i = 0; i < m; i++) {                                                            \
      const T *restrict ai = a + (size_t)i * lda;                                            \
      for (int j = 0; j < n; j++) {                                                          \
        const T *bp = b + j * bj;                                                            \
        T acc[NETC_FEW_LANES] = {0};                                                         \
        int l = 0;                                                                           \
        if (bl == 1) {                                                                       \
          for (; l + NETC_FEW_LANES <= k; l += NETC_FEW_LANES) {                             \
            for (int t = 0; t < NETC_FEW_LANES; t++) acc[t] += ai[l + t] * bp[l + t];        \
          }                                                                                  \
        }                                                                                    \
        for (int w = NETC_FEW_LANES / 2; w >= 1; w /= 2) {                                   \
          for (int t = 0; t < w; t++) acc[t] += acc[t + w];                                  \
        }                                                                                    \
        T s = acc[0];                                                                        \
        for (; l < k; l++) s += ai[l] * bp[l * bl];                                          \
        c[i + (size_t)j * ldc] += alpha * s;                                                 \
      }                                                                                      \
    }                                                                                        \
  }

NETC_FEW(double, few_d)
NETC_FEW(float, few_f)

/* OpenBLAS's cblas_dgemm and cblas_sgemm, in the argument order of few_d and few_f. */
#define NETC_CBLAS(T, NAME, GEMM)                                                            \
  static void NAME(int ta, int tb, int m, int n, int k, T alpha, const T *a, int lda,        \
                   const T *b, int ldb, T beta, T *c, int ldc) {                             \
    GEMM(NETC_COL_MAJOR, ta ? NETC_TRANS : NETC_NO_TRANS, tb ? NETC_TRANS : NETC_NO_TRANS, m, \
         n, k, alpha, a, lda, b, ldb, beta, c, ldc);                                         \
  }

NETC_CBLAS(double, blas_d, dgemm)
NETC_CBLAS(float, blas_s, sgemm)

/*
 * The JNI entry points: C = alpha*op(A)*op(B) + beta*C, column-major, with element offsets into
 * the arrays, by RUN on the pinned arrays. A, B and C are pinned in that order and released in
 * reverse order; A and B were only read (JNI_ABORT: nothing to copy back even if the JVM had
 * made a copy). A pin that fails leaves an OutOfMemoryError pending: what was pinned is released
 * and nothing runs.
 */
#define NETC_PINNED(JNAME, T, JT, JARRAY, RUN)                                                 \
  JNIEXPORT void JNICALL Java_dev_netc_runtime_internal_OpenBlas_##JNAME(                      \
      JNIEnv *env, jclass cls, jboolean ta, jboolean tb, jint m, jint n, jint k, JT alpha,      \
      JARRAY a, jint aOffset, jint lda, JARRAY b, jint bOffset, jint ldb, JT beta, JARRAY c,   \
      jint cOffset, jint ldc) {                                                                 \
    (void)cls;                                                                                 \
    T *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);                                   \
    if (pa == NULL) return;                                                                    \
    T *pb = (*env)->GetPrimitiveArrayCritical(env, b, NULL);                                   \
    if (pb == NULL) {                                                                          \
      (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);                            \
      return;                                                                                  \
    }                                                                                          \
    T *pc = (*env)->GetPrimitiveArrayCritical(env, c, NULL);                                   \
    if (pc == NULL) {                                                                          \
      (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);                            \
      (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);                            \
      return;                                                                                  \
    }                                                                                          \
    RUN(ta, tb, m, n, k, alpha, pa + aOffset, lda, pb + bOffset, ldb, beta, pc + cOffset, ldc); \
    (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);                                      \
    (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);                              \
    (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);                              \
  }

NETC_PINNED(dgemm, double, jdouble, jdoubleArray, blas_d)
NETC_PINNED(sgemm, float, jfloat, jfloatArray, blas_s)
NETC_PINNED(dgemmFew, double, jdouble, jdoubleArray, few_d)
NETC_PINNED(sgemmFew, float, jfloat, jfloatArray, few_f)
