// Fuzz target: a mergekit YAML configuration as shared on model cards and in
// mergekit's examples (engine/merge/merge_config_yaml.h, yaml-cpp underneath,
// with its depth guard). The input is the file's text.
//
// Promises an accepted config makes (config_merge.cpp and the live merger
// index by them): a merge method; `models:` as exactly one slice, or
// `slices:` each with sources whose layer_range is 0 <= first < end; every
// source names a model; every parameter value is a non-null scalar, a
// non-empty gradient (all numbers, or none), or non-empty conditionals each
// with a value that is not itself conditional; and every value evaluates for
// any tensor at any depth without fault. A refusal is InvalidFile or
// Unsupported with a message, never a library's exception (Internal).
#include "merge/merge_config_yaml.h"

#include "fuzz_check.h"

#include <cstdint>
#include <cstdio>
#include <string>

using lancet::fuzz::violated;

namespace {

void check_value(const lancet::ParamValue& v, bool nested) {
    using K = lancet::ParamValue::Kind;
    switch (v.kind) {
        case K::Scalar:
            if (v.scalar.is_null()) violated("a scalar parameter without a value");
            break;
        case K::Gradient: {
            if (v.gradient.empty()) violated("an empty gradient");
            size_t numbers = 0;
            for (const auto& e : v.gradient) numbers += e.is_number();
            if (numbers != 0 && numbers != v.gradient.size()) violated("a gradient mixing numbers and other values");
            break;
        }
        case K::Conditional:
            if (nested) violated("a conditional nested in a conditional");
            if (v.conditions.empty()) violated("conditionals without an entry");
            for (const auto& c : v.conditions) {
                if (!c.value) violated("a conditional without a value");
                check_value(*c.value, true);
            }
            break;
    }
    for (const char* tensor : {"", "model.embed_tokens.weight", "model.layers.3.self_attn.q_proj.weight", "lm_head"})
        for (double t : {0.0, 0.3, 0.5, 0.999999, 1.0}) (void)lancet::evaluate_param(v, tensor, t);
}

void check_params(const lancet::ParamMap& params) {
    for (const auto& [name, value] : params) {
        if (name.empty()) violated("a parameter without a name");
        check_value(value, false);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto parsed = lancet::parse_merge_config(text);
    if (!parsed) {
        const auto code = parsed.error().code;
        if (code != lancet::ErrorCode::InvalidFile && code != lancet::ErrorCode::Unsupported) {
            std::fprintf(stderr, "%s\n", parsed.error().message.c_str());
            violated("a refused config gives neither InvalidFile nor Unsupported");
        }
        if (parsed.error().message.empty()) violated("a refusal without a message");
        return 0;
    }
    const lancet::MergeConfig& c = parsed.value();
    if (c.merge_method.empty()) violated("an accepted config without merge_method");
    if (c.slices.empty()) violated("an accepted config without models or slices");
    if (!c.from_slices && c.slices.size() != 1) violated("'models:' is not exactly one slice");
    check_params(c.parameters);
    for (const auto& slice : c.slices) {
        if (slice.sources.empty()) violated("a slice without sources");
        check_params(slice.parameters);
        for (const auto& s : slice.sources) {
            if (s.model.empty()) violated("a source without a model");
            if (c.from_slices != s.layer_range.has_value()) violated("layer_range on a models: entry, or missing on a slice");
            if (s.layer_range && !(s.layer_range->first >= 0 && s.layer_range->first < s.layer_range->second))
                violated("a layer_range not 0 <= first < end");
            check_params(s.parameters);
        }
    }
    (void)c.referenced_models();
    return 0;
}
