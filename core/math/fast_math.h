#pragma once
// Scalar tanh, exp and log1p written so that a loop over them vectorises (no branches, no calls,
// no table look-ups), for the float training path. float gets approximations accurate to a few
// units in the last place; double (the gradient checks, predictions) gets the exact std::
// functions, so finite differences and backprop see one and the same smooth function. The
// formulas that use them are in activation.h and loss.h.

#include <bit>
#include <cmath>
#include <cstdint>

namespace bps::fastmath {

// tanh as Eigen computes it for float (a 13/6 rational fit, exact to ~2 ulp on [-7.9, 7.9];
// beyond that tanh is +-1 in float).
inline float tanh(float x) {
    constexpr float kClamp = 7.90531110763549805f;
    x = x < -kClamp ? -kClamp : x;
    x = x > kClamp ? kClamp : x;
    const float x2 = x * x;
    float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
    p = x2 * p + -8.60467152213735e-11f;
    p = x2 * p + 5.12229709037114e-08f;
    p = x2 * p + 1.48572235717979e-05f;
    p = x2 * p + 6.37261928875436e-04f;
    p = x2 * p + 4.89352455891786e-03f;
    p = x * p;
    float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
    q = x2 * q + 2.26843463243900e-03f;
    q = x2 * q + 4.89352518554385e-03f;
    return p / q;
}
inline double tanh(double x) { return std::tanh(x); }

// exp(x) for x <= 0 (the losses only need exp(-|z|)); Cephes' expf: x = n ln2 + r,
// exp(r) by a degree-6 polynomial, 2^n put straight into the exponent bits.
inline float expNonPositive(float x) {
    x = x < -87.0f ? -87.0f : x;           // exp(-87) ~ 1.6e-38: still a normal float
    constexpr float kRound = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
    const float n = (x * 1.44269504088896341f + kRound) - kRound;
    float r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    const auto bits = static_cast<std::uint32_t>(static_cast<std::int32_t>(n) + 127) << 23;
    return p * std::bit_cast<float>(bits);
}
inline double expNonPositive(double x) { return std::exp(x); }

// log1p(e) for e in [0, 1] (softplus of a non-positive number): log(1 + e) = 2 atanh(s) with
// s = e / (2 + e) <= 1/3, whose odd series converges fast enough in 7 terms.
inline float log1pUnit(float e) {
    const float s = e / (2.0f + e);
    const float s2 = s * s;
    float p = 1.0f / 13;
    p = p * s2 + 1.0f / 11;
    p = p * s2 + 1.0f / 9;
    p = p * s2 + 1.0f / 7;
    p = p * s2 + 1.0f / 5;
    p = p * s2 + 1.0f / 3;
    p = p * s2 + 1.0f;
    return 2.0f * s * p;
}
inline double log1pUnit(double e) { return std::log1p(e); }

}  // namespace bps::fastmath
