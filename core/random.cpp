#include "random.h"

#include <cmath>
#include <numbers>

namespace bps {

namespace {
std::uint64_t splitMix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Rng::Rng(std::uint64_t seed) {
    for (auto& s : m_state) s = splitMix64(seed);
}

std::uint64_t Rng::next() {
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::normal() {
    // 1 - uniform() lies in (0, 1], so the log is finite.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::uint64_t Rng::below(std::uint64_t n) {
    if (n <= 1) return 0;
    // Rejection keeps the result unbiased for any n: x is rejected when it lies in the last,
    // incomplete run of n values, i.e. when x >= limit = floor((2^64 - 1) / n) * n. Since limit
    // is the one multiple of n in (2^64 - 1 - n, 2^64 - 1], that is x - x % n > 2^64 - 1 - n:
    // the same test with one division instead of two (shuffling calls this for every row).
    constexpr std::uint64_t kMax = ~std::uint64_t{0};
    for (;;) {
        const std::uint64_t x = next();
        const std::uint64_t r = x % n;
        if (x - r <= kMax - n) return r;
    }
}

}  // namespace bps
