// MergeSession::apply_method: the merge panel's "apply" mode, running any
// method of the table (merge/merge_methods.h) once over the session's base and
// task checkpoints, for the methods the live Merger cannot update from sliders.
#include "merge/merge_session.h"

#include "model/model.h"

#include <torch/torch.h>

#include <set>

namespace lancet {

Expected<void> MergeSession::apply_method(const std::string& method, const MergeParams& params,
                                          const std::vector<MergeParams>& per_model, const JobContext& job,
                                          const std::vector<size_t>& chosen) {
    const MergeMethodInfo* m = find_merge_method_info(method);
    if (!m)
        return Error{ErrorCode::Unsupported,
                     "merge method '" + method + "' is not supported (" + merge_method_names() + ")"};
    std::vector<size_t> order = chosen;
    if (order.empty())
        for (size_t i = 0; i < tasks_.size(); ++i) order.push_back(i);
    for (size_t k = 0; k < order.size(); ++k) {
        if (order[k] >= tasks_.size())
            return Error{ErrorCode::InvalidArgument, "task " + std::to_string(order[k]) + " is not in this merge (" +
                                                         std::to_string(tasks_.size()) + " tasks)"};
        for (size_t j = 0; j < k; ++j)
            if (order[j] == order[k]) return Error{ErrorCode::InvalidArgument, "task " + tasks_[order[k]].name + " is chosen twice"};
    }
    const int n = static_cast<int>(order.size());
    if (n < m->min_models || (m->max_models >= 0 && n > m->max_models))
        return Error{ErrorCode::InvalidArgument,
                     "'" + method + "' merges " +
                         (m->max_models == m->min_models ? std::to_string(m->min_models)
                                                         : "at least " + std::to_string(m->min_models)) +
                         " model(s)" + (m->base == MergeBaseUse::None ? "" : " besides the base") + "; this merge has " +
                         std::to_string(n) + " task(s)"};
    if (per_model.size() > order.size())
        return Error{ErrorCode::InvalidArgument, "parameters for " + std::to_string(per_model.size()) +
                                                     " models, but the merge has " + std::to_string(n) + " tasks"};
    auto known = [&](const std::vector<MergeParamDef>& defs, const MergeParams& given) -> Expected<void> {
        for (const auto& [k, v] : given) {
            bool found = false;
            for (const auto& d : defs) found = found || d.name == k;
            if (!found) return Error{ErrorCode::InvalidArgument, "parameter '" + k + "' is not used by " + method};
        }
        return {};
    };
    if (auto ok = known(m->globals, params); !ok) return ok;
    for (const auto& p : per_model)
        if (auto ok = known(m->per_model, p); !ok) return ok;
    auto done = capture([&] {
        torch::NoGradGuard no_grad;
        merger_->restore_base().value();
        // The tensors any task changes; their base values are copied first, since
        // tied tensors share storage and the first write would change the second's base.
        std::set<std::string> names;
        for (size_t i : order)
            for (const auto& [name, t] : tasks_[i].delta)
                if (model_->tensors().count(name) && model_->tensors().at(name).is_floating_point()) names.insert(name);
        std::map<std::string, torch::Tensor> bases;
        for (const auto& name : names) bases[name] = model_->tensor(name).to(torch::kFloat).clone();
        MergeArgs proto;
        for (const auto& d : m->globals) {
            auto it = params.find(d.name);
            proto.params[d.name] = it != params.end() ? it->second : d.default_value;
            if (proto.params[d.name].is_null() && d.required)
                fail(ErrorCode::InvalidArgument, "'" + method + "' needs parameter '" + d.name + "'");
        }
        // Random streams follow the position among the merged models, as in the
        // exported YAML (which lists only these), so the round trip draws the same masks.
        for (size_t i = 0; i < order.size(); ++i) {
            MergeParams mp;
            for (const auto& d : m->per_model) {
                const bool given = i < per_model.size() && per_model[i].count(d.name);
                mp[d.name] = given ? per_model[i].at(d.name) : d.default_value;
                if (mp[d.name].is_null() && d.required)
                    fail(ErrorCode::InvalidArgument, "'" + method + "' needs parameter '" + d.name + "' for task " +
                                                         tasks_[order[i]].name);
            }
            proto.model_params.push_back(std::move(mp));
            proto.model_index.push_back(i);
        }
        proto.seed = merger_->spec().seed;
        size_t k = 0;
        for (const auto& name : names) {
            job.check_cancelled();
            job.report(double(k++) / double(names.size()), name);
            MergeArgs a = proto;
            a.tensor_name = name;
            const auto& base = bases.at(name);
            if (m->base != MergeBaseUse::None) a.base = base;
            for (size_t i : order) {
                auto it = tasks_[i].delta.find(name);
                a.models.push_back(it == tasks_[i].delta.end() ? base : base + it->second.to(base.device(), torch::kFloat));
            }
            auto merged = m->kernel(a);
            if (!torch::isfinite(merged).all().item<bool>())
                fail(ErrorCode::InvalidArgument, method + " gave non-finite values for tensor " + name);
            auto& target = model_->tensor(name);
            target.copy_(merged.to(target.scalar_type()));
        }
        applied_method_ = method;
        applied_params_ = params;
        applied_per_model_ = per_model;
        applied_tasks_ = order;
    });
    if (!done) {
        // A failure part way leaves some tensors rewritten: put the live merge back.
        applied_method_.clear();
        (void)merger_->apply();
    }
    return done;
}

}  // namespace lancet
