// Hugging Face tokenizers' tokenizer.json, for BPE models.
#include "tokenizer/load_common.h"

namespace lancet {

namespace td = tokenizer_detail;

namespace {

using json = nlohmann::json;

bool optional_flag(const json& object, const char* key, bool fallback, const std::string& where, const td::VocabBuilder& b) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) b.invalid(where + "." + key + " must be true or false, not " + it->dump());
    return it->get<bool>();
}

std::string optional_string(const json& object, const char* key, const std::string& where, const td::VocabBuilder& b) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (!it->is_string()) b.invalid(where + "." + key + " must be a string, not " + it->dump().substr(0, 80));
    return it->get<std::string>();
}

// What the decoder says about turning tokens back into text.
struct DecoderRules {
    bool byte_level = false;
    std::string space_replacement;  // "▁" -> " "
    bool byte_fallback = false;     // <0xNN> -> the byte
    std::size_t strip_leading_spaces = 0;
};

void parse_decoder(const json& d, const std::string& where, const td::VocabBuilder& b, DecoderRules& rules) {
    if (d.is_null()) return;
    if (!d.is_object()) b.invalid(where + " is not an object");
    const std::string type = optional_string(d, "type", where, b);
    if (type == "Sequence") {
        auto items = d.find("decoders");
        if (items == d.end() || !items->is_array()) b.invalid(where + ".decoders must be an array");
        for (std::size_t i = 0; i < items->size(); ++i)
            parse_decoder((*items)[i], where + ".decoders[" + std::to_string(i) + "]", b, rules);
    } else if (type == "ByteLevel") {
        rules.byte_level = true;
    } else if (type == "ByteFallback") {
        rules.byte_fallback = true;
    } else if (type == "Fuse") {
    } else if (type == "Replace") {
        auto pattern = d.find("pattern");
        auto str = pattern != d.end() && pattern->is_object() ? pattern->find("String") : d.end();
        if (pattern == d.end() || !pattern->is_object() || str == pattern->end() || !str->is_string() ||
            optional_string(d, "content", where, b) != " ")
            fail(ErrorCode::Unsupported, b.file() + ": " + where + ": only a Replace decoder of a string by \" \" is supported, not " +
                                             d.dump().substr(0, 120));
        rules.space_replacement = str->get<std::string>();
    } else if (type == "Strip") {
        auto start = d.find("start");
        auto stop = d.find("stop");
        if (optional_string(d, "content", where, b) != " " || start == d.end() || !start->is_number_unsigned() ||
            start->get<uint64_t>() > 16 || (stop != d.end() && !(stop->is_number_integer() && stop->get<int64_t>() == 0)))
            fail(ErrorCode::Unsupported, b.file() + ": " + where + ": only a Strip decoder of leading spaces is supported, not " +
                                             d.dump().substr(0, 120));
        rules.strip_leading_spaces = std::size_t(start->get<uint64_t>());
    } else if (type == "Metaspace") {
        rules.space_replacement = optional_string(d, "replacement", where, b);
        if (rules.space_replacement.empty()) b.invalid(where + ".replacement must be a non-empty string");
        const std::string scheme = optional_string(d, "prepend_scheme", where, b);
        const bool prepends = scheme.empty() ? optional_flag(d, "add_prefix_space", true, where, b) : scheme != "never";
        rules.strip_leading_spaces = prepends ? 1 : 0;
    } else {
        fail(ErrorCode::Unsupported, b.file() + ": " + where + ": decoder type \"" + type +
                                         "\" is not supported (ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace, Sequence are)");
    }
}

