#include "merge/config_merge.h"

#include "edit/export.h"
#include "io/safetensors.h"
#include "merge/merge_methods.h"
#include "merge/mergekit_yaml.h"
#include "merge/tensor_names.h"
#include "model/model.h"
#include "tokenizer/tokenizer.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace lancet {

namespace {

namespace fs = std::filesystem;

std::string where_line(int line) { return line > 0 ? "line " + std::to_string(line) + ": " : std::string(); }

struct ModelFiles {
    std::string ref, dir;
    TensorSource source;
    nlohmann::json config;
    std::string layer_prefix;
    int64_t n_layer = 0;
    std::map<int64_t, std::vector<std::string>> layer_suffixes;  // layer -> suffixes
    std::vector<std::string> outside;                            // names outside the layer stack
};

std::string slurp_file(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream os;
    os << f.rdbuf();
    return os.str();
}

ModelFiles open_model(const std::string& ref, const std::string& dir) {
    ModelFiles m;
    m.ref = ref;
    m.dir = dir;
    const fs::path cfg = fs::path(dir) / "config.json";
    if (!fs::is_regular_file(cfg)) fail(ErrorCode::NotFound, "model " + ref + " (" + dir + ") has no config.json");
    try {
        m.config = nlohmann::json::parse(slurp_file(cfg));
    } catch (const std::exception& e) {
        fail(ErrorCode::InvalidFile, "model " + ref + ": config.json is not JSON: " + e.what());
    }
    auto src = TensorSource::open(dir);
    if (!src) fail(src.error().code, "model " + ref + ": " + src.error().message);
    m.source = std::move(src.value());
    for (const auto& name : m.source.names()) {
        if (auto l = split_layer_name(name)) {
            if (m.layer_prefix.empty()) m.layer_prefix = l->prefix;
            if (l->prefix != m.layer_prefix)
                fail(ErrorCode::Unsupported, "model " + ref + ": two layer stacks (" + m.layer_prefix + ", " + l->prefix +
                                                 "); only decoder-only models with one stack merge");
            m.layer_suffixes[l->layer].push_back(l->suffix);
            m.n_layer = std::max(m.n_layer, l->layer + 1);
        } else {
            m.outside.push_back(name);
        }
    }
    for (const char* key : {"n_layer", "num_hidden_layers"})
        if (m.config.contains(key) && m.config[key].is_number_integer() && m.config[key].get<int64_t>() != m.n_layer)
            fail(ErrorCode::InvalidFile, "model " + ref + ": config.json says " + std::string(key) + " = " +
                                             m.config[key].dump() + " but the checkpoint holds " +
                                             std::to_string(m.n_layer) + " layers");
    return m;
}

std::string tokenizer_signature(const ModelFiles& m) {
    std::string s = "vocab_size=" + (m.config.contains("vocab_size") ? m.config["vocab_size"].dump() : "?");
    for (const char* f : {"tokenizer.json", "vocab.json", "merges.txt", "added_tokens.json"}) {
        const fs::path p = fs::path(m.dir) / f;
        if (fs::is_regular_file(p)) s += std::string("\n") + f + ":" + std::to_string(std::hash<std::string>{}(slurp_file(p)));
    }
    return s;
}

// What differs between two tokenizer signatures, in words.
std::string signature_difference(const std::string& a, const std::string& b) {
    auto lines = [](const std::string& s) {
        std::map<std::string, std::string> out;
        std::istringstream is(s);
        for (std::string l; std::getline(is, l);) {
            auto p = l.find_first_of("=:");
            out[l.substr(0, p)] = l.substr(p + 1);
        }
        return out;
    };
    auto la = lines(a), lb = lines(b);
    std::vector<std::string> diffs;
    for (const auto& [k, v] : la) {
        auto it = lb.find(k);
        if (it == lb.end()) diffs.push_back(k + " only in the first");
        else if (it->second != v) diffs.push_back(k == "vocab_size" ? "vocab_size " + v + " vs " + it->second : k + " differs");
    }
    for (const auto& [k, v] : lb)
        if (!la.count(k)) diffs.push_back(k + " only in the second");
    std::string out;
    for (const auto& d : diffs) out += (out.empty() ? "" : ", ") + d;
    return out;
}

bool uses_base(const MergeMethodInfo& m, const MergeConfig& c, const ConfigSlice& s) {
    if (m.base == MergeBaseUse::None) return false;
    if (m.base == MergeBaseUse::Required) return true;
    return !(s.base_model.empty() ? c.base_model : s.base_model).empty();
}

// The slice's sources as the run sees them: a `models:` config gets its base
// added when the method uses one and the list lacks it (as mergekit does).
std::vector<SliceSource> effective_sources(const MergeMethodInfo& m, const MergeConfig& c, const ConfigSlice& s) {
    auto out = s.sources;
    const std::string base = s.base_model.empty() ? c.base_model : s.base_model;
    if (!c.from_slices && uses_base(m, c, s) && !base.empty()) {
        bool listed = false;
        for (const auto& src : out) listed = listed || src.model == base;
        if (!listed) {
            SliceSource b;
            b.model = base;
            out.push_back(b);
        }
    }
    return out;
}

std::string slice_label(const MergeConfig& c, size_t i) {
    return c.from_slices ? "slice " + std::to_string(i + 1) + ": " : std::string();
}

}  // namespace

