#include "core/math/loss.h"

namespace bps {

Activation outputActivation(Task task) {
    switch (task) {
        case Task::Binary:
            return Activation::Sigmoid;
        case Task::Multiclass:
            return Activation::Softmax;
        case Task::Regression:
            return Activation::Identity;
    }
    return Activation::Identity;
}

}  // namespace bps