// The BOS a post_processor template puts first ("<s> $A"), if any.
std::optional<int64_t> template_bos(const json& pp, const std::string& where, const td::VocabBuilder& b) {
    if (!pp.is_object()) return std::nullopt;
    const std::string type = optional_string(pp, "type", where, b);
    if (type == "Sequence") {
        auto items = pp.find("processors");
        if (items == pp.end() || !items->is_array()) b.invalid(where + ".processors must be an array");
        for (std::size_t i = 0; i < items->size(); ++i)
            if (auto id = template_bos((*items)[i], where + ".processors[" + std::to_string(i) + "]", b)) return id;
        return std::nullopt;
    }
    if (type != "TemplateProcessing") return std::nullopt;
    auto single = pp.find("single");
    if (single == pp.end() || !single->is_array()) b.invalid(where + ".single must be an array");
    if (single->empty() || !(*single)[0].is_object()) return std::nullopt;
    auto special = (*single)[0].find("SpecialToken");
    if (special == (*single)[0].end()) return std::nullopt;
    const std::string name = optional_string(*special, "id", where + ".single[0].SpecialToken", b);
    auto tokens = pp.find("special_tokens");
    if (tokens != pp.end() && tokens->is_object()) {
        auto entry = tokens->find(name);
        if (entry != tokens->end() && entry->is_object()) {
            auto ids = entry->find("ids");
            if (ids != entry->end() && ids->is_array() && ids->size() == 1 && (*ids)[0].is_number_integer())
                return (*ids)[0].get<int64_t>();
        }
    }
    b.invalid(where + ": the template's first token " + td::shown(name) + " has no id in special_tokens");
}

void parse_merges(const json& merges, td::VocabBuilder& builder) {
    if (!merges.is_array()) builder.invalid("model.merges is not an array");
    builder.reserve_merges(merges.size());
    for (std::size_t i = 0; i < merges.size(); ++i) {
        const json& m = merges[i];
        if (m.is_string()) {
            const std::string& s = m.get_ref<const std::string&>();
            const auto space = s.find(' ');
            if (space == std::string::npos || space == 0 || space + 1 >= s.size() || s.find(' ', space + 1) != std::string::npos)
                builder.invalid("model.merges[" + std::to_string(i) + "]: expected \"a b\", got " + td::shown(s));
            builder.merge(s.substr(0, space), s.substr(space + 1), "model.merges[" + std::to_string(i) + "]");
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
            builder.merge(m[0].get<std::string>(), m[1].get<std::string>(), "model.merges[" + std::to_string(i) + "]");
        } else {
            builder.invalid("model.merges[" + std::to_string(i) + "]: expected \"a b\" or [\"a\", \"b\"], got " + m.dump().substr(0, 80));
        }
    }
}

void parse_added_tokens(const json& added, td::VocabBuilder& builder) {
    if (added.is_null()) return;
    if (!added.is_array()) builder.invalid("added_tokens is not an array");
    for (std::size_t i = 0; i < added.size(); ++i) {
        const json& a = added[i];
        const std::string where = "added_tokens[" + std::to_string(i) + "]";
        if (!a.is_object()) builder.invalid(where + " is not an object");
        auto id = a.find("id");
        auto content = a.find("content");
        if (id == a.end() || !id->is_number_integer() || content == a.end() || !content->is_string())
            builder.invalid(where + " needs an integer \"id\" and a string \"content\"");
        td::AddedToken t;
        t.content = content->get<std::string>();
        t.id = id->is_number_unsigned() && id->get<uint64_t>() > uint64_t(INT64_MAX) ? -1 : id->get<int64_t>();
        t.special = optional_flag(a, "special", false, where, builder);
        t.normalized = optional_flag(a, "normalized", !t.special, where, builder);
        t.lstrip = optional_flag(a, "lstrip", false, where, builder);
        t.rstrip = optional_flag(a, "rstrip", false, where, builder);
        t.single_word = optional_flag(a, "single_word", false, where, builder);
        builder.added(std::move(t), where);
    }
}

}  // namespace