Expected<void> check_merge_config(const MergeConfig& c) {
    return capture([&] {
        const MergeMethodInfo* m = find_merge_method_info(c.merge_method);
        if (!m)
            fail(ErrorCode::Unsupported, where_line(c.merge_method_line) + "merge method '" + c.merge_method +
                                             "' is not supported (" + merge_method_names() + ")");
        std::set<std::string> known;
        for (const auto& p : m->globals) known.insert(p.name);
        for (const auto& p : m->per_model) known.insert(p.name);
        auto check_names = [&](const ParamMap& params) {
            for (const auto& [name, v] : params)
                if (!known.count(name)) {
                    std::string list;
                    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
                    fail(ErrorCode::InvalidFile, where_line(v.line) + "parameter '" + name + "' is not used by " + m->name +
                                                     (list.empty() ? " (it takes none)" : " (it takes " + list + ")"));
                }
        };
        check_names(c.parameters);
        for (size_t i = 0; i < c.slices.size(); ++i) {
            const auto& s = c.slices[i];
            check_names(s.parameters);
            for (const auto& src : s.sources) check_names(src.parameters);
            const std::string base = s.base_model.empty() ? c.base_model : s.base_model;
            if (m->base == MergeBaseUse::Required && base.empty())
                fail(ErrorCode::InvalidFile, "'" + m->name + "' needs a 'base_model'");
            const auto sources = effective_sources(*m, c, s);
            size_t n = 0;
            bool has_base = false;
            for (const auto& src : sources) {
                if (uses_base(*m, c, s) && src.model == base) has_base = true;
                else ++n;
            }
            if (uses_base(*m, c, s) && !has_base)
                fail(ErrorCode::InvalidFile, where_line(s.line) + slice_label(c, i) + "the base model " + base +
                                                 " must be one of the slice's sources");
            const std::string need = m->max_models == m->min_models
                                         ? std::to_string(m->min_models)
                                         : (m->max_models < 0 ? "at least " + std::to_string(m->min_models)
                                                              : std::to_string(m->min_models) + " to " +
                                                                    std::to_string(m->max_models));
            if (static_cast<int>(n) < m->min_models || (m->max_models >= 0 && static_cast<int>(n) > m->max_models))
                fail(ErrorCode::InvalidFile, where_line(s.line) + slice_label(c, i) + "'" + m->name + "' merges " + need +
                                                 (m->base == MergeBaseUse::None ? "" : " model(s) besides the base") +
                                                 ", but " + std::to_string(n) + " are listed");
            if (c.from_slices) {
                int64_t len = -1;
                for (const auto& src : s.sources) {
                    const int64_t l = src.layer_range->second - src.layer_range->first;
                    if (len >= 0 && l != len)
                        fail(ErrorCode::InvalidFile, where_line(src.line) + slice_label(c, i) +
                                                         "every source of a slice must span the same number of layers");
                    len = l;
                }
            }
        }
    });
}

