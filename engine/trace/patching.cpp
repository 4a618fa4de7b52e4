#include "trace/patching.h"

#include "model/forward.h"
#include "model/model.h"
#include "tokenizer/continuation.h"
#include "tokenizer/token_labels.h"
#include "trace/patching_internal.h"

#include <chrono>
#include <cmath>

namespace lancet {

const char* patch_site_name(PatchSite site) {
    switch (site) {
        case PatchSite::Hidden: return "hidden";
        case PatchSite::Mlp: return "mlp";
        case PatchSite::Attn: return "attn";
    }
    return "?";
}

std::optional<PatchSite> parse_patch_site(const std::string& text) {
    if (text == "hidden" || text == "resid" || text == "block") return PatchSite::Hidden;
    if (text == "mlp") return PatchSite::Mlp;
    if (text == "attn" || text == "attention") return PatchSite::Attn;
    return std::nullopt;
}

nlohmann::json PatchResult::to_json() const {
    nlohmann::json m = nlohmann::json::array();
    for (const auto& map : maps) m.push_back({{"site", patch_site_name(map.site)}, {"scores", map.scores}});
    nlohmann::json j = {{"method", method},
                        {"protocol", protocol},
                        {"clean_tokens", clean_tokens},
                        {"corrupted_tokens", corrupted_tokens},
                        {"clean_labels", token_labels(clean_tokens)},  // as read: see token_labels.h
                        {"corrupted_labels", token_labels(corrupted_tokens)},
                        {"clean_answer", clean_answer},
                        {"corrupted_answer", corrupted_answer},
                        {"clean_answer_id", clean_answer_id},
                        {"corrupted_answer_id", corrupted_answer_id},
                        {"clean_metric", clean_metric},
                        {"corrupted_metric", corrupted_metric},
                        {"maps", m},
                        {"forward_passes", forward_passes},
                        {"backward_passes", backward_passes},
                        {"seconds", seconds}};
    if (!heads.empty()) j["heads"] = heads;
    return j;
}

namespace patching_detail {

Site site_of(PatchSite s) {
    switch (s) {
        case PatchSite::Hidden: return Site::BlockOut;
        case PatchSite::Mlp: return Site::MlpOut;
        case PatchSite::Attn: return Site::AttnOut;
    }
    return Site::BlockOut;
}

namespace {

std::string shown_tokens(const Tokenizer& tok, const std::vector<int64_t>& ids) {
    std::string out;
    for (size_t i = 0; i < ids.size(); ++i) out += (i ? "|" : "") + tok.token_bytes(ids[i]);
    return out;
}

int64_t answer_id(const Model& model, const std::string& answer, const torch::Tensor& logits_last) {
    if (answer.empty()) return logits_last.argmax(-1).item<int64_t>();
    auto ids = continuation_ids(model.tokenizer(), answer.front() == ' ' ? answer : " " + answer);
    if (ids.empty()) fail(ErrorCode::InvalidArgument, "the answer \"" + answer + "\" tokenizes to nothing");
    return ids.front();  // the first token decides which answer the model starts
}

}  // namespace

PatchSetup prepare(const Model& model, const PatchRequest& req) {
    const ModelConfig& c = model.config();
    if (req.clean_prompt.empty() || req.corrupted_prompt.empty())
        fail(ErrorCode::InvalidArgument, "patching needs a clean and a corrupted (counterfactual) prompt");
    if (req.sites.empty() && !req.heads) fail(ErrorCode::InvalidArgument, "no patching site requested");
    PatchSetup s;
    const Tokenizer& tok = model.tokenizer();
    const auto clean = model.encode(req.clean_prompt).ids, corrupted = model.encode(req.corrupted_prompt).ids;
    if (clean.size() != corrupted.size())
        fail(ErrorCode::InvalidArgument,
             "the prompts tokenize to " + std::to_string(clean.size()) + " and " + std::to_string(corrupted.size()) +
                 " tokens (" + shown_tokens(tok, clean) + "  vs  " + shown_tokens(tok, corrupted) +
                 "); patching copies activations position by position, so pick a counterfactual whose changed words "
                 "take as many tokens as the originals");
    if (static_cast<int64_t>(clean.size()) > c.n_positions)
        fail(ErrorCode::InvalidArgument, "the prompts are longer than the model's context");
    s.T = static_cast<int64_t>(clean.size());
    s.n_layer = static_cast<int>(c.n_layer);
    s.n_head = c.n_head;
    s.d_head = c.d_head;
    PatchResult& r = s.base;
    r.clean_ids = clean;
    r.corrupted_ids = corrupted;
    for (auto id : clean) r.clean_tokens.push_back(tok.token_bytes(id));
    for (auto id : corrupted) r.corrupted_tokens.push_back(tok.token_bytes(id));

    const bool denoising = req.direction == PatchDirection::Denoising;
    s.receive_ids = denoising ? corrupted : clean;
    for (PatchSite p : req.sites) s.captured_sites.push_back(site_of(p));
    if (req.heads) s.captured_sites.push_back(Site::AttnHeads);

    torch::NoGradGuard no_grad;
    auto run = [&](const std::vector<int64_t>& ids, Interventions* iv) {
        ForwardInput in;
        in.input_ids = torch::tensor(ids, torch::kLong).view({1, -1}).to(model.device());
        in.logits = LogitsMode::Last;
        return forward(model, in, iv).logits;  // [1, V]
    };
    Interventions capture;
    for (Site site : s.captured_sites) capture.capture_all_layers(site, s.n_layer);
    // The source run: clean when denoising, corrupted when noising; its activations are what gets copied.
    auto source_logits = run(denoising ? clean : corrupted, &capture);
    auto other_logits = run(denoising ? corrupted : clean, nullptr);
    const auto& clean_logits = denoising ? source_logits : other_logits;
    const auto& corrupted_logits = denoising ? other_logits : source_logits;
    for (Site site : s.captured_sites)
        for (int l = 0; l < s.n_layer; ++l)
            s.source[{static_cast<int>(site), l}] = capture.captured(site, l)[0].detach().clone();

    r.clean_answer_id = answer_id(model, req.clean_answer, clean_logits[0]);
    r.corrupted_answer_id = answer_id(model, req.corrupted_answer, corrupted_logits[0]);
    if (r.clean_answer_id == r.corrupted_answer_id && req.metric == PatchMetric::LogitDiff)
        fail(ErrorCode::InvalidArgument, "both prompts lead to the same answer \"" + tok.token_bytes(r.clean_answer_id) +
                                             "\": give the answers (e.g. --clean-answer Seattle --corrupted-answer Paris)");
    r.clean_answer = tok.token_bytes(r.clean_answer_id);
    r.corrupted_answer = tok.token_bytes(r.corrupted_answer_id);
    r.clean_metric = metric_of(req, r, clean_logits).item<double>();
    r.corrupted_metric = metric_of(req, r, corrupted_logits).item<double>();
    if (!(std::fabs(r.clean_metric - r.corrupted_metric) > 1e-9))
        fail(ErrorCode::InvalidArgument, "the clean and corrupted prompts give the same metric; there is nothing to restore");
    r.protocol = std::string("activation-patching/") + (denoising ? "denoising/" : "noising/") +
                 (req.metric == PatchMetric::LogitDiff ? "logit-diff" : "probability");
    return s;
}

torch::Tensor metric_of(const PatchRequest& req, const PatchResult& r, const torch::Tensor& last_logits) {
    auto logits = last_logits.to(torch::kFloat).view({-1, last_logits.size(-1)});
    if (req.metric == PatchMetric::Probability) return torch::softmax(logits, -1).select(1, r.clean_answer_id);
    return logits.select(1, r.clean_answer_id) - logits.select(1, r.corrupted_answer_id);
}

double normalised(const PatchResult& r, double metric) {
    return (metric - r.corrupted_metric) / (r.clean_metric - r.corrupted_metric);
}

}  // namespace patching_detail

namespace {

using namespace patching_detail;

// One patch: a model site, a layer, and either a position (whole width) or a head (all positions).
// Not "Cell": causal_trace.cpp has its own, and a unity batch may hold both files.
struct PatchedCell {
    Site site;
    int layer;
    int64_t position = -1;
    int64_t head = -1;
};

// The literal reference: one forward pass per cell, the copy made by a hook.
double patch_one(const Model& model, const PatchSetup& s, const PatchRequest& req, const PatchedCell& cell) {
    Interventions iv;
    const torch::Tensor& src = s.source.at({static_cast<int>(cell.site), cell.layer});
    iv.hook(cell.site, cell.layer, [&](Site, int, torch::Tensor& x) {
        x = x.clone();
        if (cell.head >= 0) {
            auto cols = torch::indexing::Slice(cell.head * s.d_head, (cell.head + 1) * s.d_head);
            x.index_put_({0, torch::indexing::Slice(), cols}, src.index({torch::indexing::Slice(), cols}));
        } else {
            x.index_put_({0, cell.position}, src[cell.position]);
        }
    });
    ForwardInput in;
    in.input_ids = torch::tensor(s.receive_ids, torch::kLong).view({1, -1}).to(model.device());
    in.logits = LogitsMode::Last;
    return metric_of(req, s.base, forward(model, in, &iv).logits).item<double>();
}

// Many cells per pass: row i of the batch carries cell i's copy.
std::vector<double> patch_batch(const Model& model, const PatchSetup& s, const PatchRequest& req,
                                const std::vector<PatchedCell>& cells) {
    const int64_t R = static_cast<int64_t>(cells.size());
    auto dev = model.device();
    Interventions iv;
    std::map<std::pair<int, int>, std::vector<int64_t>> rows_at, positions_at;
    std::map<int, std::vector<std::pair<int64_t, int64_t>>> heads_at;  // layer -> (row, head)
    for (int64_t i = 0; i < R; ++i) {
        const PatchedCell& c = cells[static_cast<size_t>(i)];
        if (c.head >= 0) {
            heads_at[c.layer].push_back({i, c.head});
        } else {
            rows_at[{static_cast<int>(c.site), c.layer}].push_back(i);
            positions_at[{static_cast<int>(c.site), c.layer}].push_back(c.position);
        }
    }
    for (const auto& [key, rows] : rows_at) {
        const auto& positions = positions_at.at(key);
        auto pos = torch::tensor(positions, torch::kLong).to(dev);
        auto values = s.source.at(key).index_select(0, pos);
        iv.replace(static_cast<Site>(key.first), key.second, torch::tensor(rows, torch::kLong).to(dev), pos, values);
    }
    for (const auto& [layer, list] : heads_at) {
        const torch::Tensor& src = s.source.at({static_cast<int>(Site::AttnHeads), layer});
        iv.hook(Site::AttnHeads, layer, [&s, &src, list](Site, int, torch::Tensor& x) {
            for (const auto& [row, head] : list) {
                auto cols = torch::indexing::Slice(head * s.d_head, (head + 1) * s.d_head);
                x.index_put_({row, torch::indexing::Slice(), cols}, src.index({torch::indexing::Slice(), cols}));
            }
        });
    }
    ForwardInput in;
    in.input_ids = torch::tensor(s.receive_ids, torch::kLong).view({1, -1}).expand({R, s.T}).contiguous().to(dev);
    in.logits = LogitsMode::Last;
    auto m = metric_of(req, s.base, forward(model, in, &iv).logits).to(torch::kCPU).to(torch::kDouble).contiguous();
    return std::vector<double>(m.data_ptr<double>(), m.data_ptr<double>() + R);
}

std::vector<PatchedCell> all_cells(const PatchSetup& s, const PatchRequest& req) {
    std::vector<PatchedCell> cells;
    for (PatchSite p : req.sites)
        for (int l = 0; l < s.n_layer; ++l)
            for (int64_t t = 0; t < s.T; ++t) cells.push_back({site_of(p), l, t, -1});
    if (req.heads)
        for (int l = 0; l < s.n_layer; ++l)
            for (int64_t h = 0; h < s.n_head; ++h) cells.push_back({Site::AttnHeads, l, -1, h});
    return cells;
}

// Rows per pass: activations of one row (every layer's residual, attention and
// MLP states, the MLP's inner width) within a budget: 256 MB on the CPU, 4 GB on CUDA.
int64_t default_rows(const Model& model, int64_t T) {
    const ModelConfig& c = model.config();
    const int64_t per_row = T * (6 * c.d_model + c.d_ff + c.n_head * T) * 4 + c.vocab_size * 4;
    const int64_t budget = model.device().is_cuda() ? (int64_t(4) << 30) : (int64_t(256) << 20);
    return std::max<int64_t>(1, std::min<int64_t>(512, budget / std::max<int64_t>(1, per_row)));
}

}  // namespace

Expected<PatchResult> activation_patching(const Model& model, const PatchRequest& req, const JobContext& job) {
    return capture([&] {
        const auto t0 = std::chrono::steady_clock::now();
        torch::NoGradGuard no_grad;
        PatchSetup s = prepare(model, req);
        PatchResult r = s.base;
        r.method = "exact";
        r.forward_passes = 2;
        const std::vector<PatchedCell> cells = all_cells(s, req);
        std::vector<double> metric(cells.size());
        const int64_t chunk = req.reference_loop ? 1 : (req.rows_per_pass > 0 ? req.rows_per_pass : default_rows(model, s.T));
        for (size_t begin = 0; begin < cells.size(); begin += static_cast<size_t>(chunk)) {
            job.check_cancelled();
            const size_t end = std::min(cells.size(), begin + static_cast<size_t>(chunk));
            if (req.reference_loop) {
                metric[begin] = patch_one(model, s, req, cells[begin]);
            } else {
                auto m = patch_batch(model, s, req, std::vector<PatchedCell>(cells.begin() + static_cast<std::ptrdiff_t>(begin),
                                                                      cells.begin() + static_cast<std::ptrdiff_t>(end)));
                std::copy(m.begin(), m.end(), metric.begin() + static_cast<std::ptrdiff_t>(begin));
            }
            ++r.forward_passes;
            job.report(static_cast<double>(end) / static_cast<double>(cells.size()),
                       std::to_string(end) + " of " + std::to_string(cells.size()) + " patches");
        }
        size_t i = 0;
        for (PatchSite p : req.sites) {
            PatchMap map{p, std::vector<std::vector<double>>(static_cast<size_t>(s.T), std::vector<double>(static_cast<size_t>(s.n_layer)))};
            for (int l = 0; l < s.n_layer; ++l)
                for (int64_t t = 0; t < s.T; ++t) map.scores[static_cast<size_t>(t)][static_cast<size_t>(l)] = normalised(r, metric[i++]);
            r.maps.push_back(std::move(map));
        }
        if (req.heads) {
            r.heads.assign(static_cast<size_t>(s.n_layer), std::vector<double>(static_cast<size_t>(s.n_head)));
            for (int l = 0; l < s.n_layer; ++l)
                for (int64_t h = 0; h < s.n_head; ++h) r.heads[static_cast<size_t>(l)][static_cast<size_t>(h)] = normalised(r, metric[i++]);
        }
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return r;
    });
}

Expected<std::vector<CellCheck>> check_top_cells(const Model& model, const PatchRequest& req, const PatchResult& estimate,
                                                 int k, const JobContext& job) {
    return capture([&] {
        torch::NoGradGuard no_grad;
        PatchSetup s = prepare(model, req);
        const double baseline = req.direction == PatchDirection::Denoising ? 0.0 : 1.0;
        struct Ranked { CellCheck check; PatchedCell cell; };
        std::vector<Ranked> all;
        for (const auto& map : estimate.maps)
            for (size_t t = 0; t < map.scores.size(); ++t)
                for (size_t l = 0; l < map.scores[t].size(); ++l)
                    all.push_back({{patch_site_name(map.site), static_cast<int>(l), static_cast<int>(t), map.scores[t][l], 0},
                                   {site_of(map.site), static_cast<int>(l), static_cast<int64_t>(t), -1}});
        for (size_t l = 0; l < estimate.heads.size(); ++l)
            for (size_t h = 0; h < estimate.heads[l].size(); ++h)
                all.push_back({{"head", static_cast<int>(l), static_cast<int>(h), estimate.heads[l][h], 0},
                               {Site::AttnHeads, static_cast<int>(l), -1, static_cast<int64_t>(h)}});
        const size_t n = std::min(all.size(), static_cast<size_t>(std::max(0, k)));
        std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), [&](const Ranked& a, const Ranked& b) {
            return std::fabs(a.check.estimate - baseline) > std::fabs(b.check.estimate - baseline);
        });
        std::vector<PatchedCell> cells;
        for (size_t i = 0; i < n; ++i) cells.push_back(all[i].cell);
        // In passes as exact patching makes them: a large k on a large model
        // must neither exhaust memory in one batch nor be deaf to cancel.
        std::vector<double> metric(cells.size());
        const size_t chunk = static_cast<size_t>(req.rows_per_pass > 0 ? req.rows_per_pass : default_rows(model, s.T));
        for (size_t begin = 0; begin < cells.size(); begin += chunk) {
            job.check_cancelled();
            const size_t end = std::min(cells.size(), begin + chunk);
            auto m = patch_batch(model, s, req, std::vector<PatchedCell>(cells.begin() + static_cast<std::ptrdiff_t>(begin),
                                                                  cells.begin() + static_cast<std::ptrdiff_t>(end)));
            std::copy(m.begin(), m.end(), metric.begin() + static_cast<std::ptrdiff_t>(begin));
            job.report(static_cast<double>(end) / static_cast<double>(cells.size()),
                       std::to_string(end) + " of " + std::to_string(cells.size()) + " cells patched");
        }
        std::vector<CellCheck> out;
        for (size_t i = 0; i < n; ++i) {
            CellCheck c = all[i].check;
            c.exact = normalised(s.base, metric[i]);
            out.push_back(c);
        }
        return out;
    });
}

}  // namespace lancet
