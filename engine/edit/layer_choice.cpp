#include "edit/layer_choice.h"

#include "edit/rome.h"
#include "model/model.h"
#include "trace/causal_trace.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <optional>

namespace lancet {

namespace {

std::optional<nlohmann::json> declared_rome_section(const Model& model) { return declared_method_section(model, "rome"); }

std::optional<LayerChoice> declared_layer(const Model& model) {
    auto section = declared_rome_section(model);
    if (!section) return std::nullopt;
    try {
        const auto& rome = *section;
        const int layer = rome.at("layer").get<int>();
        if (layer < 0 || layer >= model.config().n_layer) return std::nullopt;
        std::string why = rome.value("reason", std::string());
        return LayerChoice{layer, "layer " + std::to_string(layer) + " declared in the model folder's lancet.json" +
                                      (why.empty() ? std::string() : " (" + why + ")")};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace

// A model folder may declare measured settings per method in lancet.json:
//   {"rome": {"layer": 0, "reason": "averaged causal trace over 146 facts ..."}}
// (the bundled demo model does). A malformed file is ignored: the defaults decide.
std::optional<nlohmann::json> declared_method_section(const Model& model, const std::string& method) {
    if (model.path().empty()) return std::nullopt;
    std::ifstream in(std::filesystem::path(model.path()) / "lancet.json", std::ios::binary);
    if (!in) return std::nullopt;
    try {
        auto j = nlohmann::json::parse(in);
        if (!j.is_object() || !j.contains(method) || !j[method].is_object()) return std::nullopt;
        return j[method];
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<LayerChoice> known_edit_layer(const Model& model) {
    if (auto published = published_default_layer(model.config()))
        return LayerChoice{*published, "layer " + std::to_string(*published) + " from the published ROME hyperparameters for this model"};
    return declared_layer(model);
}

RomeHyperParams rome_hparams_for_model(const Model& model) {
    RomeHyperParams hp = default_rome_hparams(model.config());
    auto section = declared_rome_section(model);
    if (!section || !section->contains("hparams")) return hp;
    const nlohmann::json& declared = (*section)["hparams"];
    if (!declared.is_object()) {
        hp.source += "; the model folder's lancet.json rome.hparams is not an object and was ignored";
        return hp;
    }
    nlohmann::json merged = hp.to_json();
    merged.update(declared);
    auto parsed = RomeHyperParams::from_json(merged);
    if (!parsed) {
        hp.source += "; the model folder's lancet.json rome.hparams was ignored (" + parsed.error().message + ")";
        return hp;
    }
    RomeHyperParams out = parsed.value();
    out.source = hp.source + "; " + declared.dump() + " from the model folder's lancet.json";
    return out;
}

Expected<LayerChoice> choose_edit_layer(const Model& model, const RomeRequest& request, const JobContext& job) {
    if (auto known = known_edit_layer(model)) return *known;
    return capture([&] {
        auto at = request.prompt.find("{}");
        if (at == std::string::npos) fail(ErrorCode::InvalidArgument, "the prompt has no {} for the subject");
        TraceRequest tr;
        tr.prompt = request.prompt.substr(0, at) + request.subject + request.prompt.substr(at + 2);
        tr.subject = request.subject;
        tr.kinds = {TraceKind::Mlp};
        auto r = causal_trace(model, tr, {}, job).value();
        if (r.partial) fail(ErrorCode::Cancelled, "cancelled");
        const auto& row = r.kinds[0].scores[r.setup.subject_end - 1];
        int best = 0;
        for (int l = 1; l < static_cast<int>(row.size()); ++l)
            if (row[l] > row[best]) best = l;
        return LayerChoice{best, "layer " + std::to_string(best) +
                                     ": peak MLP effect at the last subject token in a causal trace of this prompt "
                                     "(no published ROME settings for this model)"};
    });
}

}  // namespace lancet
