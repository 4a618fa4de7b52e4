// The surgery pipeline: one request type (EditSpec), the method interface and
// its parameter descriptions, weight deltas of every shape, the use cases the
// CLI and the workbench share (apply_and_score, score_against_base,
// compare_states, method_edit_fn), and edit files written by earlier versions.
#include "check.h"
#include "limited_cpu_allocator.h"
#include "model_snapshot.h"
#include "needle_request.h"

#include "edit/compare_states.h"
#include "edit/detail.h"
#include "edit/edit_method.h"
#include "edit/edit_record.h"
#include "edit/methods/rome_method.h"
#include "edit/rome.h"
#include "edit/surgery.h"
#include "io/safetensors.h"
#include "model/model.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_surgery {

using namespace lancet;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<Model> tiny() { return test::load_tiny_gpt2(); }

EditSpec needle(int layer = 1) { return test::needle_request(layer); }
SurgeryOptions quick() { return test::quick_surgery(); }

}  // namespace

LANCET_TEST(edit_spec_json_round_trip_and_earlier_records) {
    EditSpec s = needle(3);
    s.keep_prompts = {"{} was built in"};
    s.layer_reason = "why not";
    auto back = EditSpec::from_json(s.to_json());
    REQUIRE_OK(back);
    CHECK(back->to_json() == s.to_json());
    CHECK(back->locality_prompts.size() == 1 && back->locality_prompts[0].answer == " Paris");
    // A record of an earlier version: one "layer", no method, no hparams.
    auto old = EditSpec::from_json({{"prompt", "{} is in"}, {"subject", "X"}, {"target_new", "Y"}, {"layer", 4}});
    REQUIRE_OK(old);
    CHECK(old->method == "rome");
    CHECK(old->layers == std::vector<int>{4});
    // Wrong types are refused, naming the field.
    auto bad = EditSpec::from_json({{"prompt", 3}, {"subject", "X"}, {"target_new", "Y"}});
    CHECK(!bad.ok() && bad.error().message.find("\"prompt\"") != std::string::npos);
    CHECK(split_prompt_list(" a | b,c |  | d ") == (std::vector<std::string>{"a", "b,c", "d"}));
}

LANCET_TEST(edit_spec_validation_names_the_problem) {
    EditSpec s = needle();
    CHECK(s.validate().ok());
    s.prompt = "no placeholder";
    CHECK(s.validate().error().message.find("{}") != std::string::npos);
    s = needle();
    s.prompt = "{} and {}";
    CHECK(!s.validate().ok());
    s = needle();
    s.target_new = "  ";
    CHECK(s.validate().error().code == ErrorCode::InvalidArgument);
    s = needle();
    s.keep_prompts = {"no subject here"};
    CHECK(s.validate().error().message.find("keep prompt") != std::string::npos);
}

LANCET_TEST(method_parameters_are_described_and_validated) {
    auto model = tiny();
    auto rome = find_edit_method("rome");
    REQUIRE_OK(rome);
    const MethodInfo info = (*rome)->info(model.get());
    CHECK(info.name == "rome" && info.delta_kind == "rank-one" && info.max_layers == 1);
    const ParamInfo* steps = info.find("v_num_grad_steps");
    REQUIRE(steps != nullptr);
    CHECK(steps->type == ParamType::Int && steps->default_value == 20 && !steps->tooltip.empty());
    const ParamInfo* key = info.find("key_mode");
    REQUIRE(key != nullptr && key->type == ParamType::Choice && key->choices.size() == 3);
    // Every parameter's default passes its own validation.
    auto defaults = validate_hparams(info, nlohmann::json::object());
    REQUIRE_OK(defaults);
    CHECK(defaults->at("v_lr") == info.find("v_lr")->default_value);
    // Unknown names, wrong types, out-of-range values and unknown choices are refused by name.
    auto unknown = validate_hparams(info, {{"learning_rate", 1}});
    CHECK(!unknown.ok() && unknown.error().message.find("learning_rate") != std::string::npos &&
          unknown.error().message.find("v_lr") != std::string::npos);
    CHECK(!validate_hparams(info, {{"v_num_grad_steps", 2.5}}).ok());
    CHECK(!validate_hparams(info, {{"v_num_grad_steps", 0}}).ok());
    CHECK(!validate_hparams(info, {{"mom2_adjustment", "yes"}}).ok());
    CHECK(!validate_hparams(info, {{"key_mode", "sideways"}}).ok());
    auto ok = validate_hparams(info, {{"v_lr", 1}, {"key_mode", "original"}});
    REQUIRE_OK(ok);
    CHECK(ok->at("v_lr").get<double>() == 1.0 && ok->at("key_mode") == "original");
    // Keep prompts raise the default step count (and only the default).
    EditSpec s = needle();
    s.hparams = nlohmann::json::object();
    s.keep_prompts = {"{} was built in"};
    CHECK((*rome)->resolve_hparams(*model, s)->at("v_num_grad_steps") == 60);
    s.hparams = {{"v_num_grad_steps", 7}};
    CHECK((*rome)->resolve_hparams(*model, s)->at("v_num_grad_steps") == 7);
    // A full hyperparameter file (as RomeHyperParams writes it) is accepted as it is.
    s.hparams = default_rome_hparams(model->config()).to_json();
    CHECK((*rome)->resolve_hparams(*model, s).ok());
    CHECK(!find_edit_method("memit-but-misspelt").ok());
}

