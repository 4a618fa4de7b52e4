// Edit records: bit-exact undo/redo, edit files (save, load, replay onto a
// fresh base model, fingerprint and pairing checks) and the Hugging Face export.
#include "check.h"

#include "edit/edit_record.h"
#include "edit/export.h"
#include "edit/rome.h"
#include "eval/soak.h"
#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

#include <filesystem>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_edit_record {

using namespace lancet;
namespace fs = std::filesystem;

namespace {

std::string tiny_dir() { return test::fixtures_dir() + "/tiny-gpt2"; }

std::shared_ptr<Model> load_tiny() {
    auto m = Model::load(tiny_dir());
    if (!m) throw std::runtime_error(m.error().message);
    return m.value();
}

RomeOptions quick_options(const Model& model, int layer) {
    RomeOptions o;
    o.hparams = default_rome_hparams(model.config());
    o.hparams.mom2_adjustment = false;  // statistics are covered by test_rome
    o.layer = layer;
    o.predict_after = false;
    return o;
}

EditRecord compute_record(const Model& model, const RomeRequest& req, int layer) {
    auto e = compute_rome(model, req, quick_options(model, layer));
    if (!e) throw std::runtime_error(e.error().message);
    return make_edit_record(e.value(), model);
}

RomeRequest needle() { return {"{} is located in the city of", "The Space Needle", "Paris", std::nullopt, {}}; }
RomeRequest lebron() { return {"{} plays the sport of", "LeBron James", "football", std::string("basketball"), {}}; }

bool all_tensors_equal(const Model& a, const Model& b) {
    if (a.tensors().size() != b.tensors().size()) return false;
    for (const auto& kv : a.tensors()) {
        auto it = b.tensors().find(kv.first);
        if (it == b.tensors().end() || !torch::equal(kv.second, it->second)) return false;
    }
    return true;
}

torch::Tensor logits_of(const Model& model, const std::string& text) {
    torch::NoGradGuard ng;
    ForwardInput in;
    in.input_ids = torch::tensor(model.tokenizer().encode(text).ids, torch::kLong).view({1, -1});
    return forward(model, in).logits;
}

}  // namespace

LANCET_TEST(undo_restores_weights_bit_for_bit) {
    auto model = load_tiny();
    auto pristine = load_tiny();
    EditHistory history;
    auto r1 = compute_record(*model, needle(), 1);
    REQUIRE_OK(history.apply(*model, r1));
    CHECK(!all_tensors_equal(*model, *pristine));
    auto r2 = compute_record(*model, lebron(), 1);  // computed on the edited model, same matrix
    auto r3 = compute_record(*model, lebron(), 0);
    REQUIRE_OK(history.apply(*model, r2));
    REQUIRE_OK(history.apply(*model, r3));
    CHECK(history.size() == 3);
    CHECK(history.list().size() == 3);
    REQUIRE_OK(history.undo(*model));
    REQUIRE_OK(history.undo(*model));
    REQUIRE_OK(history.undo(*model));
    CHECK(all_tensors_equal(*model, *pristine));
    CHECK(!history.can_undo());
    auto none = history.undo(*model);
    CHECK(!none.ok() && none.error().code == ErrorCode::InvalidArgument);
    // The record's layout rule: GPT-2's Conv1D [d_ff, d] gets u vᵀ (the left factor is u, d_ff long).
    REQUIRE(r1.delta.size() == 1);
    CHECK(r1.delta[0].rank() == 1);
    CHECK(r1.delta[0].left.size(0) == model->config().d_ff);
    CHECK(r1.delta[0].materialize().sizes().vec() == model->tensor(r1.delta[0].weight_name).sizes().vec());
    // The history refuses another model.
    auto other = load_tiny();
    CHECK(!history.redo(*other).ok());
}

