// The edit request the engine suites apply to the tiny model (surgery, lens
// before/after): a ROME edit that runs in well under a second, with one
// paraphrase and one neighbour, and surgery options that skip the slow scores.
#pragma once

#include "edit/edit_spec.h"
#include "edit/surgery.h"

namespace lancet::test {

inline EditSpec needle_request(int layer = 1) {
    EditSpec s;
    s.method = "rome";
    s.prompt = "{} is located in the city of";
    s.subject = "The Space Needle";
    s.target_new = "Paris";
    s.target_true = "Seattle";
    s.layers = {layer};
    s.hparams = {{"mom2_adjustment", false}, {"v_num_grad_steps", 5}};
    s.paraphrase_prompts = {"Where is the Space Needle? It is in"};
    s.locality_prompts = {{"The Eiffel Tower is located in the city of", " Paris"}};
    return s;
}

// Fluency and general ability off: each has its own suite.
inline SurgeryOptions quick_surgery() {
    SurgeryOptions o;
    o.fluency = false;
    o.general_ability = false;
    return o;
}

}  // namespace lancet::test
