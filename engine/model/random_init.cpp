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

namespace {

// Where each drawn tensor goes and in which dtype, as Model::load would put
// it: planned from names and shapes alone (meta tensors), so that a model
// placed across devices is drawn straight onto each part's device.
TensorPlan random_init_plan(const nlohmann::json& config, const LoadOptions& options) {
    const Architecture* arch = architecture_for(config).value();
    const ModelConfig c = arch->parse_config(config).value();
    TensorMap shapes;
    for (const TensorSpec& spec : arch->tensor_specs(c))
        shapes[spec.name] = torch::empty(spec.shape, torch::TensorOptions().device(torch::kMeta).dtype(torch::kFloat));
    return plan_tensors(config, shapes, options).value();
}

}  // namespace

Expected<std::shared_ptr<Model>> random_gpt2(const nlohmann::json& config, const std::string& tokenizer_dir,
                                             const LoadOptions& options, uint64_t seed) {
    auto tok = Tokenizer::from_folder(tokenizer_dir);
    if (!tok) return tok.error();
    auto made = capture([&] {
        torch::NoGradGuard guard;
        const TensorPlan plan = random_init_plan(config, options);
        torch::manual_seed(seed);
        const int64_t V = config.at("vocab_size"), P = config.at("n_positions"), d = config.at("n_embd"),
                      L = config.at("n_layer");
        const int64_t ff = config.contains("n_inner") && !config["n_inner"].is_null() ? config["n_inner"].get<int64_t>() : 4 * d;
        TensorMap t;
        auto opts = [&](const std::string& name) { return torch::TensorOptions().device(plan.device_of(name)).dtype(plan.dtype); };
        auto normal = [&](const std::string& name, std::vector<int64_t> shape) { return torch::randn(shape, opts(name)) * 0.02; };
        auto ones = [&](const std::string& name, int64_t n) { t[name] = torch::ones({n}, opts(name)); };
        auto zeros = [&](const std::string& name, int64_t n) { t[name] = torch::zeros({n}, opts(name)); };
        t["transformer.wte.weight"] = normal("transformer.wte.weight", {V, d});
        t["transformer.wpe.weight"] = normal("transformer.wpe.weight", {P, d}) * 0.5;
        for (int64_t l = 0; l < L; ++l) {
            std::string h = "transformer.h." + std::to_string(l) + ".";
            ones(h + "ln_1.weight", d);
            zeros(h + "ln_1.bias", d);
            ones(h + "ln_2.weight", d);
            zeros(h + "ln_2.bias", d);
            t[h + "attn.c_attn.weight"] = normal(h + "attn.c_attn.weight", {d, 3 * d});
            zeros(h + "attn.c_attn.bias", 3 * d);
            // GPT-2 scales residual projections by 1/sqrt(2L).
            t[h + "attn.c_proj.weight"] = normal(h + "attn.c_proj.weight", {d, d}) / std::sqrt(2.0 * L);
            zeros(h + "attn.c_proj.bias", d);
            t[h + "mlp.c_fc.weight"] = normal(h + "mlp.c_fc.weight", {d, ff});
            zeros(h + "mlp.c_fc.bias", ff);
            t[h + "mlp.c_proj.weight"] = normal(h + "mlp.c_proj.weight", {ff, d}) / std::sqrt(2.0 * L);
            zeros(h + "mlp.c_proj.bias", d);
        }
        ones("transformer.ln_f.weight", d);
        zeros("transformer.ln_f.bias", d);
        LoadOptions o = options;
        o.check_finite = false;
        return Model::from_tensors(config, std::move(t), std::make_shared<const Tokenizer>(std::move(tok.value())), o).value();
    });
    return made;
}

