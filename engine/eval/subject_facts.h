// The subject's other facts in a dataset, as keep prompts for an edit
// (RomeRequest::keep_prompts): "while you move Bianca's birth date, keep what
// the model says after 'Bianca was born and raised in'".
//
// Each other fact of the subject (another case with the same subject and a
// different prompt template) contributes ONE phrasing: its edit prompt, or its
// first paraphrase when the edit prompt is one the case being edited scores (its
// same-subject locality prompts). So a same-subject score measured with keep
// prompts shows that the kept distribution carried over to another phrasing of
// the fact, not that the scored prompt itself was optimised. Only prompts are
// taken from the other cases, never their answers: the KL keeps whatever the
// model predicts before the edit.
#pragma once

#include "eval/dataset.h"

#include <map>
#include <string>
#include <vector>

namespace lancet {

class SubjectFacts {
public:
    explicit SubjectFacts(const std::vector<EditCase>& cases);

    // Templates with "{}" for the subject, in dataset order, without duplicates.
    std::vector<std::string> keep_prompts(const EditCase& c) const;

private:
    struct Fact {
        std::string edit_template;
        std::vector<std::string> paraphrase_templates;
    };
    std::map<std::string, std::vector<Fact>> by_subject_;
};

// "Bianca Forsythe was born in" -> "{} was born in" (the first occurrence; the
// text unchanged when the subject does not occur).
std::string subject_to_placeholder(const std::string& text, const std::string& subject);

}  // namespace lancet
