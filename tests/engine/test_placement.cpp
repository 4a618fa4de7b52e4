// Layer placement (model/placement.h): the balanced, auto and layer-list
// plans and their refusals, and models placed over [cpu, cpu] with the split
// in the middle. LibTorch has one CPU device, so nothing moves between
// memories here, but every boundary of the placed forward pass runs (the
// residual stream handed to the next stage, per-stage masks and rotary
// tables, interventions and KV cache entries on later stages), and the
// results must equal the single-device run exactly.
#include "check.h"

#include "edit/edit_record.h"
#include "edit/rome.h"
#include "io/safetensors.h"
#include "merge/merge_session.h"
#include "merge/task_vectors.h"
#include "model/forward.h"
#include "model/interventions.h"
#include "model/model.h"
#include "model/placement.h"
#include "model/random_init.h"
#include "trace/causal_trace.h"

#include <torch/torch.h>

#include <cmath>
#include <filesystem>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_placement {

using namespace lancet;

namespace {

const torch::Device kCpu(torch::kCPU);

std::shared_ptr<Model> load_at(const std::string& dir, const std::string& devices, const std::string& placement) {
    LoadOptions o;
    o.devices = devices;
    o.placement = placement;
    auto m = Model::load(dir, o);
    if (!m) throw std::runtime_error(dir + ": " + m.error().message);
    return m.value();
}

std::string tiny_dir() { return test::fixtures_dir() + "/tiny-gpt2"; }
std::string family_dir(const std::string& name) { return test::fixtures_dir() + "/families/" + name; }

bool message_has(const Error& e, const std::string& words) { return e.message.find(words) != std::string::npos; }

bool same(const torch::Tensor& a, const torch::Tensor& b) {
    return a.sizes() == b.sizes() && a.device() == b.device() && torch::equal(a, b);
}


PlacementSizes uniform_sizes(int layers, int64_t embed, int64_t layer, int64_t head) {
    PlacementSizes s;
    s.embed_bytes = embed;
    s.layer_bytes.assign(static_cast<size_t>(layers), layer);
    s.head_bytes = head;
    return s;
}

// A task vector folder: tiny-gpt2 with seeded noise on one weight, as the merge tests make them.
std::string placed_task_dir(const Model& base, const std::string& tensor) {
    namespace fs = std::filesystem;
    const std::string ft = test::scratch_dir("placement-ft");
    for (const char* f : {"config.json", "vocab.json", "merges.txt"})
        fs::copy_file(tiny_dir() + "/" + f, ft + "/" + f, fs::copy_options::overwrite_existing);
    auto src = TensorSource::open(tiny_dir());
    if (!src) throw std::runtime_error(src.error().message);
    auto all = src->load_all();
    if (!all) throw std::runtime_error(all.error().message);
    torch::manual_seed(3);
    NamedTensors named;
    for (const auto& [n, t] : *all)
        named.push_back({n, n == tensor ? (t + torch::randn(t.sizes()) * 0.5).contiguous() : t.contiguous()});
    auto written = write_safetensors(ft + "/model.safetensors", named);
    if (!written) throw std::runtime_error(written.error().message);
    auto tv = load_task_vector(base, ft);
    if (!tv) throw std::runtime_error(tv.error().message);
    tv->name = "placed";
    const std::string dir = test::scratch_dir("placement-task");
    auto saved = save_task_vector(base, tv.value(), dir + "/" + kTaskVectorFile);
    if (!saved) throw std::runtime_error(saved.error().message);
    return dir;
}

}  // namespace

LANCET_TEST(balanced_splits_layers_evenly_first_devices_take_the_rest) {
    auto p = balanced_placement({kCpu, kCpu}, 5);
    REQUIRE_OK(p);
    CHECK(p->layer_stage == (std::vector<int>{0, 0, 0, 1, 1}));
    CHECK_EQ(p->embed_stage, 0);
    CHECK_EQ(p->head_stage, 1);
    CHECK(p->is_split());
    CHECK(!p->spans_devices());
    CHECK_EQ(p->layer_list(), std::string("0-2:cpu,3-4:cpu"));
    CHECK_EQ(p->to_json()["stages"][1]["holds"][1].get<std::string>(), std::string("final norm + unembedding"));

    // The layer list the placement prints reads back to the same plan.
    auto again = parse_layer_list(p->layer_list(), {}, 5);
    REQUIRE_OK(again);
    CHECK(again->layer_stage == p->layer_stage);
    auto single = parse_layer_list("0:cpu, 1-2:cpu", {kCpu}, 3);
    REQUIRE_OK(single);
    CHECK(single->layer_stage == (std::vector<int>{0, 1, 1}));

    auto none = balanced_placement({}, 4);
    CHECK(!none.ok());
    auto list = parse_device_list("cpu,cpu");
    REQUIRE_OK(list);
    CHECK_EQ(list->size(), size_t(2));
    CHECK(!parse_device_list("cpu,,cpu").ok());
}

