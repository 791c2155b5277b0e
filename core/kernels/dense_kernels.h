#pragma once
// The element-wise work of a training step, fused into single passes over the data: bias plus
// activation after a layer's matrix product, and the binary/regression loss with its gradient;
// and the small matrix products (dense_products.cpp sends the big ones to Eigen). These are the
// parts where a plain Eigen expression makes two or three passes, calls an unvectorised
// function (tanh, exp, log1p), or spends more on GEMM's packing than on the arithmetic.
//
// On x86-64 each kernel is compiled twice (baseline SSE2 and AVX2+FMA) and picked at load time
// by the CPU it runs on, so the portable build gets the wide vectors too. Same CPU, same
// results: the choice never changes between runs.

#include <cstddef>

#include "core/math/activation.h"

namespace bps::kernels {

// z (rows x units, column-major with leading dimension ld) := activation(z + bias), row-wise
// broadcast of bias (units). Softmax is not handled here (see activateInPlace).
void biasActivate(float* z, std::ptrdiff_t rows, std::ptrdiff_t units, std::ptrdiff_t ld,
                  const float* bias, Activation activation);
void biasActivate(double* z, std::ptrdiff_t rows, std::ptrdiff_t units, std::ptrdiff_t ld,
                  const double* bias, Activation activation);

// Binary cross-entropy from logits z against y (0/1), summed with optional weights w (null: all
// ones). When delta is not null it receives scale * w * (sigmoid(z) - y), the loss gradient.
float binaryLoss(const float* z, const float* y, const float* w, std::ptrdiff_t n, float scale,
                 float* delta);
double binaryLoss(const double* z, const double* y, const double* w, std::ptrdiff_t n, double scale,
                  double* delta);

// Squared error (z - y)^2, the same way; delta = scale * w * 2 (z - y).
float squaredError(const float* z, const float* y, const float* w, std::ptrdiff_t n, float scale,
                   float* delta);
double squaredError(const double* z, const double* y, const double* w, std::ptrdiff_t n,
                    double scale, double* delta);

// Squared norms for the per-step health of one layer: of its gradient g, of its update
// (after - before) and of its parameters before the update.
struct StepNorms {
    double gradient = 0, update = 0, before = 0;
};
StepNorms stepNorms(const float* g, const float* before, const float* after, std::ptrdiff_t n);

// Small matrix products (dense_products.cpp decides when; see there): float on eight-row
// vectors (float_kernels.cpp), double as plain loops. Each sum runs over the inner
// dimension in a fixed order; the AVX2 clone fuses multiply and add, so
// its last bits may differ from the baseline clone's, but one CPU always runs the same one.
// c (m x n) = A * B with A (m x k, leading dimension lda) and B(p, j) = b[p * bRow + j * bCol]
// (b itself, bRow = 1 and bCol = k, or a transposed matrix). With act not null, c is then
// multiplied element-wise by f'(act) (act: m x n, the output of activation f), which fuses the
// backward pass's derivative into its product.
void smallMultiply(const float* a, std::ptrdiff_t lda, const float* b, std::ptrdiff_t bRow,
                   std::ptrdiff_t bCol, float* c, std::ptrdiff_t m, std::ptrdiff_t k,
                   std::ptrdiff_t n, const float* act, Activation f);
void smallMultiply(const double* a, std::ptrdiff_t lda, const double* b, std::ptrdiff_t bRow,
                   std::ptrdiff_t bCol, double* c, std::ptrdiff_t m, std::ptrdiff_t k,
                   std::ptrdiff_t n, const double* act, Activation f);
// g (k x n) = a^T * d, a (m x k, leading dimension lda), d (m x n).
void smallTransposedLeft(const float* a, std::ptrdiff_t lda, const float* d, float* g,
                         std::ptrdiff_t m, std::ptrdiff_t k, std::ptrdiff_t n);
void smallTransposedLeft(const double* a, std::ptrdiff_t lda, const double* d, double* g,
                         std::ptrdiff_t m, std::ptrdiff_t k, std::ptrdiff_t n);
// c (n values) *= f'(act), act the output of activation f.
void multiplyByDerivative(float* c, const float* act, std::ptrdiff_t n, Activation f);
void multiplyByDerivative(double* c, const double* act, std::ptrdiff_t n, Activation f);

// dst (count x features, column-major) := the rows order[0..count) of src (row-major,
// `features` wide): a shuffled mini-batch. With `values` not null, also
// valuesDst[i] := values[order[i]] (the targets), and the same for `weights` (sample weights).
void gatherRows(const float* src, std::ptrdiff_t features, const std::ptrdiff_t* order,
                std::ptrdiff_t count, float* dst, const float* values = nullptr,
                float* valuesDst = nullptr, const float* weights = nullptr,
                float* weightsDst = nullptr);

// out[j] := the sum of column j of d (m x n, column-major): a bias gradient.
void columnSums(const float* d, std::ptrdiff_t m, std::ptrdiff_t n, float* out);
void columnSums(const double* d, std::ptrdiff_t m, std::ptrdiff_t n, double* out);

// Number of the n values with |a| > limit (tanh saturation), or a < low || a > high (sigmoid).
std::ptrdiff_t countOutside(const float* a, std::ptrdiff_t n, float low, float high);

}  // namespace bps::kernels
