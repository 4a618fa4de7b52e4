#include "edit/edit_method.h"

#include "edit/methods/finetune_method.h"
#include "edit/methods/memit_method.h"
#include "edit/methods/rome_method.h"

namespace lancet {

Expected<nlohmann::json> EditMethod::resolve_hparams(const Model& model, const EditSpec& spec) const {
    return validate_hparams(info(&model), spec.hparams);
}

Expected<EditResult> EditMethod::compute_batch(const Model& model, const std::vector<EditSpec>& specs,
                                              const EditRuntime& runtime, const JobContext& job) const {
    if (specs.size() == 1) return compute(model, specs.front(), runtime, job);
    return Error{ErrorCode::Unsupported, info(nullptr).label + " edits one request at a time (" +
                                             std::to_string(specs.size()) + " given): apply them one after another"};
}

const std::vector<std::shared_ptr<const EditMethod>>& edit_methods() {
    static const std::vector<std::shared_ptr<const EditMethod>> methods = [] {
        std::vector<std::shared_ptr<const EditMethod>> list{std::make_shared<RomeMethod>(),
                                                            std::make_shared<MemitMethod>(MemitVariant::Memit),
                                                            std::make_shared<MemitMethod>(MemitVariant::AlphaEdit)};
        for (const auto& preset : finetune_presets()) list.push_back(std::make_shared<FineTuneMethod>(preset));
        return list;
    }();
    return methods;
}

Expected<std::shared_ptr<const EditMethod>> find_edit_method(const std::string& name) {
    std::string known;
    for (const auto& m : edit_methods()) {
        const MethodInfo info = m->info(nullptr);
        if (info.name == name) return m;
        known += (known.empty() ? "" : ", ") + info.name;
    }
    return Error{ErrorCode::NotFound, "unknown edit method \"" + name + "\" (there are: " + known + ")"};
}

}  // namespace lancet
