// The fine-tuning family behind the edit interface: what each preset trains,
// that the returned delta is exactly the change it trained with, the
// regularisers' closed forms, the Fisher against finite differences, replay
// pairs against the model's own greedy answers, undo, and refusals.
#include "check.h"
#include "model_snapshot.h"

#include "edit/edit_method.h"
#include "edit/edit_record.h"
#include "edit/fisher.h"
#include "edit/methods/finetune_method.h"
#include "edit/rome.h"
#include "edit/surgery.h"
#include "model/forward.h"
#include "model/generate.h"
#include "model/model.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_finetune {

using namespace lancet;

namespace {

std::shared_ptr<Model> tiny() { return test::load_tiny_gpt2(); }

EditSpec request(const std::string& method, int layer = 1) {
    EditSpec s;
    s.method = method;
    s.prompt = "{} is located in the city of";
    s.subject = "The Space Needle";
    s.target_new = "Paris";
    s.layers = {layer};
    s.hparams = {{"steps", 8}, {"lr", 1e-2}};
    s.locality_prompts = {{"The Eiffel Tower is located in the city of", ""}};
    s.keep_prompts = {"{} was built in"};
    return s;
}

double target_nll(const Model& model, const EditSpec& spec) {
    auto s = score_target(model, spec.filled_prompt(), spec.target_new);
    if (!s) throw std::runtime_error(s.error().message);
    return s->nll;
}

}  // namespace

LANCET_TEST(every_preset_is_registered_with_its_parameters) {
    for (const char* name : {"ft", "ft-l", "lora", "l2", "ewc", "replay"}) {
        auto m = find_edit_method(name);
        REQUIRE_OK(m);
        const MethodInfo info = (*m)->info(nullptr);
        CHECK(info.find("steps") != nullptr && info.find("lr") != nullptr && info.find("loss_on") != nullptr);
        CHECK((info.find("lora_rank") != nullptr) == (std::string(name) == "lora"));
    }
    CHECK((*find_edit_method("ft-l"))->info(nullptr).find("locality_weight")->default_value == 1.0);
    CHECK((*find_edit_method("ft"))->info(nullptr).find("locality_weight")->default_value == 0.0);
    CHECK((*find_edit_method("lora"))->info(nullptr).delta_kind == "low-rank");
}

// The delta each preset returns, applied to the weights, gives exactly the loss
// it reports after training: the change it trained with, in the weight's layout.
LANCET_TEST(each_delta_is_the_change_it_trained_with) {
    auto model = tiny();
    for (const char* name : {"ft", "ft-l", "lora", "l2", "ewc", "replay"}) {
        EditSpec spec = request(name);
        if (std::string(name) == "ewc") spec.hparams["fisher_samples"] = 4;
        auto method = find_edit_method(name).value();
        auto r = method->compute(*model, spec, EditRuntime{});
        REQUIRE_OK(r);
        const double before = r->diagnostics["nll_before"].get<double>(), after = r->diagnostics["nll_after"].get<double>();
        CHECK(after < before);
        CHECK(!r->delta.empty() && r->diagnostics["loss_curve"].size() == 8);
        EditHistory h;
        EditRecord record = make_edit_record(r.value(), spec, *model);
        REQUIRE_OK(h.apply(*model, record));
        CHECK_NEAR(target_nll(*model, spec), after, 1e-4);
        REQUIRE_OK(h.undo(*model));
    }
}

LANCET_TEST(lora_delta_is_b_a_scaled_and_low_rank) {
    auto model = tiny();
    EditSpec spec = request("lora");
    spec.hparams["lora_rank"] = 2;
    spec.hparams["lora_alpha"] = 6.0;
    auto r = (*find_edit_method("lora"))->compute(*model, spec, EditRuntime{});
    REQUIRE_OK(r);
    REQUIRE(r->delta.size() == 1);
    const TensorDelta& d = r->delta[0];
    CHECK(d.factored() && d.rank() == 2);
    // GPT-2's Conv1D layout [in, out]: ΔW = (α/r)(B A)ᵀ, stored as left = Aᵀ, right = (α/r)·B.
    const torch::Tensor a = d.left.t();               // [r, in]
    const torch::Tensor b_scaled = d.right;           // [out, r]
    CHECK(torch::allclose(d.materialize(), torch::matmul(b_scaled, a).t(), 1e-6, 1e-7));
    CHECK(r->diagnostics["trainable_parameters"].get<int64_t>() == 2 * (d.weight_shape[0] + d.weight_shape[1]));
    // The same form generalises: its ‖ΔW‖ from the factors equals the dense norm.
    CHECK_NEAR(d.norm(), d.materialize().norm().item<double>(), 1e-5);
}

