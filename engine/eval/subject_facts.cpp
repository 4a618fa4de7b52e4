#include "eval/subject_facts.h"

#include <algorithm>

namespace lancet {

std::string subject_to_placeholder(const std::string& text, const std::string& subject) {
    const size_t at = subject.empty() ? std::string::npos : text.find(subject);
    if (at == std::string::npos) return text;
    return text.substr(0, at) + "{}" + text.substr(at + subject.size());
}

SubjectFacts::SubjectFacts(const std::vector<EditCase>& cases) {
    for (const auto& c : cases) {
        Fact f;
        f.edit_template = c.prompt_template;
        for (const auto& p : c.paraphrase_prompts) {
            std::string t = subject_to_placeholder(p, c.subject);
            if (t.find("{}") != std::string::npos) f.paraphrase_templates.push_back(std::move(t));
        }
        by_subject_[c.subject].push_back(std::move(f));
    }
}

std::vector<std::string> SubjectFacts::keep_prompts(const EditCase& c) const {
    std::vector<std::string> out;
    auto it = by_subject_.find(c.subject);
    if (it == by_subject_.end()) return out;
    auto scored = [&](const std::string& t) {
        const std::string text = fill_template(t, c.subject);
        return std::any_of(c.same_subject_prompts.begin(), c.same_subject_prompts.end(),
                           [&](const NeighbourPrompt& p) { return p.prompt == text; });
    };
    for (const auto& f : it->second) {
        if (f.edit_template == c.prompt_template) continue;  // the fact being edited
        std::string pick;
        if (!scored(f.edit_template)) {
            pick = f.edit_template;
        } else {
            for (const auto& t : f.paraphrase_templates)
                if (!scored(t)) {
                    pick = t;
                    break;
                }
        }
        if (!pick.empty() && std::find(out.begin(), out.end(), pick) == out.end()) out.push_back(pick);
    }
    return out;
}

}  // namespace lancet
