// The edit scorecard's success rows on the edit a teacher made in issue 19:
// "The Space Needle is located in the city of" -> Taipei (true target Seattle)
// on the demo model. The workbench writes the two targets differently: the new
// one as typed ("Taipei"), the true one as the trace's answer token, with its
// space (" Seattle"). Scoring once prepended a space to every target, so
// " Seattle" became "  Seattle", a different and very unlikely sequence: the
// success rows read 1.000 before and after, although p(Taipei) rose from
// 1.5e-9 to 99.3 %. Both spellings must be scored as the same continuation.
#include "check.h"

#include "edit/edit_record.h"
#include "edit/surgery.h"
#include "model/model.h"

#include <cmath>
#include <memory>
#include <string>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_edit_scorecard {

using namespace lancet;

namespace {

std::shared_ptr<Model> demo_model() {
    static std::shared_ptr<Model> model = [] {
        auto m = Model::load(test::source_dir() + "/resources/models/lancet-demo");
        if (!m) throw std::runtime_error(m.error().message);
        return m.value();
    }();
    return model;
}

// The form as the workbench filled it: template and subject from the traced
// prompt (the old guess kept "The" in the subject), the true target from the
// trace's answer token, the new target typed by the user; the layer left to auto.
EditSpec teachers_edit(const std::string& target_new, const std::string& target_true) {
    EditSpec s;
    s.method = "rome";
    s.prompt = "{} is located in the city of";
    s.subject = "The Space Needle";
    s.target_new = target_new;
    s.target_true = target_true;
    return s;
}

SurgeryOptions options() {
    SurgeryOptions o;
    o.fluency = false;          // not a success row; the slow part
    o.general_ability = false;  // its own suite
    return o;
}

void check_success_rows(const std::string& target_new, const std::string& target_true) {
    auto model = demo_model();
    EditHistory history;
    auto out = apply_and_score(*model, history, teachers_edit(target_new, target_true), options());
    REQUIRE_OK(out);
    // The edit itself worked: ROME's own before/after probability of the new target.
    const double p_before = out->diagnostics.value("prob_before", -1.0);
    const double p_after = out->diagnostics.value("prob_after", -1.0);
    CHECK(p_before >= 0 && p_before < 1e-6);
    CHECK(p_after > 0.9);
    for (const char* key : {"ES", "PS"}) {
        const ScoreRow* row = out->scorecard.find(key);
        REQUIRE(row != nullptr);
        REQUIRE(row->before.has_value());
        // Before the edit Seattle wins on every prompt; after it Taipei does.
        CHECK_NEAR(*row->before, 0.0, 1e-12);
        CHECK_NEAR(row->after, 1.0, 1e-12);
        for (const ScoreDetail& d : row->details) {
            CHECK(d.before.has_value() && *d.before == 0.0);
            CHECK(d.after == 1.0);
        }
    }
    // The magnitude rows say the same in probabilities: Seattle's lead becomes Taipei's.
    const ScoreRow* em = out->scorecard.find("EM");
    REQUIRE(em != nullptr && em->before.has_value());
    CHECK(*em->before < -0.9);
    CHECK(em->after > 0.9);
    REQUIRE_OK(history.undo(*model));
}

}  // namespace

LANCET_TEST(success_rows_on_the_issue_19_edit_new_typed_true_from_the_trace) {
    check_success_rows("Taipei", " Seattle");
}

LANCET_TEST(success_rows_on_the_issue_19_edit_new_from_the_chart_true_typed) {
    check_success_rows(" Taipei", "Seattle");
}

}  // namespace lancet_suite_edit_scorecard