LANCET_TEST(anchor_penalty_gradient_is_the_closed_form) {
    auto delta = torch::randn({5, 3}).requires_grad_(true);
    auto fisher = torch::rand({5, 3});
    auto g = torch::autograd::grad({anchor_penalty(delta, fisher)}, {delta})[0];
    CHECK(torch::allclose(g, 2 * fisher * delta.detach(), 1e-6, 1e-7));
    auto g2 = torch::autograd::grad({anchor_penalty(delta, {})}, {delta})[0];
    CHECK(torch::allclose(g2, 2 * delta.detach(), 1e-6, 1e-7));
}

// F = mean over sequences of (dL/dθ)², checked against central finite differences
// of the same loss on a few entries (no autograd involved).
LANCET_TEST(fisher_equals_finite_differences) {
    auto model = tiny();
    const std::string name = model->weights().layers[0].mlp_out.weight_name;
    auto corpus = TextCorpus::from_documents("t", {"The cat sat on the mat.", "Paris is the capital of France.",
                                                   "Water is made of hydrogen and oxygen."});
    FisherOptions o;
    o.samples = 3;
    o.use_cache = false;
    auto f = diagonal_fisher(*model, {name}, corpus, o);
    REQUIRE_OK(f);
    CHECK((*f)->sequences == 3);
    torch::Tensor& w = model->tensor(name);
    auto loss_of = [&](const std::string& doc) {
        torch::NoGradGuard ng;
        std::vector<int64_t> ids = model->tokenizer().encode(doc).ids;
        ForwardInput in;
        in.input_ids = torch::tensor(ids, torch::kLong).view({1, -1});
        auto logits = forward(*model, in).logits[0].to(torch::kDouble);
        const int64_t T = logits.size(0);
        return torch::nn::functional::cross_entropy(logits.slice(0, 0, T - 1), in.input_ids[0].slice(0, 1, T)).item<double>();
    };
    const double h = 1e-2;
    // The entries with the largest Fisher: their gradients stand well above float32 noise.
    const torch::Tensor flat = (*f)->values.at(name).flatten();
    const torch::Tensor top = std::get<1>(flat.topk(3));
    const int64_t cols = w.size(1);
    for (int k = 0; k < 3; ++k) {
        const int64_t i = top[k].item<int64_t>() / cols, j = top[k].item<int64_t>() % cols;
        double sum = 0;
        for (const auto& doc : corpus.documents) {
            const float saved = w[i][j].item<float>();
            w[i][j] = saved + h;
            const double up = loss_of(doc);
            w[i][j] = saved - h;
            const double down = loss_of(doc);
            w[i][j] = saved;
            const double g = (up - down) / (2 * h);
            sum += g * g;
        }
        const double fd = sum / 3.0, est = (*f)->values.at(name)[i][j].item<double>();
        CHECK(std::abs(fd - est) <= 0.05 * std::max(fd, 1e-8) + 1e-9);
    }
}

