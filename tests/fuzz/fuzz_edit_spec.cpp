// Fuzz target: an edit request as JSON (engine/edit/edit_spec.h): the
// metadata of edit files, session files' undo history and lancet-cli edit
// --json, all of which a user may receive from someone else. The input is the
// JSON text.
//
// Promises an accepted request makes: the layers are exactly the integers the
// file lists (none silently wrapped into another layer), hparams is an object,
// and writing it back (to_json) reads back to the same request. validate()
// and the helpers run on whatever was accepted; a request that validates has
// its subject in the filled prompt.
#include "edit/edit_spec.h"

#include "fuzz_check.h"

#include <cstdint>
#include <string>

using lancet::fuzz::violated;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto j = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return 0;
    auto parsed = lancet::EditSpec::from_json(j);
    if (!parsed) {
        if (parsed.error().code != lancet::ErrorCode::InvalidArgument) violated("a refusal that is not InvalidArgument");
        return 0;
    }
    const lancet::EditSpec& s = parsed.value();
    if (!s.hparams.is_object()) violated("accepted hparams that are not an object");
    if (auto it = j.find("layers"); it != j.end() && it->is_array()) {
        if (it->size() != s.layers.size()) violated("layers lost or added");
        for (size_t i = 0; i < s.layers.size(); ++i)
            if ((*it)[i] != s.layers[i]) violated("a layer read as another number");
    }
    if (auto it = j.find("layer"); !j.contains("layers") && it != j.end() && !s.layers.empty())
        if (s.layers.size() != 1 || *it != s.layers[0] || s.layers[0] < 0) violated("the single layer read as another");

    const nlohmann::json written = s.to_json();
    auto again = lancet::EditSpec::from_json(written);
    if (!again) violated("a request Lancet wrote does not read back");
    if (again->to_json() != written) violated("a request changes when written and read back");

    if (s.validate()) {
        if (s.filled_prompt().find(s.subject) == std::string::npos) violated("the filled prompt lacks the subject");
    }
    for (const auto& item : lancet::split_prompt_list(s.prompt))
        if (item.empty() || item.front() == ' ' || item.back() == ' ') violated("split_prompt_list gave an untrimmed item");
    return 0;
}
