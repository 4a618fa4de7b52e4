#include "commands.h"

#include "model/forward.h"

#include <iomanip>
#include <iostream>

namespace lancet::cli {

Command predict_command() {
    Command c;
    c.name = "predict";
    c.synopsis = "next-token distribution for a prompt";
    c.usage =
        "usage: lancet-cli predict MODEL --prompt TEXT [--top-k N] [--device D] [--dtype T] [--json]\n\n"
        "JSON fields: prompt, tokens[{id, text, begin, end}] (byte offsets into the prompt),\n"
        "top[{id, text, prob, logit}] sorted by probability.\n";
    c.spec = model_spec({"prompt", "top-k"});
    c.run = [](const Args& args) {
        const std::string prompt = args.require("prompt");
        const long long k = args.get_int("top-k", 10);
        if (k <= 0) throw UsageError("--top-k must be positive");
        auto model = load_model_or_throw(args);
        auto result = capture([&] {
            torch::InferenceMode guard;
            auto enc = model->encode(prompt);
            if (enc.ids.empty()) fail(ErrorCode::InvalidArgument, "the prompt is empty");
            ForwardInput in;
            in.input_ids = torch::tensor(enc.ids, torch::kLong).view({1, -1}).to(model->device());
            in.logits = LogitsMode::Last;
            auto logits = forward(*model, in).logits[0];
            auto probs = torch::softmax(logits, -1);
            auto top = probs.topk(std::min<int64_t>(k, probs.size(0)));
            auto p = std::get<0>(top).to(torch::kCPU), idx = std::get<1>(top).to(torch::kCPU);
            auto lg = logits.to(torch::kCPU);
            nlohmann::json out;
            out["prompt"] = prompt;
            out["tokens"] = nlohmann::json::array();
            for (size_t i = 0; i < enc.ids.size(); ++i)
                out["tokens"].push_back({{"id", enc.ids[i]}, {"text", model->tokenizer().token_bytes(enc.ids[i])},
                                         {"begin", enc.offsets[i].begin}, {"end", enc.offsets[i].end}});
            out["top"] = nlohmann::json::array();
            for (int64_t i = 0; i < p.size(0); ++i) {
                int64_t id = idx[i].item<int64_t>();
                out["top"].push_back({{"id", id}, {"text", model->tokenizer().token_bytes(id)},
                                      {"prob", p[i].item<double>()}, {"logit", lg[id].item<double>()}});
            }
            return out;
        });
        if (!result) throw_error(result.error());
        if (args.flag("json")) {
            print_json(result.value());
            return kOk;
        }
        std::cout << "prompt tokens: " << result.value()["tokens"].size() << "\n";
        for (const auto& t : result.value()["top"])
            std::cout << std::fixed << std::setprecision(4) << t["prob"].get<double>() << "  "
                      << visible(t["text"].get<std::string>()) << "\n";
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
