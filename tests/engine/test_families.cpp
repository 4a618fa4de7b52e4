// Every architecture family against its golden logits (tests/golden/families.py:
// tiny random models of Llama, Mistral, Qwen 2/3, Gemma 1/2/3, GPT-NeoX and
// GPT-J, with logits from Hugging Face transformers 5.17 itself (float32, eager
// attention; made on the GPU machine with --engine transformers, where they
// agreed with the NumPy reference to 1.3e-5; golden.json says which), single prompts, prompts longer
// than a sliding window and a left-padded batch; the KV cache against the full
// pass; and the loader's refusals of configurations it cannot run.
#include "check.h"

#include "edit/edit_record.h"
#include "edit/rome.h"
#include "io/safetensors.h"
#include "merge/config_merge.h"
#include "merge/mergekit_yaml.h"
#include "model/config_parse.h"
#include "model/forward.h"
#include "model/model.h"
#include "model/random_init.h"
#include "tokenizer/continuation.h"
#include "trace/causal_trace.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>

namespace lancet_suite_families {

using namespace lancet;
namespace fs = std::filesystem;

namespace {

const char* const kFamilies[] = {"llama", "mistral", "qwen2", "qwen3", "gemma", "gemma2",
                                 "gemma3_text", "gpt_neox", "gpt_neox_serial", "gptj"};

std::string family_dir(const std::string& name) { return test::fixtures_dir() + "/families/" + name; }

std::shared_ptr<Model> load_family(const std::string& name) {
    auto m = Model::load(family_dir(name));
    if (!m) throw std::runtime_error(name + ": " + m.error().message);
    return m.value();
}

double max_diff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

nlohmann::json read_json(const std::string& path) {
    std::ifstream f(path);
    return nlohmann::json::parse(f);
}

}  // namespace

LANCET_TEST(every_family_matches_its_golden_logits) {
    torch::InferenceMode guard;
    for (const char* name : kFamilies) {
        auto model = load_family(name);
        auto golden = SafetensorsFile::open(family_dir(name) + "/golden.safetensors");
        REQUIRE_OK(golden);
        auto meta = read_json(family_dir(name) + "/golden.json");
        CHECK_EQ(model->config().family, meta["family"].get<std::string>());
        CHECK(model->load_warnings().empty());
        double worst = 0.0;
        for (const auto& c : meta["cases"]) {
            auto ids = c["ids"].get<std::vector<int64_t>>();
            ForwardInput in;
            in.input_ids = torch::tensor(ids, torch::kLong).view({1, -1});
            auto logits = forward(*model, in).logits[0];
            auto expected = golden->tensor(c["name"].get<std::string>() + ".logits");
            REQUIRE_OK(expected);
            worst = std::max(worst, max_diff(logits, *expected));
        }
        // Left padding: positions count real tokens only; padding rows carry no meaning.
        ForwardInput in;
        in.input_ids = *golden->tensor("batch.ids");
        in.attention_mask = *golden->tensor("batch.mask");
        auto logits = forward(*model, in).logits;
        auto mask = in.attention_mask.to(torch::kBool);
        const double batch = max_diff(logits.index({mask}), golden->tensor("batch.logits")->index({mask}));
        std::printf("  %-16s max |logit difference| single %.2e, left-padded batch %.2e (reference: %s)\n", name, worst,
                    batch, meta["reference"].get<std::string>().c_str());
        CHECK(worst <= 1e-4);
        CHECK(batch <= 1e-4);
    }
}

LANCET_TEST(fused_kernels_give_the_same_logits) {
    // ForwardInput::fused_kernels on the CPU: the rotary roll and grouped-query
    // attention without widened keys (the fused RMSNorm is CUDA's only). Same
    // values as the plain pass up to the batching of the products, and the
    // golden logits to the golden tolerance, with padding and sliding windows.
    torch::InferenceMode guard;
    int grouped = 0;
    for (const char* name : kFamilies) {
        auto model = load_family(name);
        auto golden = SafetensorsFile::open(family_dir(name) + "/golden.safetensors");
        REQUIRE_OK(golden);
        if (model->config().n_kv_head != model->config().n_head) ++grouped;
        ForwardInput in;
        in.input_ids = *golden->tensor("batch.ids");
        in.attention_mask = *golden->tensor("batch.mask");
        auto plain = forward(*model, in).logits;
        in.fused_kernels = true;
        auto fused = forward(*model, in).logits;
        auto mask = in.attention_mask.to(torch::kBool);
        const double to_plain = max_diff(fused.index({mask}), plain.index({mask}));
        const double to_golden = max_diff(fused.index({mask}), golden->tensor("batch.logits")->index({mask}));
        std::printf("  %-16s fused vs plain %.2e, vs golden %.2e\n", name, to_plain, to_golden);
        CHECK(to_plain <= 1e-5);
        CHECK(to_golden <= 1e-4);
    }
    CHECK(grouped >= 3);  // the grouped-query path ran (Llama, Mistral, Qwen at least)
}

LANCET_TEST(last_block_columns_equal_the_full_pass_at_those_columns) {
    // ForwardInput::last_block_columns: the last block's queries, MLP and
    // output only at chosen columns of each row (ROME's and MEMIT's losses read
    // a few). Every family (parallel residuals, post-norms, windows, grouped
    // heads with and without the fused path), a left-padded batch, two columns
    // per row that differ between rows; and the refusal beside an intervention.
    torch::InferenceMode guard;
    for (const char* name : kFamilies) {
        auto model = load_family(name);
        auto golden = SafetensorsFile::open(family_dir(name) + "/golden.safetensors");
        REQUIRE_OK(golden);
        ForwardInput in;
        in.input_ids = *golden->tensor("batch.ids");
        in.attention_mask = *golden->tensor("batch.mask");
        in.logits = LogitsMode::None;
        const int64_t B = in.input_ids.size(0), T = in.input_ids.size(1);
        auto cols = torch::empty({B, 2}, torch::kLong);
        for (int64_t b = 0; b < B; ++b) {
            cols[b][0] = T - 1;
            cols[b][1] = T - 2 - (b % std::max<int64_t>(1, T - 2));
        }
        for (bool fused : {false, true}) {
            in.fused_kernels = fused;
            in.last_block_columns = torch::Tensor();
            auto full = forward(*model, in).hidden;
            auto expected = full.gather(1, cols.unsqueeze(-1).expand({B, 2, full.size(2)}));
            in.last_block_columns = cols;
            auto narrowed = forward(*model, in).hidden;
            CHECK_EQ(narrowed.size(1), 2);
            const double diff = max_diff(narrowed, expected);
            if (diff > 1e-5) std::printf("  %-16s fused %d: columns vs full pass %.2e\n", name, int(fused), diff);
            CHECK(diff <= 1e-5);
        }
        in.fused_kernels = false;
        // Starting past the last block: the input's columns.
        ForwardInput none = in;
        none.start_layer = model->config().n_layer;
        none.start_hidden = torch::randn({B, T, model->config().d_model});
        auto same = forward(*model, none).hidden;
        CHECK(max_diff(same, none.start_hidden.gather(1, cols.unsqueeze(-1).expand({B, 2, same.size(2)}))) == 0.0);
        Interventions iv;
        iv.capture(Site::MlpOut, model->config().n_layer - 1);
        auto refused = capture([&] { return forward(*model, in, &iv).hidden; });
        CHECK(!refused.ok() && refused.error().code == ErrorCode::InvalidArgument);
        ForwardInput outside = in;
        outside.last_block_columns = cols + T;  // past the row's end
        auto out_of_range = capture([&] { return forward(*model, outside).hidden; });
        CHECK(!out_of_range.ok() && out_of_range.error().code == ErrorCode::InvalidArgument);
    }
}

LANCET_TEST(kv_cache_decoding_equals_the_full_pass) {
    // Token by token with a cache must give the full pass's logits: rotary
    // positions continue from the cache, sliding windows slide over cached keys.
    torch::InferenceMode guard;
    for (const char* name : kFamilies) {
        auto model = load_family(name);
        auto golden = SafetensorsFile::open(family_dir(name) + "/golden.safetensors");
        REQUIRE_OK(golden);
        auto expected = *golden->tensor("single.1.logits");  // the 12-token prompt, longer than every window
        auto meta = read_json(family_dir(name) + "/golden.json");
        auto ids = meta["cases"][1]["ids"].get<std::vector<int64_t>>();
        KVCache cache;
        ForwardInput first;
        first.input_ids = torch::tensor(std::vector<int64_t>(ids.begin(), ids.begin() + 3), torch::kLong).view({1, -1});
        first.cache = &cache;
        auto out = forward(*model, first).logits[0];
        double worst = max_diff(out, expected.slice(0, 0, 3));
        for (size_t t = 3; t < ids.size(); ++t) {
            ForwardInput step;
            step.input_ids = torch::tensor(std::vector<int64_t>{ids[t]}, torch::kLong).view({1, 1});
            step.cache = &cache;
            auto logits = forward(*model, step).logits[0][0];
            worst = std::max(worst, max_diff(logits, expected[static_cast<int64_t>(t)]));
        }
        if (worst > 1e-4) std::printf("  %s: cached decoding differs by %.2e\n", name, worst);
        CHECK(worst <= 1e-4);
    }
}

LANCET_TEST(the_golden_check_would_see_a_missing_window_or_softcap) {
    // The fixtures are sensitive to the features they test: the same weights
    // without Mistral's window or Gemma 2's soft-capping give other logits.
    torch::InferenceMode guard;
    auto logits_of = [](const std::string& name, const std::function<void(nlohmann::json&)>& edit) {
        const std::string dir = test::scratch_dir("families_sens_" + name);
        for (const auto& e : fs::directory_iterator(family_dir(name)))
            fs::copy_file(e.path(), fs::path(dir) / e.path().filename(), fs::copy_options::overwrite_existing);
        auto config = read_json(dir + "/config.json");
        edit(config);
        std::ofstream(dir + "/config.json") << config.dump();
        auto model = Model::load(dir);
        if (!model) throw std::runtime_error(model.error().message);
        auto meta = read_json(dir + "/golden.json");
        ForwardInput in;
        in.input_ids = torch::tensor(meta["cases"][1]["ids"].get<std::vector<int64_t>>(), torch::kLong).view({1, -1});
        return forward(*model.value(), in).logits[0];
    };
    auto golden_of = [](const std::string& name) {
        auto golden = SafetensorsFile::open(family_dir(name) + "/golden.safetensors").value();
        return golden.tensor("single.1.logits").value();
    };
    CHECK(max_diff(logits_of("mistral", [](nlohmann::json& c) { c["sliding_window"] = nullptr; }), golden_of("mistral")) > 1e-2);
    CHECK(max_diff(logits_of("gemma2", [](nlohmann::json& c) { c["attn_logit_softcapping"] = 1000.0; }), golden_of("gemma2")) > 1e-2);
    CHECK(max_diff(logits_of("gemma3_text", [](nlohmann::json& c) { c["rope_local_base_freq"] = 1000000.0; }),
                   golden_of("gemma3_text")) > 1e-2);
    CHECK(max_diff(logits_of("llama", [](nlohmann::json& c) { c.erase("rope_scaling"); }), golden_of("llama")) > 1e-2);
}

LANCET_TEST(the_summary_names_family_heads_rotary_and_windows) {
    auto qwen3 = load_family("qwen3")->config().to_json();
    CHECK_EQ(qwen3["family"].get<std::string>(), "qwen3");
    CHECK_EQ(qwen3["d_head"].get<int64_t>(), 16);  // head_dim is not hidden_size / heads here
    CHECK_EQ(qwen3["grouped_query_attention"]["query_heads_per_kv_head"].get<int64_t>(), 2);
    CHECK(qwen3["qk_norm"].get<bool>());
    auto gemma2 = load_family("gemma2")->config().to_json();
    CHECK_EQ(gemma2["sliding_window"]["window"].get<int64_t>(), 4);
    CHECK_EQ(gemma2["sliding_window"]["layers"].get<int64_t>(), 2);  // layers 0 and 2 of 3
    auto neox = load_family("gpt_neox")->config().to_json();
    CHECK_EQ(neox["rotary"]["features"].get<int64_t>(), 4);  // rotary_pct 0.5 of 8
    auto gptj = load_family("gptj")->config().to_json();
    CHECK_EQ(gptj["rotary"]["style"].get<std::string>(), "interleaved");
    auto llama = load_family("llama")->config().to_json();
    CHECK_EQ(llama["rotary"]["scaling"]["type"].get<std::string>(), "llama3");
}

LANCET_TEST(unsupported_and_malformed_configs_are_refused_by_name) {
    auto copy_with = [](const std::string& family, const std::function<void(nlohmann::json&)>& edit) {
        const std::string dir = test::scratch_dir("families_" + family);
        for (const auto& e : fs::directory_iterator(family_dir(family)))
            fs::copy_file(e.path(), fs::path(dir) / e.path().filename(), fs::copy_options::overwrite_existing);
        auto config = read_json(dir + "/config.json");
        edit(config);
        std::ofstream(dir + "/config.json") << config.dump();
        return Model::load(dir);
    };
    auto unknown = copy_with("llama", [](nlohmann::json& c) { c["model_type"] = "mamba"; });
    REQUIRE(!unknown);
    CHECK(unknown.error().code == ErrorCode::Unsupported);
    CHECK(unknown.error().message.find("qwen3") != std::string::npos);  // lists what is supported

    auto quantised = copy_with("llama", [](nlohmann::json& c) { c["quantization_config"] = {{"quant_method", "gptq"}}; });
    REQUIRE(!quantised);
    CHECK(quantised.error().message.find("quantis") != std::string::npos);

    auto multimodal = copy_with("gemma3_text", [](nlohmann::json& c) { c["model_type"] = "gemma3"; });
    REQUIRE(!multimodal);
    CHECK(multimodal.error().message.find("gemma3_text") != std::string::npos);

    auto bad_gqa = copy_with("llama", [](nlohmann::json& c) { c["num_key_value_heads"] = 3; });
    REQUIRE(!bad_gqa);
    CHECK(bad_gqa.error().code == ErrorCode::InvalidFile);

    auto absurd = copy_with("mistral", [](nlohmann::json& c) { c["hidden_size"] = int64_t(1) << 40; });
    REQUIRE(!absurd);
    CHECK(absurd.error().message.find("hidden_size") != std::string::npos);

    auto yarn = copy_with("llama", [](nlohmann::json& c) { c["rope_scaling"] = {{"rope_type", "yarn"}, {"factor", 4.0}}; });
    REQUIRE(!yarn);
    CHECK(yarn.error().code == ErrorCode::Unsupported);

    auto wrong_shape = copy_with("qwen3", [](nlohmann::json& c) { c["head_dim"] = 8; });
    REQUIRE(!wrong_shape);
    CHECK(wrong_shape.error().message.find("q_proj") != std::string::npos);

    // transformers 5.x writes rope_parameters instead of rope_theta / rope_scaling: same model.
    auto v5 = copy_with("llama", [](nlohmann::json& c) {
        nlohmann::json p = c["rope_scaling"];
        p["rope_theta"] = c["rope_theta"];
        c.erase("rope_scaling");
        c.erase("rope_theta");
        c["rope_parameters"] = p;
    });
    REQUIRE_OK(v5);
    auto original = load_family("llama");
    torch::InferenceMode guard;
    ForwardInput in;
    in.input_ids = torch::tensor(std::vector<int64_t>{5, 80, 200, 17, 3, 9}, torch::kLong).view({1, -1});
    CHECK(max_diff(forward(*v5.value(), in).logits, forward(*original, in).logits) == 0.0);
}

// What fuzz_model_config found (tests/fuzz/regressions/model_config): values
// that used to be cast, wrapped or divided into nonsense are refused by name.
LANCET_TEST(config_values_that_would_mislead_are_refused_by_name) {
    const nlohmann::json llama = {{"model_type", "llama"}, {"hidden_size", 64}, {"num_hidden_layers", 2},
                                  {"num_attention_heads", 4}, {"intermediate_size", 128}};
    auto with = [](nlohmann::json j, const char* key, nlohmann::json value) {
        j[key] = std::move(value);
        return parse_model_config(j);
    };
    auto refused = [](const Expected<ModelConfig>& c, const char* field) {
        CHECK(!c.ok());
        if (!c.ok()) {
            CHECK(c.error().code == ErrorCode::InvalidFile);
            CHECK(c.error().message.find(field) != std::string::npos);
        }
    };
    auto base = parse_model_config(llama);
    REQUIRE_OK(base);
    refused(with(llama, "num_key_value_heads", 1.3e122), "num_key_value_heads");  // was undefined behaviour
    refused(with(llama, "num_hidden_layers", 2.5), "num_hidden_layers");           // was truncated to 2
    auto integral = with(llama, "max_position_embeddings", 4096.0);                // an integral float is fine
    REQUIRE_OK(integral);
    CHECK(integral->n_positions == 4096);
    refused(with(llama, "rms_norm_eps", -1.0), "rms_norm_eps");
    refused(with(llama, "rope_scaling", {{"rope_type", 7}, {"factor", 2.0}}), "rope_type");
    nlohmann::json qwen = llama;
    qwen["model_type"] = "qwen2";
    qwen["use_sliding_window"] = true;
    qwen["sliding_window"] = 8;
    refused(with(qwen, "max_window_layers", -3), "max_window_layers");  // indexed before the layers
    nlohmann::json gemma2 = llama;
    gemma2["model_type"] = "gemma2";
    refused(with(gemma2, "query_pre_attn_scalar", 0), "query_pre_attn_scalar");
    const nlohmann::json gpt2 = {{"model_type", "gpt2"}, {"n_embd", 64}, {"n_layer", 2}, {"n_head", 4}};
    auto small_gpt2 = parse_model_config(gpt2);
    REQUIRE_OK(small_gpt2);
    refused(with(gpt2, "n_embd", int64_t(1) << 40), "n_embd");  // GPT-2 was the one family without bounds
    refused(with(gpt2, "n_inner", -5), "n_inner");
}

LANCET_TEST(causal_trace_fast_path_equals_the_cell_by_cell_loop) {
    // Tracing needs no per-family code: the batched fast path (cached clean
    // states, restored windows) equals the literal loop on rotary, GQA,
    // parallel-residual and post-norm models alike.
    for (const char* name : {"llama", "gpt_neox", "gemma2", "gptj"}) {
        auto model = load_family(name);
        TraceRequest r;
        r.prompt = "The Space Needle is in";
        r.subject = "Space Needle";
        r.samples = 3;
        r.window = 1;
        auto fast = causal_trace(*model, r);
        REQUIRE_OK(fast);
        r.reference_loop = true;
        auto loop = causal_trace(*model, r);
        REQUIRE_OK(loop);
        double worst = 0;
        for (size_t k = 0; k < fast->kinds.size(); ++k)
            for (size_t t = 0; t < fast->kinds[k].scores.size(); ++t)
                for (size_t l = 0; l < fast->kinds[k].scores[t].size(); ++l)
                    worst = std::max(worst, std::fabs(fast->kinds[k].scores[t][l] - loop->kinds[k].scores[t][l]));
        std::printf("  %-9s trace: %zu kinds, fast path vs loop %.2e, %lld vs %lld passes\n", name, fast->kinds.size(), worst,
                    static_cast<long long>(fast->forward_passes), static_cast<long long>(loop->forward_passes));
        CHECK(worst <= 1e-5);
        CHECK(fast->forward_passes < loop->forward_passes);
    }
}

LANCET_TEST(rome_update_is_its_closed_form_on_linear_layout_models) {
    // nn.Linear stores the down projection [d, d_ff]: the rank-one update is v uᵀ,
    // and after it the MLP maps the template-mean key to the optimised target.
    const std::string stats = test::scratch_dir("families-rome-stats");
    for (const char* name : {"llama", "gpt_neox"}) {
        auto model = load_family(name);
        RomeRequest req{"{} is in", "The Space Needle", "Paris", std::string("Seattle"), {}};
        RomeOptions o;
        o.hparams = default_rome_hparams(model->config());
        o.hparams.mom2_n_samples = 2000;
        o.layer = 0;
        o.stats.cache_dir = stats;
        o.stats.corpus_files = {test::source_dir() + "/resources/corpus/wordnet-glosses.txt"};
        auto before = score_target(*model, "The Space Needle is in", req.target_new);
        REQUIRE_OK(before);
        auto edit = compute_rome(*model, req, o);
        REQUIRE_OK(edit);
        CHECK(!edit->in_out_layout);
        const std::string weight = edit->weight_name;
        CHECK(weight.find(std::string(name) == "llama" ? "mlp.down_proj" : "mlp.dense_4h_to_h") != std::string::npos);
        torch::Tensor w0 = model->tensor(weight).clone();
        EditHistory history;
        REQUIRE_OK(history.apply(*model, make_edit_record(edit.value(), *model)));
        auto applied = model->tensor(weight) - w0;
        auto closed_form = torch::outer(edit->v, edit->u);
        CHECK(((applied - closed_form).norm() / closed_form.norm()).item<double>() < 1e-5);
        auto keys = rome_keys(*model, 0, req, edit->context_templates);
        REQUIRE_OK(keys);
        const double target_gap = ((keys->v_mean - edit->target).norm() / edit->target.norm()).item<double>();
        auto after = score_target(*model, "The Space Needle is in", req.target_new);
        REQUIRE_OK(after);
        std::printf("  %-9s ROME at layer 0: p(Paris) %.3g -> %.3g, |W k* - v*| / |v*| = %.1e\n", name, before->prob,
                    after->prob, target_gap);
        CHECK(target_gap < 1e-4);
        CHECK(after->prob > before->prob);
    }
}

LANCET_TEST(sentencepiece_models_read_a_bos_and_targets_without_a_stray_space_token) {
    // The mistral and gemma fixtures carry a Llama-2-style tokenizer: "▁" for
    // spaces, byte fallback, add_bos_token. Prompts get <s> first; a target that
    // continues a prompt is the joint encoding's tail, not "▁" + "▁Paris".
    auto model = load_family("mistral");
    const Tokenizer& tok = model->tokenizer();
    REQUIRE(tok.prepends_bos());
    auto prompt = model->encode("The Space Needle is in the city of");
    REQUIRE(!prompt.ids.empty());
    CHECK_EQ(prompt.ids.front(), int64_t(1));
    CHECK(prompt.offsets.front().begin == 0 && prompt.offsets.front().end == 0);
    auto joint = model->encode("The Space Needle is in the city of Paris").ids;
    auto target = continuation_ids(tok, " Paris");
    REQUIRE(!target.empty());
    CHECK(std::equal(target.begin(), target.end(), joint.end() - static_cast<std::ptrdiff_t>(target.size())));
    CHECK_EQ(tok.token_string(target.front()), std::string("▁Paris"));
    auto alone = tok.encode(" Paris").ids;  // what the old code took as the target
    CHECK(alone.size() > target.size());
    // Byte-level files are unchanged by the anchor: " Paris" is the same either way.
    auto llama = load_family("llama");
    CHECK(continuation_ids(llama->tokenizer(), " Paris") == llama->tokenizer().encode(" Paris").ids);
    CHECK(!llama->tokenizer().prepends_bos());

    // Tracing and ROME find the subject after the BOS.
    TraceRequest r;
    r.prompt = "The Space Needle is in";
    r.subject = "Space Needle";
    r.samples = 2;
    auto traced = causal_trace(*model, r);
    REQUIRE_OK(traced);
    CHECK_EQ(traced->setup.tokens.front(), std::string("<s>"));
    RomeRequest req{"{} is in", "The Space Needle", "Paris", std::string("Seattle"), {}};
    RomeOptions o;
    o.hparams = default_rome_hparams(model->config());
    o.hparams.mom2_n_samples = 1000;
    o.layer = 0;
    o.stats.cache_dir = test::scratch_dir("families-sp-stats");
    o.stats.corpus_files = {test::source_dir() + "/resources/corpus/wordnet-glosses.txt"};
    auto edit = compute_rome(*model, req, o);
    REQUIRE_OK(edit);
    auto before = score_target(*model, "The Space Needle is in", "Paris");
    REQUIRE_OK(before);
    EditHistory history;
    REQUIRE_OK(history.apply(*model, make_edit_record(edit.value(), *model)));
    auto after = score_target(*model, "The Space Needle is in", "Paris");
    REQUIRE_OK(after);
    CHECK(after->prob > before->prob);
}

LANCET_TEST(mergekit_configs_merge_llama_and_restack_gemma2_windows) {
    // Two "fine-tunes" of each fixture: the base plus small noise.
    auto variant = [](const std::string& family, int seed) {
        const std::string dir = test::scratch_dir("families-merge-" + family + "-" + std::to_string(seed));
        for (const char* f : {"config.json", "tokenizer.json"})
            fs::copy_file(family_dir(family) + "/" + f, dir + "/" + f, fs::copy_options::overwrite_existing);
        auto src = TensorSource::open(family_dir(family)).value();
        auto all = src.load_all().value();
        torch::manual_seed(seed);
        NamedTensors named;
        TensorMap kept;
        for (const auto& [n, t] : all) {
            auto v = (t + torch::randn(t.sizes()) * 0.01).contiguous();
            named.push_back({n, v});
            kept[n] = v;
        }
        if (!write_safetensors(dir + "/model.safetensors", named)) throw std::runtime_error("write failed");
        return std::make_pair(dir, kept);
    };
    auto [a_dir, a] = variant("llama", 1);
    auto [b_dir, b] = variant("llama", 2);
    auto linear = parse_merge_config("merge_method: linear\nmodels:\n  - model: " + a_dir +
                                     "\n    parameters: {weight: 0.25}\n  - model: " + b_dir +
                                     "\n    parameters: {weight: 0.75}\ndtype: float32\n");
    REQUIRE_OK(linear);
    auto merged = run_merge_config(*linear);
    REQUIRE_OK(merged);
    const std::string down = "model.layers.1.mlp.down_proj.weight";
    CHECK(max_diff(merged->tensors.at(down), a.at(down) * 0.25 + b.at(down) * 0.75) < 1e-6);

    // A Gemma 2 frankenmerge: layers 0-1 of one, 1-2 of the other. Gemma 2's
    // windows sit on even layers of the original; the output keeps each layer's own.
    auto [g1, g1t] = variant("gemma2", 3);
    auto [g2, g2t] = variant("gemma2", 4);
    auto stack = parse_merge_config("merge_method: passthrough\nslices:\n  - sources:\n      - model: " + g1 +
                                    "\n        layer_range: [0, 2]\n  - sources:\n      - model: " + g2 +
                                    "\n        layer_range: [1, 3]\n");
    REQUIRE_OK(stack);
    const std::string out = test::scratch_dir("families-merge-stack") + "/out";
    auto written = merge_config_to_folder(*stack, out);
    REQUIRE_OK(written);
    auto model = Model::load(out);
    REQUIRE_OK(model);
    const ModelConfig& c = model.value()->config();
    REQUIRE(c.n_layer == 4);
    CHECK(c.attention_of(0).window == 4);  // from layer 0 (sliding)
    CHECK(c.attention_of(1).window == 0);  // from layer 1 (global)
    CHECK(c.attention_of(2).window == 0);  // from layer 1 of the other
    CHECK(c.attention_of(3).window == 4);  // from layer 2 (sliding)
}

LANCET_TEST(a_model_that_does_not_fit_is_refused_with_what_it_needs) {
    // Converting the float32 fixture to bfloat16 on the CPU allocates; with a
    // limit below its size the load is refused before converting anything.
    LoadOptions o;
    o.dtype = "bfloat16";
    o.host_memory_limit_bytes = 1000;
    auto refused = Model::load(family_dir("llama"), o);
    REQUIRE(!refused);
    CHECK(refused.error().code == ErrorCode::OutOfMemory);
    CHECK(refused.error().message.find("need") != std::string::npos);
    CHECK(refused.error().message.find("bfloat16") != std::string::npos);
    o.host_memory_limit_bytes = 0;  // the machine's own figure: plenty for 36 k parameters
    auto loaded = Model::load(family_dir("llama"), o);
    REQUIRE_OK(loaded);
    CHECK_EQ(loaded.value()->weight_bytes(), 36000 * 2);
}

LANCET_TEST(random_init_shapes_bind_every_tensor_of_their_family) {
    // The architectures' tensor lists and their binders agree: a fresh model of
    // each small shape loads with no unused tensor and runs; the full-size
    // shapes parse to the published dimensions.
    for (const char* shape : {"tiny-llama", "tiny-neox"}) {
        auto config = shape_config(shape);
        REQUIRE_OK(config);
        auto model = random_model(config.value(), bundled_gpt2_tokenizer_dir(), {}, 7);
        REQUIRE_OK(model);
        CHECK(model.value()->load_warnings().empty());
        torch::InferenceMode guard;
        ForwardInput in;
        in.input_ids = torch::tensor(std::vector<int64_t>{464, 4687, 39234, 318}, torch::kLong).view({1, -1});
        CHECK(torch::isfinite(forward(*model.value(), in).logits).all().item<bool>());
    }
    for (const char* name : kFamilies) {
        // Every fixture's tensors are exactly what its architecture lists.
        auto model = load_family(name);
        auto specs = model->architecture().tensor_specs(model->config());
        CHECK_EQ(specs.size(), model->tensors().size());
        for (const auto& s : specs) CHECK(model->tensors().count(s.name) == 1);
    }
    struct Expect { const char* shape; int64_t params_billions_x10; };
    for (auto [shape, tenths] : {Expect{"llama3-8b", 80}, Expect{"qwen2.5-7b", 76}, Expect{"mistral-7b", 72},
                                 Expect{"gptj-6b", 60}, Expect{"pythia-6.9b", 69}, Expect{"gemma2-9b", 92},
                                 Expect{"qwen3-8b", 82}}) {
        auto config = shape_config(shape);
        REQUIRE_OK(config);
        auto arch = architecture_for(config.value());
        REQUIRE_OK(arch);
        auto c = arch.value()->parse_config(config.value());
        REQUIRE_OK(c);
        const double billions = static_cast<double>(c->parameter_count()) / 1e9;
        std::printf("  %-12s %.2f B parameters\n", shape, billions);
        CHECK_NEAR(billions, tenths / 10.0, 0.25);
    }
}

}  // namespace lancet_suite_families
