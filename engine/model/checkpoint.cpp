#include "model/checkpoint.h"

#include "io/safetensors.h"

namespace lancet {

TensorMap read_checkpoint_tensors(const std::string& dir) {
    auto source = TensorSource::open(dir);
    if (!source) throw EngineException(source.error());
    auto all = source->load_all();
    if (!all) throw EngineException(all.error());
    return TensorMap(all->begin(), all->end());
}

}  // namespace lancet