Expected<Tokenizer> Tokenizer::from_tokenizer_json(const std::string& path) {
    return capture([&] {
        const json root = td::parse_json(td::read_file(path, "tokenizer file"), path);
        td::VocabBuilder builder(path);
        if (!root.is_object()) builder.invalid("top level is not a JSON object");
        auto model_it = root.find("model");
        if (model_it == root.end() || !model_it->is_object()) builder.invalid("no \"model\" object");
        const json& model = *model_it;
        if (auto t = model.find("type"); t != model.end() && !(t->is_string() && t->get<std::string>() == "BPE"))
            fail(ErrorCode::Unsupported, path + ": model.type " + t->dump() + " is not supported (only \"BPE\")");
        for (const char* key : {"continuing_subword_prefix", "end_of_word_suffix"})
            if (!optional_string(model, key, "model", builder).empty())
                fail(ErrorCode::Unsupported, path + ": model." + key + " " + model.at(key).dump() + " is not supported");
        if (auto d = model.find("dropout"); d != model.end() && !d->is_null() && !(d->is_number() && d->get<double>() == 0.0))
            fail(ErrorCode::Unsupported, path + ": model.dropout " + d->dump() + " is not supported (encoding would be random)");

        auto& im = builder.impl();
        const json null_json;
        auto field = [&](const char* key) -> const json& {
            auto it = root.find(key);
            return it == root.end() ? null_json : *it;
        };
        im.normalizer = td::Normalizer::parse(field("normalizer"), path + ": normalizer");
        im.pre_tokenizer = td::PreTokenizer::parse(field("pre_tokenizer"), path + ": pre_tokenizer");
        DecoderRules decoder;
        parse_decoder(field("decoder"), "decoder", builder, decoder);

        const bool byte_level = im.pre_tokenizer.byte_level() || decoder.byte_level;
        builder.set_byte_level(byte_level);
        builder.set_space_replacement(decoder.space_replacement);
        builder.set_byte_fallback_decoding(decoder.byte_fallback);
        im.decode_strip_leading_spaces = decoder.strip_leading_spaces;

        auto vocab = model.find("vocab");
        if (vocab == model.end()) builder.invalid("model.vocab is missing");
        builder.vocab(*vocab, "model.vocab");
        auto merges = model.find("merges");
        if (merges == model.end()) builder.invalid("model.merges is missing");
        parse_merges(*merges, builder);

        im.model.byte_fallback = optional_flag(model, "byte_fallback", false, "model", builder);
        im.model.fuse_unk = optional_flag(model, "fuse_unk", false, "model", builder);
        im.model.ignore_merges = optional_flag(model, "ignore_merges", false, "model", builder);
        const std::string unk = optional_string(model, "unk_token", "model", builder);
        if (!unk.empty())
            if (auto it = im.model.key_to_id.find(unk); it != im.model.key_to_id.end()) im.model.unk = int32_t(it->second);
        im.model.merge_all_occurrences = false;  // Hugging Face's order
        if (!byte_level && !decoder.space_replacement.empty()) {
            const std::string& marker = decoder.space_replacement;
            bool inside = false;
            for (const auto& [key, id] : im.model.key_to_id) {
                for (std::size_t at = key.find(marker, 1); at != std::string::npos && !inside; at = key.find(marker, at + 1))
                    inside = !(at >= marker.size() && key.compare(at - marker.size(), marker.size(), marker) == 0);
                if (inside) break;
            }
            if (!inside) im.model.split_before = marker;
        }

        parse_added_tokens(field("added_tokens"), builder);
        im.bos = template_bos(field("post_processor"), "post_processor", builder);
        if (im.bos && (*im.bos < 0 || *im.bos >= int64_t(im.model.keys.size())))
            builder.invalid("post_processor: the template's BOS id " + std::to_string(*im.bos) + " names no token");

        im.gpt2_fast_path = im.normalizer.empty() && im.pre_tokenizer.gpt2_only() && byte_level;
        return Tokenizer(builder.finish());
    });
}

}  // namespace lancet
