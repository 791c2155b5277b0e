// Plain loops that GCC vectorises: no branches the compiler cannot turn into selects, no calls
// (fast_math.h), sums kept in 8 independent lanes so that they vectorise without reordering
// anything the source does not say (the lanes are added in a fixed order: deterministic).
// Built with -fno-trapping-math (see CMakeLists.txt) so that the selects are allowed.

#include "dense_kernels.h"

#include "fast_math.h"

// Two versions of each kernel on x86-64 (unless the whole build already targets AVX2): the
// loader picks the AVX2+FMA one on CPUs that have it. Not for clang, which spells it otherwise.
// `flatten` inlines the whole kernel body into each version, so all of it gets the wide vectors.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__AVX2__) && \
    !defined(BPS_NO_CLONES)
#define BPS_CLONES __attribute__((target_clones("arch=x86-64-v3", "default"), flatten))
#else
#define BPS_CLONES __attribute__((flatten))
#endif

namespace bps::kernels {
namespace {

using Index = std::ptrdiff_t;
constexpr int kLanes = 8;

template <typename T>
inline T sigmoid(T x) {
    const T e = fastmath::expNonPositive(x < 0 ? x : -x);  // exp(-|x|): never overflows
    const T inv = T(1) / (T(1) + e);
    return x >= 0 ? inv : e * inv;
}

template <typename T>
void biasActivateImpl(T* z, Index rows, Index units, Index ld, const T* bias, Activation a) {
    const T slope = T(kLeakyReluSlope);
    for (Index j = 0; j < units; ++j) {
        T* __restrict c = z + j * ld;
        const T b = bias[j];
        // The switch is outside the row loop so that each loop is one straight vector body.
        // Comparisons are written so that NaN passes through (divergence must stay visible).
        switch (a) {
            case Activation::Tanh:
                for (Index r = 0; r < rows; ++r) c[r] = fastmath::tanh(c[r] + b);
                break;
            case Activation::Sigmoid:
                for (Index r = 0; r < rows; ++r) c[r] = sigmoid(c[r] + b);
                break;
            case Activation::Relu:
                for (Index r = 0; r < rows; ++r) {
                    const T x = c[r] + b;
                    c[r] = x < T(0) ? T(0) : x;
                }
                break;
            case Activation::LeakyRelu:
                for (Index r = 0; r < rows; ++r) {
                    const T x = c[r] + b;
                    c[r] = x > T(0) ? x : x * slope;
                }
                break;
            case Activation::Identity:
            case Activation::Softmax:
                for (Index r = 0; r < rows; ++r) c[r] += b;
                break;
        }
    }
}

// Binary cross-entropy from the logit, max(x,0) - x y + log1p(exp(-|x|)), and its gradient
// sigmoid(x) - y, sharing the one exp(-|x|).
struct BceTerm {
    template <typename T>
    T operator()(T x, T y, T* gradient) const {
        const T e = fastmath::expNonPositive(x < 0 ? x : -x);
        const T loss = (x > 0 ? x : T(0)) - x * y + fastmath::log1pUnit(e);
        const T inv = T(1) / (T(1) + e);
        *gradient = (x >= 0 ? inv : e * inv) - y;
        return loss;
    }
};

struct SquaredTerm {
    template <typename T>
    T operator()(T x, T y, T* gradient) const {
        const T d = x - y;
        *gradient = T(2) * d;
        return d * d;
    }
};

// Sums term(z_i, y_i) (times w_i), writing scale * w_i * gradient_i into delta if wanted.
template <typename T, bool kWeighted, bool kDelta, typename Term>
T lossLoop(const T* __restrict z, const T* __restrict y, const T* __restrict w, Index n, T scale,
           T* __restrict delta, Term term) {
    T lanes[kLanes] = {};
    Index i = 0;
    const auto one = [&](Index k, T& lane) {
        T g;
        const T l = term(z[k], y[k], &g);
        const T weight = kWeighted ? w[k] : T(1);
        lane += kWeighted ? weight * l : l;
        if constexpr (kDelta) delta[k] = g * (kWeighted ? weight * scale : scale);
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

}  // namespace

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
    return loss(z, y, w, n, scale, delta, BceTerm{});
}
BPS_CLONES double binaryLoss(const double* z, const double* y, const double* w, Index n,
                             double scale, double* delta) {
    return loss(z, y, w, n, scale, delta, BceTerm{});
}

BPS_CLONES float squaredError(const float* z, const float* y, const float* w, Index n,
                              float scale, float* delta) {
    return loss(z, y, w, n, scale, delta, SquaredTerm{});
}
BPS_CLONES double squaredError(const double* z, const double* y, const double* w, Index n,
                               double scale, double* delta) {
    return loss(z, y, w, n, scale, delta, SquaredTerm{});
}

BPS_CLONES StepNorms stepNorms(const float* g, const float* before, const float* after, Index n) {
    float gl[kLanes] = {}, ul[kLanes] = {}, bl[kLanes] = {};
    Index i = 0;
    const auto one = [&](Index k, int t) {
        const float d = after[k] - before[k];
        gl[t] += g[k] * g[k];
        ul[t] += d * d;
        bl[t] += before[k] * before[k];
    };
    for (; i + kLanes <= n; i += kLanes)
        for (int t = 0; t < kLanes; ++t) one(i + t, t);
    for (int t = 0; i < n; ++i, ++t) one(i, t);
    StepNorms norms;
    for (int t = 0; t < kLanes; ++t) {
        norms.gradient += gl[t];
        norms.update += ul[t];
        norms.before += bl[t];
    }
    return norms;
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
