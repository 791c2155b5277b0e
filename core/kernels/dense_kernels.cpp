// Plain loops that GCC vectorises (the float small products and gather are in
// float_kernels.cpp): no branches the compiler cannot turn into selects, no calls
// (fast_math.h), sums kept in 8 independent lanes so that they vectorise without reordering
// anything the source does not say (the lanes are added in a fixed order: deterministic).
// Built with -fno-trapping-math (see CMakeLists.txt) so that the selects are allowed. The
// formulas themselves (activations, losses, derivatives) are core/math's.

#include "core/kernels/dense_kernels.h"

#include "core/kernels/clone_targets.h"
#include "core/math/loss.h"

namespace bps::kernels {
namespace {

using Index = std::ptrdiff_t;
constexpr int kLanes = 8;

template <Activation F, typename T>
inline void biasActivateColumn(T* __restrict c, Index rows, T b) {
    for (Index r = 0; r < rows; ++r) c[r] = activationForward<F>(c[r] + b);
}

template <typename T>
void biasActivateImpl(T* z, Index rows, Index units, Index ld, const T* bias, Activation a) {
    for (Index j = 0; j < units; ++j) {
        T* c = z + j * ld;
        const T b = bias[j];
        // The switch is outside the row loop so that each loop is one straight vector body.
        switch (a) {
            case Activation::Tanh:
                biasActivateColumn<Activation::Tanh>(c, rows, b);
                break;
            case Activation::Sigmoid:
                biasActivateColumn<Activation::Sigmoid>(c, rows, b);
                break;
            case Activation::Relu:
                biasActivateColumn<Activation::Relu>(c, rows, b);
                break;
            case Activation::LeakyRelu:
                biasActivateColumn<Activation::LeakyRelu>(c, rows, b);
                break;
            case Activation::Identity:
            case Activation::Softmax:
                biasActivateColumn<Activation::Identity>(c, rows, b);
                break;
        }
    }
}

// The per-sample terms of the losses the kernels sum (loss.h).
struct BinaryCrossEntropy {
    template <typename T>
    LossTerm<T> operator()(T z, T y) const {
        return binaryCrossEntropyTerm(z, y);
    }
};
struct SquaredError {
    template <typename T>
    LossTerm<T> operator()(T z, T y) const {
        return squaredErrorTerm(z, y);
    }
};

// Sums term(z_i, y_i).value (times w_i), writing scale * w_i * its gradient into delta if wanted.
template <typename T, bool kWeighted, bool kDelta, typename Term>
T lossLoop(const T* __restrict z, const T* __restrict y, const T* __restrict w, Index n, T scale,
           T* __restrict delta, Term term) {
    T lanes[kLanes] = {};
    Index i = 0;
    const auto one = [&](Index k, T& lane) {
        const LossTerm<T> t = term(z[k], y[k]);
        const T weight = kWeighted ? w[k] : T(1);
        lane += kWeighted ? weight * t.value : t.value;
        if constexpr (kDelta) delta[k] = t.gradient * (kWeighted ? weight * scale : scale);
    };
    for (; i + kLanes <= n; i += kLanes)
        for (int t = 0; t < kLanes; ++t) one(i + t, lanes[t]);
    for (int t = 0; i < n; ++i, ++t) one(i, lanes[t]);
    T total = 0;
    for (T lane : lanes) total += lane;
    return total;
}

template <typename T, typename Term>
T loss(const T* z, const T* y, const T* w, Index n, T scale, T* delta, Term term) {
    if (w)
        return delta ? lossLoop<T, true, true>(z, y, w, n, scale, delta, term)
                     : lossLoop<T, true, false>(z, y, w, n, scale, delta, term);
    return delta ? lossLoop<T, false, true>(z, y, w, n, scale, delta, term)
                 : lossLoop<T, false, false>(z, y, w, n, scale, delta, term);
}

// Column by column, in blocks of kBlock rows whose sums stay in registers across the whole
// inner dimension (an axpy per p would load and store the column k times): the rows are the
// vector lanes. The derivative is applied before the block is stored.
template <Activation F, typename T>
void smallMultiplyImpl(const T* a, Index lda, const T* b, Index bRow, Index bCol, T* c, Index m,
                       Index k, Index n, const T* act) {
    constexpr int kBlock = 32;
    for (Index j = 0; j < n; ++j) {
        T* __restrict cj = c + j * m;
        const T* bj = b + j * bCol;
        const T* __restrict aj = act ? act + j * m : nullptr;
        Index r = 0;
        for (; r + kBlock <= m; r += kBlock) {
            T acc[kBlock];
            for (int t = 0; t < kBlock; ++t) acc[t] = a[r + t] * bj[0];
            for (Index p = 1; p < k; ++p) {
                const T* __restrict ap = a + p * lda + r;
                const T bv = bj[p * bRow];
                for (int t = 0; t < kBlock; ++t) acc[t] += ap[t] * bv;
            }
            if constexpr (F != Activation::Identity)
                for (int t = 0; t < kBlock; ++t) acc[t] = activationBackward<F>(acc[t], aj[r + t]);
            for (int t = 0; t < kBlock; ++t) cj[r + t] = acc[t];
        }
        for (; r < m; ++r) {
            T sum = a[r] * bj[0];
            for (Index p = 1; p < k; ++p) sum += a[p * lda + r] * bj[p * bRow];
            if constexpr (F != Activation::Identity) sum = activationBackward<F>(sum, aj[r]);
            cj[r] = sum;
        }
    }
}

template <typename T>
void smallMultiplyDispatch(const T* a, Index lda, const T* b, Index bRow, Index bCol, T* c, Index m,
                           Index k, Index n, const T* act, Activation f) {
    switch (act ? f : Activation::Identity) {
        case Activation::Tanh:
            return smallMultiplyImpl<Activation::Tanh>(a, lda, b, bRow, bCol, c, m, k, n, act);
        case Activation::Sigmoid:
            return smallMultiplyImpl<Activation::Sigmoid>(a, lda, b, bRow, bCol, c, m, k, n, act);
        case Activation::Relu:
            return smallMultiplyImpl<Activation::Relu>(a, lda, b, bRow, bCol, c, m, k, n, act);
        case Activation::LeakyRelu:
            return smallMultiplyImpl<Activation::LeakyRelu>(a, lda, b, bRow, bCol, c, m, k, n, act);
        case Activation::Identity:
        case Activation::Softmax:
            return smallMultiplyImpl<Activation::Identity>(a, lda, b, bRow, bCol, c, m, k, n, act);
    }
}

// Each g(p, j) is a dot product over the rows. kCols of them (columns p0.. of a against d_j)
// run together, so one load of d serves kCols products and the kCols lane vectors are
// independent chains; each is folded pairwise in a fixed order at the end.
template <int kCols, typename T>
void dotColumns(const T* a, Index lda, const T* __restrict dj, T* gj, Index m) {
    T lanes[kCols][kLanes] = {};
    Index r = 0;
    for (; r + kLanes <= m; r += kLanes)
        for (int q = 0; q < kCols; ++q) {
            const T* __restrict aq = a + q * lda + r;
            for (int t = 0; t < kLanes; ++t) lanes[q][t] += aq[t] * dj[r + t];
        }
    for (int t = 0; r < m; ++r, ++t)
        for (int q = 0; q < kCols; ++q) lanes[q][t] += a[q * lda + r] * dj[r];
    for (int q = 0; q < kCols; ++q) {
        for (int half = kLanes / 2; half > 0; half /= 2)
            for (int t = 0; t < half; ++t) lanes[q][t] += lanes[q][t + half];
        gj[q] = lanes[q][0];
    }
}

template <typename T>
void smallTransposedLeftImpl(const T* a, Index lda, const T* d, T* g, Index m, Index k, Index n) {
    constexpr int kCols = 8;
    for (Index j = 0; j < n; ++j) {
        const T* dj = d + j * m;
        Index p = 0;
        for (; p + kCols <= k; p += kCols)
            dotColumns<kCols>(a + p * lda, lda, dj, g + p + j * k, m);
        for (; p < k; ++p) dotColumns<1>(a + p * lda, lda, dj, g + p + j * k, m);
    }
}

template <Activation F, typename T>
inline void multiplyByDerivativeLoop(T* __restrict c, const T* __restrict act, Index n) {
    for (Index i = 0; i < n; ++i) c[i] = activationBackward<F>(c[i], act[i]);
}

template <typename T>
void multiplyByDerivativeImpl(T* c, const T* act, Index n, Activation f) {
    switch (f) {
        case Activation::Tanh:
            return multiplyByDerivativeLoop<Activation::Tanh>(c, act, n);
        case Activation::Sigmoid:
            return multiplyByDerivativeLoop<Activation::Sigmoid>(c, act, n);
        case Activation::Relu:
            return multiplyByDerivativeLoop<Activation::Relu>(c, act, n);
        case Activation::LeakyRelu:
            return multiplyByDerivativeLoop<Activation::LeakyRelu>(c, act, n);
        case Activation::Identity:
        case Activation::Softmax:
            return;
    }
}

}  // namespace

BPS_CLONES void smallMultiply(const double* a, Index lda, const double* b, Index bRow, Index bCol,
                              double* c, Index m, Index k, Index n, const double* act,
                              Activation f) {
    smallMultiplyDispatch(a, lda, b, bRow, bCol, c, m, k, n, act, f);
}
BPS_CLONES void smallTransposedLeft(const double* a, Index lda, const double* d, double* g, Index m,
                                    Index k, Index n) {
    smallTransposedLeftImpl(a, lda, d, g, m, k, n);
}
BPS_CLONES void multiplyByDerivative(float* c, const float* act, Index n, Activation f) {
    multiplyByDerivativeImpl(c, act, n, f);
}
BPS_CLONES void multiplyByDerivative(double* c, const double* act, Index n, Activation f) {
    multiplyByDerivativeImpl(c, act, n, f);
}

BPS_CLONES void biasActivate(float* z, Index rows, Index units, Index ld, const float* bias,
                             Activation activation) {
    biasActivateImpl(z, rows, units, ld, bias, activation);
}
BPS_CLONES void biasActivate(double* z, Index rows, Index units, Index ld, const double* bias,
                             Activation activation) {
    biasActivateImpl(z, rows, units, ld, bias, activation);
}

BPS_CLONES float binaryLoss(const float* z, const float* y, const float* w, Index n, float scale,
                            float* delta) {
    return loss(z, y, w, n, scale, delta, BinaryCrossEntropy{});
}
BPS_CLONES double binaryLoss(const double* z, const double* y, const double* w, Index n,
                             double scale, double* delta) {
    return loss(z, y, w, n, scale, delta, BinaryCrossEntropy{});
}

BPS_CLONES float squaredError(const float* z, const float* y, const float* w, Index n, float scale,
                              float* delta) {
    return loss(z, y, w, n, scale, delta, SquaredError{});
}
BPS_CLONES double squaredError(const double* z, const double* y, const double* w, Index n,
                               double scale, double* delta) {
    return loss(z, y, w, n, scale, delta, SquaredError{});
}

void columnSums(const double* d, Index m, Index n, double* out) {
    for (Index j = 0; j < n; ++j) {
        double total = 0;
        for (Index r = 0; r < m; ++r) total += d[j * m + r];
        out[j] = total;
    }
}

BPS_CLONES Index countOutside(const float* a, Index n, float low, float high) {
    int lanes[kLanes] = {};
    Index i = 0;
    for (; i + kLanes <= n; i += kLanes)
        for (int t = 0; t < kLanes; ++t) lanes[t] += (a[i + t] < low) | (a[i + t] > high);
    Index count = 0;
    for (; i < n; ++i) count += (a[i] < low) | (a[i] > high);
    for (int lane : lanes) count += lane;
    return count;
}

}  // namespace bps::kernels
