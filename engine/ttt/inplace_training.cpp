#include "ttt/inplace_training.h"

#include "model/forward.h"
#include "model/model.h"
#include "ttt/inplace_demo.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <random>

namespace lancet {

nlohmann::json InplaceTrainResult::to_json() const {
    nlohmann::json c = nlohmann::json::array();
    for (const auto& p : curve)
        c.push_back({{"step", p.step}, {"loss", p.loss}, {"recap_loss", p.recap_loss}, {"grad_norm", p.grad_norm}, {"elapsed_s", p.elapsed_s}});
    return {{"steps_done", steps_done},
            {"seconds", seconds},
            {"layers", addon.layer_ids()},
            {"parameters", addon.parameter_count()},
            {"training", addon.training},
            {"curve", c}};
}

namespace {

double scheduled(const InplaceTrainOptions& o, int64_t step) {
    if (o.warmup > 0 && step < o.warmup) return o.lr * static_cast<double>(step + 1) / static_cast<double>(o.warmup);
    const double span = std::max<int64_t>(1, o.steps - o.warmup);
    const double progress = std::min(1.0, static_cast<double>(step - o.warmup) / span);
    const double floor = o.lr / 10;
    return floor + 0.5 * (o.lr - floor) * (1 + std::cos(M_PI * progress));
}

InplaceDemoOptions document_options(const InplaceTrainOptions& o, uint64_t seed) {
    InplaceDemoOptions d;
    d.facts = o.facts;
    d.seed = seed;
    d.facts_path = o.facts_path;
    d.filler_path = o.filler_path;
    return d;
}

// The document's tokens and where its recap starts: the facts restated in a
// seeded order after the document, so that predicting them needs what was read.
struct TrainingDocument {
    std::vector<int64_t> ids;
    int64_t recap_start = 0;
};

TrainingDocument training_document(const Model& model, const InplaceDemoDocument& doc, uint64_t seed) {
    std::vector<size_t> order(doc.questions.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(seed);
    std::shuffle(order.begin(), order.end(), rng);
    std::string recap;
    for (size_t i : order) recap += (recap.empty() ? "" : " ") + doc.questions[i].prompt + " " + doc.questions[i].answer + ".";
    TrainingDocument t;
    if (auto bos = model.tokenizer().bos_id()) t.ids.push_back(*bos);
    for (int64_t id : model.tokenizer().encode(doc.text).ids) t.ids.push_back(id);
    t.recap_start = static_cast<int64_t>(t.ids.size());
    for (int64_t id : model.tokenizer().encode(recap).ids) t.ids.push_back(id);
    return t;
}

}  // namespace

InplaceDocumentLoss inplace_document_backward(const Model& model, const InplaceAddon& addon, const InplaceOptions& io,
                                              const std::vector<int64_t>& ids, int64_t recap_start, const JobContext& job) {
    const int64_t ctx = model.config().n_positions;
    if (io.chunk < 2 || io.chunk > ctx) fail(ErrorCode::InvalidArgument, "the chunk must be 2..context tokens");
    const AdaptedParams fast = inplace_fast_weights(model, io);  // names, float32 bases, one per layer
    const size_t L = addon.layers.size();
    if (fast.params().size() != L) fail(ErrorCode::InvalidArgument, "the options' layers must be the add-on's");
    std::vector<bool> in_out;
    for (size_t k = 0; k < L; ++k) {
        const int layer = fast.params()[k].layer;
        if (addon.layers[k].layer != layer) fail(ErrorCode::InvalidArgument, "the options' layers must be the add-on's");
        in_out.push_back(model.weights().layers.at(static_cast<size_t>(layer)).mlp_out.in_out_layout);
    }
    InplaceDocumentLoss out;
    const int64_t n = static_cast<int64_t>(ids.size());
    const auto all = torch::tensor(ids, torch::kLong).to(model.device());
    const std::vector<DocumentChunk> chunks = document_chunks(n, io.chunk, ctx);
    for (const DocumentChunk& ch : chunks) {
        out.predicted += std::max<int64_t>(0, ch.length() - 1);
        for (int64_t j = ch.at + 1; j < ch.end; ++j) out.predicted_recap += j >= recap_start ? 1 : 0;
    }

    // Chunk i's loss depends on the taps and P only through W_i = W_0 + Σ_{k<i} ΔW_k.
    // Each chunk's loss is backpropagated at once into a leaf standing for that sum
    // (its gradient G_i), so only one chunk's activations are alive at a time; the
    // updates ΔW_k keep their small graph to the taps and P, and one surrogate
    // Σ_k ⟨ΔW_k, Σ_{i>k} G_i⟩ then carries exactly the same gradient to them.
    std::vector<torch::Tensor> current(L);               // Σ_{k<i} ΔW_k, detached
    std::vector<std::vector<torch::Tensor>> updates;     // [chunk][layer] ΔW_k with graph
    std::vector<std::vector<torch::Tensor>> grads;       // [chunk][layer] G_i (undefined for chunk 0)
    torch::AutoGradMode grad_on(true);
    for (const DocumentChunk& ch : chunks) {
        job.check_cancelled();
        const int64_t at = ch.at, end = ch.end, c = ch.length();
        const auto window = all.slice(0, ch.begin, end).unsqueeze(0);
        const int64_t W = ch.window(), start = W - c;
        std::vector<torch::Tensor> stand_in(L);
        Interventions iv;
        for (const auto& p : fast.params()) {
            iv.capture(Site::MlpKey, p.layer);
            if (io.target == "hidden") iv.capture(Site::BlockOut, p.layer);
        }
        torch::Tensor hidden;
        {
            std::vector<Model::WeightSwap> swaps;
            for (size_t k = 0; k < L; ++k) {
                const AdaptParam& p = fast.params()[k];
                torch::Tensor w = p.base;
                if (current[k].defined()) {
                    stand_in[k] = current[k].clone().set_requires_grad(true);
                    w = p.base + stand_in[k];
                }
                swaps.push_back(model.swap_linear_weight(p.name, w.to(model.dtype())).value());
            }
            ForwardInput in;
            in.input_ids = window;
            in.logits = LogitsMode::None;
            hidden = forward(model, in, &iv).hidden[0];  // [W, d]
        }
        std::vector<torch::Tensor> g(L);
        if (c >= 2) {
            const auto logits = unembed(model, hidden.slice(0, start, W - 1));  // predicts positions at+1 .. end-1
            const auto targets = all.slice(0, at + 1, end);
            const auto nll = torch::nn::functional::cross_entropy(
                logits, targets, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
            const auto in_recap = torch::arange(at + 1, end, torch::TensorOptions().device(nll.device())).ge(recap_start);
            out.nll_sum += nll.sum().item<double>();
            out.recap_nll_sum += (nll * in_recap).sum().item<double>();
            const auto loss = nll.sum() / static_cast<double>(std::max<int64_t>(1, out.predicted));
            if (!std::isfinite(loss.item<double>())) fail(ErrorCode::Internal, "the document's loss is not finite");
            if (loss.requires_grad()) {
                loss.backward();
                for (size_t k = 0; k < L; ++k)
                    if (stand_in[k].defined() && stand_in[k].grad().defined()) g[k] = stand_in[k].grad().detach();
            }
        }
        grads.push_back(g);
        // This chunk's update, from the keys and stream it produced.
        std::vector<torch::Tensor> u(L);
        for (size_t k = 0; k < L; ++k) {
            const int layer = fast.params()[k].layer;
            const auto h = iv.captured(Site::MlpKey, layer)[0].slice(0, start, W).to(torch::kFloat).detach();
            const auto s = io.target == "hidden" ? iv.captured(Site::BlockOut, layer)[0].slice(0, start, W).to(torch::kFloat).detach()
                                                 : model.weights().tok_embed.index_select(0, all.slice(0, at, end)).to(torch::kFloat);
            u[k] = inplace_delta(h, s, addon.layers[k].taps, addon.layers[k].proj, io.lr, in_out[k]);
            const auto ud = u[k].detach().to(fast.params()[k].base.device());
            current[k] = current[k].defined() ? current[k] + ud : ud;
        }
        updates.push_back(u);
    }
    // Σ_k ⟨ΔW_k, Σ_{i>k} G_i⟩ with suffix sums of the chunk gradients.
    torch::Tensor surrogate;
    std::vector<torch::Tensor> suffix(L);
    for (size_t i = updates.size(); i-- > 0;) {
        for (size_t k = 0; k < L; ++k) {
            if (suffix[k].defined()) {
                const auto term = (updates[i][k] * suffix[k].to(updates[i][k].device())).sum();
                surrogate = surrogate.defined() ? surrogate + term : term;
            }
            if (grads[i][k].defined()) suffix[k] = suffix[k].defined() ? suffix[k] + grads[i][k] : grads[i][k];
        }
    }
    if (surrogate.defined() && surrogate.requires_grad()) surrogate.backward();
    return out;
}

Expected<InplaceTrainResult> train_inplace_addon(const Model& model, const InplaceTrainOptions& o, const JobContext& job) {
    return capture([&] {
        if (o.steps < 1) fail(ErrorCode::InvalidArgument, "training needs at least one step");
        if (!(o.lr > 0) || !std::isfinite(o.lr)) fail(ErrorCode::InvalidArgument, "the learning rate must be positive and finite");
        const int64_t ctx = model.config().n_positions;
        InplaceOptions io = o.inplace;
        if (io.chunk <= 0) io.chunk = std::max<int64_t>(2, ctx / 4);
        if (io.chunk < 2 || io.chunk > ctx) fail(ErrorCode::InvalidArgument, "the chunk must be 2..context tokens");
        if (io.target != "next-embedding" && io.target != "hidden")
            fail(ErrorCode::InvalidArgument, "the In-Place TTT target is \"next-embedding\" or \"hidden\", not \"" + io.target + "\"");
        io.addon.reset();
        InplaceAddon addon = initial_inplace_addon(model, io, o.init);
        io.layers = addon.layer_ids();

        std::vector<torch::Tensor> leaves;
        for (auto& l : addon.layers) {
            l.taps = l.taps.to(model.device()).set_requires_grad(true);
            l.proj = l.proj.to(model.device()).set_requires_grad(true);
            leaves.push_back(l.taps);
            leaves.push_back(l.proj);
        }
        torch::optim::AdamW opt(leaves, torch::optim::AdamWOptions(o.lr).weight_decay(o.weight_decay));

        // The demonstration's people never appear in a training document.
        std::set<std::string> avoid;
        for (uint64_t s : o.held_out_seeds) {
            const InplaceDemoDocument held_out = make_inplace_document(model, document_options(o, s)).value();
            avoid.insert(held_out.names.begin(), held_out.names.end());
        }

        InplaceTrainResult res;
        const auto t0 = std::chrono::steady_clock::now();
        double since_loss = 0, since_recap = 0;
        int64_t since_docs = 0;
        for (int64_t step = 0; step < o.steps; ++step) {
            job.check_cancelled();
            const double lr_now = scheduled(o, step);
            for (auto& g : opt.param_groups()) static_cast<torch::optim::AdamWOptions&>(g.options()).lr(lr_now);
            InplaceDemoOptions dopt = document_options(o, o.seed + static_cast<uint64_t>(step));
            dopt.avoid_names = avoid;
            const TrainingDocument doc = training_document(model, make_inplace_document(model, dopt).value(), dopt.seed);
            opt.zero_grad();
            const InplaceDocumentLoss dl = inplace_document_backward(model, addon, io, doc.ids, doc.recap_start, job);
            const double doc_nll = dl.nll_sum, doc_recap = dl.recap_nll_sum;
            const int64_t predicted = dl.predicted, predicted_recap = dl.predicted_recap;
            bool any_grad = false;
            for (const auto& t : leaves) any_grad = any_grad || t.grad().defined();
            double grad_norm = 0;
            if (any_grad) {
                grad_norm = o.grad_clip > 0 ? torch::nn::utils::clip_grad_norm_(leaves, o.grad_clip)
                                            : torch::nn::utils::clip_grad_norm_(leaves, 1e30);
                if (!std::isfinite(grad_norm)) fail(ErrorCode::Internal, "the gradient stopped being finite at step " + std::to_string(step + 1));
                opt.step();
            }
            since_loss += doc_nll / static_cast<double>(std::max<int64_t>(1, predicted));
            since_recap += doc_recap / static_cast<double>(std::max<int64_t>(1, predicted_recap));
            ++since_docs;
            res.steps_done = step + 1;
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if ((step + 1) % std::max<int64_t>(1, o.log_every) == 0 || step + 1 == o.steps || step == 0) {
                InplaceTrainPoint pt;
                pt.step = step + 1;
                pt.loss = since_loss / static_cast<double>(since_docs);
                pt.recap_loss = since_recap / static_cast<double>(since_docs);
                pt.grad_norm = grad_norm;
                pt.elapsed_s = elapsed;
                res.curve.push_back(pt);
                since_loss = since_recap = 0, since_docs = 0;
            }
            job.report(static_cast<double>(step + 1) / static_cast<double>(o.steps),
                       "step " + std::to_string(step + 1) + " of " + std::to_string(o.steps) + ": document NLL " +
                           std::to_string(doc_nll / static_cast<double>(std::max<int64_t>(1, predicted))));
        }
        for (auto& l : addon.layers) {
            l.taps = l.taps.detach().to(torch::kCPU).contiguous();
            l.proj = l.proj.detach().to(torch::kCPU).contiguous();
        }
        res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        addon.training = {{"init", o.init},
                          {"steps", o.steps},
                          {"optimizer", "AdamW"},
                          {"lr", o.lr},
                          {"warmup", o.warmup},
                          {"weight_decay", o.weight_decay},
                          {"grad_clip", o.grad_clip},
                          {"seed", o.seed},
                          {"held_out_seeds", o.held_out_seeds},
                          {"facts_per_document", o.facts},
                          {"documents", "the In-Place demonstration's generator, seeds seed..seed+steps-1, "
                                        "each followed by a shuffled recap of its facts; the held-out seeds' names excluded"},
                          {"seconds", res.seconds},
                          {"first_loss", res.curve.empty() ? 0.0 : res.curve.front().loss},
                          {"last_loss", res.curve.empty() ? 0.0 : res.curve.back().loss},
                          {"first_recap_loss", res.curve.empty() ? 0.0 : res.curve.front().recap_loss},
                          {"last_recap_loss", res.curve.empty() ? 0.0 : res.curve.back().recap_loss}};
        res.addon = std::move(addon);
        return res;
    });
}

}  // namespace lancet
