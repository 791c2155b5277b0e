// The bodies of the functions declared in dense_products_eigen.h, for namespace BPS_EIGEN_NS.
// Included once by each of dense_products_baseline.cpp and dense_products_avx2.cpp, nowhere else.

#include <Eigen/Core>

#include "core/kernels/dense_products_eigen.h"

namespace bps::BPS_EIGEN_NS {
namespace {

template <typename T>
using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <typename T>
using Strided = Eigen::Map<const Matrix<T>, 0, Eigen::OuterStride<>>;
template <typename T>
using Const = Eigen::Map<const Matrix<T>>;
template <typename T>
using Out = Eigen::Map<Matrix<T>>;

template <typename T>
void multiplyImpl(const T* a, Index lda, const T* b, T* c, Index m, Index k, Index n) {
    Out<T>(c, m, n).noalias() = Strided<T>(a, m, k, Eigen::OuterStride<>(lda)) * Const<T>(b, k, n);
}

template <typename T>
void transposedLeftImpl(const T* a, Index lda, const T* d, T* g, Index m, Index k, Index n) {
    Out<T>(g, k, n).noalias() =
        Strided<T>(a, m, k, Eigen::OuterStride<>(lda)).transpose() * Const<T>(d, m, n);
}

template <typename T>
void transposedRightImpl(const T* d, const T* w, T* p, Index m, Index k, Index n) {
    Out<T>(p, m, k).noalias() = Const<T>(d, m, n) * Const<T>(w, k, n).transpose();
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
void multiplyTransposedRight(const float* d, const float* w, float* p, Index m, Index k, Index n) {
    transposedRightImpl(d, w, p, m, k, n);
}
void multiplyTransposedRight(const double* d, const double* w, double* p, Index m, Index k,
                             Index n) {
    transposedRightImpl(d, w, p, m, k, n);
}

}  // namespace bps::BPS_EIGEN_NS
