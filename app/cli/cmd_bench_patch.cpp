// lancet-cli bench patch: exact activation patching against attribution
// patching on one counterfactual pair, timed in the same run, with the rank
// agreement of their cells (engine/trace/patching_bench.h).
#include "commands.h"

#include "cancel_on_signal.h"
#include "trace/patching_bench.h"

#include <iomanip>
#include <iostream>

namespace lancet::cli {

int bench_patch_cmd(const Args& args) {
    auto model = bench_model(args);
    PatchRequest req;
    // Ten GPT-2 tokens each; the subjects differ, the rest is shared.
    req.clean_prompt = args.get_or("prompt", "The Space Needle is located in the city of");
    req.corrupted_prompt = args.get_or("corrupted", "The Golden Gate Bridge is located in the city of");
    // Explicit answers: a random-init model's top-1 is often the same token for both prompts.
    req.clean_answer = args.get_or("clean-answer", "Seattle");
    req.corrupted_answer = args.get_or("corrupted-answer", "San Francisco");
    PatchBenchOptions o;
    o.repeats = static_cast<int>(args.get_int("repeats", o.repeats));
    JobContext job;
    job.cancel = &cancel_on_sigint();
    auto r = bench_patching(*model, req, o, job);
    if (!r) throw_error(r.error());
    if (args.flag("json")) {
        print_json(r.value());
        return kOk;
    }
    const auto& j = r.value();
    std::cout << std::fixed << std::setprecision(3) << j["cells"].get<int64_t>() << " cells (" << j["tokens"].get<int64_t>()
              << " tokens, " << j["n_layer"].get<int64_t>() << " layers): exact " << j["exact_s"].get<double>()
              << " s, attribution " << j["attribution_s"]["median"].get<double>() << " s = " << j["speedup"].get<double>()
              << "x\n";
    for (auto it = j["agreement"].begin(); it != j["agreement"].end(); ++it)
        std::cout << "  " << std::setw(7) << std::left << it.key() << " Spearman " << std::right << std::setw(7)
                  << it.value()["spearman"].get<double>() << "  top-" << o.top_k << " overlap "
                  << it.value()["top_k_overlap"].get<double>() << "\n";
    return kOk;
}

}  // namespace lancet::cli