namespace {

// Published config.json values (the fields Lancet reads), so benchmarks run at
// the real shapes. Vocabulary sizes are the models' own; the bundled GPT-2
// tokenizer (50,257 tokens) fits inside each.
nlohmann::json family_shape(const std::string& shape) {
    using json = nlohmann::json;
    if (shape == "llama3-8b")
        return json{{"model_type", "llama"}, {"architectures", {"LlamaForCausalLM"}}, {"hidden_size", 4096},
                    {"intermediate_size", 14336}, {"num_hidden_layers", 32}, {"num_attention_heads", 32},
                    {"num_key_value_heads", 8}, {"vocab_size", 128256}, {"max_position_embeddings", 8192},
                    {"rope_theta", 500000.0}, {"rms_norm_eps", 1e-5}, {"tie_word_embeddings", false},
                    {"hidden_act", "silu"}, {"torch_dtype", "bfloat16"}, {"bos_token_id", 128000}, {"eos_token_id", 128001}};
    if (shape == "qwen2.5-7b")
        return json{{"model_type", "qwen2"}, {"architectures", {"Qwen2ForCausalLM"}}, {"hidden_size", 3584},
                    {"intermediate_size", 18944}, {"num_hidden_layers", 28}, {"num_attention_heads", 28},
                    {"num_key_value_heads", 4}, {"vocab_size", 152064}, {"max_position_embeddings", 131072},
                    {"rope_theta", 1000000.0}, {"rms_norm_eps", 1e-6}, {"tie_word_embeddings", false},
                    {"use_sliding_window", false}, {"hidden_act", "silu"}, {"torch_dtype", "bfloat16"},
                    {"bos_token_id", 151643}, {"eos_token_id", 151643}};
    if (shape == "qwen3-8b")
        return json{{"model_type", "qwen3"}, {"architectures", {"Qwen3ForCausalLM"}}, {"hidden_size", 4096},
                    {"intermediate_size", 12288}, {"num_hidden_layers", 36}, {"num_attention_heads", 32},
                    {"num_key_value_heads", 8}, {"head_dim", 128}, {"vocab_size", 151936},
                    {"max_position_embeddings", 40960}, {"rope_theta", 1000000.0}, {"rms_norm_eps", 1e-6},
                    {"tie_word_embeddings", false}, {"attention_bias", false}, {"hidden_act", "silu"},
                    {"torch_dtype", "bfloat16"}, {"bos_token_id", 151643}, {"eos_token_id", 151645}};
    if (shape == "mistral-7b")
        return json{{"model_type", "mistral"}, {"architectures", {"MistralForCausalLM"}}, {"hidden_size", 4096},
                    {"intermediate_size", 14336}, {"num_hidden_layers", 32}, {"num_attention_heads", 32},
                    {"num_key_value_heads", 8}, {"vocab_size", 32000}, {"max_position_embeddings", 32768},
                    {"rope_theta", 10000.0}, {"rms_norm_eps", 1e-5}, {"sliding_window", 4096},
                    {"tie_word_embeddings", false}, {"hidden_act", "silu"}, {"torch_dtype", "bfloat16"},
                    {"bos_token_id", 1}, {"eos_token_id", 2}};
    if (shape == "gemma2-9b")
        return json{{"model_type", "gemma2"}, {"architectures", {"Gemma2ForCausalLM"}}, {"hidden_size", 3584},
                    {"intermediate_size", 14336}, {"num_hidden_layers", 42}, {"num_attention_heads", 16},
                    {"num_key_value_heads", 8}, {"head_dim", 256}, {"vocab_size", 256000},
                    {"max_position_embeddings", 8192}, {"rope_theta", 10000.0}, {"rms_norm_eps", 1e-6},
                    {"query_pre_attn_scalar", 256}, {"sliding_window", 4096}, {"attn_logit_softcapping", 50.0},
                    {"final_logit_softcapping", 30.0}, {"hidden_activation", "gelu_pytorch_tanh"},
                    {"tie_word_embeddings", true}, {"torch_dtype", "bfloat16"}, {"bos_token_id", 2}, {"eos_token_id", 1}};
    if (shape == "gptj-6b")
        return json{{"model_type", "gptj"}, {"architectures", {"GPTJForCausalLM"}}, {"n_embd", 4096}, {"n_layer", 28},
                    {"n_head", 16}, {"rotary_dim", 64}, {"n_positions", 2048}, {"vocab_size", 50400},
                    {"activation_function", "gelu_new"}, {"layer_norm_epsilon", 1e-5}, {"tie_word_embeddings", false},
                    {"torch_dtype", "float32"}, {"bos_token_id", 50256}, {"eos_token_id", 50256}};
    if (shape == "pythia-6.9b")
        return json{{"model_type", "gpt_neox"}, {"architectures", {"GPTNeoXForCausalLM"}}, {"hidden_size", 4096},
                    {"intermediate_size", 16384}, {"num_hidden_layers", 32}, {"num_attention_heads", 32},
                    {"rotary_pct", 0.25}, {"rotary_emb_base", 10000}, {"max_position_embeddings", 2048},
                    {"vocab_size", 50432}, {"layer_norm_eps", 1e-5}, {"use_parallel_residual", true},
                    {"hidden_act", "gelu"}, {"tie_word_embeddings", false}, {"torch_dtype", "float16"},
                    {"bos_token_id", 0}, {"eos_token_id", 0}};
    if (shape == "tiny-llama")
        return json{{"model_type", "llama"}, {"architectures", {"LlamaForCausalLM"}}, {"hidden_size", 64},
                    {"intermediate_size", 128}, {"num_hidden_layers", 2}, {"num_attention_heads", 4},
                    {"num_key_value_heads", 2}, {"vocab_size", 50257}, {"max_position_embeddings", 256},
                    {"rope_theta", 500000.0}, {"rms_norm_eps", 1e-5}, {"tie_word_embeddings", false},
                    {"hidden_act", "silu"}, {"torch_dtype", "float32"}};
    if (shape == "tiny-neox")
        return json{{"model_type", "gpt_neox"}, {"architectures", {"GPTNeoXForCausalLM"}}, {"hidden_size", 64},
                    {"intermediate_size", 256}, {"num_hidden_layers", 2}, {"num_attention_heads", 4},
                    {"rotary_pct", 0.25}, {"max_position_embeddings", 256}, {"vocab_size", 50304},
                    {"layer_norm_eps", 1e-5}, {"hidden_act", "gelu"}, {"torch_dtype", "float32"}};
    return nullptr;
}

}  // namespace

