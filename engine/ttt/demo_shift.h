// A generated distribution shift over a model's own facts (a Lancet facts file,
// e.g. resources/models/lancet-demo/facts.json): the facts the model knows, asked
// in four phases of per_phase inputs each, every phase on facts not used before:
//
//   held-out   the relation's held-out phrasings (never rendered in training for
//              scored subjects): the model's home ground
//   register   the same kind of phrasing behind openers of a register the demo
//              corpus never used ("lol ok so", "Per the memo dated Tuesday,")
//   typos      held-out phrasings with seeded character noise (swaps, drops,
//              neighbouring-key substitutions) in every word, subject included
//   script     the subject transliterated letter by letter into Cyrillic
//
// Labels are the facts' true_object (what the model was trained to answer).
// Deterministic for a seed; `cycles` > 1 repeats the four phases (each cycle on
// fresh facts while they last) for long-horizon runs.
#pragma once

#include "ttt/stream.h"

#include <cstdint>
#include <memory>
#include <string>

namespace lancet {

struct DemoShiftOptions {
    std::string facts_path;   // a lancet-facts file
    size_t per_phase = 50;
    size_t cycles = 1;
    uint64_t seed = 17;
    double typo_rate = 0.12;  // per letter
};

Expected<std::unique_ptr<InputStream>> demo_shift_stream(const DemoShiftOptions& options);

// The pieces, for tests and the docs.
std::string ttt_typo_noise(const std::string& text, uint64_t seed, double rate);
std::string ttt_to_cyrillic(const std::string& text);

}  // namespace lancet
