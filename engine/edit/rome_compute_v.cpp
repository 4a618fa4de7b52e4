// ROME's compute_v: the change δ to the MLP output at the subject's last token
// that makes the model say the target, optimised with Adam over the rewriting
// prompts with the KL and keep terms (docs/design/rome-spec.md §2.5; the speed
// notes are in rome.h).
#include "edit/rome.h"
#include "core/device_sync.h"
#include "edit/rome_internal.h"

#include "core/cuda_autocast.h"
#include "core/cuda_graph.h"
#include "edit/detail.h"
#include "model/forward.h"
#include "model/model.h"
#include "model/prefix_cache.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace lancet {

using edit_detail::seconds_since;

namespace {

// What one optimisation step reports. The step writes them into one device
// tensor (a CUDA graph cannot write to the host) and the loop reads them back
// with one host sync per step.
enum StepFigure : int64_t { kLoss, kNll, kKl, kWeightDecay, kAvgProb, kDeltaNorm, kKeepKl, kStepsTaken, kStepFigureCount };

struct StepFigures {
    double loss = 0, nll = 0, kl = 0, weight_decay = 0, avg_prob = 0, delta_norm = 0, keep_kl = 0, steps_taken = 0;
};

StepFigures read_figures(const torch::Tensor& on_device) {
    const auto host = on_device.to(torch::kCPU, torch::kDouble);
    const double* v = host.data_ptr<double>();
    return {v[kLoss], v[kNll], v[kKl], v[kWeightDecay], v[kAvgProb], v[kDeltaNorm], v[kKeepKl], v[kStepsTaken]};
}

}  // namespace

