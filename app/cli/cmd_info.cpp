#include "commands.h"

#include <iomanip>
#include <iostream>

namespace lancet::cli {

Command info_command() {
    Command c;
    c.name = "info";
    c.synopsis = "describe a model folder: architecture, size, tensors";
    c.usage =
        "usage: lancet-cli info MODEL [--device cpu|cuda|auto] [--dtype auto|float32|float16|bfloat16] [--json]\n"
        "       lancet-cli info MODEL --devices cuda:0,cuda:1 [--placement balanced|auto|LIST] ...\n\n"
        "Every command that loads a model takes --devices and --placement to split its layers across the\n"
        "devices of one host: balanced (equal layers per device, the default), auto (by free memory per\n"
        "device) or a layer list FIRST-LAST:DEVICE,... such as 0-15:cuda:0,16-31:cuda:1 (every layer once;\n"
        "it may stand without --devices). Embeddings go with layer 0, the final norm and unembedding with\n"
        "the last layer (with layer 0's device when the embeddings are tied).\n\n"
        "JSON fields: path, architecture{family, vocab_size, n_positions, d_model, n_layer, n_head,\n"
        "n_kv_head, d_head, d_ff, norm, norm_eps, position, activation, gated_mlp, parallel_residual,\n"
        "tied_embeddings, parameters}, device, placement{layers, stages[{device, holds[]}]}, dtype, fingerprint,\n"
        "tokenizer_vocab_size, "
        "tensors[{name, shape, dtype}], warnings[].\n";
    c.spec = model_spec();
    c.run = [](const Args& args) {
        auto model = load_model_or_throw(args);
        auto s = model->summary();
        if (args.flag("json")) {
            print_json(s);
            return kOk;
        }
        const auto& a = s["architecture"];
        std::cout << "model       " << s["path"].get<std::string>() << "\n"
                  << "family      " << a["family"].get<std::string>() << "\n"
                  << "layers      " << a["n_layer"] << "   d_model " << a["d_model"] << "   heads " << a["n_head"]
                  << " (key/value " << a["n_kv_head"] << ", " << a["d_head"] << " wide)   d_ff " << a["d_ff"] << "\n"
                  << "vocabulary  " << a["vocab_size"] << "   context " << a["n_positions"] << "\n";
        if (a.contains("rotary")) {
            std::cout << "positions   rotary, base " << a["rotary"]["base"] << ", " << a["rotary"]["features"]
                      << " features per head (" << a["rotary"]["style"].get<std::string>() << ")";
            if (a["rotary"].contains("scaling"))
                std::cout << ", " << a["rotary"]["scaling"]["type"].get<std::string>() << " scaling x"
                          << a["rotary"]["scaling"]["factor"];
            std::cout << "\n";
        } else {
            std::cout << "positions   learned\n";
        }
        if (a.contains("sliding_window"))
            std::cout << "attention   sliding window of " << a["sliding_window"]["window"] << " on "
                      << a["sliding_window"]["layers"] << " of " << a["n_layer"] << " layers\n";
        std::cout << "norm        " << a["norm"].get<std::string>() << "   MLP " << a["activation"].get<std::string>()
                  << (a["gated_mlp"].get<bool>() ? " gated" : "")
                  << (a["parallel_residual"].get<bool>() ? "   parallel attention + MLP" : "") << "\n"
                  << "parameters  " << a["parameters"] << "\n"
                  << "device      " << s["device"].get<std::string>() << "   dtype " << s["dtype"].get<std::string>() << "\n";
        if (model->placement().is_split())
            for (const auto& stage : s["placement"]["stages"]) {
                std::string holds;
                for (const auto& part : stage["holds"]) holds += (holds.empty() ? "" : ", ") + part.get<std::string>();
                std::cout << "placement   " << std::left << std::setw(8) << stage["device"].get<std::string>() << " "
                          << holds << "\n";
            }
        std::cout
                  << "tensors     " << s["tensors"].size() << "\n";
        for (const auto& w : s["warnings"]) std::cout << "warning: " << w.get<std::string>() << "\n";
        return kOk;
    };
    return c;
}

}  // namespace lancet::cli
