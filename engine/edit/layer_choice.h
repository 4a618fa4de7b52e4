// Which layer a ROME edit rewrites when the user did not pick one: the
// published hyperparameters' layer where there is one, else the layer the model
// folder declares in lancet.json ({"rome": {"layer": L, "reason": "..."}}), else the layer where a
// causal trace of the request shows the largest MLP effect at the subject's
// last token (the paper's "early site"), with the reason said in words.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "core/job.h"
#include "core/result.h"

#include <string>

namespace lancet {

class Model;
struct RomeRequest;

struct LayerChoice {
    int layer = -1;
    std::string reason;
};

Expected<LayerChoice> choose_edit_layer(const Model& model, const RomeRequest& request, const JobContext& job = {});
// The layer choose_edit_layer takes without a trace: published, else declared in lancet.json.
std::optional<LayerChoice> known_edit_layer(const Model& model);
// The model folder's lancet.json section for a method ("rome", "memit", ...), when there is one.
std::optional<nlohmann::json> declared_method_section(const Model& model, const std::string& method);

struct RomeHyperParams;
// default_rome_hparams(model.config()) with the overrides the model folder
// declares in lancet.json ({"rome": {"hparams": {"key_mode": "original"}}}),
// measured on that model; `source` says which were taken. A declaration that
// does not parse is ignored, and `source` says so and why.
RomeHyperParams rome_hparams_for_model(const Model& model);

}  // namespace lancet