std::string known_shapes() {
    return "tiny, gpt2, gpt2-medium, gpt2-large, gpt2-xl, llama3-8b, qwen2.5-7b, qwen3-8b, mistral-7b, gemma2-9b, "
           "gptj-6b, pythia-6.9b, tiny-llama, tiny-neox";
}

Expected<nlohmann::json> shape_config(const std::string& shape) {
    auto family = family_shape(shape);
    if (!family.is_null()) return family;
    auto gpt2 = gpt2_shape_config(shape);
    if (gpt2) return gpt2;
    return Error{ErrorCode::InvalidArgument, "unknown shape \"" + shape + "\" (" + known_shapes() + ")"};
}

Expected<std::shared_ptr<Model>> random_model(const nlohmann::json& config, const std::string& tokenizer_dir,
                                              const LoadOptions& options, uint64_t seed) {
    auto arch = architecture_for(config);
    if (!arch) return arch.error();
    if (arch.value()->family() == "gpt2") return random_gpt2(config, tokenizer_dir, options, seed);
    auto tok = Tokenizer::from_folder(tokenizer_dir);
    if (!tok) return tok.error();
    return capture([&] {
        torch::NoGradGuard guard;
        const ModelConfig c = arch.value()->parse_config(config).value();
        const TensorPlan plan = random_init_plan(config, options);
        torch::manual_seed(seed);
        TensorMap t;
        for (const TensorSpec& spec : arch.value()->tensor_specs(c)) {
            const auto opts = torch::TensorOptions().device(plan.device_of(spec.name)).dtype(plan.dtype);
            switch (spec.init) {
                case TensorSpec::Init::Normal: t[spec.name] = torch::randn(spec.shape, opts) * 0.02; break;
                case TensorSpec::Init::Ones: t[spec.name] = torch::ones(spec.shape, opts); break;
                case TensorSpec::Init::Zeros: t[spec.name] = torch::zeros(spec.shape, opts); break;
            }
        }
        LoadOptions o = options;
        o.check_finite = false;
        return Model::from_tensors(config, std::move(t), std::make_shared<const Tokenizer>(std::move(tok.value())), o).value();
    });
}

std::string bundled_gpt2_tokenizer_dir() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("LANCET_RESOURCES")) {
        fs::path p = fs::path(env) / "tokenizers" / "gpt2";
        if (fs::exists(p / "vocab.json")) return p.string();
    }
    // Installed data (bin/../share/lancet) before the source tree the program was built from.
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (fs::path p = exe.parent_path() / "../share/lancet/tokenizers/gpt2"; fs::exists(p / "vocab.json"))
        return p.lexically_normal().string();
#ifdef LANCET_RESOURCES_DIR
    {
        fs::path p = fs::path(LANCET_RESOURCES_DIR) / "tokenizers" / "gpt2";
        if (fs::exists(p / "vocab.json")) return p.string();
    }
#endif
    if (fs::path p = exe.parent_path() / "resources/tokenizers/gpt2"; fs::exists(p / "vocab.json"))
        return p.lexically_normal().string();
    return "resources/tokenizers/gpt2";
}

}  // namespace lancet