LANCET_TEST(bad_layer_lists_are_refused_with_the_reason) {
    auto out_of_range = parse_layer_list("0-1:cpu,2-4:cpu", {}, 4);
    REQUIRE(!out_of_range.ok());
    CHECK(out_of_range.error().code == ErrorCode::InvalidArgument);
    CHECK(message_has(out_of_range.error(), "layer 4 is out of range (the model has 4 layers, 0-3)"));

    auto overlap = parse_layer_list("0-2:cpu,2-3:cpu", {}, 4);
    REQUIRE(!overlap.ok());
    CHECK(message_has(overlap.error(), "layer 2 is placed twice (\"0-2:cpu\" and \"2-3:cpu\")"));

    auto missing = parse_layer_list("0:cpu,3:cpu", {}, 4);
    REQUIRE(!missing.ok());
    CHECK(message_has(missing.error(), "leaves layers 1-2 without a device"));

    auto unknown = parse_layer_list("0-3:tpu:0", {}, 4);
    REQUIRE(!unknown.ok());
    CHECK(message_has(unknown.error(), "unknown device \"tpu:0\""));

    auto malformed = parse_layer_list("cpu", {}, 4);
    REQUIRE(!malformed.ok());
    CHECK(message_has(malformed.error(), "is not FIRST-LAST:DEVICE"));
    CHECK(message_has(malformed.error(), "--placement \"cpu\""));

    auto backwards = parse_layer_list("3-0:cpu", {}, 4);
    REQUIRE(!backwards.ok());
    CHECK(message_has(backwards.error(), "runs backwards"));

    // auto and balanced need the device list; a bad one is named.
    auto no_devices = plan_placement("", "balanced", uniform_sizes(4, 1, 1, 1));
    REQUIRE(!no_devices.ok());
    CHECK(message_has(no_devices.error(), "needs --devices"));
    auto bad_devices = plan_placement("cpu,gpu7", "balanced", uniform_sizes(4, 1, 1, 1));
    REQUIRE(!bad_devices.ok());
    CHECK(message_has(bad_devices.error(), "unknown device \"gpu7\""));

    // The loader passes the refusal on.
    LoadOptions o;
    o.placement = "0:cpu";
    auto m = Model::load(tiny_dir(), o);
    REQUIRE(!m.ok());
    CHECK(message_has(m.error(), "leaves layers 1 without a device"));
}

LANCET_TEST(auto_placement_follows_free_memory) {
    // 100 bytes of weights over 100 + 300 free: a quarter on the first device,
    // counting the embeddings there.
    auto p = placement_by_free_memory({kCpu, kCpu}, {100, 300}, uniform_sizes(8, 10, 10, 10));
    REQUIRE_OK(p);
    CHECK(p->layer_stage == (std::vector<int>{0, 0, 1, 1, 1, 1, 1, 1}));
    CHECK_EQ(p->head_stage, 1);
    // Equal free memory: the embeddings and the head weigh on both ends alike.
    auto even = placement_by_free_memory({kCpu, kCpu}, {1000, 1000}, uniform_sizes(8, 10, 10, 10));
    REQUIRE_OK(even);
    CHECK(even->layer_stage == (std::vector<int>{0, 0, 0, 0, 1, 1, 1, 1}));

    auto too_small = placement_by_free_memory({kCpu, kCpu}, {40, 40}, uniform_sizes(8, 10, 10, 10));
    REQUIRE(!too_small.ok());
    CHECK(too_small.error().code == ErrorCode::OutOfMemory);
    auto unknown = placement_by_free_memory({kCpu}, {-1}, uniform_sizes(2, 1, 1, 1));
    REQUIRE(!unknown.ok());
    CHECK(message_has(unknown.error(), "use --placement balanced"));

    // The CPU reports what it has: a tiny model fits by free memory.
    auto model = load_at(tiny_dir(), "cpu,cpu", "auto");
    CHECK_EQ(model->placement().stages.size(), size_t(2));
}

