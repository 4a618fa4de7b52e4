#include "train/trainer.h"

#include "core/cuda_autocast.h"
#include "io/atomic_file.h"
#include "io/safetensors.h"
#include "model/forward.h"
#include "model/model.h"

#include <torch/version.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <future>
#include <iomanip>
#include <random>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace lancet {

uint64_t derive_seed(uint64_t seed, uint64_t a, uint64_t b) {
    auto mix = [](uint64_t z) {
        z += 0x9e3779b97f4a7c15ull;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    };
    return mix(mix(mix(seed) ^ a) ^ (b * 0x2545f4914f6cdd1dull + 0x632be59bd9b4e019ull));
}

TrainBatch TokenStreamSource::batch(int64_t step, int64_t batch_size, int64_t seq_len) {
    const int64_t n = static_cast<int64_t>(stream_.size());
    if (n < seq_len + 1)
        fail(ErrorCode::InvalidArgument, "the token stream (" + std::to_string(n) + " tokens) is shorter than seq_len + 1");
    auto tokens = torch::empty({batch_size, seq_len + 1}, torch::kLong);
    auto* out = tokens.data_ptr<int64_t>();
    for (int64_t r = 0; r < batch_size; ++r) {
        std::mt19937_64 rng(derive_seed(seed_, static_cast<uint64_t>(step), static_cast<uint64_t>(r)));
        int64_t start = static_cast<int64_t>(rng() % static_cast<uint64_t>(n - seq_len));
        std::copy(stream_.begin() + start, stream_.begin() + start + seq_len + 1, out + r * (seq_len + 1));
    }
    return {tokens, {}};
}

nlohmann::json TokenStreamSource::describe() const {
    return {{"kind", "token-stream"}, {"tokens", stream_.size()}, {"seed", seed_}};
}

double scheduled_lr(const TrainOptions& o, int64_t step) {
    if (o.warmup > 0 && step < o.warmup) return o.lr * static_cast<double>(step + 1) / static_cast<double>(o.warmup);
    const int64_t decay_steps = std::max<int64_t>(1, o.steps - o.warmup);
    double progress = std::clamp(static_cast<double>(step - o.warmup) / static_cast<double>(decay_steps), 0.0, 1.0);
    return o.min_lr + 0.5 * (o.lr - o.min_lr) * (1.0 + std::cos(M_PI * progress));
}

namespace {

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) fail(ErrorCode::NotFound, p.string() + ": cannot be opened");
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    if (!out) fail(ErrorCode::Internal, p.string() + ": cannot be written");
    out << text;
    out.flush();
    if (!out) fail(ErrorCode::Internal, p.string() + ": write failed");
}

template <class T>
T value_or_throw(Expected<T> e) {
    if (!e) throw EngineException(e.error());
    return std::move(e).value();
}

void ok_or_throw(const Expected<void>& e) {
    if (!e) throw EngineException(e.error());
}

// Writes config.json, model.safetensors and the tokenizer files into `dir`.
void write_model_files(const Model& model, const fs::path& dir, torch::ScalarType dtype, const std::string& tokenizer_dir) {
    nlohmann::json config = model.config_json();
    const char* dname = dtype_name(dtype);
    config["torch_dtype"] = dname;
    write_text(dir / "config.json", config.dump(2) + "\n");
    NamedTensors tensors;
    {
        torch::NoGradGuard no_grad;
        for (const auto& kv : model.tensors()) {
            auto t = kv.second.detach();
            if (t.is_floating_point()) t = t.to(dtype);
            tensors.emplace_back(kv.first, t);
        }
    }
    ok_or_throw(write_safetensors((dir / "model.safetensors").string(), tensors, {{"format", "pt"}}));
    std::string src = tokenizer_dir.empty() ? model.path() : tokenizer_dir;
    if (src.empty()) fail(ErrorCode::InvalidArgument, "no tokenizer folder to copy the tokenizer files from");
    bool any = false;
    for (const char* name : {"vocab.json", "merges.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"}) {
        fs::path from = fs::path(src) / name;
        if (fs::exists(from)) {
            fs::copy_file(from, dir / name, fs::copy_options::overwrite_existing);
            any = true;
        }
    }
    if (!any) fail(ErrorCode::NotFound, src + ": no tokenizer files (vocab.json + merges.txt or tokenizer.json)");
}

