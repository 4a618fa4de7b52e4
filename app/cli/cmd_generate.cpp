#include "commands.h"

#include "model/generate.h"

#include <iostream>

namespace lancet::cli {

Command generate_command() {
    Command c;
    c.name = "generate";
    c.synopsis = "continue a prompt (greedy or top-k sampling, seeded)";
    c.usage =
        "usage: lancet-cli generate MODEL --prompt TEXT [--max-new-tokens N] [--greedy | --top-k K --seed S]\n"
        "                           [--device D] [--dtype T] [--json]\n\n"
        "Greedy decoding is the default. JSON fields: prompt, mode (\"greedy\"|\"top-k\"), top_k, seed,\n"
        "prompt_ids[], new_ids[], text (the continuation only).\n";
    c.spec = model_spec({"prompt", "max-new-tokens", "top-k", "seed"}, {"greedy"});
    c.run = [](const Args& args) {
        GenerateOptions o;
        const std::string prompt = args.require("prompt");
        o.max_new_tokens = static_cast<int>(args.get_int("max-new-tokens", 32));
        if (o.max_new_tokens <= 0) throw UsageError("--max-new-tokens must be positive");
        if (args.flag("greedy") && args.has("top-k")) throw UsageError("--greedy and --top-k exclude each other");
        o.greedy = !args.has("top-k");
        o.top_k = static_cast<int>(args.get_int("top-k", 5));
        if (o.top_k <= 0) throw UsageError("--top-k must be positive");
        o.seed = static_cast<uint64_t>(args.get_int("seed", 0));
        auto model = load_model_or_throw(args);
        auto g = generate_text(*model, prompt, o);
        if (!g) throw_error(g.error());
        if (args.flag("json")) {
            print_json({{"prompt", prompt}, {"mode", o.greedy ? "greedy" : "top-k"}, {"top_k", o.greedy ? 0 : o.top_k},
                        {"seed", o.seed}, {"prompt_ids", g->prompt_ids}, {"new_ids", g->new_ids}, {"text", g->text}});
            return kOk;
        }
        std::cout << prompt << g->text << "\n";
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