Expected<ComputeVResult> compute_v(const Model& model, int layer, const RomeRequest& request,
                                   const RomeHyperParams& hp, const std::vector<std::string>& templates,
                                   const ComputeVOptions& o, const JobContext& job) {
    return capture([&] {
        const auto t0 = std::chrono::steady_clock::now();
        rome_detail::check_not_inference_mode();
        rome_detail::check_layer(model, layer);
        rome_detail::check_request(request);
        if (templates.empty()) fail(ErrorCode::InvalidArgument, "no context templates");
        const bool cuda = model.device().is_cuda();
        const VPrecision precision = resolve_v_precision(o.precision, cuda);
        if (precision != VPrecision::Float32 && !cuda)
            fail(ErrorCode::InvalidArgument, std::string("compute_v precision ") + v_precision_name(precision) +
                                                 " needs a CUDA device (use fp32 on the CPU)");
        // The TF32 switch is process-wide: set it for this call only.
        struct Tf32Scope {
            bool saved = at::globalContext().allowTF32CuBLAS();
            explicit Tf32Scope(bool on) { at::globalContext().setAllowTF32CuBLAS(on); }
            ~Tf32Scope() { at::globalContext().setAllowTF32CuBLAS(saved); }
        } tf32(precision == VPrecision::Tf32);
        // A CUDA graph cannot be recorded on the default stream: the whole call runs on a side stream.
        // A graph is recorded on one device's stream: a model placed across devices runs eagerly.
        const bool graphs_allowed = o.cuda_graph && !model.placement().spans_devices();
        CudaSideStream side_stream(graphs_allowed && cuda && cuda_graphs_available());
        if (hp.v_num_grad_steps < 1) fail(ErrorCode::InvalidArgument, "v_num_grad_steps must be at least 1");
        // A negative weight would reward moving the kept predictions.
        if (!std::isfinite(hp.keep_factor) || hp.keep_factor < 0)
            fail(ErrorCode::InvalidArgument, "keep_factor must be a finite number >= 0");
        const Tokenizer& tok = model.tokenizer();
        const torch::Device dev = model.device();
        const int64_t d = model.config().d_model;

        const std::vector<int64_t> tgt = rome_target_ids(model, request.target_new).value();
        const int64_t n = static_cast<int64_t>(tgt.size());
        const int64_t R = static_cast<int64_t>(templates.size());
        // v_init is read at the bare prompt: found the way rome_keys finds its key,
        // not assumed to be the first template.
        const auto bare_it = std::find(templates.begin(), templates.end(), std::string("{}"));
        if (bare_it == templates.end())
            fail(ErrorCode::InvalidArgument,
                 "the context templates must include the bare prompt \"{}\" (v_init is read there)");
        const int64_t bare_row = bare_it - templates.begin();

        // Rewriting prompts: template(prompt)(subject) + target[:-1]; then the KL prompt.
        std::vector<std::vector<int64_t>> rows;
        std::vector<int64_t> lookup, prompt_len;
        for (const auto& t : templates) {
            auto f = format_prompt(t, request.prompt, request.subject).value();
            auto r = rome_detail::encode_subject_row(tok, f);
            prompt_len.push_back(static_cast<int64_t>(r.ids.size()));
            r.ids.insert(r.ids.end(), tgt.begin(), tgt.end() - 1);
            rows.push_back(std::move(r.ids));
            lookup.push_back(r.lookup);
        }
        {
            auto kr = rome_detail::encode_subject_row(tok, format_prompt("{}", "{} is a", request.subject).value());
            rows.push_back(std::move(kr.ids));
            lookup.push_back(kr.lookup);
        }
        // Keep prompts (Lancet's extension): δ at their subject-last token too, KL at their last token.
        const int64_t K = static_cast<int64_t>(request.keep_prompts.size());
        for (const auto& p : request.keep_prompts) {
            auto f = format_prompt("{}", p, request.subject);
            if (!f) fail(ErrorCode::InvalidArgument, "keep prompt \"" + p + "\": " + f.error().message);
            auto kr = rome_detail::encode_subject_row(tok, f.value());
            rows.push_back(std::move(kr.ids));
            lookup.push_back(kr.lookup);
        }

        // Positions whose logits are read: every target token of every rewriting
        // prompt (logits at p predict p + 1), then the KL prompt's subject-last token,
        // then each keep prompt's last token (where its fact is predicted).
        std::vector<int64_t> sel_rows, sel_pos, tgt_flat;
        for (int64_t i = 0; i < R; ++i)
            for (int64_t j = 0; j < n; ++j) {
                sel_rows.push_back(i);
                sel_pos.push_back(prompt_len[static_cast<size_t>(i)] - 1 + j);
                tgt_flat.push_back(tgt[static_cast<size_t>(j)]);
            }
        sel_rows.push_back(R);
        sel_pos.push_back(lookup[static_cast<size_t>(R)]);
        for (int64_t i = R + 1; i < R + 1 + K; ++i) {
            sel_rows.push_back(i);
            sel_pos.push_back(static_cast<int64_t>(rows[static_cast<size_t>(i)].size()) - 1);
        }
        auto tgt_t = rome_detail::long_tensor(tgt_flat, dev).unsqueeze(1);
        auto delta_rows = torch::arange(R + 1 + K, torch::TensorOptions().dtype(torch::kLong).device(dev));

        // Nothing before a row's subject-last token depends on δ: not the layers
        // below `layer` (cached: start_hidden), and, under causal attention, not
        // the earlier positions of any layer (suffix mode: their keys and values
        // are cached once, and each step runs only the tokens from δ's position
        // on: 154 of 462 positions for the XL benchmark). Same arithmetic, fewer rows.
        ComputeVResult res;
        const bool suffix_mode =
            o.cache_lower_layers && o.recompute_suffix_only && prefix_cache_fits(model, rows, lookup);
        PrefixCachedBatch suffixes;  // suffix mode
        rome_detail::PaddedBatch batch;           // otherwise: the rows whole
        torch::Tensor start_hidden;
        size_t longest = 0;
        for (const auto& r : rows) longest = std::max(longest, r.size());
        res.positions_whole = static_cast<int64_t>(rows.size() * longest);
        if (suffix_mode) {
            suffixes = cache_prefixes(model, rows, lookup);
            start_hidden = suffix_hidden_entering(model, suffixes, layer);
            for (size_t i = 0; i < sel_pos.size(); ++i) sel_pos[i] -= lookup[static_cast<size_t>(sel_rows[i])];
            res.positions_per_step = suffixes.suffix_ids.numel();
        } else {
            batch = rome_detail::pad_right(rows, model);
            res.positions_per_step = batch.ids.numel();
        }
        // δ sits at each row's subject-last token: position 0 of every suffix.
        auto delta_pos = suffix_mode ? torch::zeros({R + 1 + K}, torch::TensorOptions().dtype(torch::kLong).device(dev))
                                     : rome_detail::long_tensor(lookup, dev);
        const int64_t v_init_pos = suffix_mode ? 0 : lookup[static_cast<size_t>(bare_row)];
        auto sel_rows_t = rome_detail::long_tensor(sel_rows, dev), sel_pos_t = rome_detail::long_tensor(sel_pos, dev);

        // What no step can change (ComputeVOptions::skip_unread_work). Block
        // `layer` sees δ only as an addition to its output, so it runs once
        // below, unless the family norms the MLP output before the residual
        // (δ would pass through that norm). The last block's queries and MLP
        // feed only the positions the loss reads; its keys and values are
        // needed everywhere (ForwardInput::last_block_columns).
        const int n_layer = static_cast<int>(model.config().n_layer);
        const bool skip_edit_block = o.cache_lower_layers && o.skip_unread_work && !model.config().post_norms;
        const int first_block = skip_edit_block ? layer + 1 : o.cache_lower_layers ? layer : 0;
        const bool narrow_last = o.cache_lower_layers && o.skip_unread_work && first_block <= n_layer - 1 &&
                                 (skip_edit_block || layer < n_layer - 1);  // else δ's intervention sits in it
        torch::Tensor read_columns, sel_col_t;  // [rows, k] the columns run; each read's index among its row's
        if (narrow_last) {
            auto rc = rome_detail::read_columns(rows.size(), sel_rows, sel_pos, dev);
            read_columns = rc.columns;
            sel_col_t = rome_detail::long_tensor(rc.index, dev);
        }
        res.first_block_per_step = first_block;
        res.last_block_narrowed = narrow_last;

        // The layers below `layer` do not depend on δ: run them once.
        if (o.cache_lower_layers && !suffix_mode) {
            torch::NoGradGuard no_grad;
            if (layer == 0) {
                start_hidden = embed(model, batch.ids, positions_from_mask(batch.mask, batch.T));
            } else {
                ForwardInput in;
                in.input_ids = batch.ids;
                in.attention_mask = batch.mask;
                in.stop_after_layer = layer - 1;
                start_hidden = forward(model, in).hidden;
            }
        }

        // A pass over the rows: their suffixes against the cached prefixes, or the rows whole.
        auto rows_input = [&](KVCache& scratch) {
            ForwardInput in;
            if (suffix_mode) {
                in = suffixes.input(scratch);
            } else {
                in.input_ids = batch.ids;
                in.attention_mask = batch.mask;
            }
            in.logits = LogitsMode::None;
            in.fused_kernels = o.fused_kernels;
            return in;
        };

        // Block `layer` once: the steps start from its output, and v_init is its
        // MLP output at the bare prompt's subject-last token.
        torch::Tensor v_init_once;
        if (skip_edit_block) {
            torch::NoGradGuard no_grad;
            Interventions once;
            once.capture(Site::MlpOut, layer);
            KVCache scratch;
            ForwardInput in = rows_input(scratch);
            in.start_layer = layer;
            in.start_hidden = start_hidden;
            in.stop_after_layer = layer;
            CudaAutocastScope autocast(precision == VPrecision::Bf16);
            start_hidden = forward(model, in, &once).hidden;
            v_init_once = once.captured(Site::MlpOut, layer)[bare_row][v_init_pos].to(torch::kFloat);
        }

        torch::AutoGradMode grad_mode(true);
        const auto f32 = torch::TensorOptions().dtype(torch::kFloat).device(dev);
        auto delta = torch::zeros({d}, f32).requires_grad_(true);
        // Adam as torch.optim.Adam (betas 0.9/0.999, eps 1e-8, no weight decay),
        // with its step count on the device so that a step can be a CUDA graph.
        constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kEps = 1e-8;
        auto adam_m = torch::zeros({d}, f32), adam_v = torch::zeros({d}, f32), adam_t = torch::zeros({}, f32);
        auto stats_dev = torch::zeros({kStepFigureCount}, f32);  // StepFigure slots, read once per step
        auto losses_taken = torch::zeros({}, f32);  // forward halves run: shows that a replay ran
        // What the first step fixes for all later ones: v_init, the KL and keep
        // references, the norm bound. They are latched on the device while
        // `first_step` is true rather than read back, so that the very first
        // step can already be the recorded CUDA graph (a host read cannot be).
        const int64_t vocab = model.weights().unembed.out_features();  // the logits' width
        auto first_step = torch::ones({}, torch::TensorOptions().dtype(torch::kBool).device(dev));
        auto v_init = torch::zeros({d}, f32);
        auto kl_init = torch::zeros({1, vocab}, f32);
        auto keep_init = torch::zeros({K, vocab}, f32);
        auto max_norm = torch::zeros({}, f32);
        if (v_init_once.defined()) {
            v_init.copy_(v_init_once);
            max_norm.copy_(v_init.norm() * hp.clamp_norm_factor);
        }

        // A step is two halves, as in the reference: the loss at the current δ
        // (its figures into stats_dev), which the loop reads to decide whether to
        // go on, and then the gradient, the Adam update and the norm clamp. The
        // step that stops the loop runs only its first half: 25 losses and 24
        // updates for 25 steps, as the reference does. Device work only: the same
        // functions run eagerly and as recorded graphs.
        auto latch = [&](torch::Tensor& kept, const torch::Tensor& now) {
            kept.copy_(torch::where(first_step, now.detach().to(torch::kFloat), kept));
        };
        torch::Tensor loss_to_update;  // the loss half's result, consumed by the update half
        auto loss_half = [&] {
            Interventions iv;
            if (!skip_edit_block) {
                iv.add(Site::MlpOut, layer, delta_rows, delta_pos, delta);
                iv.capture(Site::MlpOut, layer);
            }
            KVCache scratch;
            ForwardInput in = rows_input(scratch);
            if (o.cache_lower_layers) {
                in.start_layer = first_block;
                // Skipping block `layer`: δ joins its output where the MLP would have added it.
                in.start_hidden = skip_edit_block
                                      ? start_hidden.index_put({delta_rows, delta_pos},
                                                               start_hidden.index({delta_rows, delta_pos}) +
                                                                   delta.to(start_hidden.scalar_type()))
                                      : start_hidden;
            }
            if (narrow_last) in.last_block_columns = read_columns;
            // bf16: the layers and the unembedding under autocast; the loss below in fp32.
            torch::Tensor logits;
            {
                CudaAutocastScope autocast(precision == VPrecision::Bf16);
                auto out = forward(model, in, skip_edit_block ? nullptr : &iv);
                logits = unembed(model, narrow_last ? out.hidden.index({sel_rows_t, sel_col_t})
                                                    : out.hidden.index({sel_rows_t, sel_pos_t}));
            }
            if (!skip_edit_block) {
                // v_init: MLP output at the bare prompt's subject-last token, before δ
                // (δ is zero on the first pass, so the captured value is the clean one).
                torch::NoGradGuard no_grad;
                latch(v_init, iv.captured(Site::MlpOut, layer)[bare_row][v_init_pos]);
                max_norm.copy_(v_init.norm() * hp.clamp_norm_factor);
            }
            auto lp = torch::log_softmax(logits.to(torch::kFloat), -1);
            auto tok_lp = lp.slice(0, 0, R * n).gather(1, tgt_t).view({R, n});
            auto nll_each = -tok_lp.sum(1) / static_cast<double>(n);
            auto nll = nll_each.mean();
            auto kl_lp = lp.slice(0, R * n, R * n + 1);
            latch(kl_init, kl_lp);
            // KL(P_δ ‖ P_0), batchmean over the single KL row (torch kl_div(init, cur, log_target=True)).
            auto kl = hp.kl_factor * (kl_lp.exp() * (kl_lp - kl_init)).sum() / static_cast<double>(kl_lp.size(0));
            auto wd = hp.v_weight_decay * (delta.norm() / v_init.norm().pow(2));
            auto loss = nll + kl + wd;
            auto keep = torch::zeros({}, f32);
            if (K > 0) {
                auto keep_lp = lp.slice(0, R * n + 1, R * n + 1 + K);
                latch(keep_init, keep_lp);
                keep = hp.keep_factor * (keep_lp.exp() * (keep_lp - keep_init)).sum() / static_cast<double>(K);
                loss = loss + keep;
            }
            loss_to_update = loss;
            torch::NoGradGuard no_grad;
            losses_taken.add_(1.0);
            stats_dev.copy_(torch::stack({loss.detach(), nll.detach(), kl.detach(), wd.detach(),
                                          torch::exp(-nll_each.detach()).mean(), delta.norm().detach(), keep.detach(),
                                          losses_taken}));
        };
        auto update_half = [&] {
            auto grad = torch::autograd::grad({loss_to_update}, {delta})[0];
            loss_to_update = torch::Tensor();
            torch::NoGradGuard no_grad;
            adam_t.add_(1.0);
            adam_m.mul_(kBeta1).add_(grad, 1.0 - kBeta1);
            adam_v.mul_(kBeta2).addcmul_(grad, grad, 1.0 - kBeta2);
            auto bias1 = 1.0 - torch::pow(kBeta1, adam_t);
            auto bias2 = 1.0 - torch::pow(kBeta2, adam_t);
            auto denom = (adam_v.sqrt() / bias2.sqrt()).add_(kEps);
            delta.sub_(adam_m / denom * (hp.v_lr / bias1));
            // Project δ back into the ball of radius max_norm.
            delta.mul_((max_norm / (delta.norm() + 1e-30)).clamp_max(1.0));
        };

        // On CUDA a step is launch-bound (thousands of small kernels): each half
        // is recorded as a CUDA graph (the update half in the loss half's memory
        // pool: it reads what the loss half saved for the backward pass) and
        // replayed. They are recorded at step 0 when this thread's side stream has
        // already run an eager step on this device (cuBLAS, autograd and the
        // allocator are warmed up there; recording cold is what PyTorch warns
        // against); the first edit of a process records them at step 1, after an
        // eager step 0.
        const bool use_graph = graphs_allowed && cuda && cuda_graphs_available() && hp.v_num_grad_steps > 2;
        const int capture_at = use_graph && o.graph_from_first_step && side_stream.warm() ? 0 : 1;
        CudaStepGraph loss_graph, update_graph;
        bool replaying = false;
        res.cuda_graph = "off";
        // Leaves the graphs for good: this step's loss half runs again eagerly
        // (its autograd record is needed by the eager update half).
        auto go_eager = [&](int it, const std::string& why) {
            replaying = false;
            res.cuda_graph = "captured at step " + std::to_string(capture_at) + ", but " + why + "; eager from step " +
                             std::to_string(it);
            loss_to_update = torch::Tensor();
            first_step.fill_(it == 0);
            loss_half();
            first_step.fill_(false);
        };
        synchronize_device(dev);
        res.setup_seconds = seconds_since(t0);
        auto last_read = std::chrono::steady_clock::now();
        for (int it = 0; it < hp.v_num_grad_steps; ++it) {
            job.check_cancelled();
            if (use_graph && it == capture_at) {
                std::string why = loss_graph.capture(loss_half);
                replaying = why.empty() && loss_graph.ready();
                res.cuda_graph = why.empty() ? "captured at step " + std::to_string(capture_at)
                                             : "capture failed, eager: " + why;
            }
            if (replaying) loss_graph.replay();
            else loss_half();
            if (it == 0) {
                first_step.fill_(false);  // queued after step 0's loss half on the same stream
                if (cuda && !replaying) side_stream.mark_warm();
            }
            // One host sync per step: the diagnostics travel together.
            StepFigures fig = read_figures(stats_dev);
            if (replaying && fig.steps_taken != it + 1) {
                // The replay did not run (a capture can come back empty without an error).
                go_eager(it, "a replay did not run the step");
                fig = read_figures(stats_dev);
            }
            // Between two read-backs: the previous step's update half and this step's loss half
            // (and recording them, at the step that records).
            res.step_seconds.push_back(seconds_since(last_read));
            last_read = std::chrono::steady_clock::now();
            const double loss_v = fig.loss, nll_v = fig.nll;
            if (!std::isfinite(loss_v)) fail(ErrorCode::Internal, "compute_v diverged: the loss is not finite");
            res.loss_curve.push_back({{"step", it},
                                      {"loss", fig.loss},
                                      {"nll", fig.nll},
                                      {"kl", fig.kl},
                                      {"weight_decay", fig.weight_decay},
                                      {"avg_prob", fig.avg_prob},
                                      {"delta_norm", fig.delta_norm},
                                      {"keep_kl", fig.keep_kl}});
            if (it == 0) res.nll_first = nll_v;
            res.nll_last = nll_v;
            res.steps = it + 1;
            job.report(static_cast<double>(it + 1) / hp.v_num_grad_steps,
                       "optimising v*: step " + std::to_string(it + 1) + " of " + std::to_string(hp.v_num_grad_steps));
            const bool stop_early = o.early_stop && loss_v < hp.early_stop_loss;
            if (stop_early || it == hp.v_num_grad_steps - 1) {
                res.early_stopped = stop_early;
                break;  // δ stays the one this loss saw
            }
            if (replaying && !update_graph.ready()) {
                std::string why = update_graph.capture(update_half, &loss_graph);
                if (!why.empty()) go_eager(it, "the update half could not be recorded (" + why + ")");
            }
            if (replaying) update_graph.replay();
            else update_half();
        }
        loss_to_update = torch::Tensor();
        res.v_init = v_init.clone();
        res.delta = delta.detach().clone();
        res.target = res.v_init + res.delta;
        synchronize_device(dev);
        res.seconds = seconds_since(t0);
        return res;
    });
}

}  // namespace lancet