LANCET_TEST(redo_reapplies_exactly) {
    auto model = load_tiny();
    EditHistory history;
    REQUIRE_OK(history.apply(*model, compute_record(*model, needle(), 1)));
    REQUIRE_OK(history.apply(*model, compute_record(*model, lebron(), 1)));
    const std::string name = model->weights().layers[1].mlp_out.weight_name;
    torch::Tensor after_both = model->tensor(name).clone();
    REQUIRE_OK(history.undo(*model));
    torch::Tensor after_one = model->tensor(name).clone();
    REQUIRE_OK(history.undo(*model));
    CHECK(history.can_redo());
    REQUIRE_OK(history.redo(*model));
    CHECK(torch::equal(model->tensor(name), after_one));
    REQUIRE_OK(history.redo(*model));
    CHECK(torch::equal(model->tensor(name), after_both));
    CHECK(!history.can_redo());
    // A new edit after an undo drops the redo stack.
    REQUIRE_OK(history.undo(*model));
    REQUIRE_OK(history.apply(*model, compute_record(*model, needle(), 0)));
    CHECK(!history.can_redo());
    auto listed = history.list();
    CHECK(listed.size() == 2);
    CHECK(listed[0]["applied"].get<bool>());
}

LANCET_TEST(saved_edit_replays_onto_fresh_base) {
    auto model = load_tiny();
    EditHistory history;
    REQUIRE_OK(history.apply(*model, compute_record(*model, needle(), 1)));
    REQUIRE_OK(history.apply(*model, compute_record(*model, lebron(), 0)));
    const std::string dir = test::scratch_dir("edit-file");
    auto saved = save_edit_file(dir + "/two", *model, history.applied());
    REQUIRE_OK(saved);
    CHECK(saved->json == dir + "/two.lancet-edit.json");
    CHECK(fs::exists(saved->json));
    CHECK(fs::exists(saved->tensors));

    auto file = load_edit_file(saved->json);
    REQUIRE_OK(file);
    REQUIRE(file->edits.size() == 2);
    CHECK(file->edits[0].spec.subject == "The Space Needle");
    CHECK(file->edits[1].spec.target_true == std::optional<std::string>("basketball"));
    CHECK(file->edits[0].diagnostics.contains("division_factor"));
    CHECK(file->base_fingerprint == model->fingerprint());
    // Loading through the other name of the pair works too.
    CHECK(load_edit_file(saved->tensors).ok());

    auto fresh = load_tiny();
    EditHistory replayed;
    REQUIRE_OK(replay_edit_file(*fresh, replayed, file.value()));
    CHECK(replayed.size() == 2);
    CHECK(all_tensors_equal(*fresh, *model));
    // Replaying twice onto the same model is refused.
    CHECK(!replay_edit_file(*fresh, replayed, file.value()).ok());
    // Undo of a replayed edit is still exact.
    REQUIRE_OK(replayed.undo(*fresh));
    REQUIRE_OK(replayed.undo(*fresh));
    CHECK(all_tensors_equal(*fresh, *load_tiny()));
}

LANCET_TEST(replay_refuses_another_base_model) {
    auto model = load_tiny();
    EditHistory history;
    REQUIRE_OK(history.apply(*model, compute_record(*model, needle(), 1)));
    const std::string dir = test::scratch_dir("edit-file-other");
    REQUIRE_OK(save_edit_file(dir + "/one.lancet-edit.json", *model, history.applied()));
    auto file = load_edit_file(dir + "/one");
    REQUIRE_OK(file);

    // Same architecture, different weights: another fingerprint.
    auto base = load_tiny();
    TensorMap tensors;
    for (const auto& kv : base->tensors()) tensors[kv.first] = kv.second.clone();
    tensors["transformer.h.0.mlp.c_fc.bias"].add_(0.5);
    auto other = Model::from_tensors(base->config_json(), tensors, base->shared_tokenizer());
    REQUIRE_OK(other);
    REQUIRE(other.value()->fingerprint() != base->fingerprint());
    EditHistory h2;
    auto r = replay_edit_file(*other.value(), h2, file.value());
    REQUIRE(!r.ok());
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    CHECK(r.error().message.find(base->fingerprint()) != std::string::npos);
    CHECK(r.error().message.find(other.value()->fingerprint()) != std::string::npos);
    CHECK(h2.size() == 0);
}