LANCET_TEST(tensor_delta_norms_and_layouts) {
    auto a = torch::randn({6, 2}), b = torch::randn({4, 2});
    auto d = TensorDelta::low_rank("w", {6, 4}, a, b);
    CHECK(d.rank() == 2 && std::string(d.kind()) == "low-rank");
    CHECK_NEAR(d.norm(), torch::matmul(a, b.t()).norm().item<double>(), 1e-4);
    auto one = TensorDelta::rank_one("w", {6, 4}, a.select(1, 0), b.select(1, 0));
    CHECK(std::string(one.kind()) == "rank-one");
    CHECK(torch::allclose(one.materialize(), torch::outer(a.select(1, 0), b.select(1, 0))));
    auto dense = TensorDelta::full("w", torch::ones({6, 4}));
    CHECK(!dense.factored() && dense.rank() == -1);
    CHECK_NEAR(dense.norm(), std::sqrt(24.0), 1e-6);
    bool refused = false;
    try {
        TensorDelta::low_rank("w", {6, 5}, a, b);
    } catch (const EngineException& e) {
        refused = e.error().code == ErrorCode::InvalidArgument;
    }
    CHECK(refused);
}

LANCET_TEST(any_delta_applies_and_undoes_bit_for_bit) {
    auto model = tiny();
    const auto before = test::snapshot_weights(*model);
    const auto& l0 = model->weights().layers[0].mlp_out;
    const auto& l1 = model->weights().layers[1].mlp_in;
    EditRecord r;
    r.id = "mixed";
    r.method = "rome";
    r.delta = {TensorDelta::full(l0.weight_name, torch::randn(l0.weight.sizes())),
               TensorDelta::low_rank(l1.weight_name, l1.weight.sizes().vec(), torch::randn({l1.weight.size(0), 3}),
                                     torch::randn({l1.weight.size(1), 3})),
               TensorDelta::full(l0.weight_name, torch::randn(l0.weight.sizes()))};  // the same tensor twice
    EditHistory h;
    REQUIRE_OK(h.apply(*model, r));
    CHECK(!test::weights_equal(*model, before));
    REQUIRE_OK(h.undo(*model));
    CHECK(test::weights_equal(*model, before));
    REQUIRE_OK(h.redo(*model));
    REQUIRE_OK(h.undo(*model));
    CHECK(test::weights_equal(*model, before));
    // A delta that does not fit changes nothing.
    EditRecord bad = r;
    bad.delta.push_back(TensorDelta::full(l0.weight_name, torch::ones({2, 2})));
    CHECK(!h.apply(*model, bad).ok());
    CHECK(test::weights_equal(*model, before));
}

