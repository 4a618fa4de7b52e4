// Fuzz target: a model's config.json as downloaded with its weights
// (engine/model/config_parse.h). The input is the file's text. The family
// dispatcher runs on it, and so does every family's parser whatever the
// model_type says, so a mutated Llama config also exercises GPT-2's reader.
//
// Promises an accepted config makes (the forward pass and every allocation
// sized by the config rely on them): dimensions positive and within
// read_dimension's limits, n_head a multiple of n_kv_head, d_head * n_head ==
// d_model unless Llama-style head_dim sets it, an even rotary width of at least
// 2 within the head and a finite base above 1, a sane rope scaling, finite
// numbers, one attention pattern per layer with a non-negative window. A
// refusal names its problem (InvalidFile / Unsupported), never a library's
// exception text (Internal).
#include "model/config_parse.h"

#include "fuzz_check.h"

#include <cmath>
#include <cstdio>
#include <cstdint>
#include <string>

using lancet::fuzz::violated;

namespace {

bool finite(double x) { return std::isfinite(x); }

void check(const nlohmann::json& j, const lancet::Expected<lancet::ModelConfig>& parsed) {
    using namespace lancet;
    if (!parsed) {
        const ErrorCode code = parsed.error().code;
        if (code != ErrorCode::InvalidFile && code != ErrorCode::Unsupported) {
            std::fprintf(stderr, "%s\n", parsed.error().message.c_str());
            violated("a refused config.json gives neither InvalidFile nor Unsupported");
        }
        if (parsed.error().message.empty()) violated("a refusal without a message");
        return;
    }
    const ModelConfig& c = parsed.value();
    if (c.family.empty()) violated("an accepted config without a family");
    if (c.vocab_size < 1 || c.vocab_size > (int64_t{1} << 24)) violated("vocab_size outside [1, 2^24]");
    if (c.d_model < 1 || c.d_model > (int64_t{1} << 17)) violated("d_model outside [1, 2^17]");
    if (c.n_layer < 1 || c.n_layer > 4096) violated("n_layer outside [1, 4096]");
    if (c.n_head < 1 || c.n_head > 4096) violated("n_head outside [1, 4096]");
    if (c.n_kv_head < 1 || c.n_kv_head > c.n_head || c.n_head % c.n_kv_head != 0)
        violated("n_head is not a multiple of n_kv_head");
    if (c.d_head < 1 || c.d_head > (int64_t{1} << 17)) violated("d_head outside [1, 2^17]");
    const bool own_head_dim = c.gated_mlp && j.is_object() && j.contains("head_dim") && !j["head_dim"].is_null();
    if (!own_head_dim && c.d_head * c.n_head != c.d_model) violated("d_head * n_head != d_model");
    if (c.d_ff < 1 || c.d_ff > (int64_t{1} << 20)) violated("d_ff outside [1, 2^20]");
    if (c.n_positions < 1) violated("n_positions is not positive");
    if (!finite(c.norm_eps) || c.norm_eps < 0) violated("norm_eps is negative or not finite");
    if (!finite(c.attn_scale) || c.attn_scale < 0) violated("attn_scale is negative or not finite");
    if (!finite(c.attn_softcap) || !finite(c.final_softcap)) violated("a soft cap is not finite");
    if (c.position == PositionKind::Rotary) {
        const int64_t r = c.rotary_features();
        if (r < 2 || r % 2 != 0 || r > c.d_head) violated("rotary width odd, below 2 or beyond the head");
        if (!finite(c.rotary_base) || !(c.rotary_base > 1.0)) violated("rotary base not finite or not above 1");
        const RopeScaling& s = c.rope_scaling;
        if (s.kind != RopeScaling::Kind::None) {
            if (!finite(s.factor) || s.factor < 1.0) violated("rope scaling factor below 1 or not finite");
            if (s.original_max_positions <= 0) violated("rope scaling without original positions");
            if (s.kind == RopeScaling::Kind::Llama3 &&
                !(finite(s.low_freq_factor) && finite(s.high_freq_factor) && s.high_freq_factor > s.low_freq_factor))
                violated("llama3 scaling with high_freq_factor <= low_freq_factor");
        }
    }
    if (!c.layer_attention.empty() && static_cast<int64_t>(c.layer_attention.size()) != c.n_layer)
        violated("layer patterns not one per layer");
    for (int64_t l = 0; l < c.n_layer; ++l) {
        const LayerAttention a = c.attention_of(l);
        if (a.window < 0) violated("a negative attention window");
        if (!finite(a.rotary_base) || (c.position == PositionKind::Rotary && !(a.rotary_base > 1.0)))
            violated("a layer's rotary base not finite or not above 1");
    }
    (void)c.to_json();  // parameter_count() must not overflow
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto j = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return 0;

    const auto dispatched = lancet::parse_model_config(j);
    check(j, dispatched);
    if (dispatched) {
        auto type = lancet::supported_model_type(j);
        if (!type || dispatched->family != type.value()) violated("the parsed family is not the model_type");
    }
    check(j, lancet::parse_gpt2_config(j));
    check(j, lancet::parse_gptj_config(j));
    check(j, lancet::parse_neox_config(j));
    for (const char* t : {"llama", "mistral", "qwen2", "qwen3", "gemma", "gemma2", "gemma3_text"})
        check(j, lancet::parse_llama_family_config(j, t));
    return 0;
}
