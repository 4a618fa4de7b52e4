#include "edit/sequential_types.h"

#include "eval/general_ability.h"
#include "eval/metrics.h"

#include <cmath>
#include <sstream>

namespace lancet {

nlohmann::json CurvePoint::to_json() const {
    auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    nlohmann::json n = nlohmann::json::array();
    for (const auto& m : norms) n.push_back({{"weight", m.weight}, {"delta_norm", m.delta_norm}, {"growth", m.growth}});
    return {{"edits", edits},
            {"edit_seconds", edit_seconds},
            {"retention_token_acc", num(retention_token_acc)},
            {"retention_generation", num(retention_generation)},
            {"batch_token_acc", num(batch_token_acc)},
            {"locality", num(locality)},
            {"perplexity", num(perplexity)},
            {"fact_recall", num(fact_recall)},
            {"max_growth", max_growth},
            {"collapse_warning", collapse_warning},
            {"norms", n}};
}

nlohmann::json ForgettingCurve::to_json() const {
    nlohmann::json pts = nlohmann::json::array();
    for (const auto& p : points) pts.push_back(p.to_json());
    return {{"method", method},
            {"hparams", hparams},
            {"layers", layers},
            {"layer_reason", layer_reason},
            {"requests", requests},
            {"edited", edited},
            {"batch_size", batch_size},
            {"protocols",
             {{"retention_token_acc", std::string(kProtocolEasyEdit) + ": teacher-forced token accuracy of target_new "
                                                                       "at the rewrite prompt, over a fixed evenly spaced "
                                                                       "sample of the requests edited so far"},
              {"retention_generation", std::string(kProtocolGeneration) + ": greedy continuation of the rewrite prompt; "
                                                                          "its first sentence, normalised, begins with the "
                                                                          "normalised target_new; same sample"},
              {"batch_token_acc", std::string(kProtocolEasyEdit) + ": the latest batch right after its edit"},
              {"locality", std::string(kProtocolEasyEdit) + ": argmax agreement with the original model on the first "
                                                            "neighbourhood prompt + answer of a fixed sample of requests"},
              {"perplexity", std::string(kProtocolGeneral) + ": " + probe_source},
              {"fact_recall", std::string(kProtocolGeneral)},
              {"max_growth", "max over edited matrices of ‖W‖/‖W₀‖"}}},
            {"points", pts},
            {"errors", errors},
            {"edit_seconds", edit_seconds},
            {"score_seconds", score_seconds},
            {"stage_seconds", stage_seconds},
            {"work", work},
            {"partial", partial}};
}

std::string ForgettingCurve::to_csv() const {
    std::ostringstream os;
    os << "edits,edit_seconds,retention_token_acc,retention_generation,batch_token_acc,locality,perplexity,fact_recall,"
          "max_growth,collapse_warning\n";
    auto cell = [&](double v) {
        if (!std::isnan(v)) os << v;
    };
    for (const auto& p : points) {
        os << p.edits << "," << p.edit_seconds << ",";
        cell(p.retention_token_acc);
        os << ",";
        cell(p.retention_generation);
        os << ",";
        cell(p.batch_token_acc);
        os << ",";
        cell(p.locality);
        os << ",";
        cell(p.perplexity);
        os << ",";
        cell(p.fact_recall);
        os << "," << p.max_growth << "," << (p.collapse_warning ? 1 : 0) << "\n";
    }
    return os.str();
}

}  // namespace lancet