LANCET_TEST(rome_method_equals_compute_rome) {
    auto model = tiny();
    const EditSpec spec = needle();
    auto method = find_edit_method("rome");
    REQUIRE_OK(method);
    auto result = (*method)->compute(*model, spec, EditRuntime{});
    REQUIRE_OK(result);
    RomeOptions o;
    o.hparams = default_rome_hparams(model->config());
    o.hparams.mom2_adjustment = false;
    o.hparams.v_num_grad_steps = 5;
    o.layer = 1;
    auto direct = compute_rome(*model, {spec.prompt, spec.subject, spec.target_new, spec.target_true, {}}, o);
    REQUIRE_OK(direct);
    REQUIRE(result->delta.size() == 1);
    CHECK(result->delta[0].weight_name == direct->weight_name);
    CHECK(torch::allclose(result->delta[0].materialize(), direct->delta_matrix(), 1e-5, 1e-6));
    CHECK(result->layers == std::vector<int>{1});
    CHECK(result->diagnostics.contains("loss_curve") && result->diagnostics.contains("delta"));
}

LANCET_TEST(apply_and_score_records_scores_and_refuses_cleanly) {
    auto model = tiny();
    const auto before = test::snapshot_weights(*model);
    EditHistory h;
    auto out = apply_and_score(*model, h, needle(), quick());
    REQUIRE_OK(out);
    CHECK(h.size() == 1 && out->index == 0 && out->history.position == 1 && out->history.can_undo);
    CHECK(out->layer == 1 && out->request.layers == std::vector<int>{1});
    CHECK(out->method == "rome" && !out->id.empty());
    // Reliability and the CounterFact rows are there, with both states.
    const ScoreRow* es = out->scorecard.find("ES");
    REQUIRE(es != nullptr);
    CHECK(es->before.has_value() && es->protocol == "counterfact-prob");
    const ScoreRow* rel = out->scorecard.find("reliability");
    REQUIRE(rel != nullptr && rel->details.size() == 1);
    CHECK(out->scorecard.find("fluency") == nullptr);  // fluency off in quick()
    // The record in the history is the same edit, undoable exactly.
    CHECK(h.applied().back().id == out->id);
    REQUIRE_OK(h.undo(*model));
    CHECK(test::weights_equal(*model, before));

    // Refusals change nothing: a bad hyperparameter, a layer outside the model, an unknown method.
    EditSpec bad = needle();
    bad.hparams["v_lr"] = -1;
    auto r1 = apply_and_score(*model, h, bad, quick());
    CHECK(!r1.ok() && r1.error().code == ErrorCode::InvalidArgument);
    bad = needle(99);
    auto r2 = apply_and_score(*model, h, bad, quick());
    CHECK(!r2.ok() && r2.error().message.find("outside the model") != std::string::npos);
    bad = needle();
    bad.method = "nope";
    CHECK(apply_and_score(*model, h, bad, quick()).error().code == ErrorCode::NotFound);
    CHECK(test::weights_equal(*model, before));
    CHECK(h.size() == 0);

    // A cancelled job leaves the model and the history as they were.
    CancelToken cancel;
    cancel.cancel();
    JobContext job;
    job.cancel = &cancel;
    auto c = apply_and_score(*model, h, needle(), quick(), job);
    CHECK(!c.ok() && c.error().code == ErrorCode::Cancelled);
    CHECK(test::weights_equal(*model, before) && h.size() == 0);
}