LANCET_TEST(split_forward_equals_single_device_for_every_family) {
    torch::InferenceMode guard;
    for (const std::string& dir : {tiny_dir(), family_dir("llama"), family_dir("gemma2"), family_dir("gpt_neox"),
                                   family_dir("gptj"), family_dir("qwen3"), family_dir("gemma3_text")}) {
        auto one = Model::load(dir);
        REQUIRE_OK(one);
        auto split = load_at(dir, "cpu,cpu", "balanced");
        const Model& a = *one.value();
        const Model& b = *split;
        const int L = static_cast<int>(a.config().n_layer);
        REQUIRE(L >= 2);
        CHECK(b.placement().is_split());
        CHECK_EQ(b.placement().layer_stage.back(), 1);
        CHECK(b.device() == kCpu);
        CHECK(b.layer_device(L - 1) == kCpu);
        CHECK_EQ(a.fingerprint(), b.fingerprint());
        CHECK(b.summary()["placement"]["layers"].get<std::string>().find(",") != std::string::npos);

        // A left-padded batch, all logits.
        ForwardInput in;
        in.input_ids = torch::tensor({11, 12, 13, 14, 15, 16, 0, 0, 21, 22, 23, 24}, torch::kLong).view({2, 6});
        in.attention_mask = torch::tensor({1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1}, torch::kLong).view({2, 6});
        auto la = forward(a, in).logits, lb = forward(b, in).logits;
        CHECK(same(la, lb));

        // The KV cache, filled in two steps: each layer's entries on its stage.
        KVCache ca, cb;
        ForwardInput first;
        first.input_ids = torch::tensor({5, 6, 7}, torch::kLong).view({1, 3});
        first.cache = &ca;
        forward(a, first);
        first.cache = &cb;
        forward(b, first);
        ForwardInput next;
        next.input_ids = torch::tensor({8}, torch::kLong).view({1, 1});
        next.logits = LogitsMode::Last;
        next.cache = &ca;
        auto na = forward(a, next).logits;
        next.cache = &cb;
        auto nb = forward(b, next).logits;
        CHECK(same(na, nb));
        CHECK_EQ(cb.length(), int64_t(4));
        CHECK(cb.keys[static_cast<size_t>(L - 1)].device() == b.layer_device(L - 1));

        // Starting and stopping mid-model across the boundary.
        ForwardInput upto;
        upto.input_ids = first.input_ids;
        upto.stop_after_layer = 0;
        auto ha = forward(a, upto).hidden, hb = forward(b, upto).hidden;
        CHECK(same(ha, hb));
        ForwardInput from;
        from.input_ids = first.input_ids;
        from.start_layer = 1;
        from.start_hidden = hb;
        CHECK(same(forward(a, from).logits, forward(b, from).logits));
        std::printf("  %-40s split %s: logits, cache and partial runs equal\n", dir.c_str(),
                    b.placement().layer_list().c_str());
    }
}

LANCET_TEST(interventions_on_a_later_stage_equal_single_device) {
    auto one = Model::load(family_dir("llama"));
    REQUIRE_OK(one);
    auto split = load_at(family_dir("llama"), "", "0:cpu,1:cpu");
    const Model& a = *one.value();
    const Model& b = *split;
    torch::NoGradGuard no_grad;
    ForwardInput in;
    in.input_ids = torch::tensor({3, 4, 5, 6}, torch::kLong).view({1, 4});
    in.logits = LogitsMode::Last;
    auto patched = [&](const Model& m, torch::Tensor* captured_key) {
        Interventions iv;
        auto row = torch::zeros({1}, torch::kLong), pos = torch::full({1}, 2, torch::kLong);
        iv.replace(Site::BlockOut, 1, row, pos, torch::ones({1, m.config().d_model}));
        iv.add(Site::MlpOut, 1, row, pos, torch::full({1, m.config().d_model}, 0.5));
        iv.hook(Site::AttnOut, 1, [](Site, int, torch::Tensor& x) { x = x * 2; });
        iv.capture(Site::MlpKey, 1);
        auto logits = forward(m, in, &iv).logits;
        *captured_key = iv.captured(Site::MlpKey, 1);
        return logits;
    };
    torch::Tensor ka, kb;
    auto la = patched(a, &ka), lb = patched(b, &kb);
    CHECK(same(la, lb));
    CHECK(same(ka, kb));
    CHECK(kb.device() == b.device());
    // Logit-lens style helpers take hidden states from the input device.
    auto h = forward(b, [&] { ForwardInput s = in; s.stop_after_layer = 0; return s; }()).hidden;
    CHECK(same(unembed(a, h), unembed(b, h)));
}

