#include "edit/export.h"

#include "io/atomic_file.h"
#include "io/safetensors.h"
#include "model/model.h"

#include <torch/torch.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace lancet {

namespace {

torch::ScalarType export_dtype(const Model& model, const std::string& name) {
    auto named = [](const std::string& s) -> std::optional<torch::ScalarType> {
        if (s == "float32" || s == "fp32") return torch::kFloat;
        if (s == "float16" || s == "fp16") return torch::kHalf;
        if (s == "bfloat16" || s == "bf16") return torch::kBFloat16;
        return std::nullopt;
    };
    if (name.empty() || name == "model") return model.dtype();
    if (name == "checkpoint") {
        const auto& cj = model.config_json();
        for (const char* key : {"torch_dtype", "dtype"})
            if (cj.contains(key) && cj[key].is_string())
                if (auto t = named(cj[key].get<std::string>())) return *t;
        return model.dtype();
    }
    if (auto t = named(name)) return *t;
    fail(ErrorCode::InvalidArgument, "unknown export dtype \"" + name + "\" (use model, checkpoint, float32, float16 or bfloat16)");
}

fs::path canonical_or_normal(const fs::path& p) {
    std::error_code ec;
    auto c = fs::weakly_canonical(fs::absolute(p), ec);
    return ec ? fs::absolute(p).lexically_normal() : c;
}

// Whether a is b, lies inside b, or contains b.
bool overlaps(const fs::path& a, const fs::path& b) {
    std::string sa = canonical_or_normal(a).string(), sb = canonical_or_normal(b).string();
    while (sa.size() > 1 && sa.back() == '/') sa.pop_back();
    while (sb.size() > 1 && sb.back() == '/') sb.pop_back();
    auto inside = [](const std::string& x, const std::string& y) {
        return x.size() > y.size() && x.compare(0, y.size(), y) == 0 && (y == "/" || x[y.size()] == '/');
    };
    return sa == sb || inside(sa, sb) || inside(sb, sa);
}

}  // namespace

const std::vector<std::string>& exported_side_files() {
    static const std::vector<std::string> files = {
        "tokenizer.json",   "tokenizer_config.json", "vocab.json",           "merges.txt",
        "special_tokens_map.json", "added_tokens.json", "generation_config.json",
        "tokenizer.model",  "chat_template.jinja",  // SentencePiece files (Llama 2, Mistral, Gemma) and chat templates
    };
    return files;
}

std::string default_export_dir(const Model& model) {
    if (model.path().empty()) return "edited-model";
    fs::path p = fs::path(model.path()).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    return (p.parent_path() / (p.filename().string() + "-edited")).string();
}

Expected<ExportResult> export_hf_folder(const Model& model, const std::string& out_dir, const ExportOptions& options,
                                        const JobContext& job) {
    auto result = capture([&] {
        if (out_dir.empty()) fail(ErrorCode::InvalidArgument, "no output folder given");
        const torch::ScalarType dtype = export_dtype(model, options.dtype);
        std::vector<std::string> protect;
        if (!model.path().empty()) {
            protect.push_back(model.path());
            if (overlaps(out_dir, model.path()))
                fail(ErrorCode::InvalidArgument, "refusing to export into, over or around the source model folder " +
                                                     model.path() + ": choose another folder");
            auto src = TensorSource::open(model.path());
            if (src)
                for (const auto& p : src->source_paths()) protect.push_back(p);
        }
        job.check_cancelled();
        auto staging = StagingDirectory::create(out_dir).value();
        const fs::path dir = staging.path();
        ExportResult out;
        out.dir = out_dir;
        out.dtype = dtype_name(dtype);

        // Weights.
        job.report(0.05, "writing weights");
        NamedTensors tensors;
        {
            torch::NoGradGuard no_grad;
            for (const auto& kv : model.tensors()) {
                const torch::Tensor& t = kv.second;
                tensors.emplace_back(kv.first, t.is_floating_point() && t.scalar_type() != dtype ? t.to(dtype) : t);
            }
        }
        out.files = write_safetensors_sharded(dir.string(), tensors, options.max_shard_bytes, {{"format", "pt"}}).value();
        tensors.clear();
        job.check_cancelled();

        // config.json, with the dtype it now holds.
        job.report(0.8, "writing config and tokenizer");
        nlohmann::json cfg = model.config_json();
        bool wrote_dtype = false;
        for (const char* key : {"torch_dtype", "dtype"})
            if (cfg.contains(key)) {
                cfg[key] = dtype_name(dtype);
                wrote_dtype = true;
            }
        if (!wrote_dtype) cfg["torch_dtype"] = dtype_name(dtype);
        auto wc = write_bytes_atomically((dir / "config.json").string(),
                                         cfg.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
        if (!wc) throw EngineException(wc.error());
        out.files.push_back("config.json");

        // Tokenizer and generation files.
        const std::string side_dir = options.side_files_dir.empty() ? model.path() : options.side_files_dir;
        if (!side_dir.empty()) {
            for (const auto& name : exported_side_files()) {
                fs::path src = fs::path(side_dir) / name;
                std::error_code ec;
                if (!fs::is_regular_file(src, ec)) continue;
                fs::copy_file(src, dir / name, fs::copy_options::overwrite_existing, ec);
                if (ec) fail(ErrorCode::Internal, "copying " + src.string() + ": " + ec.message());
                out.files.push_back(name);
            }
        }
        if (!options.provenance.is_null()) {
            auto wp = write_bytes_atomically((dir / "lancet-edits.json").string(),
                                             options.provenance.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
            if (!wp) throw EngineException(wp.error());
            out.files.push_back("lancet-edits.json");
        }
        job.check_cancelled();
        DirectoryCommitOptions co;
        co.overwrite = options.overwrite;
        co.protected_paths = protect;
        staging.commit(co).value();
        job.report(1.0, "exported");
        return out;
    });
    if (!result) return result.error().with_context("exporting to " + out_dir);
    return result;
}

}  // namespace lancet
