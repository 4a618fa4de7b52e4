// lancet-cli bench ttt: TENT adaptation steps per second, Lancet's step against a
// plain LibTorch GPT-2 doing the same step in the same run (engine/ttt/tent_bench.h).
#include "commands.h"

#include "ttt/tent_bench.h"

#include <iomanip>
#include <iostream>

namespace lancet::cli {

int bench_ttt_cmd(const Args& args) {
    auto model = bench_model(args);
    TentBenchOptions o;
    o.steps = static_cast<int>(args.get_int("repeats", o.steps));
    o.tokens = args.get_int("samples", o.tokens);
    o.reference = !args.flag("skip-reference");
    auto r = bench_tent(*model, o);
    if (!r) throw_error(r.error());
    if (args.flag("json")) {
        print_json(r.value());
    } else {
        std::cout << std::fixed << std::setprecision(4);
        for (auto it = r->begin(); it != r->end(); ++it) std::cout << std::setw(32) << std::left << it.key() << it.value().dump() << "\n";
    }
    return kOk;
}

}  // namespace lancet::cli
