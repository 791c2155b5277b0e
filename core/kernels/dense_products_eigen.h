#pragma once
// Eigen's GEMM behind plain-pointer functions, compiled twice: dense_products_baseline.cpp for
// the x86-64 baseline (SSE2) and dense_products_avx2.cpp with -mavx2 -mfma. Eigen picks its
// kernels at compile time, so a portable build would otherwise run SSE2 GEMM on every CPU.
// This header must not include Eigen: the AVX2 file renames Eigen's namespace (see there).

#include <cstddef>

#define BPS_DECLARE_EIGEN_PRODUCTS(NS)                                                             \
    namespace bps::NS {                                                                            \
    using Index = std::ptrdiff_t;                                                                  \
    /* c (m x n) = a (m x k, leading dimension lda) * b (k x n) */                                 \
    void multiply(const float* a, Index lda, const float* b, float* c, Index m, Index k, Index n); \
    void multiply(const double* a, Index lda, const double* b, double* c, Index m, Index k,        \
                  Index n);                                                                        \
    /* g (k x n) = a^T (a: m x k, leading dimension lda) * d (m x n) */                            \
    void multiplyTransposedLeft(const float* a, Index lda, const float* d, float* g, Index m,      \
                                Index k, Index n);                                                 \
    void multiplyTransposedLeft(const double* a, Index lda, const double* d, double* g, Index m,   \
                                Index k, Index n);                                                 \
    /* p (m x k) = d (m x n) * w^T (w: k x n) */                                                   \
    void multiplyTransposedRight(const float* d, const float* w, float* p, Index m, Index k,       \
                                 Index n);                                                         \
    void multiplyTransposedRight(const double* d, const double* w, double* p, Index m, Index k,    \
                                 Index n);                                                         \
    }

BPS_DECLARE_EIGEN_PRODUCTS(eigen_baseline)
BPS_DECLARE_EIGEN_PRODUCTS(eigen_avx2)
