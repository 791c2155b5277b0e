#include "core/math/activation.h"

#include <array>
#include <utility>

namespace bps {

namespace {
constexpr std::array<std::pair<Activation, std::string_view>, 6> kNames{{
    {Activation::Tanh, "tanh"},
    {Activation::Sigmoid, "sigmoid"},
    {Activation::Relu, "relu"},
    {Activation::LeakyRelu, "leaky_relu"},
    {Activation::Identity, "identity"},
    {Activation::Softmax, "softmax"},
}};
}  // namespace

std::string_view activationName(Activation activation) {
    for (const auto& [value, name] : kNames)
        if (value == activation) return name;
    return "unknown";
}

std::optional<Activation> parseActivation(std::string_view name) {
    for (const auto& [value, text] : kNames)
        if (text == name) return value;
    return std::nullopt;
}

bool isHiddenActivation(Activation activation) {
    return activation != Activation::Identity && activation != Activation::Softmax;
}

}  // namespace bps