Expected<ConfigMergeResult> run_merge_config(const MergeConfig& c, const ConfigMergeOptions& options,
                                             const JobContext& job) {
    auto checked = check_merge_config(c);
    if (!checked) return checked.error();
    auto device = parse_device(options.device);
    if (!device) return device.error();
    return capture([&] {
        torch::NoGradGuard no_grad;
        const MergeMethodInfo& method = *find_merge_method_info(c.merge_method);
        if (c.whole_vector_trim)
            fail(ErrorCode::Unsupported, "'# lancet-options: trim=vector' (TIES trimmed over the whole task vector) "
                                         "needs every tensor at once: merge it live (lancet-cli merge CONFIG --score), "
                                         "or drop the option for mergekit's per-tensor trim");
        ConfigMergeResult out;

        // 2. Every reference to a folder; all the missing ones in one message.
        std::string missing;
        for (const auto& ref : c.referenced_models()) {
            auto dir = options.resolver.resolve(ref);
            if (!dir) {
                missing += (missing.empty() ? "" : "\n") + dir.error().message;
                continue;
            }
            out.model_dirs[ref] = *dir;
        }
        if (!missing.empty()) fail(ErrorCode::NotFound, missing);

        // 3. Configs and tokenizers, before any tensor data.
        std::map<std::string, ModelFiles> models;
        for (const auto& [ref, dir] : out.model_dirs) models.emplace(ref, open_model(ref, dir));
        const std::string first_ref = c.base_model.empty() ? c.slices.at(0).sources.at(0).model : c.base_model;
        const ModelFiles& first = models.at(first_ref);
        auto family = [](const nlohmann::json& j) { return j.value("model_type", std::string("?")); };
        auto width = [](const nlohmann::json& j) {
            for (const char* k : {"n_embd", "hidden_size", "d_model"})
                if (j.contains(k)) return j[k].dump();
            return std::string("?");
        };
        const std::string sig0 = tokenizer_signature(first);
        for (const auto& [ref, m] : models) {
            if (family(m.config) != family(first.config) || width(m.config) != width(first.config))
                fail(ErrorCode::InvalidArgument, "model " + ref + " is a " + family(m.config) + " of width " +
                                                     width(m.config) + ", " + first_ref + " a " + family(first.config) +
                                                     " of width " + width(first.config) +
                                                     ": only models of one architecture and width merge");
            const std::string sig = tokenizer_signature(m);
            if (sig != sig0) {
                const std::string what = signature_difference(sig0, sig);
                if (c.tokenizer_source.empty())
                    fail(ErrorCode::Unsupported,
                         "models " + first_ref + " and " + ref + " have different tokenizers (" + what +
                             "): merging their embeddings row by row would mix different tokens. mergekit cuts them "
                             "to the common rows, or with tokenizer_source: union permutes them to a union "
                             "vocabulary; Lancet does neither yet: merge models that share one tokenizer");
                fail(ErrorCode::Unsupported, where_line(c.tokenizer_line) + "tokenizer_source: " + c.tokenizer_source +
                                                 " with different tokenizers (" + first_ref + " vs " + ref + ": " +
                                                 what + ") needs the embeddings permuted to one vocabulary, which "
                                                 "Lancet does not do yet; merge models that share one tokenizer");
            }
        }
        out.template_dir = first.dir;
        if (!c.tokenizer_source.empty() && c.tokenizer_source != "union" && c.tokenizer_source != "base") {
            auto dir = options.resolver.resolve(c.tokenizer_source);
            if (!dir) fail(dir.error().code, where_line(c.tokenizer_line) + "tokenizer_source: " + dir.error().message);
            out.template_dir = *dir;
        }
        if (!c.chat_template.empty())
            out.notes.push_back("chat_template '" + c.chat_template +
                                "' is recorded in the provenance; the tokenizer files are copied unchanged");

        // 4. The plan: (output name, t, slice, per-source input names).
        struct Planned {
            std::string out_name;
            double t = 0.0;
            size_t slice = 0;
            std::vector<std::string> inputs;  // one per effective source
        };
        std::vector<std::vector<SliceSource>> sources;
        for (const auto& s : c.slices) sources.push_back(effective_sources(method, c, s));
        std::vector<Planned> plan;
        auto range_of = [&](const SliceSource& src) {
            const auto& m = models.at(src.model);
            return src.layer_range ? *src.layer_range : std::make_pair<int64_t, int64_t>(0, int64_t(m.n_layer));
        };
        auto outside = [&](size_t si, bool post, double t) {
            const auto& tmpl = models.at(sources[si].at(0).model);
            for (const auto& name : tmpl.outside) {
                // After the layer stack (final norm, LM head): t = 1 and the last
                // slice, as mergekit's post_weights; everything else outside is "pre".
                if (is_post_weight(name) != post) continue;
                Planned p{name, t, si, {}};
                for (const auto& src : sources[si]) {
                    if (!models.at(src.model).source.contains(name))
                        fail(ErrorCode::InvalidArgument, "model " + src.model + " has no tensor " + name);
                    p.inputs.push_back(name);
                }
                plan.push_back(std::move(p));
            }
        };
        outside(0, false, 0.0);
        int64_t out_layer = 0;
        // Each output layer keeps the attention pattern of the layer it came
        // from (Gemma 2/3 and Mistral-style sliding windows): written out as
        // layer_types below, since a rule by layer index (Gemma 2's even layers)
        // no longer holds once slices restack the layers.
        std::vector<std::string> out_layer_types;
        bool any_sliding = false;
        auto layer_type = [&](const ModelFiles& m, int64_t layer) -> std::string {
            auto arch = architecture_for(m.config);
            if (!arch) return "full_attention";
            auto parsed = arch.value()->parse_config(m.config);
            if (!parsed || parsed->attention_of(layer).window == 0) return "full_attention";
            any_sliding = true;
            return "sliding_attention";
        };
        for (size_t si = 0; si < c.slices.size(); ++si) {
            int64_t n = -1;
            for (const auto& src : sources[si]) {
                auto [a, b] = range_of(src);
                const auto& m = models.at(src.model);
                if (b > m.n_layer)
                    fail(ErrorCode::InvalidArgument, where_line(src.line) + slice_label(c, si) + "layer_range [" +
                                                         std::to_string(a) + ", " + std::to_string(b) + "] of " +
                                                         src.model + " goes past its " + std::to_string(m.n_layer) +
                                                         " layers");
                if (n >= 0 && b - a != n)
                    fail(ErrorCode::InvalidArgument, slice_label(c, si) + "the models have different numbers of layers (" +
                                                         std::to_string(n) + " and " + std::to_string(b - a) +
                                                         "): give them layer ranges under 'slices'");
                n = b - a;
            }
            const auto& tmpl = models.at(sources[si][0].model);
            for (int64_t idx = 0; idx < n; ++idx) {
                const double t = n > 1 ? static_cast<double>(idx) / static_cast<double>(n - 1) : 1.0;
                const int64_t in0 = range_of(sources[si][0]).first + idx;
                out_layer_types.push_back(layer_type(tmpl, in0));
                for (const auto& suffix : tmpl.layer_suffixes.at(in0)) {
                    Planned p{tmpl.layer_prefix + "." + std::to_string(out_layer) + "." + suffix, t, si, {}};
                    for (const auto& src : sources[si]) {
                        const auto& m = models.at(src.model);
                        const std::string in = m.layer_prefix + "." + std::to_string(range_of(src).first + idx) + "." + suffix;
                        if (!m.source.contains(in))
                            fail(ErrorCode::InvalidArgument, "model " + src.model + " has no tensor " + in);
                        p.inputs.push_back(in);
                    }
                    plan.push_back(std::move(p));
                }
                ++out_layer;
            }
        }
        outside(c.slices.size() - 1, true, 1.0);
        out.n_layer = out_layer;

        // Shapes agree before any data is read.
        for (const auto& p : plan) {
            const auto& srcs = sources[p.slice];
            auto shape0 = models.at(srcs[0].model).source.info(p.inputs[0]).value().shape;
            for (size_t k = 1; k < srcs.size(); ++k) {
                auto shape = models.at(srcs[k].model).source.info(p.inputs[k]).value().shape;
                if (shape != shape0)
                    fail(ErrorCode::InvalidArgument, "tensor " + p.inputs[k] + " of " + srcs[k].model +
                                                         " has another shape than " + p.inputs[0] + " of " + srcs[0].model);
            }
        }

        // 5. Tensor by tensor.
        const std::string out_dtype_text = !c.out_dtype.empty() ? c.out_dtype : c.dtype;
        size_t done = 0;
        for (const auto& p : plan) {
            job.check_cancelled();
            job.report(static_cast<double>(done++) / static_cast<double>(plan.size()), p.out_name);
            const auto& srcs = sources[p.slice];
            const auto& slice = c.slices[p.slice];
            const std::string base_ref = slice.base_model.empty() ? c.base_model : slice.base_model;
            const bool with_base = uses_base(method, c, slice);
            auto raw0 = models.at(srcs[0].model).source.tensor(p.inputs[0]).value();
            const auto stored = raw0.scalar_type();
            auto out_type = out_dtype_text.empty() ? Expected<torch::ScalarType>(stored)
                                                   : parse_dtype(out_dtype_text, torch::kCPU, stored);
            if (!out_type) fail(out_type.error().code, "dtype: " + out_type.error().message);
            if (!raw0.is_floating_point()) {  // masks and buffers: the first source's
                out.tensors[p.out_name] = raw0.clone();
                continue;
            }
            MergeArgs a;
            a.tensor_name = p.out_name;
            a.seed = c.seed;
            a.mergekit_election = !c.paper_election;
            const ParamReader global(c, slice, p.out_name, p.t);
            for (const auto& def : method.globals) {
                auto v = global.get(def.name);
                if (v.is_null()) v = def.default_value;
                if (v.is_null() && def.required)
                    fail(ErrorCode::InvalidArgument, "'" + method.name + "' needs parameter '" + def.name +
                                                         "' (missing for tensor " + p.out_name + ")");
                a.params[def.name] = v;
            }
            for (size_t k = 0; k < srcs.size(); ++k) {
                auto x = (k == 0 ? raw0 : models.at(srcs[k].model).source.tensor(p.inputs[k]).value())
                             .to(*device, torch::kFloat);
                if (with_base && srcs[k].model == base_ref) {
                    a.base = x;
                    continue;
                }
                const ParamReader reader(c, slice, p.inputs[k], p.t);
                MergeParams mp;
                for (const auto& def : method.per_model) {
                    auto v = reader.get(def.name, srcs[k].model);
                    if (v.is_null()) v = def.default_value;
                    if (v.is_null() && def.required)
                        fail(ErrorCode::InvalidArgument, "'" + method.name + "' needs parameter '" + def.name +
                                                             "' for model " + srcs[k].model + " (tensor " +
                                                             p.inputs[k] + ")");
                    mp[def.name] = v;
                }
                a.model_index.push_back(a.models.size());
                a.models.push_back(x);
                a.model_params.push_back(std::move(mp));
            }
            torch::Tensor merged;
            try {
                merged = method.kernel(a);
            } catch (const EngineException& e) {
                fail(e.error().code, method.name + ", tensor " + p.out_name + ": " + e.error().message);
            }
            if (!torch::isfinite(merged).all().item<bool>())
                fail(ErrorCode::InvalidArgument, method.name + " gave non-finite values for tensor " + p.out_name);
            out.tensors[p.out_name] = merged.to(torch::kCPU, *out_type).contiguous();
            out.dtype = dtype_name(*out_type);
        }
        out.config_json = models.at(sources[0][0].model).config;
        for (const char* key : {"n_layer", "num_hidden_layers"})
            if (out.config_json.contains(key)) out.config_json[key] = out.n_layer;
        if (any_sliding || out.config_json.contains("layer_types")) out.config_json["layer_types"] = out_layer_types;
        return out;
    });
}

