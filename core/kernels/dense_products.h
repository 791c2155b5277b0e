#pragma once
// The three matrix products of a dense layer's forward and backward pass, on column-major
// arrays. Small products (HTRU2's 8-16-1 layers) run as plain loops in dense_kernels.cpp, where
// they get the AVX2+FMA clones; bigger ones go to Eigen's GEMM, compiled twice (baseline SSE2
// and AVX2+FMA, see dense_products_eigen.h) and chosen once at run time by the CPU. Which path a
// product takes depends on its shape only, so a given seed gives the same results every run.

#include <cstddef>

#include "core/math/activation.h"

namespace bps::products {

using Index = std::ptrdiff_t;

// c (m x n, leading dimension m) = a (m x k, leading dimension lda) * b (k x n, contiguous).
void multiply(const float* a, Index lda, const float* b, float* c, Index m, Index k, Index n);
void multiply(const double* a, Index lda, const double* b, double* c, Index m, Index k, Index n);

// g (k x n) = a^T * d with a (m x k, leading dimension lda) and d (m x n): a weight gradient.
void multiplyTransposedLeft(const float* a, Index lda, const float* d, float* g, Index m, Index k,
                            Index n);
void multiplyTransposedLeft(const double* a, Index lda, const double* d, double* g, Index m,
                            Index k, Index n);

// p (m x k) = (d (m x n) * w^T) .* f'(act), w (k x n), act (m x k) the previous layer's
// output and f its activation: the delta handed back to the previous layer.
void backDelta(const float* d, const float* w, const float* act, Activation f, float* p, Index m,
               Index k, Index n);
void backDelta(const double* d, const double* w, const double* act, Activation f, double* p,
               Index m, Index k, Index n);

// Whether this build picked the AVX2+FMA compilation of the Eigen products (for `bench`).
bool eigenProductsUseAvx2();

}  // namespace bps::products
