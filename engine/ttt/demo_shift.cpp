#include "ttt/demo_shift.h"

#include "eval/dataset.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace lancet {

namespace ttt_shift_detail {

// splitmix64: the same sequence on every platform (std distributions are not).
struct Rng {
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    size_t below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(next() % n); }
};

// Keys next to each letter on a QWERTY keyboard: the typos people make.
const char* neighbours(char c) {
    static const char* rows[26] = {"qsz", "vgn", "xdv", "sfe", "wrd", "dgr", "fht", "gjy", "uko", "hkn", "jlm", "kop", "nk",
                                   "bmj", "ipl", "ol",  "wa",  "etf", "adw", "ryg", "yij", "cbf", "qes", "zcs", "tuh", "xa"};
    const int k = std::tolower(static_cast<unsigned char>(c)) - 'a';
    return k >= 0 && k < 26 ? rows[k] : "";
}

const std::vector<std::string>& register_openers() {
    static const std::vector<std::string> openers = {
        "lol ok so ", "Per the memo dated Tuesday, ", "yo real talk, ", "Kindly be advised herewith that ",
        "ngl tbh ", "As stipulated in Annex B, ",
    };
    return openers;
}

}  // namespace ttt_shift_detail

using ttt_shift_detail::Rng;

std::string ttt_typo_noise(const std::string& text, uint64_t seed, double rate) {
    Rng rng{seed};
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!std::isalpha(static_cast<unsigned char>(c)) || rng.uniform() >= rate) {
            out.push_back(c);
            continue;
        }
        switch (rng.below(3)) {
            case 0:  // swap with the next letter
                if (i + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[i + 1]))) {
                    out.push_back(text[i + 1]);
                    out.push_back(c);
                    ++i;
                } else {
                    out.push_back(c);
                }
                break;
            case 1:  // dropped
                break;
            default: {  // a neighbouring key
                const std::string n = ttt_shift_detail::neighbours(c);
                char r = n.empty() ? c : n[rng.below(n.size())];
                if (std::isupper(static_cast<unsigned char>(c))) r = static_cast<char>(std::toupper(static_cast<unsigned char>(r)));
                out.push_back(r);
            }
        }
    }
    return out;
}

std::string ttt_to_cyrillic(const std::string& text) {
    // One Cyrillic letter (or pair) per Latin letter; everything else kept.
    static const char* lower[26] = {"а", "б", "ц", "д", "е", "ф", "г", "х", "и", "й", "к", "л", "м",
                                    "н", "о", "п", "к", "р", "с", "т", "у", "в", "ш", "кс", "ы", "з"};
    static const char* upper[26] = {"А", "Б", "Ц", "Д", "Е", "Ф", "Г", "Х", "И", "Й", "К", "Л", "М",
                                    "Н", "О", "П", "К", "Р", "С", "Т", "У", "В", "Ш", "Кс", "Ы", "З"};
    std::string out;
    for (char c : text) {
        if (c >= 'a' && c <= 'z') out += lower[c - 'a'];
        else if (c >= 'A' && c <= 'Z') out += upper[c - 'A'];
        else out.push_back(c);
    }
    return out;
}

Expected<std::unique_ptr<InputStream>> demo_shift_stream(const DemoShiftOptions& options) {
    return capture([&]() -> std::unique_ptr<InputStream> {
        if (options.per_phase == 0 || options.cycles == 0)
            fail(ErrorCode::InvalidArgument, "the stream is empty (per_phase and cycles must be positive)");
        if (options.facts_path.empty()) fail(ErrorCode::InvalidArgument, "the demo shift needs a facts file");
        DatasetOptions dopt;
        dopt.format = "lancet-facts";
        const DatasetLoad load = load_dataset(options.facts_path, dopt).value();
        std::vector<const EditCase*> usable;
        for (const auto& c : load.cases)
            if (!c.target_true.empty() && !c.heldout_paraphrase_prompts.empty() && !c.subject.empty()) usable.push_back(&c);
        if (usable.empty())
            fail(ErrorCode::InvalidArgument, options.facts_path + ": no fact has a true_object and held-out phrasings");
        // A seeded order, drawn without replacement across phases (recycled only when the file runs out).
        Rng rng{options.seed};
        for (size_t i = usable.size(); i > 1; --i) std::swap(usable[i - 1], usable[rng.below(i)]);
        size_t next_fact = 0;
        auto draw = [&]() -> const EditCase& { return *usable[next_fact++ % usable.size()]; };

        std::vector<StreamItem> items;
        const auto& openers = ttt_shift_detail::register_openers();
        for (size_t cycle = 0; cycle < options.cycles; ++cycle) {
            for (int phase = 0; phase < 4; ++phase) {
                for (size_t k = 0; k < options.per_phase; ++k) {
                    const EditCase& c = draw();
                    // A held-out phrasing, as a template again (its first subject occurrence).
                    const std::string& full = c.heldout_paraphrase_prompts[rng.below(c.heldout_paraphrase_prompts.size())];
                    StreamItem item;
                    item.label = c.target_true;
                    item.has_label = true;
                    switch (phase) {
                        case 0:
                            item.segment = "held-out";
                            item.text = full;
                            break;
                        case 1: {
                            item.segment = "register";
                            std::string body = full;
                            // Lower-case the first letter unless the sentence opens with the subject.
                            if (body.compare(0, c.subject.size(), c.subject) != 0 && !body.empty())
                                body[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(body[0])));
                            item.text = openers[rng.below(openers.size())] + body;
                            break;
                        }
                        case 2:
                            item.segment = "typos";
                            item.text = ttt_typo_noise(full, rng.next(), options.typo_rate);
                            break;
                        default: {
                            item.segment = "script";
                            const size_t at = full.find(c.subject);
                            item.text = at == std::string::npos
                                            ? ttt_to_cyrillic(full)
                                            : full.substr(0, at) + ttt_to_cyrillic(c.subject) + full.substr(at + c.subject.size());
                        }
                    }
                    items.push_back(std::move(item));
                }
            }
        }
        return make_vector_stream(std::move(items), "demo shift over " + options.facts_path + " (held-out → register → typos → script, " +
                                                        std::to_string(options.per_phase) + " per phase, " +
                                                        std::to_string(options.cycles) + " cycle(s), seed " +
                                                        std::to_string(options.seed) + ")");
    });
}

}  // namespace lancet
