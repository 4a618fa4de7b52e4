#include "ttt/ttt_types.h"

#include <cmath>
#include <sstream>

namespace lancet {

namespace ttt_types_detail {

nlohmann::json num(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_num(double v) {
    if (!std::isfinite(v)) return "";
    std::ostringstream os;
    os.precision(8);
    os << v;
    return os.str();
}

}  // namespace ttt_types_detail

using ttt_types_detail::csv_cell;
using ttt_types_detail::csv_num;
using ttt_types_detail::num;

nlohmann::json TttMethodSpec::to_json() const {
    nlohmann::json j = {{"kind", kind}, {"label", display()}};
    if (kind == "none") return j;
    if (kind == "inplace") {
        j["layers"] = layers;
        j["inplace_lr"] = inplace_lr;
        j["target"] = inplace_target;
        if (inplace_chunk > 0) j["chunk"] = inplace_chunk;
        return j;
    }
    j["steps"] = steps;
    j["lr"] = lr;
    j["optimizer"] = optimizer;
    if (kind == "inplace" && !inplace_addon.empty()) j["inplace_addon"] = inplace_addon;
    if (optimizer == "sgd") j["sgd_momentum"] = sgd_momentum;
    j["params"] = params;
    j["positions"] = positions;
    if (kind == "reset") j["reset_every"] = reset_every;
    j["loss"] = loss;
    if (loss == "suta") {
        j["em_coef"] = em_coef;
        j["temperature"] = temperature;
        j["mcc_topk"] = mcc_topk;
        j["mcc_reweight"] = mcc_reweight;
        j["deviation"] = "MCC over the union of each position's top-" + std::to_string(mcc_topk) +
                         " tokens, renormalised over that set, not over the whole vocabulary";
    }
    if (!filter.empty()) {
        j["filter"] = filter;
        j["eta_e0"] = eta_e0 > 0 ? nlohmann::json(eta_e0) : nlohmann::json("ln(V)/2 - 1");
        j["eta_redundancy"] = eta_redundancy;
        j["eta_ema"] = eta_ema;
    }
    if (kind == "fastslow") {
        j["slow_every"] = slow_every;
        j["slow_momentum"] = slow_momentum;
        j["shift_z"] = shift_z;
        j["shift_patience"] = shift_patience;
        j["shift_warmup"] = shift_warmup;
    }
    return j;
}

TttMethodList parse_ttt_methods(const std::string& list, const TttMethodSpec& base) {
    TttMethodList out;
    std::string item;
    std::istringstream in(list);
    while (std::getline(in, item, ',')) {
        if (item.empty()) continue;
        TttMethodSpec m = base;
        m.label = item;
        // NAME[:ARG][+eta|+suta]: the suffix picks the TENT family's filter or loss.
        const size_t plus = item.find('+');
        const std::string modifier = plus == std::string::npos ? "" : item.substr(plus + 1);
        const std::string head = item.substr(0, plus);
        const size_t colon = head.find(':');
        std::string name = head.substr(0, colon);
        const std::string arg = colon == std::string::npos ? "" : head.substr(colon + 1);
        const bool tent_family = name == "tent" || name == "episodic" || name == "continual" || name == "reset" ||
                                 name == "rdumb" || name == "suta" || name == "fastslow";
        if (!modifier.empty()) {
            if (!tent_family || (modifier != "eta" && modifier != "suta") || name == "suta" || name == "rdumb" ||
                (name == "fastslow" && modifier == "eta")) {
                out.error = "method \"" + item + "\": +eta goes with tent, continual, episodic and reset:N; +suta with those and fastslow";
                return out;
            }
        }
        if (name == "suta" || modifier == "suta") {
            m.loss = "suta";
            m.positions = "all";  // SUTA's MCC is over every frame; at one position it is a constant
        }
        if (name == "rdumb" || modifier == "eta") m.filter = "eta";
        if (name == "rdumb") name = "reset";  // RDumb = reset:N with ETA's filters
        if (name == "suta") {
            if (!arg.empty()) {
                out.error = "method \"" + item + "\" takes no argument";
                return out;
            }
            m.kind = "suta";
        } else if (name == "none" || name == "tent" || name == "episodic" || name == "continual" || name == "fastslow" ||
            name == "inplace") {
            if (!arg.empty()) {
                out.error = "method \"" + item + "\" takes no argument";
                return out;
            }
            m.kind = name == "tent" ? "continual" : name;
        } else if (name == "reset") {
            int n = 0;
            try {
                size_t used = 0;
                n = std::stoi(arg, &used);
                if (used != arg.size()) n = 0;
            } catch (const std::exception&) {
                n = 0;
            }
            if (n <= 0) {
                out.error = name == "reset" && head.rfind("rdumb", 0) == 0 ? "rdumb needs a positive interval: rdumb:N"
                                                                          : "reset needs a positive interval: reset:N";
                return out;
            }
            m.kind = "reset";
            m.reset_every = n;
        } else {
            out.error = "unknown method \"" + item +
                        "\" (none, tent, episodic, continual, reset:N, suta, rdumb:N, fastslow, inplace; +eta, +suta)";
            return out;
        }
        out.methods.push_back(std::move(m));
    }
    if (out.methods.empty() && out.error.empty()) out.error = "no method given";
    return out;
}

nlohmann::json TttRecord::to_json() const {
    nlohmann::json j = {{"index", index},       {"segment", segment},   {"input", input},
                        {"prediction", prediction}, {"entropy", num(entropy)}, {"adapt_loss", num(adapt_loss)},
                        {"delta_norm", delta_norm}, {"reset", reset},     {"seconds", seconds}};
    if (filter_positions > 0) j["filter"] = {{"positions", filter_positions}, {"kept_per_step", filter_kept}};
    if (mcc_candidates > 0) j["mcc_candidates"] = mcc_candidates;
    if (has_label) {
        j["label"] = label;
        j["correct"] = correct;
        j["label_nll"] = num(label_nll);
    }
    return j;
}

nlohmann::json TttForgettingPoint::to_json() const {
    return {{"inputs", inputs}, {"fact_recall", num(fact_recall)}, {"perplexity", num(perplexity)}, {"delta_norm", delta_norm}};
}

const char* ttt_status_name(TttStatus s) {
    switch (s) {
        case TttStatus::Completed: return "completed";
        case TttStatus::Cancelled: return "cancelled";
        case TttStatus::Diverged: return "diverged";
    }
    return "?";
}

double TttRun::accuracy() const {
    double n = 0, ok = 0;
    for (const auto& r : records)
        if (r.has_label) n += 1, ok += r.correct ? 1 : 0;
    return n > 0 ? ok / n : std::numeric_limits<double>::quiet_NaN();
}

double TttRun::mean_nll() const {
    double n = 0, s = 0;
    for (const auto& r : records)
        if (r.has_label && std::isfinite(r.label_nll)) n += 1, s += r.label_nll;
    return n > 0 ? s / n : std::numeric_limits<double>::quiet_NaN();
}

double TttRun::mean_entropy() const {
    double n = 0, s = 0;
    for (const auto& r : records)
        if (std::isfinite(r.entropy)) n += 1, s += r.entropy;
    return n > 0 ? s / n : std::numeric_limits<double>::quiet_NaN();
}

std::vector<double> TttRun::windowed_accuracy(size_t window) const {
    std::vector<double> out;
    if (window == 0) return out;
    for (size_t at = 0; at < records.size(); at += window) {
        double n = 0, ok = 0;
        for (size_t i = at; i < std::min(records.size(), at + window); ++i)
            if (records[i].has_label) n += 1, ok += records[i].correct ? 1 : 0;
        out.push_back(n > 0 ? ok / n : std::numeric_limits<double>::quiet_NaN());
    }
    return out;
}

nlohmann::json TttRun::to_json() const {
    nlohmann::json recs = nlohmann::json::array(), fg = nlohmann::json::array();
    for (const auto& r : records) recs.push_back(r.to_json());
    for (const auto& p : forgetting) fg.push_back(p.to_json());
    return {{"method", method.to_json()},
            {"stream", stream},
            {"order", order},
            {"params", params},
            {"param_count", param_count},
            {"status", ttt_status_name(status)},
            {"message", message},
            {"seconds", seconds},
            {"weights_restored", weights_restored},
            {"summary", {{"inputs", records.size()}, {"accuracy", num(accuracy())}, {"mean_label_nll", num(mean_nll())},
                         {"mean_entropy", num(mean_entropy())}}},
            {"protocols",
             {{"correct", std::string(kProtocolTttStream) + ": every token of \" \" + label is the teacher-forced argmax "
                                                            "after the input (EasyEdit token accuracy = 1), scored with the "
                                                            "weights of the order named (" + order + ")"},
              {"label_nll", std::string(kProtocolTttStream) + ": mean NLL per label token, same weights"},
              {"entropy", std::string(kProtocolTttStream) + ": mean Shannon entropy (nats) of the next-token distribution at the method's positions"},
              {"delta_norm", "‖θ − θ₀‖₂ over the adapted parameters after the input"},
              {"fact_recall", "general-ability (eval/general_ability.h) with the adapted weights, every N inputs"},
              {"perplexity", "general-ability: " + probe_source}}},
            {"records", recs},
            {"forgetting", fg}};
}

std::string TttRun::to_csv(bool header) const {
    std::ostringstream os;
    if (header)
        os << "method,index,segment,input,prediction,label,correct,label_nll,entropy,adapt_loss,delta_norm,reset,"
              "fact_recall,perplexity,filter_positions,filter_kept,mcc_candidates\n";
    size_t f = 0;
    for (const auto& r : records) {
        // The forgetting point measured after this input, when there is one.
        double recall = std::numeric_limits<double>::quiet_NaN(), ppl = recall;
        while (f < forgetting.size() && forgetting[f].inputs < r.index + 1) ++f;
        if (f < forgetting.size() && forgetting[f].inputs == r.index + 1) recall = forgetting[f].fact_recall, ppl = forgetting[f].perplexity;
        os << csv_cell(method.display()) << ',' << r.index << ',' << csv_cell(r.segment) << ',' << csv_cell(r.input) << ','
           << csv_cell(r.prediction) << ',' << csv_cell(r.label) << ',' << (r.has_label ? (r.correct ? "1" : "0") : "") << ','
           << csv_num(r.label_nll) << ',' << csv_num(r.entropy) << ',' << csv_num(r.adapt_loss) << ',' << csv_num(r.delta_norm)
           << ',' << (r.reset ? 1 : 0) << ',' << csv_num(recall) << ',' << csv_num(ppl) << ',';
        std::string kept;  // per step, ';'-separated
        for (size_t s = 0; s < r.filter_kept.size(); ++s) kept += (s ? ";" : "") + std::to_string(r.filter_kept[s]);
        if (r.filter_positions > 0) os << r.filter_positions;
        os << ',' << kept << ',';
        if (r.mcc_candidates > 0) os << r.mcc_candidates;
        os << '\n';
    }
    return os.str();
}

nlohmann::json TttComparison::to_json() const {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : runs) j.push_back(r.to_json());
    return {{"runs", j}};
}

std::string TttComparison::to_csv() const {
    std::string out;
    for (size_t i = 0; i < runs.size(); ++i) out += runs[i].to_csv(i == 0);
    return out;
}

nlohmann::json InplaceDemoRow::to_json() const {
    return {{"setting", setting}, {"recall", recall}, {"mean_nll", num(mean_nll)}, {"mean_rank", num(mean_rank)},
            {"seconds", seconds}, {"note", note}};
}

nlohmann::json InplaceDemoResult::to_json() const {
    nlohmann::json rs = nlohmann::json::array();
    for (const auto& r : rows) rs.push_back(r.to_json());
    nlohmann::json j = {{"document_tokens", document_tokens},
            {"context", context},
            {"chunk", chunk},
            {"facts", facts},
            {"layers", layers},
            {"inplace_lr", inplace_lr},
            {"target", target},
            {"protocol", std::string(kProtocolTttChunk) +
                             ": questions asked after the whole document, with no document text in the context; recall = "
                             "every answer token is the teacher-forced argmax"},
            {"rows", rs},
            {"chunk_nll_base", chunk_nll_base},
            {"chunk_nll_inplace", chunk_nll_inplace},
            {"delta_norms", delta_norms},
            {"weights_restored", weights_restored}};
    if (!addon_path.empty())
        j["addon"] = {{"file", addon_path},
                      {"layers", addon_layers},
                      {"chunk", addon_chunk},
                      {"chunk_nll_base", chunk_nll_base_addon},
                      {"chunk_nll", chunk_nll_addon},
                      {"delta_norms", delta_norms_addon},
                      {"training", addon_training}};
    return j;
}

}  // namespace lancet
