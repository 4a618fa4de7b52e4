// passthrough: the one input as it is (times `scale` when given). With
// `slices:` this is how layers from several models are stacked.
#include "merge/methods/kernels.h"

namespace lancet::methods {

torch::Tensor passthrough(const MergeArgs& a) {
    if (a.has_model_param(0, "scale")) return a.models.at(0) * a.model_number(0, "scale");
    return a.models.at(0);
}

}  // namespace lancet::methods
