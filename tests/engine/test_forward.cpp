// The forward pass against Hugging Face transformers' logits for the same
// checkpoint (tests/golden/make_golden.py), plus intervention points and the
// KV cache against the plain forward pass.
#include "check.h"

#include "io/safetensors.h"
#include "model/forward.h"
#include "model/model.h"
#include "model/prefix_cache.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_forward {

using namespace lancet;

namespace {

std::string tiny_dir() { return test::fixtures_dir() + "/tiny-gpt2"; }

std::shared_ptr<Model> tiny_model() {
    static std::shared_ptr<Model> model = [] {
        auto m = Model::load(tiny_dir());
        if (!m) throw std::runtime_error(m.error().message);
        return m.value();
    }();
    return model;
}

torch::Tensor ids_tensor(const std::vector<int64_t>& ids) { return torch::tensor(ids, torch::kLong).view({1, -1}); }

double max_diff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

}  // namespace

LANCET_TEST(golden_logits_match_transformers) {
    auto model = tiny_model();
    auto golden = SafetensorsFile::open(tiny_dir() + "/golden.safetensors");
    REQUIRE_OK(golden);
    std::ifstream f(tiny_dir() + "/golden.json");
    auto cases = nlohmann::json::parse(f)["cases"];
    REQUIRE(cases.size() == 4);
    torch::InferenceMode guard;
    for (const auto& c : cases) {
        const std::string name = c["name"];
        auto ids = c["ids"].get<std::vector<int64_t>>();
        // The tokenizer must agree with transformers' GPT2Tokenizer.
        CHECK(model->tokenizer().encode(c["text"].get<std::string>()).ids == ids);
        ForwardInput in;
        in.input_ids = ids_tensor(ids);
        auto logits = forward(*model, in).logits[0];
        auto last = golden->tensor(name + ".last");
        auto head = golden->tensor(name + ".head");
        REQUIRE_OK(last);
        REQUIRE_OK(head);
        CHECK(max_diff(logits[-1], *last) <= 1e-4);
        CHECK(max_diff(logits.slice(1, 0, head->size(1)), *head) <= 1e-4);
    }
}

LANCET_TEST(golden_left_padded_batch_matches) {
    auto model = tiny_model();
    auto golden = SafetensorsFile::open(tiny_dir() + "/golden.safetensors");
    REQUIRE_OK(golden);
    torch::InferenceMode guard;
    ForwardInput in;
    in.input_ids = *golden->tensor("batch.ids");
    in.attention_mask = *golden->tensor("batch.mask");
    auto logits = forward(*model, in).logits;
    auto head = *golden->tensor("batch.head");
    auto mask = in.attention_mask.to(torch::kBool);
    // Padding positions carry no meaning; compare the real tokens only.
    auto ours = logits.slice(2, 0, head.size(2)).index({mask});
    auto theirs = head.index({mask});
    CHECK(max_diff(ours, theirs) <= 1e-4);
    CHECK(max_diff(logits.select(1, -1), *golden->tensor("batch.last")) <= 1e-4);
}

LANCET_TEST(kv_cache_generation_equals_full_forward) {
    auto model = tiny_model();
    torch::InferenceMode guard;
    auto ids = model->tokenizer().encode("The Space Needle is located in the city of").ids;
    ForwardInput full;
    full.input_ids = ids_tensor(ids);
    auto expected = forward(*model, full).logits[0];
    KVCache cache;
    ForwardInput first;
    first.input_ids = ids_tensor(std::vector<int64_t>(ids.begin(), ids.begin() + 4));
    first.cache = &cache;
    auto a = forward(*model, first).logits[0];
    CHECK(max_diff(a, expected.slice(0, 0, 4)) <= 1e-5);
    for (size_t i = 4; i < ids.size(); ++i) {
        ForwardInput step;
        step.input_ids = ids_tensor({ids[i]});
        step.cache = &cache;
        auto b = forward(*model, step).logits[0][0];
        CHECK(max_diff(b, expected[static_cast<int64_t>(i)]) <= 1e-5);
    }
}

