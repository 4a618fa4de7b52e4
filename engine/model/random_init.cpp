#include "model/random_init.h"

#include <cstdlib>
#include <filesystem>

namespace lancet {

Expected<nlohmann::json> gpt2_shape_config(const std::string& shape) {
    struct Shape { const char* name; int layers, width, heads, positions; };
    static const Shape shapes[] = {
        {"tiny", 2, 32, 4, 64},         {"gpt2", 12, 768, 12, 1024},    {"gpt2-medium", 24, 1024, 16, 1024},
        {"gpt2-large", 36, 1280, 20, 1024}, {"gpt2-xl", 48, 1600, 25, 1024},
    };
    for (const auto& s : shapes) {
        if (shape == s.name) {
            return nlohmann::json{{"model_type", "gpt2"}, {"architectures", {"GPT2LMHeadModel"}}, {"vocab_size", 50257},
                                  {"n_positions", s.positions}, {"n_embd", s.width}, {"n_layer", s.layers},
                                  {"n_head", s.heads}, {"n_inner", nullptr}, {"activation_function", "gelu_new"},
                                  {"layer_norm_epsilon", 1e-5}, {"bos_token_id", 50256}, {"eos_token_id", 50256},
                                  {"tie_word_embeddings", true}, {"torch_dtype", "float32"}};
        }
    }
    return Error{ErrorCode::InvalidArgument, "unknown shape \"" + shape + "\" (tiny, gpt2, gpt2-medium, gpt2-large, gpt2-xl)"};
}

Expected<std::shared_ptr<Model>> random_gpt2(const nlohmann::json& config, const std::string& tokenizer_dir,
                                             const LoadOptions& options, uint64_t seed) {
    auto tok = Tokenizer::from_folder(tokenizer_dir);
    if (!tok) return tok.error();
    auto made = capture([&] {
        torch::NoGradGuard guard;
        auto device = parse_device(options.device).value();
        auto dtype = parse_dtype(options.dtype, device, torch::kFloat).value();
        torch::manual_seed(seed);
        const int64_t V = config.at("vocab_size"), P = config.at("n_positions"), d = config.at("n_embd"),
                      L = config.at("n_layer");
        const int64_t ff = config.contains("n_inner") && !config["n_inner"].is_null() ? config["n_inner"].get<int64_t>() : 4 * d;
        auto opts = torch::TensorOptions().device(device).dtype(dtype);
        auto normal = [&](std::vector<int64_t> shape) { return torch::randn(shape, opts) * 0.02; };
        TensorMap t;
        t["transformer.wte.weight"] = normal({V, d});
        t["transformer.wpe.weight"] = normal({P, d}) * 0.5;
        for (int64_t l = 0; l < L; ++l) {
            std::string h = "transformer.h." + std::to_string(l) + ".";
            t[h + "ln_1.weight"] = torch::ones({d}, opts);
            t[h + "ln_1.bias"] = torch::zeros({d}, opts);
            t[h + "ln_2.weight"] = torch::ones({d}, opts);
            t[h + "ln_2.bias"] = torch::zeros({d}, opts);
            t[h + "attn.c_attn.weight"] = normal({d, 3 * d});
            t[h + "attn.c_attn.bias"] = torch::zeros({3 * d}, opts);
            // GPT-2 scales residual projections by 1/sqrt(2L).
            t[h + "attn.c_proj.weight"] = normal({d, d}) / std::sqrt(2.0 * L);
            t[h + "attn.c_proj.bias"] = torch::zeros({d}, opts);
            t[h + "mlp.c_fc.weight"] = normal({d, ff});
            t[h + "mlp.c_fc.bias"] = torch::zeros({ff}, opts);
            t[h + "mlp.c_proj.weight"] = normal({ff, d}) / std::sqrt(2.0 * L);
            t[h + "mlp.c_proj.bias"] = torch::zeros({d}, opts);
        }
        t["transformer.ln_f.weight"] = torch::ones({d}, opts);
        t["transformer.ln_f.bias"] = torch::zeros({d}, opts);
        LoadOptions o = options;
        o.check_finite = false;
        return Model::from_tensors(config, std::move(t), std::make_shared<const Tokenizer>(std::move(tok.value())), o).value();
    });
    return made;
}

std::string bundled_gpt2_tokenizer_dir() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("LANCET_RESOURCES")) {
        fs::path p = fs::path(env) / "tokenizers" / "gpt2";
        if (fs::exists(p / "vocab.json")) return p.string();
    }
#ifdef LANCET_RESOURCES_DIR
    {
        fs::path p = fs::path(LANCET_RESOURCES_DIR) / "tokenizers" / "gpt2";
        if (fs::exists(p / "vocab.json")) return p.string();
    }
#endif
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    for (fs::path p : {exe.parent_path() / "../share/lancet/tokenizers/gpt2", exe.parent_path() / "resources/tokenizers/gpt2"})
        if (fs::exists(p / "vocab.json")) return p.lexically_normal().string();
    return "resources/tokenizers/gpt2";
}

}  // namespace lancet