// Out of memory anywhere in an edit (the method's computation, or writing its
// delta) leaves the model and the history as they were, with a typed error.
LANCET_TEST(out_of_memory_changes_neither_the_model_nor_the_history) {
    auto model = tiny();
    EditHistory h;
    REQUIRE_OK(apply_and_score(*model, h, needle(), quick()));
    const auto after_first = test::snapshot_weights(*model);
    {
        test::AllocationLimit limit(64 * 1024);
        auto r = apply_and_score(*model, h, needle(0), quick());
        REQUIRE(!r.ok());
        CHECK(r.error().code == ErrorCode::OutOfMemory);
        CHECK(r.error().message.find("tried to allocate") != std::string::npos);
    }
    CHECK(test::weights_equal(*model, after_first));
    CHECK(h.size() == 1);

    // Writing a delta of two tensors, the memory runs out at the second (its
    // factored delta's product), after the first was written: it goes back.
    const auto& l0 = model->weights().layers[0].mlp_out;
    const auto& l1 = model->weights().layers[1].mlp_out;
    REQUIRE(l0.weight.sizes() == l1.weight.sizes());
    EditRecord r;
    r.id = "two";
    r.method = "rome";
    r.delta = {TensorDelta::full(l0.weight_name, torch::randn(l0.weight.sizes())),
               TensorDelta::low_rank(l1.weight_name, l1.weight.sizes().vec(), torch::randn({l1.weight.size(0), 2}),
                                     torch::randn({l1.weight.size(1), 2}))};
    auto& alloc = test::LimitedCpuAllocator::get();
    {
        test::AllocationLimit scope(0);
        // At least the tensor's size: its CPU copy, the second's copy, then the product.
        alloc.fail_once(static_cast<size_t>(l0.weight.numel()) * sizeof(float), /*skip=*/2);
        auto applied = h.apply(*model, r);
        CHECK(!alloc.armed());  // the shortage struck
        REQUIRE(!applied.ok());
        CHECK(applied.error().code == ErrorCode::OutOfMemory);
    }
    CHECK(test::weights_equal(*model, after_first));
    CHECK(h.size() == 1);
    // With the memory back, the same delta applies and undoes exactly.
    REQUIRE_OK(h.apply(*model, r));
    CHECK(!test::weights_equal(*model, after_first));
    REQUIRE_OK(h.undo(*model));
    CHECK(test::weights_equal(*model, after_first));
}

LANCET_TEST(score_against_base_and_compare_states) {
    auto model = tiny();
    EditHistory h;
    REQUIRE_OK(apply_and_score(*model, h, needle(1), quick()));
    EditSpec second = needle(0);
    second.subject = "The Eiffel Tower";
    second.target_new = "Rome";
    REQUIRE_OK(apply_and_score(*model, h, second, quick()));
    const auto edited = test::snapshot_weights(*model);

    auto card = score_against_base(*model, h, needle(1));
    REQUIRE_OK(card);
    CHECK(card->timing == kTimingAfterAll && card->find("ES") != nullptr);
    CHECK(h.size() == 2 && test::weights_equal(*model, edited));  // back where it was

    CompareRequest r;
    r.from = 0;
    r.to = 2;
    r.prompt = "The Space Needle is located in the city of";
    r.score_request = needle(1);
    auto cmp = compare_states(*model, h, r);
    REQUIRE_OK(cmp);
    CHECK(cmp->weights.size() == 2);  // layers 0 and 1 changed
    for (const auto& w : cmp->weights) CHECK(w.layer >= 0 && w.relative_change > 0 && w.matrix == "mlp.c_proj");
    CHECK(!cmp->next_token.empty() && cmp->scorecard.has_value());
    bool listed_target = false;
    for (const auto& t : cmp->next_token) listed_target = listed_target || t.role == "new target";
    CHECK(listed_target);
    CHECK(h.size() == 2 && test::weights_equal(*model, edited));
    r.to = 3;
    CHECK(!compare_states(*model, h, r).ok());
    CHECK(test::weights_equal(*model, edited));
}

LANCET_TEST(method_edit_fn_chooses_the_site_once_and_undoes_exactly) {
    auto model = tiny();
    const auto before = test::snapshot_weights(*model);
    EditSpec base;
    base.method = "rome";
    base.layers = {0};
    base.hparams = {{"mom2_adjustment", false}, {"v_num_grad_steps", 3}};
    EditFn fn = method_edit_fn(base, EditRuntime{});
    EditCase c;
    c.prompt_template = "{} plays the sport of";
    c.subject = "LeBron James";
    c.target_new = "football";
    auto applied = fn(*model, c, {});
    REQUIRE_OK(applied);
    CHECK(applied->info["layer"] == 0 && applied->info["method"] == "rome");
    CHECK(!test::weights_equal(*model, before));
    applied->undo();
    CHECK(test::weights_equal(*model, before));
}