LANCET_TEST(start_from_cached_layer_state_reproduces_logits) {
    auto model = tiny_model();
    torch::InferenceMode guard;
    auto ids = ids_tensor(model->tokenizer().encode("Hello world, this is Lancet").ids);
    Interventions iv;
    iv.capture(Site::BlockOut, 0);
    iv.capture(Site::MlpKey, 1);
    ForwardInput in;
    in.input_ids = ids;
    auto base = forward(*model, in, &iv);
    ForwardInput resumed;
    resumed.input_ids = ids;
    resumed.start_layer = 1;
    resumed.start_hidden = iv.captured(Site::BlockOut, 0);
    auto again = forward(*model, resumed);
    CHECK(max_diff(base.logits, again.logits) <= 1e-6);
    CHECK(iv.captured(Site::MlpKey, 1).size(-1) == model->config().d_ff);

    // stop_after_layer returns the block output without logits.
    ForwardInput stop;
    stop.input_ids = ids;
    stop.stop_after_layer = 0;
    auto stopped = forward(*model, stop);
    CHECK(!stopped.logits.defined());
    CHECK(max_diff(stopped.hidden, iv.captured(Site::BlockOut, 0)) == 0.0);
}

// Causal tracing resumes a block from the corrupted run's keys and values of
// the earlier positions (a cache filled from that block on only), and runs the
// last block for the last position alone: the answer must not change.
LANCET_TEST(resumed_suffix_and_last_query_only_reproduce_the_last_logits) {
    auto model = tiny_model();
    torch::InferenceMode guard;
    auto ids = ids_tensor(model->tokenizer().encode("Hello world, this is Lancet speaking").ids);
    const int64_t T = ids.size(1), split = 3;
    const int L = static_cast<int>(model->config().n_layer);
    Interventions iv;
    iv.capture(Site::BlockOut, 0);
    KVCache whole;
    ForwardInput in;
    in.input_ids = ids;
    in.cache = &whole;
    auto base = forward(*model, in, &iv);

    ForwardInput last_only;
    last_only.input_ids = ids;
    last_only.last_block_queries = 1;
    last_only.logits = LogitsMode::Last;
    auto pruned = forward(*model, last_only);
    CHECK(max_diff(pruned.logits, base.logits.select(1, T - 1)) <= 1e-5);

    KVCache past;
    past.keys.resize(L);
    past.values.resize(L);
    for (int l = 1; l < L; ++l) {
        past.keys[l] = whole.keys[l].slice(2, 0, split);
        past.values[l] = whole.values[l].slice(2, 0, split);
    }
    CHECK_EQ(past.length(), split);
    ForwardInput suffix;
    suffix.input_ids = ids.slice(1, split, T);
    suffix.position_ids = torch::arange(split, T, torch::kLong).unsqueeze(0);
    suffix.start_layer = 1;
    suffix.start_hidden = iv.captured(Site::BlockOut, 0).slice(1, split, T);
    suffix.cache = &past;
    suffix.last_block_queries = 1;
    suffix.logits = LogitsMode::Last;
    auto resumed = forward(*model, suffix);
    CHECK(max_diff(resumed.logits, base.logits.select(1, T - 1)) <= 1e-5);
    CHECK_EQ(resumed.hidden.size(1), 1);
}

