#include "edit/edit_spec.h"

#include <cstdint>
#include <limits>

namespace lancet {

namespace {

size_t count_of(const std::string& s, const std::string& needle) {
    size_t n = 0;
    for (size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + needle.size())) ++n;
    return n;
}

std::string trimmed(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// A layer index as an int. get<int>() would wrap 2^32 + 1 into layer 1 and
// edit a layer the file never named (found by fuzz_edit_spec).
int layer_number(const nlohmann::json& l) {
    const bool fits = l.is_number_unsigned() ? l.get<uint64_t>() <= uint64_t(std::numeric_limits<int>::max())
                                             : l.get<int64_t>() >= std::numeric_limits<int>::min() &&
                                                   l.get<int64_t>() <= std::numeric_limits<int>::max();
    if (!fits) fail(ErrorCode::InvalidArgument, "layer " + l.dump() + " is out of range");
    return static_cast<int>(l.get<int64_t>());
}

}  // namespace

std::string EditSpec::filled_prompt() const {
    const size_t at = prompt.find("{}");
    return at == std::string::npos ? prompt : prompt.substr(0, at) + subject + prompt.substr(at + 2);
}

Expected<void> EditSpec::validate() const {
    auto bad = [](const std::string& why) { return Error{ErrorCode::InvalidArgument, why}; };
    if (method.empty()) return bad("the edit names no method");
    if (count_of(prompt, "{}") != 1)
        return bad("the edit prompt must hold \"{}\" exactly once, where the subject goes (got \"" + prompt + "\")");
    if (trimmed(subject).empty()) return bad("the edit needs a subject (the name whose fact changes)");
    if (trimmed(target_new).empty()) return bad("the edit needs a new target (what the model should answer)");
    for (const auto& k : keep_prompts)
        if (count_of(k, "{}") != 1) return bad("keep prompt \"" + k + "\" must hold \"{}\" exactly once for the subject");
    for (int l : layers)
        if (l < 0) return bad("layer " + std::to_string(l) + " is negative");
    if (!hparams.is_object()) return bad("the method's hyperparameters must be a JSON object");
    return {};
}

nlohmann::json EditSpec::to_json() const {
    nlohmann::json j{{"method", method}, {"prompt", prompt}, {"subject", subject}, {"target_new", target_new}};
    if (target_true) j["target_true"] = *target_true;
    if (!paraphrase_prompts.empty()) j["paraphrase_prompts"] = paraphrase_prompts;
    if (!locality_prompts.empty()) {
        nlohmann::json l = nlohmann::json::array();
        for (const auto& p : locality_prompts) l.push_back({{"prompt", p.prompt}, {"answer", p.answer}});
        j["neighbourhood_prompts"] = l;
    }
    if (!keep_prompts.empty()) j["keep_prompts"] = keep_prompts;
    if (!layers.empty()) j["layers"] = layers;
    if (!layer_reason.empty()) j["layer_reason"] = layer_reason;
    if (!hparams.empty()) j["hparams"] = hparams;
    return j;
}

Expected<EditSpec> EditSpec::from_json(const nlohmann::json& j) {
    return capture([&] {
        if (!j.is_object()) fail(ErrorCode::InvalidArgument, "an edit request must be a JSON object");
        auto text = [&](const char* key, bool required) -> std::optional<std::string> {
            auto it = j.find(key);
            if (it == j.end() || it->is_null()) {
                if (required) fail(ErrorCode::InvalidArgument, std::string("the edit request has no \"") + key + "\"");
                return std::nullopt;
            }
            if (!it->is_string()) fail(ErrorCode::InvalidArgument, std::string("\"") + key + "\" must be a string");
            return it->get<std::string>();
        };
        auto strings = [&](const char* key) {
            std::vector<std::string> out;
            auto it = j.find(key);
            if (it == j.end() || it->is_null()) return out;
            if (!it->is_array()) fail(ErrorCode::InvalidArgument, std::string("\"") + key + "\" must be a list of strings");
            for (const auto& s : *it) {
                if (!s.is_string()) fail(ErrorCode::InvalidArgument, std::string("\"") + key + "\" must be a list of strings");
                out.push_back(s.get<std::string>());
            }
            return out;
        };
        EditSpec s;
        if (auto m = text("method", false)) s.method = *m;
        s.prompt = *text("prompt", true);
        s.subject = *text("subject", true);
        s.target_new = *text("target_new", true);
        s.target_true = text("target_true", false);
        if (s.target_true && s.target_true->empty()) s.target_true.reset();
        s.paraphrase_prompts = strings("paraphrase_prompts");
        s.keep_prompts = strings("keep_prompts");
        if (auto it = j.find("neighbourhood_prompts"); it != j.end() && !it->is_null()) {
            if (!it->is_array()) fail(ErrorCode::InvalidArgument, "\"neighbourhood_prompts\" must be a list");
            for (const auto& n : *it) {
                if (n.is_string()) {
                    s.locality_prompts.push_back({n.get<std::string>(), ""});
                } else if (n.is_object() && n.value("prompt", nlohmann::json()).is_string()) {
                    const auto answer = n.value("answer", nlohmann::json(""));
                    s.locality_prompts.push_back({n["prompt"].get<std::string>(), answer.is_string() ? answer.get<std::string>() : ""});
                } else {
                    fail(ErrorCode::InvalidArgument, "each neighbourhood prompt must be a string or {prompt, answer}");
                }
            }
        }
        if (auto it = j.find("layers"); it != j.end() && !it->is_null()) {
            if (!it->is_array()) fail(ErrorCode::InvalidArgument, "\"layers\" must be a list of integers");
            for (const auto& l : *it) {
                if (!l.is_number_integer()) fail(ErrorCode::InvalidArgument, "\"layers\" must be a list of integers");
                s.layers.push_back(layer_number(l));
            }
        } else if (auto l = j.find("layer"); l != j.end() && l->is_number_integer() && layer_number(*l) >= 0) {
            s.layers = {layer_number(*l)};  // the single-layer form of earlier records
        }
        if (auto r = text("layer_reason", false)) s.layer_reason = *r;
        if (auto it = j.find("hparams"); it != j.end() && !it->is_null()) {
            if (!it->is_object()) fail(ErrorCode::InvalidArgument, "\"hparams\" must be a JSON object");
            s.hparams = *it;
        }
        return s;
    });
}

std::vector<std::string> split_prompt_list(const std::string& text) {
    std::vector<std::string> out;
    const std::string sep = " | ";
    for (size_t start = 0; start <= text.size();) {
        size_t at = text.find(sep, start);
        if (at == std::string::npos) at = text.size();
        std::string item = trimmed(text.substr(start, at - start));
        if (!item.empty()) out.push_back(item);
        start = at + sep.size();
    }
    return out;
}

}  // namespace lancet
