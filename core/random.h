#pragma once
// A small seeded generator with our own distributions, so that a seed gives the same numbers on
// every platform and standard library (std::normal_distribution is implementation-defined).

#include <cstdint>
#include <span>

namespace bps {

class Rng {
public:
    explicit Rng(std::uint64_t seed);

    std::uint64_t next();           // xoshiro256**
    double uniform();               // [0, 1)
    double normal();                // standard normal (Box-Muller)
    std::uint64_t below(std::uint64_t n);  // uniform integer in [0, n), unbiased

    template <typename T>
    void shuffle(std::span<T> values) {
        for (std::size_t i = values.size(); i > 1; --i) {
            const std::size_t j = static_cast<std::size_t>(below(i));
            std::swap(values[i - 1], values[j]);
        }
    }

private:
    std::uint64_t m_state[4];
};

}  // namespace bps