// ROME's compute_v re-runs only the tokens from each row's split on, against
// cached keys and values of the rest: that must be the whole rows' forward pass
// at those positions, for splits that differ per row (one at 0: no prefix).
LANCET_TEST(prefix_cache_suffixes_equal_whole_rows) {
    auto model = tiny_model();
    torch::NoGradGuard no_grad;
    const Tokenizer& tok = model->tokenizer();
    std::vector<std::vector<int64_t>> rows = {tok.encode("The Space Needle is located in the city of").ids,
                                              tok.encode("Paris is the capital of").ids,
                                              tok.encode("A B C D E F G H").ids};
    std::vector<int64_t> split = {3, 0, 6};
    auto batch = cache_prefixes(*model, rows, split);
    CHECK(batch.prefix_length == 6);
    CHECK(batch.suffix_ids.size(1) == static_cast<int64_t>(rows[0].size()) - 3);
    CHECK(static_cast<int>(batch.prefix.keys.size()) == model->config().n_layer);
    KVCache scratch;
    auto suffix_logits = forward(*model, batch.input(scratch)).logits;
    CHECK(batch.prefix.length() == 6);  // the cache itself is left as it was
    // Starting from a layer's cached suffix states gives the same logits.
    ForwardInput from1 = batch.input(scratch);
    from1.start_layer = 1;
    from1.start_hidden = suffix_hidden_entering(*model, batch, 1);
    auto resumed = forward(*model, from1).logits;
    for (size_t i = 0; i < rows.size(); ++i) {
        ForwardInput whole;
        whole.input_ids = ids_tensor(rows[i]);
        auto logits = forward(*model, whole).logits[0];
        const int64_t n = static_cast<int64_t>(rows[i].size()) - split[i];
        auto expected = logits.slice(0, split[i], split[i] + n);
        CHECK(max_diff(suffix_logits[static_cast<int64_t>(i)].slice(0, 0, n), expected) <= 1e-4);
        CHECK(max_diff(resumed[static_cast<int64_t>(i)].slice(0, 0, n), expected) <= 1e-4);
    }
    // A split outside a row, or beyond the context, is refused.
    auto bad = capture([&] { return cache_prefixes(*model, rows, {3, 5, 8}).prefix_length; });
    CHECK(!bad.ok() && bad.error().code == ErrorCode::InvalidArgument);
    std::vector<std::vector<int64_t>> long_rows = {std::vector<int64_t>(40, 10), std::vector<int64_t>(40, 11)};
    CHECK(!prefix_cache_fits(*model, long_rows, {39, 0}));
    CHECK(prefix_cache_fits(*model, long_rows, {0, 0}));
}

LANCET_TEST(replace_and_add_interventions_change_what_they_should) {
    auto model = tiny_model();
    torch::InferenceMode guard;
    auto ids = ids_tensor(model->tokenizer().encode("one two three four five").ids);
    const int64_t T = ids.size(1);
    auto batch = ids.repeat({2, 1});
    ForwardInput in;
    in.input_ids = batch;
    auto base = forward(*model, in).logits;

    // Adding a vector to row 1 at position 2 of the MLP output changes row 1 from
    // position 2 on, and nothing before it, nor row 0.
    Interventions add;
    // (A random vector: a constant one would vanish in the next layer norm.)
    add.add(Site::MlpOut, 0, torch::tensor({1L}), torch::tensor({2L}), torch::randn({model->config().d_model}));
    auto changed = forward(*model, in, &add).logits;
    CHECK(max_diff(changed[0], base[0]) == 0.0);
    CHECK(max_diff(changed[1].slice(0, 0, 2), base[1].slice(0, 0, 2)) <= 1e-6);
    CHECK(max_diff(changed[1].slice(0, 2, T), base[1].slice(0, 2, T)) > 1e-3);

    // Replacing a state with the value it already has changes nothing.
    Interventions cap;
    cap.capture(Site::AttnOut, 1);
    forward(*model, in, &cap);
    // Row 1's own value (row 0 holds the same text, but a batched matrix product
    // need not give two rows bit-identical results: OpenBLAS does not).
    auto same_values = cap.captured(Site::AttnOut, 1).index({torch::tensor({1L}), torch::tensor({3L})});
    Interventions rep;
    rep.replace(Site::AttnOut, 1, torch::tensor({1L}), torch::tensor({3L}), same_values);
    CHECK(max_diff(forward(*model, in, &rep).logits, base) <= 1e-6);
}

LANCET_TEST(prompt_longer_than_context_is_refused) {
    auto model = tiny_model();
    torch::InferenceMode guard;
    ForwardInput in;
    in.input_ids = torch::zeros({1, model->config().n_positions + 1}, torch::kLong);
    auto r = capture([&] { return forward(*model, in).logits; });
    REQUIRE(!r.ok());
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    CHECK(r.error().message.find("longer than the model") != std::string::npos);
    ForwardInput empty;
    empty.input_ids = torch::zeros({1, 0}, torch::kLong);
    CHECK(!capture([&] { return forward(*model, empty).logits; }).ok());
}

}  // namespace lancet_suite_forward
