// One edit request for every editing method (ROME, r-ROME, and the methods that
// plug in behind edit_method.h): what to change, how to judge it, and the
// method's own hyperparameters as JSON, validated by the method.
//
// This header is deliberately free of LibTorch (std and nlohmann/json only): the
// GUI carries an EditSpec from the edit form through the undo stack and the
// session file to the engine thread, and the CLI builds the same struct from its
// flags, so both front ends send the engine exactly the same request.
//
// JSON field names are those of lancet-cli edit --json and of session files:
// "prompt" holds the template with "{}" where the subject goes.
#pragma once

#include "core/result.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lancet {

struct LocalityPrompt {
    std::string prompt;  // full text, no "{}"
    std::string answer;  // what the unedited model should keep answering; "" = its own greedy answer
};

struct EditSpec {
    std::string method = "rome";   // a name of edit_methods() (edit_method.h)
    std::string prompt;            // "{} is located in the city of" ("{}" exactly once)
    std::string subject;           // "Space Needle"
    std::string target_new;        // "Paris" (a leading space is added where the method needs one)
    std::optional<std::string> target_true;  // the current answer: diagnostics and scorecards only

    // How the edit is judged (and, for methods that train on them, used):
    // empty lists get the engine's defaults (surgery.h: the prompt in model-written
    // contexts for generality, general-knowledge prompts for locality).
    std::vector<std::string> paraphrase_prompts;    // full text
    std::vector<LocalityPrompt> locality_prompts;   // unrelated prompts and their answers

    // Prompts with "{}" for the subject whose predictions the edit should keep (the
    // subject's other facts); Lancet's extension for ROME, a locality set for others.
    std::vector<std::string> keep_prompts;

    // The layers the method edits; empty = the method's default (a published
    // layer, the model folder's declaration, or a causal trace), said in layer_reason.
    std::vector<int> layers;
    std::string layer_reason;

    // Method hyperparameters: names and ranges from the method's MethodInfo; missing
    // ones take the method's defaults for the model.
    nlohmann::json hparams = nlohmann::json::object();

    // The prompt with the subject filled in ("Space Needle is located in the city of").
    std::string filled_prompt() const;

    // Checks what holds for every method: "{}" exactly once, a subject and a target,
    // hparams an object, no negative layer. InvalidArgument with a message that
    // names the field otherwise.
    Expected<void> validate() const;

    nlohmann::json to_json() const;
    // Accepts the edit records of earlier versions ({prompt, subject, target_new,
    // target_true, keep_prompts}); unknown fields are ignored, wrong types refused.
    static Expected<EditSpec> from_json(const nlohmann::json& j);
};

// "a | b" -> {"a", "b"}: keep prompts and paraphrases may hold commas, so lists
// of prompts are written with " | " between them (CLI flags, the edit form).
std::vector<std::string> split_prompt_list(const std::string& text);

}  // namespace lancet