LANCET_TEST(rome_edit_and_causal_trace_on_a_placed_model_equal_unplaced) {
    auto one = Model::load(tiny_dir());
    REQUIRE_OK(one);
    auto split = load_at(tiny_dir(), "cpu,cpu", "balanced");
    Model& a = *one.value();
    Model& b = *split;

    // Causal trace: clean, corrupted and restored runs cross the boundary.
    TraceRequest tr;
    tr.prompt = "The Space Needle is located in the city of";
    tr.subject = "Space Needle";
    tr.samples = 3;
    tr.window = 2;
    auto ta = causal_trace(a, tr), tb = causal_trace(b, tr);
    REQUIRE_OK(ta);
    REQUIRE_OK(tb);
    CHECK(ta->max_score_difference(tb.value()) == 0.0);
    CHECK(ta->setup.low_score == tb->setup.low_score);

    // ROME at the second stage's layer: the same vectors, the same edited weight.
    RomeRequest req{"{} is located in the city of", "The Space Needle", "Paris", std::string("Seattle"), {}};
    RomeOptions o;
    o.hparams = default_rome_hparams(a.config());
    o.hparams.mom2_adjustment = false;
    o.hparams.v_num_grad_steps = 5;
    o.layer = 1;
    auto ea = compute_rome(a, req, o), eb = compute_rome(b, req, o);
    REQUIRE_OK(ea);
    REQUIRE_OK(eb);
    CHECK(same(ea->u, eb->u));
    CHECK(same(ea->v, eb->v));
    EditHistory ha, hb;
    REQUIRE_OK(ha.apply(a, make_edit_record(ea.value(), a)));
    REQUIRE_OK(hb.apply(b, make_edit_record(eb.value(), b)));
    CHECK(same(a.tensor(ea->weight_name), b.tensor(eb->weight_name)));
    CHECK(b.tensor(eb->weight_name).device() == b.layer_device(1));
    auto pa = score_target(a, "The Space Needle is located in the city of", "Paris");
    auto pb = score_target(b, "The Space Needle is located in the city of", "Paris");
    REQUIRE_OK(pa);
    REQUIRE_OK(pb);
    CHECK(pa->nll == pb->nll);
}

LANCET_TEST(live_merge_on_a_placed_base_equals_unplaced) {
    auto base = Model::load(tiny_dir());
    REQUIRE_OK(base);
    const std::string fc1 = "transformer.h.1.mlp.c_fc.weight";
    MergeSessionOptions o;
    o.base_dir = tiny_dir();
    o.task_paths = {placed_task_dir(*base.value(), fc1)};
    o.score.fluency_tokens = 0;
    o.spec.tasks = {{"", 0.7, 1.0}};
    auto plain = MergeSession::open(o);
    o.devices = "cpu,cpu";
    o.placement = "balanced";
    auto placed = MergeSession::open(o);
    REQUIRE_OK(plain);
    REQUIRE_OK(placed);
    CHECK(placed.value()->model()->placement().is_split());
    CHECK(same(plain.value()->model()->tensors().at(fc1), placed.value()->model()->tensors().at(fc1)));
    CHECK(!same(base.value()->tensors().at(fc1), placed.value()->model()->tensors().at(fc1)));
}

LANCET_TEST(random_models_are_drawn_on_their_stage) {
    auto config = shape_config("tiny-llama");
    REQUIRE_OK(config);
    LoadOptions one;
    LoadOptions split;
    split.devices = "cpu,cpu";
    split.placement = "balanced";
    auto a = random_model(config.value(), bundled_gpt2_tokenizer_dir(), one, 7);
    auto b = random_model(config.value(), bundled_gpt2_tokenizer_dir(), split, 7);
    REQUIRE_OK(a);
    REQUIRE_OK(b);
    CHECK(b.value()->placement().is_split());
    CHECK_EQ(a.value()->fingerprint(), b.value()->fingerprint());
}

}  // namespace lancet_suite_placement
