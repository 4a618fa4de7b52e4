#include "commands.h"

#include "io/safetensors.h"
#include "model/forward.h"

#include <iostream>

namespace lancet::cli {

Command logits_command() {
    Command c;
    c.name = "logits";
    c.synopsis = "write a prompt's logits (every position) to a safetensors file";
    c.usage =
        "usage: lancet-cli logits MODEL --prompt TEXT --out FILE.safetensors [--device D] [--dtype T] [--json]\n\n"
        "Writes tensors \"ids\" [T] (int64) and \"logits\" [T, vocab] (float32), for comparisons with\n"
        "other implementations (tests/golden/compare_large.py). JSON: {out, tokens, top1[]}.\n";
    c.spec = model_spec({"prompt", "out"});
    c.run = [](const Args& args) {
        const std::string prompt = args.require("prompt"), out = args.require("out");
        auto model = load_model_or_throw(args);
        auto r = capture([&] {
            torch::InferenceMode guard;
            auto enc = model->encode(prompt);
            if (enc.ids.empty()) fail(ErrorCode::InvalidArgument, "the prompt is empty");
            ForwardInput in;
            in.input_ids = torch::tensor(enc.ids, torch::kLong).view({1, -1}).to(model->device());
            auto logits = forward(*model, in).logits[0].to(torch::kCPU, torch::kFloat).contiguous();
            auto ids = torch::tensor(enc.ids, torch::kLong);
            write_safetensors(out, {{"ids", ids}, {"logits", logits}}).value();
            auto top = logits.argmax(-1);
            return nlohmann::json{{"out", out}, {"tokens", enc.ids.size()},
                                  {"top1", std::vector<int64_t>(top.data_ptr<int64_t>(), top.data_ptr<int64_t>() + top.numel())}};
        });
        if (!r) throw_error(r.error());
        if (args.flag("json")) print_json(r.value());
        else std::cout << "wrote " << out << "\n";
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
