// ROME / r-ROME as an EditMethod (edit_method.h). The algorithm is in
// edit/rome.h; this adapter maps an EditSpec onto it and its RomeEdit onto an
// EditResult with a rank-one TensorDelta.
#pragma once

#include "edit/edit_method.h"

namespace lancet {

struct RomeEdit;

class RomeMethod final : public EditMethod {
public:
    MethodInfo info(const Model* model) const override;
    Expected<nlohmann::json> resolve_hparams(const Model& model, const EditSpec& spec) const override;
    Expected<EditResult> compute(const Model& model, const EditSpec& spec, const EditRuntime& runtime,
                                 const JobContext& job = {}) const override;
};

// A computed ROME edit as the interface's result (u, v in the weight's layout).
EditResult rome_edit_result(const RomeEdit& edit);

}  // namespace lancet
