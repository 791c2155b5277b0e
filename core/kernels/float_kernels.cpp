// The float training path's small matrix products, mini-batch gather and per-step sums, on
// eight-lane vectors (vec8.h) whose sums stay in registers. They run the HTRU2-sized layers
// (8x16, 16x1), where a training step takes a few microseconds and every reload of a partial
// sum shows. The double versions (gradient checks) stay the plain loops of dense_kernels.cpp.
//
// Results are deterministic: every sum runs over its inner dimension in a fixed order, and
// the row-wise partial sums of smallTransposedLeft are added in a fixed tree (vec8::sums).
// The derivatives are activation.h's activationBackward, on vectors and on the scalar tails.

#include "core/kernels/clone_targets.h"
#include "core/kernels/dense_kernels.h"
#include "core/kernels/vec8.h"

namespace bps::kernels {
namespace {

using Index = std::ptrdiff_t;
using vec8::F8;

struct Product {
    const float* a;  // m x k, column-major, leading dimension lda
    Index lda;
    const float* b;  // B(p, j) = b[p * bRow + j * bCol]
    Index bRow, bCol;
    float* c;          // m x n, leading dimension m
    const float* act;  // null, or m x n activations whose derivative multiplies c
    Index m, k;
};

// Rows [r, r + 8 V) and columns [j, j + N) of c: V x N vector sums over the whole inner
// dimension, then the derivative, then one store each.
template <int V, int N, Activation F>
[[gnu::always_inline]] inline void tile(const Product& s, Index r, Index j) {
    F8 acc[V][N];
    const float* bj = s.b + j * s.bCol;
#pragma GCC unroll 8
    for (int v = 0; v < V; ++v) {
        const F8 x = vec8::load(s.a + r + 8 * v);
#pragma GCC unroll 8
        for (int q = 0; q < N; ++q) acc[v][q] = x * bj[q * s.bCol];
    }
    for (Index p = 1; p < s.k; ++p) {
        const float* ap = s.a + p * s.lda + r;
        const float* bp = bj + p * s.bRow;
        F8 x[V];
#pragma GCC unroll 8
        for (int v = 0; v < V; ++v) x[v] = vec8::load(ap + 8 * v);
#pragma GCC unroll 8
        for (int q = 0; q < N; ++q) {
            const F8 bv = vec8::splat(bp[q * s.bCol]);
#pragma GCC unroll 8
            for (int v = 0; v < V; ++v) acc[v][q] += x[v] * bv;
        }
    }
#pragma GCC unroll 8
    for (int q = 0; q < N; ++q) {
        float* cq = s.c + (j + q) * s.m + r;
#pragma GCC unroll 8
        for (int v = 0; v < V; ++v) {
            F8 out = acc[v][q];
            if constexpr (F != Activation::Identity)
                out = activationBackward<F>(out, vec8::load(s.act + (j + q) * s.m + r + 8 * v));
            vec8::store(cq + 8 * v, out);
        }
    }
}

// Rows [r, r + 8 V) for every column: N columns at a time, then the last n % N one by one.
template <int V, int N, Activation F>
[[gnu::always_inline]] inline void rowBlock(const Product& s, Index r, Index n) {
    Index j = 0;
    for (; j + N <= n; j += N) tile<V, N, F>(s, r, j);
    for (; j < n; ++j) tile<V, 1, F>(s, r, j);
}

template <Activation F>
void multiplyFloat(const Product& s, Index n) {
    // Rows outermost: a block of A's rows stays in L1 while every column of c is made from it.
    // One output column (a layer with one unit) takes 32 rows at once, four independent sums;
    // otherwise 16 rows x 4 columns, eight sums, 6 loads for 8 multiply-adds.
    Index r = 0;
    if (n < 4) {
        for (; r + 32 <= s.m; r += 32) rowBlock<4, 1, F>(s, r, n);
    } else {
        for (; r + 16 <= s.m; r += 16) rowBlock<2, 4, F>(s, r, n);
    }
    for (; r + 8 <= s.m; r += 8) rowBlock<1, 1, F>(s, r, n);
    for (; r < s.m; ++r)
        for (Index j = 0; j < n; ++j) {
            const float* bj = s.b + j * s.bCol;
            float sum = s.a[r] * bj[0];
            for (Index p = 1; p < s.k; ++p) sum += s.a[p * s.lda + r] * bj[p * s.bRow];
            if constexpr (F != Activation::Identity)
                sum = activationBackward<F>(sum, s.act[j * s.m + r]);
            s.c[j * s.m + r] = sum;
        }
}

// g(p0 + q, j) for q < Q (Q <= 8): Q dot products over the m rows against d_j, in Q vector
// sums that share each load of d_j; their lanes are folded by vec8::sums, the last m % 8 rows
// added after.
template <int Q>
[[gnu::always_inline]] inline void dotColumns(const float* a, Index lda, const float* dj, float* gj,
                                              Index m) {
    F8 s[8] = {};
    Index r = 0;
    for (; r + 8 <= m; r += 8) {
        const F8 d = vec8::load(dj + r);
#pragma GCC unroll 8
        for (int q = 0; q < Q; ++q) s[q] += vec8::load(a + q * lda + r) * d;
    }
    float total[8];
    vec8::store(total, vec8::sums(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]));
    for (int q = 0; q < Q; ++q) {
        float tail = 0;
        for (Index t = r; t < m; ++t) tail += a[q * lda + t] * dj[t];
        gj[q] = total[q] + tail;
    }
}

void transposedLeftFloat(const float* a, Index lda, const float* d, float* g, Index m, Index k,
                         Index n) {
    for (Index j = 0; j < n; ++j) {
        const float* dj = d + j * m;
        float* gj = g + j * k;
        Index p = 0;
        for (; p + 8 <= k; p += 8) dotColumns<8>(a + p * lda, lda, dj, gj + p, m);
        switch (k - p) {
            case 7:
                dotColumns<7>(a + p * lda, lda, dj, gj + p, m);
                break;
            case 6:
                dotColumns<6>(a + p * lda, lda, dj, gj + p, m);
                break;
            case 5:
                dotColumns<5>(a + p * lda, lda, dj, gj + p, m);
                break;
            case 4:
                dotColumns<4>(a + p * lda, lda, dj, gj + p, m);
                break;
            case 3:
                dotColumns<3>(a + p * lda, lda, dj, gj + p, m);
                break;
            case 2:
                dotColumns<2>(a + p * lda, lda, dj, gj + p, m);
                break;
            case 1:
                dotColumns<1>(a + p * lda, lda, dj, gj + p, m);
                break;
            default:
                break;
        }
    }
}

}  // namespace

