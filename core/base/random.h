#pragma once
// A small seeded generator with our own distributions, so that a seed gives the same numbers on
// every platform and standard library (std::normal_distribution is implementation-defined).

#include <cstdint>
#include <span>

namespace bps {

class Rng {
public:
    explicit Rng(std::uint64_t seed);

    std::uint64_t next() {  // xoshiro256**
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
    double uniform();  // [0, 1)
    double normal();   // standard normal (Box-Muller)

    // Uniform integer in [0, n), unbiased: Lemire's multiply-shift (the high word of x * n),
    // rejecting the x whose low word falls below 2^64 mod n. The division that computes that
    // bound runs only when the low word is below n, which is rare, so shuffling a training set
    // every epoch costs a multiply per row instead of a division.
    std::uint64_t below(std::uint64_t n) {
        __extension__ using Wide = unsigned __int128;
        Wide product = Wide(next()) * n;
        auto low = static_cast<std::uint64_t>(product);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                product = Wide(next()) * n;
                low = static_cast<std::uint64_t>(product);
            }
        }
        return static_cast<std::uint64_t>(product >> 64);
    }

    template <typename T>
    void shuffle(std::span<T> values) {
        for (std::size_t i = values.size(); i > 1; --i) {
            const std::size_t j = static_cast<std::size_t>(below(i));
            std::swap(values[i - 1], values[j]);
        }
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4];
};

}  // namespace bps
