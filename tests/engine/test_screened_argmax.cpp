// The merge scorecard's exact argmax that bounds, instead of scores, a cluster
// of never-trained token embeddings (model/screened_argmax.h): it must agree
// with the full unembedding on every row, including rows built to defeat the
// bound (those fall back to the full row).
#include "check.h"

#include "model/forward.h"
#include "model/model.h"
#include "model/screened_argmax.h"

#include <torch/torch.h>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_screened_argmax {

using namespace lancet;

namespace {

std::shared_ptr<Model> load_tiny() {
    LoadOptions lo;
    lo.dtype = "float32";
    auto m = Model::load(test::fixtures_dir() + "/tiny-gpt2", lo);
    if (!m) throw std::runtime_error(m.error().message);
    return m.value();
}

torch::Tensor full_argmax(const Model& model, const torch::Tensor& normed) {
    return model.weights().unembed(normed).argmax(-1);
}

}  // namespace

LANCET_TEST(screened_argmax_equals_full_argmax) {
    auto model = load_tiny();
    torch::NoGradGuard no_grad;
    const torch::Tensor& emb = model->weights().tok_embed;  // tied: also the unembedding
    const int64_t V = emb.size(0), d = emb.size(1);
    torch::manual_seed(3);
    // A random-init model has no cluster: the screen stays off and is still exact.
    auto plain = ScreenedArgmax::build(*model);
    auto h = final_norm(*model, torch::randn({32, d}));
    CHECK(torch::equal(plain.argmax(*model, h), full_argmax(*model, h)));

    // Make 60% of the vocabulary an untrained-looking cluster around one point.
    auto centre = torch::randn({d}) * 0.5;
    auto rows = torch::arange(V, torch::kLong);
    auto clustered = rows.masked_select(rows.remainder(5) < 3);
    emb.index_copy_(0, clustered, centre.unsqueeze(0) + 0.01 * torch::randn({clustered.size(0), d}));
    auto screen = ScreenedArgmax::build(*model);
    CHECK(screen.active());
    CHECK(screen.screened_out() >= clustered.size(0) * 9 / 10);
    CHECK(screen.radius() < 0.1);

    // Ordinary rows: decided by the bound, no full row needed.
    h = final_norm(*model, torch::randn({64, d}));
    CHECK(torch::equal(screen.argmax(*model, h), full_argmax(*model, h)));
    // Rows pointing at the cluster: a clustered token may win, the bound cannot
    // rule it out, so they are scored in full, and the answer is still exact.
    const int64_t before = screen.fallbacks();
    auto toward = centre.unsqueeze(0).repeat({8, 1}) * 10 + 0.1 * torch::randn({8, d});
    auto got = screen.argmax(*model, toward);
    CHECK(torch::equal(got, full_argmax(*model, toward)));
    CHECK(screen.fallbacks() > before);
    bool any_clustered = false;
    for (int64_t i = 0; i < got.size(0); ++i) any_clustered = any_clustered || got[i].item<int64_t>() % 5 < 3;
    CHECK(any_clustered);
}

}  // namespace lancet_suite_screened_argmax
