// A model folder: tokenizer.json or GPT-2's files, and tokenizer_config.json.
#include "tokenizer/load_common.h"

#include <filesystem>

namespace lancet {

namespace td = tokenizer_detail;

namespace {

// A tokenizer_config.json token entry: "<|x|>" or {"content": "<|x|>", ...}.
std::optional<std::string> config_token(const nlohmann::json& config, const char* name) {
    auto it = config.find(name);
    if (it == config.end()) return std::nullopt;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_object()) {
        auto c = it->find("content");
        if (c != it->end() && c->is_string()) return c->get<std::string>();
    }
    return std::nullopt;
}

}  // namespace

Expected<Tokenizer> Tokenizer::from_folder(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Error{ErrorCode::NotFound, "tokenizer folder not found: " + dir};
    const fs::path root(dir);
    const std::string tokenizer_json = (root / "tokenizer.json").string();
    const std::string vocab_json = (root / "vocab.json").string();
    const std::string merges_txt = (root / "merges.txt").string();

    Expected<Tokenizer> loaded = Error{};
    if (fs::is_regular_file(tokenizer_json, ec)) {
        loaded = from_tokenizer_json(tokenizer_json);
    } else {
        std::vector<std::string> missing;
        for (const auto* name : {"vocab.json", "merges.txt"})
            if (!fs::is_regular_file(root / name, ec)) missing.push_back(name);
        if (!missing.empty()) {
            std::string list = missing[0] + (missing.size() > 1 ? " and " + missing[1] : std::string());
            return Error{ErrorCode::NotFound, "no tokenizer in " + dir +
                                                  ": expected tokenizer.json, or vocab.json and merges.txt (missing: tokenizer.json, " +
                                                  list + ")"};
        }
        loaded = from_vocab_merges(vocab_json, merges_txt);
    }
    if (!loaded.ok()) return loaded;

    const std::string config_path = (root / "tokenizer_config.json").string();
    if (!fs::is_regular_file(config_path, ec)) return loaded;
    return capture([&] {
        const nlohmann::json config = td::parse_json(td::read_file(config_path, "tokenizer config"), config_path);
        if (!config.is_object()) fail(ErrorCode::InvalidFile, config_path + ": top level is not a JSON object");
        Tokenizer tok = loaded.value();
        if (auto eos = config_token(config, "eos_token")) {
            if (auto id = tok.token_id(*eos)) tok.eos_ = *id;
        }
        // add_bos_token, where present, is the model's convention (transformers
        // applies it over the post_processor); absent, the post_processor's stands.
        auto add_bos = config.find("add_bos_token");
        if (add_bos != config.end() && add_bos->is_boolean()) {
            if (!add_bos->get<bool>()) {
                tok.bos_.reset();
            } else if (auto bos = config_token(config, "bos_token")) {
                if (auto id = tok.token_id(*bos)) tok.bos_ = *id;
            }
        }
        return tok;
    });
}

}  // namespace lancet
