#include "model/checkpoint.h"

#include "io/safetensors.h"

namespace lancet {

TensorMap read_checkpoint_tensors(const std::string& dir) {
    auto source = TensorSource::open(dir).value();
    auto all = source.load_all().value();
    return TensorMap(all.begin(), all.end());
}

}  // namespace lancet
