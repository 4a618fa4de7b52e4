#include "eval/soak.h"

#include "core/cuda_graph.h"
#include "core/device_sync.h"
#include "edit/edit_record.h"
#include "merge/merge.h"
#include "model/model.h"
#include "trace/causal_trace.h"

#include <torch/torch.h>

#include <chrono>

namespace lancet {

Expected<nlohmann::json> run_soak(const std::shared_ptr<Model>& model, const SoakOptions& o, const JobContext& job) {
    if (!model) return Error{ErrorCode::InvalidArgument, "no model"};
    if (o.cycles < 2 || o.cycles > 100000) return Error{ErrorCode::InvalidArgument, "cycles must be 2 to 100000"};
    return capture([&] {
        Model& m = *model;
        const ModelConfig& cfg = m.config();
        RomeOptions ro;
        ro.hparams = default_rome_hparams(cfg);
        if (o.stats_samples > 0) ro.hparams.mom2_n_samples = o.stats_samples;
        if (!published_default_layer(cfg)) {
            ro.layer = static_cast<int>(cfg.n_layer / 2);
            ro.layer_reason = "soak: middle layer (no published setting)";
        }
        TraceRequest trace;
        trace.prompt = format_prompt("{}", o.request.prompt, o.request.subject).value().text;
        trace.subject = o.request.subject;
        trace.kinds = {TraceKind::Hidden};
        trace.samples = o.trace_samples;

        // The tensors the cycles touch, on the CPU as they were: they must come back bit for bit.
        const int edit_layer = ro.layer ? *ro.layer : *published_default_layer(cfg);
        const std::string edited = m.weights().layers.at(static_cast<size_t>(edit_layer)).mlp_out.weight_name;
        const std::string other =
            m.weights().layers.at(static_cast<size_t>((edit_layer + 1) % cfg.n_layer)).mlp_out.weight_name;
        std::map<std::string, torch::Tensor> before;
        for (const auto& name : {edited, other}) before[name] = m.tensor(name).detach().to(torch::kCPU, false, true);
        TaskVector task;
        task.name = "soak";
        torch::manual_seed(5);
        for (const auto& [name, t] : before) task.delta[name] = torch::randn(t.sizes()) * 1e-3;
        MergeSpec spec;
        spec.method = MergeMethod::TaskArithmetic;
        spec.normalize = false;
        spec.tasks = {TaskSpec{"", 0.5, 1.0}};

        const bool cuda = m.device().is_cuda();
        nlohmann::json points = nlohmann::json::array();
        std::vector<double> xs, rss, fds, alloc, reserved;
        for (int c = 0; c < o.cycles; ++c) {
            job.check_cancelled();
            job.report(static_cast<double>(c) / o.cycles, "soak cycle " + std::to_string(c + 1));
            const auto t0 = std::chrono::steady_clock::now();
            {
                JobContext quiet;  // the edit's own progress would jump the soak's bar back and forth
                quiet.cancel = job.cancel;
                RomeEdit edit = compute_rome(m, o.request, ro, quiet).value();
                EditHistory history;
                history.apply(m, make_edit_record(edit, m)).value();
                history.undo(m).value();
                history.redo(m).value();
                history.undo(m).value();
            }
            (void)causal_trace(m, trace).value();
            {
                auto merger = Merger::create(model, {task}, spec).value();
                merger->set_weight(0, 0.8).value();
                merger->restore_base().value();
            }
            synchronize_device(m.device());
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            const CudaMemoryStats mem = cuda_memory_stats();
            nlohmann::json p{{"cycle", c},
                             {"seconds", seconds},
                             {"resident_mb", process_resident_mb()},
                             {"descriptors", process_open_descriptors()}};
            if (cuda) {
                p["cuda_allocated_mb"] = static_cast<double>(mem.allocated) / 1048576.0;
                p["cuda_reserved_mb"] = static_cast<double>(mem.reserved) / 1048576.0;
            }
            if (c >= std::max(1, o.cycles / 2)) {  // the second half: past the warm-up and the allocator's growth
                xs.push_back(c);
                rss.push_back(p["resident_mb"].get<double>());
                fds.push_back(static_cast<double>(p["descriptors"].get<int64_t>()));
                if (cuda) {
                    alloc.push_back(p["cuda_allocated_mb"].get<double>());
                    reserved.push_back(p["cuda_reserved_mb"].get<double>());
                }
            }
            points.push_back(std::move(p));
        }
        bool restored = true;
        for (const auto& [name, t] : before) restored = restored && torch::equal(m.tensor(name).to(torch::kCPU), t);
        nlohmann::json summary{{"cycles", o.cycles},
                               {"device", m.device().str()},
                               {"cycle", "ROME edit computed, applied, undone, redone, undone; hidden-state trace (" +
                                             std::to_string(o.trace_samples) +
                                             " samples); task-arithmetic merge of 2 MLP matrices, one slider move, base restored"},
                               {"growth_over", "least-squares slope per cycle over cycles " +
                                                   std::to_string(static_cast<int>(xs.empty() ? 0 : xs.front())) + "-" +
                                                   std::to_string(o.cycles - 1)},
                               {"resident_mb_per_cycle", least_squares_slope(xs, rss)},
                               {"descriptors_per_cycle", least_squares_slope(xs, fds)},
                               {"weights_restored_bit_for_bit", restored}};
        if (cuda) {
            summary["cuda_allocated_mb_per_cycle"] = least_squares_slope(xs, alloc);
            summary["cuda_reserved_mb_per_cycle"] = least_squares_slope(xs, reserved);
        }
        return nlohmann::json{{"summary", summary}, {"points", points}};
    });
}

}  // namespace lancet