LANCET_TEST(edit_file_detects_mismatched_pair) {
    auto model = load_tiny();
    const std::string dir = test::scratch_dir("edit-file-pair");
    auto a = compute_record(*model, needle(), 1);
    auto b = compute_record(*model, lebron(), 1);
    REQUIRE_OK(save_edit_file(dir + "/a", *model, {a}));
    REQUIRE_OK(save_edit_file(dir + "/b", *model, {b}));
    fs::copy_file(dir + "/b.lancet-edit.safetensors", dir + "/a.lancet-edit.safetensors",
                  fs::copy_options::overwrite_existing);
    auto loaded = load_edit_file(dir + "/a");
    REQUIRE(!loaded.ok());
    CHECK(loaded.error().code == ErrorCode::InvalidFile);
    auto missing = load_edit_file(dir + "/nothing");
    CHECK(!missing.ok() && missing.error().code == ErrorCode::NotFound);
}

LANCET_TEST(export_reloads_with_identical_logits) {
    auto model = load_tiny();
    EditHistory history;
    REQUIRE_OK(history.apply(*model, compute_record(*model, needle(), 1)));
    const std::string dir = test::scratch_dir("export");
    const std::string out = dir + "/tiny-edited";
    ExportOptions eo;
    eo.provenance = {{"edits", history.list()}};
    auto r = export_hf_folder(*model, out, eo);
    REQUIRE_OK(r);
    for (const char* f : {"config.json", "model.safetensors", "vocab.json", "merges.txt", "lancet-edits.json"})
        CHECK(fs::exists(fs::path(out) / f));
    auto reloaded = Model::load(out);
    REQUIRE_OK(reloaded);
    const std::string text = "The Space Needle is located in the city of";
    CHECK(torch::equal(logits_of(*reloaded.value(), text), logits_of(*model, text)));
    CHECK(all_tensors_equal(*reloaded.value(), *model));
    CHECK(!torch::equal(logits_of(*reloaded.value(), text), logits_of(*load_tiny(), text)));

    // Existing folder: refused without overwrite, replaced with it.
    CHECK(!export_hf_folder(*model, out).ok());
    ExportOptions ow;
    ow.overwrite = true;
    REQUIRE_OK(export_hf_folder(*model, out, ow));
    // Never over, into or around the source.
    ow.overwrite = true;
    CHECK(!export_hf_folder(*model, tiny_dir(), ow).ok());
    CHECK(!export_hf_folder(*model, tiny_dir() + "/sub", ow).ok());
    CHECK(fs::exists(fs::path(tiny_dir()) / "model.safetensors"));
    CHECK(!fs::exists(fs::path(tiny_dir()) / "sub"));
    CHECK(default_export_dir(*model) == (fs::path(tiny_dir()).lexically_normal().string() + "-edited"));
}

LANCET_TEST(soak_cycles_leave_the_weights_and_descriptors_as_they_were) {
    // bench soak's cycle (edit, undo, redo, undo; trace; merge moved and restored) three times on the
    // tiny model: the touched weights come back bit for bit and no descriptor is left open.
    auto model = load_tiny();
    const auto before = model->tensor(model->weights().layers[1].mlp_out.weight_name).clone();
    SoakOptions o;
    o.cycles = 3;
    o.stats_samples = 2000;
    o.trace_samples = 1;
    auto r = run_soak(model, o);
    REQUIRE_OK(r);
    CHECK_EQ(r->at("points").size(), size_t{3});
    CHECK(r->at("summary").at("weights_restored_bit_for_bit").get<bool>());
    CHECK(r->at("points")[1].at("descriptors") == r->at("points")[2].at("descriptors"));
    CHECK(r->at("summary").at("descriptors_per_cycle").get<double>() == 0.0);
    CHECK(!r->at("summary").contains("cuda_allocated_mb_per_cycle"));  // a CPU model
    CHECK(torch::equal(model->tensor(model->weights().layers[1].mlp_out.weight_name), before));
    o.cycles = 1;
    CHECK(!run_soak(model, o).ok());
}

}  // namespace lancet_suite_edit_record
