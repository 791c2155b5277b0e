#include "core/math/activation.h"

namespace bps {

std::string_view activationName(Activation activation) {
    return nameIn(kActivationNames, activation);
}

std::optional<Activation> parseActivation(std::string_view name) {
    return parseIn(kActivationNames, name);
}

bool isHiddenActivation(Activation activation) {
    return activation != Activation::Identity && activation != Activation::Softmax;
}

}  // namespace bps
