// Context templates for ROME: the bare prompt "{}" plus short prefixes that the
// model itself generates, "<prefix>. {}", over which the key k* is averaged
// (rome: rome/rome_main.py get_context_templates, docs/design/rome-spec.md §2.2).
//
// Differences from the reference, both deliberate:
//   * generation is SEEDED (the reference draws from torch.multinomial
//     unseeded, a source of run-to-run variation); the same model, options
//     and seed always give the same templates;
//   * NFKD normalisation needs ICU; without it (LANCET_HAVE_ICU unset) the
//     text is left unnormalised.
#pragma once

#include "core/job.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lancet {

class Model;

struct ContextTemplateOptions {
    // {max length in tokens, counting the start token; how many}: the reference's
    // context_template_length_params [[5, 10], [10, 10]] -> 1 + 10 + 10 templates.
    std::vector<std::pair<int, int>> length_params{{5, 10}, {10, 10}};
    uint64_t seed = 0;
    int top_k = 5;
};

// "{}" followed by one "<prefix>. {}" per generated prefix. Each prefix is
// sampled (top-k, seeded, std::mt19937_64 via lancet::generate) from the
// tokenizer's end-of-text token, decoded, cleaned (clean_generated_text) and
// stripped of braces. InvalidArgument when the tokenizer has no end-of-text
// (or BOS) token to start from.
Expected<std::vector<std::string>> generate_context_templates(const Model& model,
                                                              const ContextTemplateOptions& options = {},
                                                              const JobContext& job = {});

// generate_context_templates memoised in memory per (model fingerprint,
// options): the reference generates them once per process. Thread-safe.
Expected<std::vector<std::string>> context_templates(const Model& model, const ContextTemplateOptions& options = {},
                                                     const JobContext& job = {});
void clear_context_template_cache();

// The reference's cleaning of generated text: NFKD (when built with ICU),
// "\n\n" -> " ", "<|endoftext|>" removed; ill-formed UTF-8 becomes U+FFFD.
std::string clean_generated_text(const std::string& text);

// Makes bytes valid UTF-8 (each ill-formed sequence becomes U+FFFD).
std::string sanitize_utf8(const std::string& text);

}  // namespace lancet