nlohmann::json point_json(const TrainPoint& p) {
    return {{"step", p.step}, {"loss", p.loss}, {"lr", p.lr}, {"grad_norm", p.grad_norm},
            {"tokens_per_s", p.tokens_per_s}, {"elapsed_s", p.elapsed_s}, {"tokens", p.tokens}};
}

TrainPoint point_from_json(const nlohmann::json& j) {
    TrainPoint p;
    p.step = j.at("step").get<int64_t>();
    p.loss = j.at("loss").get<double>();
    p.lr = j.at("lr").get<double>();
    p.grad_norm = j.value("grad_norm", 0.0);
    p.tokens_per_s = j.value("tokens_per_s", 0.0);
    p.elapsed_s = j.value("elapsed_s", 0.0);
    p.tokens = j.value("tokens", int64_t{0});
    return p;
}

std::string curve_csv(const std::vector<TrainPoint>& curve) {
    std::ostringstream os;
    os << "step,tokens,loss,lr,grad_norm,tokens_per_s,elapsed_s\n";
    os << std::setprecision(8);
    for (const auto& p : curve)
        os << p.step << "," << p.tokens << "," << p.loss << "," << p.lr << "," << p.grad_norm << "," << p.tokens_per_s << ","
           << p.elapsed_s << "\n";
    return os.str();
}

nlohmann::json options_json(const TrainOptions& o) {
    return {{"steps", o.steps}, {"seq_len", o.seq_len}, {"batch_size", o.batch_size}, {"micro_batch", o.micro_batch},
            {"lr", o.lr}, {"min_lr", o.min_lr}, {"warmup", o.warmup}, {"weight_decay", o.weight_decay},
            {"beta1", o.beta1}, {"beta2", o.beta2}, {"eps", o.eps}, {"grad_clip", o.grad_clip}, {"seed", o.seed},
            {"precision", o.precision}};
}

// The schedule-defining options must match on resume.
void check_resumable(const nlohmann::json& saved, const nlohmann::json& now) {
    for (auto it = now.begin(); it != now.end(); ++it) {
        if (!saved.contains(it.key()) || saved[it.key()] != it.value())
            fail(ErrorCode::InvalidArgument, "cannot resume: option \"" + it.key() + "\" was " +
                                                 (saved.contains(it.key()) ? saved[it.key()].dump() : std::string("absent")) +
                                                 " in the checkpoint and is " + it.value().dump() + " now");
    }
}

struct Param {
    std::string name;
    torch::Tensor value;  // float32 master weight, requires_grad
    torch::Tensor exp_avg, exp_avg_sq;
    bool decay = false;
};

}  // namespace

Expected<void> export_hf_folder(const Model& model, const std::string& dir, torch::ScalarType dtype,
                                const std::string& tokenizer_dir, const std::map<std::string, std::string>& extra_files) {
    auto r = capture([&] {
        auto staging = value_or_throw(StagingDirectory::create(dir));
        write_model_files(model, staging.path(), dtype, tokenizer_dir);
        for (const auto& kv : extra_files) write_text(fs::path(staging.path()) / kv.first, kv.second);
        DirectoryCommitOptions commit;
        commit.overwrite = true;
        if (!model.path().empty()) commit.protected_paths = {model.path()};
        ok_or_throw(staging.commit(commit));
    });
    if (!r) return r.error().with_context("exporting " + dir);
    return r;
}

