#include "model/checkpoint.h"

#include "io/safetensors.h"

namespace lancet {

TensorMap read_checkpoint_tensors(const std::string& dir, std::vector<std::string>* files) {
    auto source = TensorSource::open(dir).value();
    if (files)
        for (const auto& f : source.files()) files->push_back(f.path());
    auto all = source.load_all().value();
    return TensorMap(all.begin(), all.end());
}

}  // namespace lancet
