// MEMIT and AlphaEdit as EditMethods (edit_method.h): the algorithm is in
// edit/memit.h; this adapter maps EditSpecs onto it, one request or a batch.
#pragma once

#include "edit/edit_method.h"
#include "edit/memit.h"

namespace lancet {

class MemitMethod final : public EditMethod {
public:
    explicit MemitMethod(MemitVariant variant) : variant_(variant) {}
    MethodInfo info(const Model* model) const override;
    Expected<nlohmann::json> resolve_hparams(const Model& model, const EditSpec& spec) const override;
    Expected<EditResult> compute(const Model& model, const EditSpec& spec, const EditRuntime& runtime,
                                 const JobContext& job = {}) const override;
    bool batches() const override { return true; }
    Expected<EditResult> compute_batch(const Model& model, const std::vector<EditSpec>& specs,
                                       const EditRuntime& runtime, const JobContext& job = {}) const override;

private:
    MemitVariant variant_;
};

}  // namespace lancet
