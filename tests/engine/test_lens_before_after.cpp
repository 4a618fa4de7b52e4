// The logit lens before and after an edit (edit/lens_before_after.h): at the
// last layer each lens is that state's own output — the base model's before,
// the edited model's after — both shade one answer token, the layers below the
// edit read the same, and the weights end where they were, also when refused.
#include "check.h"
#include "model_snapshot.h"
#include "needle_request.h"

#include "edit/edit_record.h"
#include "edit/lens_before_after.h"
#include "edit/surgery.h"
#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdio>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_lens_before_after {

using namespace lancet;

namespace {

const std::string kPrompt = "The Space Needle is located in the city of";

EditSpec needle(int layer = 1) { return test::needle_request(layer); }
SurgeryOptions quick() { return test::quick_surgery(); }

// The model's own next-token distribution at every position: [T, V] on the CPU.
torch::Tensor output_probs(const Model& model, const std::vector<int64_t>& ids) {
    torch::NoGradGuard g;
    ForwardInput in;
    in.input_ids = torch::tensor(ids, torch::kLong).view({1, -1});
    return torch::softmax(forward(model, in).logits[0].to(torch::kFloat), -1).cpu();
}

// The lens's last layer against the output: every position's top-1 and the answer's probability.
void check_last_layer_is_output(const LensResult& lens, const torch::Tensor& probs) {
    const auto& last = lens.cells.back();
    REQUIRE(last.size() == static_cast<size_t>(probs.size(0)));
    for (size_t t = 0; t < last.size(); ++t) {
        const auto row = probs[static_cast<int64_t>(t)];
        CHECK_NEAR(last[t].top_probs[0], row.max().item<double>(), 1e-5);
        CHECK_EQ(last[t].top_ids[0], row.argmax().item<int64_t>());
        CHECK_NEAR(last[t].answer_prob, row[lens.answer_id].item<double>(), 1e-5);
    }
}

}  // namespace

LANCET_TEST(before_is_the_base_output_and_after_the_edited_one) {
    auto model = test::load_tiny_gpt2();
    const auto ids = model->encode(kPrompt).ids;
    const torch::Tensor base = output_probs(*model, ids);
    EditHistory h;
    REQUIRE_OK(apply_and_score(*model, h, needle(1), quick()));
    const torch::Tensor edited = output_probs(*model, ids);
    const auto weights = test::snapshot_weights(*model);

    LensBeforeAfterRequest r;
    r.lens.prompt = kPrompt;
    r.lens.answer = "Paris";  // the edit's new target
    r.lens.top_k = 3;
    auto cmp = logit_lens_before_after(*model, h, r);
    REQUIRE_OK(cmp);
    CHECK_EQ(cmp->before, 0);
    CHECK_EQ(cmp->after, 1);
    CHECK(cmp->before_lens.answer == " Paris" && cmp->after_lens.answer == " Paris");
    CHECK_EQ(cmp->before_lens.answer_id, cmp->after_lens.answer_id);
    REQUIRE(cmp->before_lens.cells.size() == static_cast<size_t>(model->config().n_layer));
    check_last_layer_is_output(cmp->before_lens, base);
    check_last_layer_is_output(cmp->after_lens, edited);
    // The edit shows at the last layer: the new answer is more probable after
    // (five optimisation steps on the random tiny model: a small but real rise).
    const double p_before = cmp->before_lens.cells.back().back().answer_prob;
    const double p_after = cmp->after_lens.cells.back().back().answer_prob;
    if (!(p_after > p_before)) std::printf("  p(Paris) at the output: before %.6g, after %.6g\n", p_before, p_after);
    CHECK(p_after > p_before);
    // Below the edited layer (ROME wrote layer 1's MLP) the residual stream is untouched.
    const auto& below_before = cmp->before_lens.cells[0];
    const auto& below_after = cmp->after_lens.cells[0];
    for (size_t t = 0; t < below_before.size(); ++t) CHECK_EQ(below_before[t].answer_prob, below_after[t].answer_prob);
    CHECK_EQ(cmp->first_layer_after, first_layer_on_top(cmp->after_lens));
    // The weights and the history end where they were.
    CHECK(h.size() == 1 && test::weights_equal(*model, weights));
}

LANCET_TEST(states_between_edits_and_refusals_leave_the_weights) {
    auto model = test::load_tiny_gpt2();
    const auto ids = model->encode(kPrompt).ids;
    EditHistory h;
    REQUIRE_OK(apply_and_score(*model, h, needle(1), quick()));
    const torch::Tensor one_edit = output_probs(*model, ids);
    EditSpec second = needle(0);
    second.subject = "The Eiffel Tower";
    second.target_new = "Rome";
    REQUIRE_OK(apply_and_score(*model, h, second, quick()));
    const auto weights = test::snapshot_weights(*model);

    // "Before" may be any state: here the weights with the first edit only.
    LensBeforeAfterRequest r;
    r.lens.prompt = kPrompt;
    r.before = 1;
    auto cmp = logit_lens_before_after(*model, h, r);
    REQUIRE_OK(cmp);
    check_last_layer_is_output(cmp->before_lens, one_edit);
    // No answer asked: the "after" state's top-1, shared by both.
    CHECK_EQ(cmp->before_lens.answer_id, cmp->after_lens.answer_id);
    CHECK_EQ(cmp->after_lens.cells.back().back().answer_rank, int64_t(0));
    CHECK(h.size() == 2 && test::weights_equal(*model, weights));

    r.before = 3;  // only states 0..2 exist
    auto bad = logit_lens_before_after(*model, h, r);
    REQUIRE(!bad);
    CHECK(bad.error().code == ErrorCode::InvalidArgument);
    r.before = 0;
    r.after = 1;         // a move before the lens runs...
    r.lens.prompt = "";  // ...and the lens refuses: the weights must come back
    auto empty = logit_lens_before_after(*model, h, r);
    REQUIRE(!empty);
    CHECK(empty.error().code == ErrorCode::InvalidArgument);
    r.lens.prompt = kPrompt;
    CancelToken cancel;
    cancel.cancel();
    JobContext job;
    job.cancel = &cancel;
    auto cancelled = logit_lens_before_after(*model, h, r, job);
    REQUIRE(!cancelled);
    CHECK(cancelled.error().code == ErrorCode::Cancelled);
    CHECK(h.size() == 2 && test::weights_equal(*model, weights));
}

}  // namespace lancet_suite_lens_before_after