LANCET_TEST(edit_files_of_version_1_still_replay) {
    // A file as version 1 wrote it: ROME's u and v, "in_out_layout", no "layers".
    auto model = tiny();
    const auto& w = model->weights().layers[1].mlp_out;
    auto u = torch::randn({w.weight.size(0)}), v = torch::randn({w.weight.size(1)});
    const std::string dir = test::scratch_dir("edit-file-v1");
    REQUIRE_OK(write_safetensors(dir + "/old.lancet-edit.safetensors", {{"edit.0.u", u}, {"edit.0.v", v}}, {}));
    auto checksum = [](const torch::Tensor& t) {  // the format's FNV-1a over the shape and the float32 bytes
        edit_detail::Fnv1a64 h;
        for (auto s : t.sizes()) h.mix_u64(static_cast<uint64_t>(s));
        auto c = t.contiguous();
        h.mix(c.data_ptr<float>(), static_cast<size_t>(c.numel()) * sizeof(float));
        return h.hex();
    };
    nlohmann::json edit{{"id", "rome-old-1"},
                        {"method", "rome"},
                        {"request", {{"prompt", "{} is in"}, {"subject", "X"}, {"target_new", "Y"}}},
                        {"layer", 1},
                        {"weight_name", w.weight_name},
                        {"in_out_layout", true},
                        {"tensors",
                         {{"u", {{"name", "edit.0.u"}, {"fnv1a64", checksum(u)}}},
                          {"v", {{"name", "edit.0.v"}, {"fnv1a64", checksum(v)}}}}}};
    nlohmann::json doc{{"format", "lancet-edit"},
                       {"version", 1},
                       {"base_model", {{"fingerprint", model->fingerprint()}}},
                       {"edits", nlohmann::json::array({edit})}};
    std::ofstream(dir + "/old.lancet-edit.json") << doc.dump();
    auto file = load_edit_file(dir + "/old");
    REQUIRE_OK(file);
    REQUIRE(file->edits.size() == 1 && file->edits[0].delta.size() == 1);
    CHECK(file->edits[0].layers == std::vector<int>{1});
    const torch::Tensor before = model->tensor(w.weight_name).clone();
    EditHistory h;
    REQUIRE_OK(replay_edit_file(*model, h, file.value()));
    CHECK(torch::allclose(model->tensor(w.weight_name) - before, torch::outer(u, v), 1e-5, 1e-5));
}

LANCET_TEST(edit_files_carry_dense_and_low_rank_deltas) {
    auto model = tiny();
    const auto& a = model->weights().layers[0].mlp_out;
    const auto& b = model->weights().layers[1].mlp_in;
    EditRecord r;
    r.id = "ft-1";
    r.method = "rome";  // any registered method name; the delta's shape is what is stored
    r.spec = needle();
    r.layers = {0, 1};
    r.base_fingerprint = model->fingerprint();
    r.delta = {TensorDelta::full(a.weight_name, torch::randn(a.weight.sizes())),
               TensorDelta::low_rank(b.weight_name, b.weight.sizes().vec(), torch::randn({b.weight.size(0), 2}),
                                     torch::randn({b.weight.size(1), 2}))};
    const std::string dir = test::scratch_dir("edit-file-v2");
    REQUIRE_OK(save_edit_file(dir + "/mixed", *model, {r}));
    auto file = load_edit_file(dir + "/mixed");
    REQUIRE_OK(file);
    REQUIRE(file->edits[0].delta.size() == 2);
    CHECK(torch::equal(file->edits[0].delta[0].dense, r.delta[0].dense));
    CHECK(torch::equal(file->edits[0].delta[1].left, r.delta[1].left));
    CHECK(file->edits[0].layers == (std::vector<int>{0, 1}));
    // A tampered factor is caught by its checksum.
    {
        auto st = SafetensorsFile::open(dir + "/mixed.lancet-edit.safetensors");
        REQUIRE_OK(st);
    }
    nlohmann::json doc;
    std::ifstream(dir + "/mixed.lancet-edit.json") >> doc;
    doc["edits"][0]["tensors"][1]["left"]["fnv1a64"] = "0000000000000000";
    std::ofstream(dir + "/mixed.lancet-edit.json") << doc.dump();
    auto tampered = load_edit_file(dir + "/mixed");
    CHECK(!tampered.ok() && tampered.error().code == ErrorCode::InvalidFile);
}

}  // namespace lancet_suite_surgery
