// lancet-cli bench edit | bench sequential: the time of one edit per method on
// the same request, and of a stream of edits kept in place (no scoring), for
// the speed figures the editing issues ask for (H200 and the CPU here).
#include "cancel_on_signal.h"
#include "commands.h"

#include "edit/edit_method.h"
#include "edit/sequential.h"
#include "edit/surgery.h"
#include "eval/dataset.h"
#include "model/model.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>


namespace lancet::cli {

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

std::string default_dataset() {
    for (const char* p : {"resources/models/lancet-demo/facts.json", "../share/lancet/models/lancet-demo/facts.json"})
        if (std::filesystem::exists(p)) return p;
    throw UsageError("give --dataset FILE (the demo model's facts.json was not found from here)");
}

}  // namespace

int bench_edit_cmd(const Args& args) {
    auto model = bench_model(args);
    const int repeats = static_cast<int>(std::max<long long>(1, args.get_int("repeats", 3)));
    const auto methods = split_commas(args.get_or("methods", "rome,ft,ft-l,lora,memit,alphaedit"));
    EditSpec request;
    request.prompt = args.get_or("prompt", "{} is located in the city of");
    request.subject = args.get_or("subject", "The Space Needle");
    request.target_new = "Paris";
    EditRuntime runtime;
    runtime.predict_after = false;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& name : methods) {
        auto method = find_edit_method(name);
        if (!method) throw_error(method.error());
        EditSpec spec = request;
        spec.method = name;
        auto site = choose_edit_site(*model, spec, (*method)->info(model.get()));
        if (!site) throw_error(site.error());
        // Warm-up: statistics, Fisher, templates and allocator growth are paid once per session.
        const auto t_warm = std::chrono::steady_clock::now();
        auto warm = (*method)->compute(*model, site.value(), runtime);
        const double warm_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_warm).count();
        if (!warm) throw_error(warm.error());
        std::vector<double> times;
        nlohmann::json stages;
        for (int i = 0; i < repeats; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            auto r = (*method)->compute(*model, site.value(), runtime);
            if (!r) throw_error(r.error());
            times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
            stages = r->diagnostics.value("timings", nlohmann::json::object());
        }
        rows.push_back({{"method", name},
                        {"layers", site->layers},
                        {"median_s", median(times)},
                        {"first_s", warm_s},
                        {"stages_s", stages},
                        {"repeats", repeats}});
        if (!args.flag("json"))
            std::cout << std::left << std::setw(11) << name << std::fixed << std::setprecision(3) << median(times)
                      << " s per edit (first, with caches filled: " << warm_s << " s)\n";
    }
    nlohmann::json out{{"model", model->path().empty() ? "random-init " + args.get_or("random-init", "") : model->path()},
                       {"device", model->device().str()},
                       {"dtype", dtype_name(model->dtype())},
                       {"methods", rows}};
    if (args.flag("json")) print_json(out);
    return kOk;
}

int bench_sequential_cmd(const Args& args) {
    auto model = bench_model(args);
    const std::string dataset = args.get_or("dataset", "");
    auto data = load_dataset(dataset.empty() ? default_dataset() : dataset);
    if (!data) throw_error(data.error());
    const long long n = args.get_int("requests", 1000), batch = args.get_int("batch", 100);
    if (n < 1 || batch < 1) throw UsageError("--requests and --batch must be positive");
    std::vector<EditCase> cases = data->cases;
    if (cases.size() > static_cast<size_t>(n)) cases.resize(static_cast<size_t>(n));
    EditSpec base;
    base.method = args.get_or("method", "memit");
    SequentialOptions o;
    o.batch_size = static_cast<size_t>(batch);
    o.curve_every = 0;
    o.retention_sample = 1;
    o.locality_sample = 1;
    o.generation = false;
    o.general_ability = false;
    EditRuntime runtime;
    runtime.predict_after = false;
    runtime.whole_rows = args.flag("whole-rows");  // the A/B of the targets' prefix cache
    runtime.padded_suffixes = args.flag("padded-suffixes");  // the A/B of grouping the suffixes by length
    runtime.unfused_kernels = args.flag("unfused");  // the A/B of ForwardInput::fused_kernels
    runtime.all_positions = args.flag("all-positions");  // the A/B of running the last block only where read
    const auto t0 = std::chrono::steady_clock::now();
    // A line per batch on stderr, and Ctrl-C (or `timeout -s INT`) ends the run
    // after the batch in flight with the figures so far: a long run that is cut
    // off still says how far it got.
    JobContext job;
    job.cancel = &cancel_on_sigint();
    job.progress = [t0](double, const std::string& stage) {
        std::cerr << std::fixed << std::setprecision(2)
                  << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s  " << stage
                  << std::endl;
    };
    auto curve = run_sequential(*model, cases, base, runtime, o, job);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!curve) throw_error(curve.error());
    nlohmann::json out{{"model", model->path().empty() ? "random-init " + args.get_or("random-init", "") : model->path()},
                       {"device", model->device().str()},
                       {"dtype", dtype_name(model->dtype())},
                       {"method", base.method},
                       {"layers", curve->layers},
                       {"requests", curve->edited},
                       {"requests_asked", cases.size()},
                       {"cut_off", curve->partial},
                       {"targets_over", runtime.whole_rows        ? "whole rows"
                                        : runtime.padded_suffixes ? "suffixes after cached prefixes, one padded batch"
                                                                  : "suffixes after cached prefixes, grouped by length"},
                       {"fused_kernels", !runtime.unfused_kernels},
                       {"last_block_at_read_positions", !runtime.all_positions},
                       {"batch", batch},
                       {"edit_seconds", curve->edit_seconds},
                       {"requests_per_second", curve->edited / std::max(curve->edit_seconds, 1e-9)},
                       {"stage_seconds", curve->stage_seconds},
                       {"work", curve->work},
                       {"wall_seconds_with_setup", wall},
                       {"errors", curve->errors.size()},
                       {"final_max_growth", curve->points.empty() ? 1.0 : curve->points.back().max_growth}};
    if (args.flag("json")) {
        print_json(out);
    } else {
        std::cout << base.method << ": " << curve->edited << " requests in batches of " << batch << ", "
                  << std::fixed << std::setprecision(2) << curve->edit_seconds << " s editing ("
                  << out["requests_per_second"].get<double>() << " requests/s); stages " << curve->stage_seconds.dump()
                  << "\n";
    }
    return kOk;
}

}  // namespace lancet::cli
