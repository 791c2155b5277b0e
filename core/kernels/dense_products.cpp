#include "core/kernels/dense_products.h"

#include "core/kernels/dense_kernels.h"
#include "core/kernels/dense_products_eigen.h"

// A portable x86-64 build carries Eigen's products twice and calls the AVX2+FMA compilation on
// CPUs that have it. A native build (already AVX2) and BPS_NO_CLONES builds (sanitizers) use the
// one compilation of the build's own target.
#if defined(BPS_HAVE_EIGEN_AVX2) && defined(__x86_64__) && defined(__GNUC__) && \
    !defined(__AVX2__) && !defined(BPS_NO_CLONES)
#define BPS_DISPATCH_EIGEN 1
#endif

namespace bps::products {
namespace {

// Products whose small operand (the weights: k x n) has at most this many entries run as plain
// loops: there Eigen's GEMM spends more on packing and blocking than on arithmetic (HTRU2's
// 8x16 layer, any layer with one output). Bigger ones are GEMM's home ground.
constexpr Index kSmallWeights = 256;

bool small(Index k, Index n) { return k * n <= kSmallWeights; }

bool useAvx2() {
#ifdef BPS_DISPATCH_EIGEN
    static const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return avx2;
#else
    return false;
#endif
}

template <typename T>
void multiplyImpl(const T* a, Index lda, const T* b, T* c, Index m, Index k, Index n) {
    if (small(k, n))
        kernels::smallMultiply(a, lda, b, 1, k, c, m, k, n, static_cast<const T*>(nullptr),
                               Activation::Identity);
    else if (useAvx2())
        eigen_avx2::multiply(a, lda, b, c, m, k, n);
    else
        eigen_baseline::multiply(a, lda, b, c, m, k, n);
}

template <typename T>
void transposedLeftImpl(const T* a, Index lda, const T* d, T* g, Index m, Index k, Index n) {
    if (small(k, n))
        kernels::smallTransposedLeft(a, lda, d, g, m, k, n);
    else if (useAvx2())
        eigen_avx2::multiplyTransposedLeft(a, lda, d, g, m, k, n);
    else
        eigen_baseline::multiplyTransposedLeft(a, lda, d, g, m, k, n);
}

template <typename T>
void backDeltaImpl(const T* d, const T* w, const T* act, Activation f, T* p, Index m, Index k,
                   Index n) {
    // p = d * w^T: the inner dimension is n, and B(j, q) = w(q, j) = w[q + j * k].
    if (small(k, n)) {
        kernels::smallMultiply(d, m, w, k, 1, p, m, n, k, act, f);
        return;
    }
    if (useAvx2())
        eigen_avx2::multiplyTransposedRight(d, w, p, m, k, n);
    else
        eigen_baseline::multiplyTransposedRight(d, w, p, m, k, n);
    kernels::multiplyByDerivative(p, act, m * k, f);
}

}  // namespace

void multiply(const float* a, Index lda, const float* b, float* c, Index m, Index k, Index n) {
    multiplyImpl(a, lda, b, c, m, k, n);
}
void multiply(const double* a, Index lda, const double* b, double* c, Index m, Index k, Index n) {
    multiplyImpl(a, lda, b, c, m, k, n);
}
void multiplyTransposedLeft(const float* a, Index lda, const float* d, float* g, Index m, Index k,
                            Index n) {
    transposedLeftImpl(a, lda, d, g, m, k, n);
}
void multiplyTransposedLeft(const double* a, Index lda, const double* d, double* g, Index m,
                            Index k, Index n) {
    transposedLeftImpl(a, lda, d, g, m, k, n);
}
void backDelta(const float* d, const float* w, const float* act, Activation f, float* p, Index m,
               Index k, Index n) {
    backDeltaImpl(d, w, act, f, p, m, k, n);
}
void backDelta(const double* d, const double* w, const double* act, Activation f, double* p,
               Index m, Index k, Index n) {
    backDeltaImpl(d, w, act, f, p, m, k, n);
}

bool eigenProductsUseAvx2() { return useAvx2(); }

}  // namespace bps::products