BPS_CLONES void smallMultiply(const float* a, Index lda, const float* b, Index bRow, Index bCol,
                              float* c, Index m, Index k, Index n, const float* act, Activation f) {
    const Product s{a, lda, b, bRow, bCol, c, act, m, k};
    switch (act ? f : Activation::Identity) {
        case Activation::Tanh:
            return multiplyFloat<Activation::Tanh>(s, n);
        case Activation::Sigmoid:
            return multiplyFloat<Activation::Sigmoid>(s, n);
        case Activation::Relu:
            return multiplyFloat<Activation::Relu>(s, n);
        case Activation::LeakyRelu:
            return multiplyFloat<Activation::LeakyRelu>(s, n);
        case Activation::Identity:
        case Activation::Softmax:
            return multiplyFloat<Activation::Identity>(s, n);
    }
}

BPS_CLONES void smallTransposedLeft(const float* a, Index lda, const float* d, float* g, Index m,
                                    Index k, Index n) {
    transposedLeftFloat(a, lda, d, g, m, k, n);
}

// Eight rows at a time: each row's features come in as vectors of eight, are transposed in
// registers and leave as eight column pieces (contiguous stores, no element-wise gathers).
// The rows are random, mostly outside L1 and L2: prefetching all of them first lets their misses
// overlap.
BPS_CLONES void gatherRows(const float* src, Index features, const Index* order, Index count,
                           float* dst, const float* values, float* valuesDst, const float* weights,
                           float* weightsDst) {
    for (Index i = 0; i < count; ++i) __builtin_prefetch(src + order[i] * features);
    if (values)
        for (Index i = 0; i < count; ++i) valuesDst[i] = values[order[i]];
    if (weights)
        for (Index i = 0; i < count; ++i) weightsDst[i] = weights[order[i]];
    Index i = 0;
    const Index wide = features - features % 8;
    for (; i + 8 <= count; i += 8) {
        const float* rows[8];
        for (int t = 0; t < 8; ++t) rows[t] = src + order[i + t] * features;
        for (Index k = 0; k < wide; k += 8) {
            F8 block[8];
#pragma GCC unroll 8
            for (int t = 0; t < 8; ++t) block[t] = vec8::load(rows[t] + k);
            vec8::transpose(block);
#pragma GCC unroll 8
            for (int f = 0; f < 8; ++f) vec8::store(dst + (k + f) * count + i, block[f]);
        }
        for (Index k = wide; k < features; ++k)
            for (int t = 0; t < 8; ++t) dst[k * count + i + t] = rows[t][k];
    }
    for (; i < count; ++i)
        for (Index k = 0; k < features; ++k) dst[k * count + i] = src[order[i] * features + k];
}

// Four vector sums per column (independent chains), folded in a fixed order.
BPS_CLONES void columnSums(const float* d, Index m, Index n, float* out) {
    for (Index j = 0; j < n; ++j) {
        const float* dj = d + j * m;
        F8 s0{}, s1{}, s2{}, s3{};
        Index r = 0;
        for (; r + 32 <= m; r += 32) {
            s0 += vec8::load(dj + r);
            s1 += vec8::load(dj + r + 8);
            s2 += vec8::load(dj + r + 16);
            s3 += vec8::load(dj + r + 24);
        }
        for (; r + 8 <= m; r += 8) s0 += vec8::load(dj + r);
        const F8 s = (s0 + s1) + (s2 + s3);
        float lanes[8];
        vec8::store(lanes, s);
        float total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) +
                      ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        for (; r < m; ++r) total += dj[r];
        out[j] = total;
    }
}

// Per-step health: three sums of squares in vector lanes, folded in a fixed order, the last
// n % 8 values added after.
BPS_CLONES StepNorms stepNorms(const float* g, const float* before, const float* after, Index n) {
    F8 gs{}, us{}, bs{};
    Index i = 0;
    for (; i + 8 <= n; i += 8) {
        const F8 gv = vec8::load(g + i), b = vec8::load(before + i);
        const F8 d = vec8::load(after + i) - b;
        gs += gv * gv;
        us += d * d;
        bs += b * b;
    }
    float lanes[3][8];
    vec8::store(lanes[0], gs);
    vec8::store(lanes[1], us);
    vec8::store(lanes[2], bs);
    double sums[3] = {};
    for (int s = 0; s < 3; ++s)
        for (int t = 0; t < 8; ++t) sums[s] += lanes[s][t];
    for (; i < n; ++i) {
        const double d = double(after[i]) - before[i];
        sums[0] += double(g[i]) * g[i];
        sums[1] += d * d;
        sums[2] += double(before[i]) * before[i];
    }
    return {sums[0], sums[1], sums[2]};
}

}  // namespace bps::kernels