Expected<TrainResult> train(Model& model, BatchSource& data, const TrainOptions& o, const TrainHooks& hooks,
                            const JobContext& job) {
    return capture([&]() -> TrainResult {
        if (o.out_dir.empty()) fail(ErrorCode::InvalidArgument, "train: no output folder");
        if (o.steps <= 0 || o.seq_len <= 0 || o.batch_size <= 0)
            fail(ErrorCode::InvalidArgument, "train: steps, seq_len and batch_size must be positive");
        if (o.seq_len > model.config().n_positions)
            fail(ErrorCode::InvalidArgument, "train: seq_len " + std::to_string(o.seq_len) + " exceeds the model's " +
                                                 std::to_string(model.config().n_positions) + " positions");
        if (model.dtype() != torch::kFloat)
            fail(ErrorCode::InvalidArgument, "train: load the model in float32 (master weights); it is " +
                                                 std::string(dtype_name(model.dtype())));
        const int64_t micro = o.micro_batch > 0 ? std::min(o.micro_batch, o.batch_size) : o.batch_size;
        if (o.batch_size % micro != 0) fail(ErrorCode::InvalidArgument, "train: batch_size must be a multiple of micro_batch");
        const torch::Device device = model.device();
        bool bf16 = false;
        if (o.precision == "bf16") {
            if (!device.is_cuda()) fail(ErrorCode::InvalidArgument, "train: bf16 autocast needs a CUDA device (use fp32 on the CPU)");
            bf16 = true;
        } else if (o.precision == "auto") {
            bf16 = device.is_cuda();
        } else if (o.precision != "fp32") {
            fail(ErrorCode::InvalidArgument, "train: precision must be auto, bf16 or fp32");
        }
        if (device.is_cuda()) {
            at::globalContext().setAllowTF32CuBLAS(o.allow_tf32);
            at::globalContext().setAllowTF32CuDNN(o.allow_tf32);
        }

        const fs::path out(o.out_dir);
        fs::create_directories(out);
        const fs::path ckpt_dir = out / "checkpoint";
        const fs::path final_dir = out / "final";
        const nlohmann::json opts_now = options_json(o);

        // Owned float32 copies that require gradients, bound into the model's slots.
        std::vector<Param> params;
        TensorMap trainable;
        {
            torch::NoGradGuard no_grad;
            std::vector<std::regex> patterns;
            for (const auto& r : o.trainable) {
                try {
                    patterns.emplace_back(r);
                } catch (const std::regex_error&) {
                    fail(ErrorCode::InvalidArgument, "train: trainable pattern \"" + r + "\" is not a valid regex");
                }
            }
            auto trains = [&](const std::string& name) {
                if (patterns.empty()) return true;
                for (const auto& re : patterns)
                    if (std::regex_search(name, re)) return true;
                return false;
            };
            for (const auto& kv : model.tensors()) {
                if (!kv.second.is_floating_point() || !trains(kv.first)) {
                    trainable[kv.first] = kv.second;  // frozen: kept as it is
                    continue;
                }
                Param p;
                p.name = kv.first;
                p.value = kv.second.detach().to(device, torch::kFloat).clone().contiguous();
                p.exp_avg = torch::zeros_like(p.value);
                p.exp_avg_sq = torch::zeros_like(p.value);
                // Decay matrices and embeddings; never biases or norm weights (1-D).
                p.decay = p.value.dim() >= 2;
                params.push_back(std::move(p));
            }
            if (params.empty()) fail(ErrorCode::InvalidArgument, "train: no tensor matches the trainable patterns");
        }

        TrainResult result;
        result.checkpoint_dir = ckpt_dir.string();
        int64_t start_step = 0;
        int64_t tokens_seen = 0;
        double elapsed_before = 0.0;
        std::vector<nlohmann::json> eval_log;
        if (o.resume) {
            if (!fs::exists(ckpt_dir / "trainer_state.json"))
                fail(ErrorCode::NotFound, "cannot resume: " + (ckpt_dir / "trainer_state.json").string() + " does not exist");
            nlohmann::json state;
            try {
                state = nlohmann::json::parse(read_text(ckpt_dir / "trainer_state.json"));
            } catch (const nlohmann::json::exception& e) {
                fail(ErrorCode::InvalidFile, (ckpt_dir / "trainer_state.json").string() + ": " + e.what());
            }
            if (state.value("format", "") != "lancet-trainer-state/1")
                fail(ErrorCode::InvalidFile, (ckpt_dir / "trainer_state.json").string() + ": not a Lancet trainer state");
            check_resumable(state.at("options"), opts_now);
            if (state.value("recipe", nlohmann::json::object()) != o.recipe)
                fail(ErrorCode::InvalidArgument, "cannot resume: the recipe differs from the one the checkpoint was trained with");
            start_step = state.at("step").get<int64_t>();
            tokens_seen = state.value("tokens", int64_t{0});
            elapsed_before = state.value("elapsed_s", 0.0);
            for (const auto& p : state.value("curve", nlohmann::json::array())) result.curve.push_back(point_from_json(p));
            for (const auto& e : state.value("evals", nlohmann::json::array())) eval_log.push_back(e);
            auto weights = value_or_throw(TensorSource::open(ckpt_dir.string()));
            auto moments = value_or_throw(SafetensorsFile::open((ckpt_dir / "optimizer.safetensors").string()));
            torch::NoGradGuard no_grad;
            for (auto& p : params) {
                auto load = [&](torch::Tensor& dst, Expected<at::Tensor> src, const std::string& what) {
                    auto t = value_or_throw(std::move(src));
                    if (t.sizes() != dst.sizes())
                        fail(ErrorCode::InvalidFile, "cannot resume: " + what + " has another shape in the checkpoint");
                    dst.copy_(t.to(torch::kFloat));
                };
                load(p.value, weights.tensor(p.name), p.name);
                load(p.exp_avg, moments.tensor("exp_avg/" + p.name), "exp_avg/" + p.name);
                load(p.exp_avg_sq, moments.tensor("exp_avg_sq/" + p.name), "exp_avg_sq/" + p.name);
            }
        }
        for (auto& p : params) {
            p.value.requires_grad_(true);
            trainable[p.name] = p.value;
        }
        model.replace_tensors(trainable);

        std::vector<torch::Tensor> all_values, decay_values;
        std::vector<torch::Tensor> m_list, v_list;
        for (auto& p : params) {
            all_values.push_back(p.value);
            m_list.push_back(p.exp_avg);
            v_list.push_back(p.exp_avg_sq);
            if (p.decay) decay_values.push_back(p.value);
        }

        // The model is left with plain tensors whatever happens.
        struct Release {
            std::vector<Param>& params;
            Model& model;
            ~Release() {
                TensorMap plain = model.tensors();
                for (auto& p : params) {
                    p.value.mutable_grad() = torch::Tensor();
                    p.value.requires_grad_(false);
                }
                model.replace_tensors(plain);
            }
        } release{params, model};

        auto run_eval = [&](int64_t step) -> nlohmann::json {
            if (!hooks.evaluate) return nullptr;
            torch::NoGradGuard no_grad;
            nlohmann::json e = hooks.evaluate(model, step);
            nlohmann::json rec = {{"step", step}, {"eval", e}};
            eval_log.push_back(rec);
            std::string lines;
            for (const auto& r : eval_log) lines += r.dump() + "\n";
            ok_or_throw(write_bytes_atomically((out / "evals.jsonl").string(), lines));
            return e;
        };

        auto save_checkpoint = [&](int64_t step, double elapsed) {
            auto staging = value_or_throw(StagingDirectory::create(ckpt_dir.string()));
            write_model_files(model, staging.path(), torch::kFloat, o.tokenizer_dir);
            NamedTensors moments;
            for (auto& p : params) {
                moments.emplace_back("exp_avg/" + p.name, p.exp_avg);
                moments.emplace_back("exp_avg_sq/" + p.name, p.exp_avg_sq);
            }
            ok_or_throw(write_safetensors((fs::path(staging.path()) / "optimizer.safetensors").string(), moments));
            nlohmann::json curve = nlohmann::json::array();
            for (const auto& p : result.curve) curve.push_back(point_json(p));
            nlohmann::json state = {{"format", "lancet-trainer-state/1"},
                                    {"step", step},
                                    {"tokens", tokens_seen},
                                    {"elapsed_s", elapsed},
                                    {"options", opts_now},
                                    {"recipe", o.recipe},
                                    {"data", data.describe()},
                                    {"curve", curve},
                                    {"evals", eval_log},
                                    {"torch_version", TORCH_VERSION}};
            write_text(fs::path(staging.path()) / "trainer_state.json", state.dump(2) + "\n");
            DirectoryCommitOptions commit;
            commit.overwrite = true;
            ok_or_throw(staging.commit(commit));
        };

        const auto clock_start = std::chrono::steady_clock::now();
        auto seconds_since = [](std::chrono::steady_clock::time_point t) {
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
        };
        const int64_t end_step = o.stop_after > 0 ? std::min(o.steps, o.stop_after) : o.steps;

        // The next batch is built on a background thread while the device works.
        auto fetch = [&](int64_t step) {
            return std::async(std::launch::async, [&data, step, &o] { return data.batch(step, o.batch_size, o.seq_len); });
        };
        std::future<TrainBatch> next;
        if (start_step < end_step) next = fetch(start_step);

        torch::Tensor loss_sum = torch::zeros({}, torch::TensorOptions().device(device));
        torch::Tensor last_norm = torch::zeros({}, torch::TensorOptions().device(device));
        int64_t steps_in_window = 0;
        auto window_start = std::chrono::steady_clock::now();
        int64_t tokens_in_window = 0;

        int64_t step = start_step;
        for (; step < end_step; ++step) {
            if (job.cancelled()) {
                if (next.valid()) next.wait();
                job.check_cancelled();
            }
            TrainBatch batch = next.get();
            if (step + 1 < end_step) next = fetch(step + 1);
            if (!batch.tokens.defined() || batch.tokens.dim() != 2 || batch.tokens.size(0) != o.batch_size ||
                batch.tokens.size(1) != o.seq_len + 1)
                fail(ErrorCode::Internal, "train: the data source returned a batch of the wrong shape");
            auto tokens = batch.tokens.to(device, torch::kLong, /*non_blocking=*/false);
            torch::Tensor mask = batch.loss_mask.defined() ? batch.loss_mask.to(device, torch::kFloat) : torch::Tensor();
            const double lr = scheduled_lr(o, step);

            for (auto& p : params) p.value.mutable_grad() = torch::Tensor();
            const int64_t n_micro = o.batch_size / micro;
            // Normaliser: the number of counted targets in the whole batch.
            torch::Tensor denom = mask.defined() ? mask.sum().clamp_min(1.0)
                                                 : torch::full({}, static_cast<double>(o.batch_size * o.seq_len),
                                                               torch::TensorOptions().device(device));
            for (int64_t mb = 0; mb < n_micro; ++mb) {
                auto rows = tokens.slice(0, mb * micro, (mb + 1) * micro);
                ForwardInput in;
                in.input_ids = rows.slice(1, 0, o.seq_len);
                in.logits = LogitsMode::All;
                torch::Tensor loss;
                {
                    CudaAutocastScope autocast(bf16);
                    auto logits = forward(model, in).logits;  // float32 [m, T, V]
                    auto targets = rows.slice(1, 1, o.seq_len + 1);
                    auto per_token = torch::nn::functional::cross_entropy(
                        logits.reshape({-1, logits.size(-1)}), targets.reshape({-1}),
                        torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
                    if (mask.defined()) per_token = per_token * mask.slice(0, mb * micro, (mb + 1) * micro).reshape({-1});
                    loss = per_token.sum() / denom;
                }
                loss.backward();
                loss_sum += loss.detach();
            }

            torch::NoGradGuard no_grad;
            std::vector<torch::Tensor> grads;
            grads.reserve(params.size());
            for (auto& p : params) {
                if (!p.value.grad().defined()) p.value.mutable_grad() = torch::zeros_like(p.value);
                grads.push_back(p.value.grad());
            }
            std::vector<torch::Tensor> norms;
            for (auto& g : grads) norms.push_back(g.norm(2));
            auto total_norm = torch::stack(norms).norm(2);
            last_norm = total_norm;
            if (o.grad_clip > 0) {
                auto coef = (o.grad_clip / (total_norm + 1e-6)).clamp_max(1.0);
                for (auto& g : grads) g.mul_(coef);
            }
            // AdamW (torch.optim.AdamW's update, decoupled weight decay).
            const double t = static_cast<double>(step + 1);
            const double bc1 = 1.0 - std::pow(o.beta1, t);
            const double bc2 = 1.0 - std::pow(o.beta2, t);
            if (o.weight_decay > 0 && !decay_values.empty())
                at::_foreach_mul_(decay_values, at::Scalar(1.0 - lr * o.weight_decay));
            at::_foreach_mul_(m_list, at::Scalar(o.beta1));
            at::_foreach_add_(m_list, grads, at::Scalar(1.0 - o.beta1));
            at::_foreach_mul_(v_list, at::Scalar(o.beta2));
            at::_foreach_addcmul_(v_list, grads, grads, at::Scalar(1.0 - o.beta2));
            auto denoms = at::_foreach_sqrt(v_list);
            at::_foreach_div_(denoms, at::Scalar(std::sqrt(bc2)));
            at::_foreach_add_(denoms, at::Scalar(o.eps));
            at::_foreach_addcdiv_(all_values, m_list, denoms, at::Scalar(-lr / bc1));

            const int64_t done = step + 1;
            tokens_seen += o.batch_size * o.seq_len;
            tokens_in_window += o.batch_size * o.seq_len;
            ++steps_in_window;
            const bool last = done == end_step;
            if ((o.log_every > 0 && done % o.log_every == 0) || last) {
                TrainPoint pt;
                pt.step = done;
                pt.loss = loss_sum.item<double>() / static_cast<double>(steps_in_window);
                pt.lr = lr;
                pt.grad_norm = last_norm.item<double>();
                const double window_s = seconds_since(window_start);
                pt.tokens_per_s = window_s > 0 ? static_cast<double>(tokens_in_window) / window_s : 0.0;
                pt.elapsed_s = elapsed_before + seconds_since(clock_start);
                pt.tokens = tokens_seen;
                if (!std::isfinite(pt.loss)) fail(ErrorCode::Internal, "train: the loss diverged (not finite) at step " + std::to_string(done));
                result.curve.push_back(pt);
                loss_sum.zero_();
                steps_in_window = 0;
                tokens_in_window = 0;
                window_start = std::chrono::steady_clock::now();
                ok_or_throw(write_bytes_atomically((out / "curve.csv").string(), curve_csv(result.curve)));
                std::ostringstream stage;
                stage << "step " << done << "/" << o.steps << " loss " << std::fixed << std::setprecision(4) << pt.loss
                      << " lr " << std::scientific << std::setprecision(2) << pt.lr << " " << std::fixed
                      << std::setprecision(0) << pt.tokens_per_s << " tok/s";
                job.report(static_cast<double>(done) / static_cast<double>(o.steps), stage.str());
                if (hooks.on_log) hooks.on_log(pt);
            }
            if (o.eval_every > 0 && done % o.eval_every == 0 && done != o.steps) run_eval(done);
            if ((o.checkpoint_every > 0 && done % o.checkpoint_every == 0) || last) {
                job.check_cancelled();  // a cancel requested during the step publishes nothing
                save_checkpoint(done, elapsed_before + seconds_since(clock_start));
            }
        }
        if (next.valid()) next.wait();

        result.steps_done = step;
        result.train_seconds = elapsed_before + seconds_since(clock_start);
        result.finished = step >= o.steps;
        if (result.finished) {
            job.check_cancelled();
            result.final_eval = run_eval(step);
            auto export_dtype = value_or_throw(parse_dtype(o.export_dtype, device, torch::kFloat));
            auto staging = value_or_throw(StagingDirectory::create(final_dir.string()));
            write_model_files(model, staging.path(), export_dtype, o.tokenizer_dir);
            DirectoryCommitOptions commit;
            commit.overwrite = true;
            ok_or_throw(staging.commit(commit));
            result.final_dir = final_dir.string();
        }
        return result;
    });
}

}  // namespace lancet
