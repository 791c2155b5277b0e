#pragma once
// Eight floats as one GCC/Clang vector (`vector_size`), for the float kernels whose sums must stay
// in registers. Written with plain loops, GCC kept such sums in stack arrays and reloaded them
// every iteration (perf annotate: a store-forwarding chain per multiply-add, 3-5x slower). The
// vector type says what each register holds and still compiles for every target: one ymm
// register under AVX2, two xmm registers in the baseline clone. Eigen's packets would do the
// same, but they follow the build's -m flags and cannot change per function clone.
//
// Everything here is always_inline: a vector never crosses a call, so the clones' different
// register widths never meet at an ABI boundary (GCC's -Wpsabi notes about the baseline clone
// are turned off for float_kernels.cpp in core/CMakeLists.txt).

namespace bps::vec8 {

// A comparison of two F8 gives a lane mask, and `mask ? x : y` selects lane by lane: the
// activation derivatives of core/math/activation.h run on F8 as written for float.
using F8 = float __attribute__((vector_size(32)));

#define BPS_VEC_INLINE [[gnu::always_inline]] inline

BPS_VEC_INLINE F8 load(const float* p) {
    F8 v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}
BPS_VEC_INLINE void store(float* p, const F8& v) { __builtin_memcpy(p, &v, sizeof v); }
// A shuffle, because GCC 12 builds `F8{} + x` and `F8{x, x, ...}` lane by lane (eight inserts).
BPS_VEC_INLINE F8 splat(float x) {
    F8 v{};
    v[0] = x;
    return __builtin_shufflevector(v, v, 0, 0, 0, 0, 0, 0, 0, 0);
}

// The eight horizontal sums of s0..s7 as one vector (lane q: the sum of s_q's lanes), added
// pairwise in a fixed order: neighbours, then pairs of pairs, then the two halves.
BPS_VEC_INLINE F8 sums(const F8& s0, const F8& s1, const F8& s2, const F8& s3, const F8& s4,
                       const F8& s5, const F8& s6, const F8& s7) {
    const auto pairUp = [](const F8& x, const F8& y) {
        return __builtin_shufflevector(x, y, 0, 8, 2, 10, 4, 12, 6, 14) +
               __builtin_shufflevector(x, y, 1, 9, 3, 11, 5, 13, 7, 15);
    };
    const auto quadUp = [](const F8& x, const F8& y) {
        return __builtin_shufflevector(x, y, 0, 1, 8, 9, 4, 5, 12, 13) +
               __builtin_shufflevector(x, y, 2, 3, 10, 11, 6, 7, 14, 15);
    };
    const F8 e = quadUp(pairUp(s0, s1), pairUp(s2, s3));
    const F8 f = quadUp(pairUp(s4, s5), pairUp(s6, s7));
    return __builtin_shufflevector(e, f, 0, 1, 2, 3, 8, 9, 10, 11) +
           __builtin_shufflevector(e, f, 4, 5, 6, 7, 12, 13, 14, 15);
}

// Transposes the 8x8 block whose rows are r[0..8) in place: afterwards r[k] holds element k of
// every former row (unpack, shuffle, swap halves: the usual 24-shuffle AVX transpose).
BPS_VEC_INLINE void transpose(F8 (&r)[8]) {
    F8 t[8], u[8];
    for (int i = 0; i < 8; i += 2) {
        t[i] = __builtin_shufflevector(r[i], r[i + 1], 0, 8, 1, 9, 4, 12, 5, 13);
        t[i + 1] = __builtin_shufflevector(r[i], r[i + 1], 2, 10, 3, 11, 6, 14, 7, 15);
    }
    for (int i = 0; i < 8; i += 4)
        for (int h = 0; h < 2; ++h) {
            u[i + 2 * h] =
                __builtin_shufflevector(t[i + h], t[i + h + 2], 0, 1, 8, 9, 4, 5, 12, 13);
            u[i + 2 * h + 1] =
                __builtin_shufflevector(t[i + h], t[i + h + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        }
    for (int k = 0; k < 4; ++k) {
        r[k] = __builtin_shufflevector(u[k], u[k + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        r[k + 4] = __builtin_shufflevector(u[k], u[k + 4], 4, 5, 6, 7, 12, 13, 14, 15);
    }
}

#undef BPS_VEC_INLINE

}  // namespace bps::vec8