Expected<nlohmann::json> merge_config_to_folder(const MergeConfig& c, const std::string& out_dir,
                                                const ConfigMergeOptions& options, const JobContext& job) {
    auto r = run_merge_config(c, options, job);
    if (!r) return r.error();
    return capture([&]() -> nlohmann::json {
        for (const auto& [ref, dir] : r->model_dirs) {
            std::error_code ec;
            if (fs::exists(out_dir, ec) && fs::equivalent(out_dir, dir, ec))
                fail(ErrorCode::InvalidArgument, "the output folder is an input model's folder (" + ref + ")");
        }
        auto tok = Tokenizer::from_folder(r->template_dir);
        if (!tok) fail(tok.error().code, "the output's tokenizer (" + r->template_dir + "): " + tok.error().message);
        LoadOptions lo;
        lo.device = "cpu";
        lo.dtype = "auto";
        TensorMap tensors = r->tensors;
        auto model = Model::from_tensors(r->config_json, std::move(tensors),
                                         std::make_shared<const Tokenizer>(std::move(tok.value())), lo);
        if (!model) fail(model.error().code, "the merged model: " + model.error().message);
        ExportOptions eo;
        eo.dtype = r->dtype.empty() ? "model" : r->dtype;
        eo.side_files_dir = r->template_dir;
        nlohmann::json prov;
        prov["merge_method"] = c.merge_method;
        prov["models"] = r->model_dirs;
        prov["seed"] = c.seed;
        if (!c.chat_template.empty()) prov["chat_template"] = c.chat_template;
        eo.provenance = {{"merge", prov}};
        auto exported = export_hf_folder(*model.value(), out_dir, eo, job);
        if (!exported) fail(exported.error().code, exported.error().message);
        return {{"dir", exported->dir},       {"files", exported->files},  {"dtype", exported->dtype},
                {"method", c.merge_method},   {"layers", r->n_layer},      {"tensors", r->tensors.size()},
                {"models", r->model_dirs},    {"notes", r->notes}};
    });
}

}  // namespace lancet