// The disk cache gives back exactly what was computed, is keyed (another sample
// count misses it) and never trusted blindly (a damaged file is recomputed).
LANCET_TEST(fisher_disk_cache_round_trip) {
    auto model = tiny();
    const std::string name = model->weights().layers[1].mlp_out.weight_name;
    auto corpus = TextCorpus::from_documents("t", {"The cat sat on the mat.", "Paris is the capital of France."});
    const std::string dir = lancet::test::scratch_dir("fisher-cache");
    FisherOptions o;
    o.samples = 2;
    o.use_cache = false;  // memory off: only the disk can answer
    o.cache_dir = dir;
    auto first = diagonal_fisher(*model, {name}, corpus, o);
    REQUIRE_OK(first);
    CHECK(!(*first)->from_cache && !(*first)->cache_file.empty());
    CHECK(std::filesystem::exists((*first)->cache_file));
    auto second = diagonal_fisher(*model, {name}, corpus, o);
    REQUIRE_OK(second);
    CHECK((*second)->from_cache && (*second)->sequences == 2);
    CHECK(torch::equal((*second)->values.at(name), (*first)->values.at(name)));
    o.samples = 1;
    auto other = diagonal_fisher(*model, {name}, corpus, o);
    REQUIRE_OK(other);
    CHECK(!(*other)->from_cache && (*other)->cache_file != (*first)->cache_file);
    o.samples = 2;
    { std::ofstream(first->get()->cache_file, std::ios::trunc) << "not a safetensors file"; }
    auto again = diagonal_fisher(*model, {name}, corpus, o);
    REQUIRE_OK(again);
    CHECK(!(*again)->from_cache && !(*again)->warnings.empty());
    CHECK(torch::allclose((*again)->values.at(name), (*first)->values.at(name)));
}

LANCET_TEST(replay_pairs_are_the_base_models_greedy_answers) {
    auto model = tiny();
    const EditSpec spec = request("replay");
    const auto prompts = replay_prompts(spec);
    CHECK(prompts.front() == "The Space Needle was built in");  // the subject's other fact, filled
    auto pairs = self_generated_replay(*model, prompts, 3);
    REQUIRE_OK(pairs);
    REQUIRE(pairs->size() == prompts.size());
    for (const auto& p : pairs.value()) {
        GenerateOptions o;
        o.max_new_tokens = 3;
        o.stop_at_eos = false;
        auto g = generate_text(*model, p.prompt, o);
        REQUIRE_OK(g);
        CHECK(g->new_ids == p.answer_ids);
    }
}

LANCET_TEST(undo_restores_every_method_bit_for_bit) {
    auto model = tiny();
    const auto before = test::snapshot_weights(*model);
    EditHistory h;
    SurgeryOptions o;
    o.fluency = false;
    for (const char* name : {"ft", "ft-l", "lora", "l2", "replay", "rome"}) {
        EditSpec spec = request(name);
        if (std::string(name) == "rome") spec.hparams = {{"mom2_adjustment", false}, {"v_num_grad_steps", 3}};
        auto out = apply_and_score(*model, h, spec, o);
        REQUIRE_OK(out);
        CHECK(out->method == name);
    }
    CHECK(!test::weights_equal(*model, before));
    while (h.can_undo()) REQUIRE_OK(h.undo(*model));
    CHECK(test::weights_equal(*model, before));
}

LANCET_TEST(bad_requests_are_refused_and_change_nothing) {
    auto model = tiny();
    const auto before = test::snapshot_weights(*model);
    auto ft = find_edit_method("ft").value();
    // A learning rate that diverges: refused, naming the step.
    EditSpec diverge = request("ft");
    diverge.hparams = {{"steps", 30}, {"lr", 1e20}, {"optimizer", "sgd"}};
    auto d = ft->compute(*model, diverge, EditRuntime{});
    CHECK(!d.ok() && d.error().message.find("diverged") != std::string::npos);
    // LoRA rank 0, a layer outside the model, an empty target.
    EditSpec rank0 = request("lora");
    rank0.hparams["lora_rank"] = 0;
    CHECK(!(*find_edit_method("lora"))->compute(*model, rank0, EditRuntime{}).ok());
    EditSpec far = request("ft", 9);
    CHECK(!ft->compute(*model, far, EditRuntime{}).ok());
    EditSpec empty = request("ft");
    empty.target_new = " ";
    CHECK(!ft->compute(*model, empty, EditRuntime{}).ok());
    CHECK(test::weights_equal(*model, before));  // the methods never write the model
}

}  // namespace lancet_suite_finetune
