#include "commands.h"

#include "model/forward.h"
#include "tokenizer/token_labels.h"

#include <iomanip>
#include <iostream>

namespace lancet::cli {

Command predict_command() {
    Command c;
    c.name = "predict";
    c.synopsis = "next-token distribution for a prompt";
    c.usage =
        "usage: lancet-cli predict MODEL --prompt TEXT [--top-k N] [--device D] [--dtype T] [--json]\n\n"
        "JSON fields: prompt, tokens[{id, text, bytes, begin, end}] (byte offsets into the prompt),\n"
        "top[{id, text, bytes, prob, logit}] sorted by probability. text is the token as read: a\n"
        "character split across tokens shows whole in its first token and as \"\u22ef\" in the\n"
        "tokens that finish it, \\xNN a byte of no whole character; bytes is the token's exact\n"
        "bytes in hex.\n";
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
            // Labelled together: a character split over two tokens is read across them.
            std::vector<std::string> pieces;
            for (auto id : enc.ids) pieces.push_back(model->tokenizer().token_bytes(id));
            const auto labels = token_labels(pieces);
            out["tokens"] = nlohmann::json::array();
            for (size_t i = 0; i < enc.ids.size(); ++i) {
                auto t = token_json(enc.ids[i], pieces[i], labels[i]);
                t["begin"] = enc.offsets[i].begin;
                t["end"] = enc.offsets[i].end;
                out["tokens"].push_back(t);
            }
            out["top"] = nlohmann::json::array();
            for (int64_t i = 0; i < p.size(0); ++i) {
                int64_t id = idx[i].item<int64_t>();
                auto t = token_json(id, model->tokenizer().token_bytes(id));
                t["prob"] = p[i].item<double>();
                t["logit"] = lg[id].item<double>();
                out["top"].push_back(t);
            }
            return out;
        });
        if (!result) throw_error(result.error());
        if (args.flag("json")) {
            print_json(result.value());
            return kOk;
        }
        // The prompt as the model reads it, one label a token ("台|⋯|北|⋯|101").
        std::string pieces;
        for (const auto& t : result.value()["tokens"])
            pieces += (pieces.empty() ? "" : "|") + visible(t["text"].get<std::string>());
        std::cout << "prompt tokens: " << result.value()["tokens"].size() << "  " << pieces << "\n";
        for (const auto& t : result.value()["top"])
            std::cout << std::fixed << std::setprecision(4) << t["prob"].get<double>() << "  "
                      << visible(t["text"].get<std::string>()) << "\n";
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
