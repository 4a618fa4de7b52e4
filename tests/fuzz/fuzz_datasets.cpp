// Fuzz target: an editing or tracing dataset as users download it
// (CounterFact in the ROME release's nested shape and EasyEdit's flattened
// one, zsRE in MEND's format, ROME's known facts, Lancet's facts object; JSON
// arrays or JSON Lines). The first byte picks the format option (auto or a
// forced format) and zsRE's target; the rest is the file's text.
// Promises an accepted case makes: a template with the "{}" placeholder, a
// subject, and a new target (known facts, which are for tracing, have a true
// one instead); a traced fact has a prompt with its subject, and an attribute.
#include "eval/dataset.h"

#include "fuzz_check.h"

#include <cstdint>
#include <string>

using lancet::fuzz::violated;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    static const char* formats[] = {"auto", "counterfact", "easyedit", "zsre", "rome-knowns", "lancet-facts"};
    lancet::DatasetOptions options;
    options.format = formats[data[0] % 6];
    options.zsre_target = (data[0] / 6) % 2 ? lancet::ZsreTarget::Alternative : lancet::ZsreTarget::Answer;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);

    if (auto load = lancet::parse_dataset(text, options)) {
        for (const auto& c : load->cases) {
            if (c.prompt_template.find("{}") == std::string::npos) violated("a case's template has no {}");
            if (c.subject.empty()) violated("a case without a subject");
            if (load->format == "rome-knowns" ? c.target_true.empty() : c.target_new.empty())
                violated("a case without its target");
            if (c.prompt().find(c.subject) == std::string::npos) violated("the filled prompt lacks the subject");
        }
        if (load->format.empty()) violated("an accepted dataset names no format");
    }
    if (auto facts = lancet::parse_tracing_facts(text, options)) {
        for (const auto& f : facts->facts) {
            if (f.attribute.empty()) violated("a traced fact without an attribute");
            if (f.prompt.find(f.subject) == std::string::npos) violated("a traced fact's prompt lacks its subject");
        }
    }
    return 0;
}
