#include "edit/lens_before_after.h"

#include "edit/edit_record.h"
#include "model/model.h"

#include <chrono>

namespace lancet {

namespace {

// Moves the weights to history position `pos` (0 .. applied + undone).
void move_to(EditHistory& h, Model& model, size_t pos) {
    while (h.size() > pos) h.undo(model).value();
    while (h.size() < pos) h.redo(model).value();
}

// The job's progress mapped into [from, from + span): two lenses report one bar.
JobContext part_of(const JobContext& job, double from, double span) {
    JobContext part;
    part.cancel = job.cancel;
    if (job.progress)
        part.progress = [&job, from, span](double f, const std::string& stage) { job.report(from + span * f, stage); };
    return part;
}

}  // namespace

int first_layer_on_top(const LensResult& lens) {
    for (size_t l = 0; l < lens.cells.size(); ++l)
        if (!lens.cells[l].empty() && lens.cells[l].back().answer_rank == 0) return static_cast<int>(l);
    return -1;
}

nlohmann::json LensBeforeAfter::to_json() const {
    return {{"before", before},
            {"after", after},
            {"answer", after_lens.answer},
            {"answer_id", after_lens.answer_id},
            {"first_layer_before", first_layer_before},
            {"first_layer_after", first_layer_after},
            {"before_lens", before_lens.to_json()},
            {"after_lens", after_lens.to_json()},
            {"seconds", seconds}};
}

Expected<LensBeforeAfter> logit_lens_before_after(Model& model, EditHistory& history,
                                                  const LensBeforeAfterRequest& request, const JobContext& job) {
    return capture([&] {
        const auto t0 = std::chrono::steady_clock::now();
        const int positions = static_cast<int>(history.size() + history.undone().size());
        const int after = request.after < 0 ? static_cast<int>(history.size()) : request.after;
        if (request.before < 0 || request.before > positions || after > positions)
            fail(ErrorCode::InvalidArgument, "the history has states 0 to " + std::to_string(positions) +
                                                 "; cannot read the lens at " + std::to_string(request.before) +
                                                 " and " + std::to_string(after));
        const size_t home = history.size();
        LensBeforeAfter out;
        out.before = request.before;
        out.after = after;
        try {
            // "After" first: usually the weights as they are (no move), and its
            // answer becomes the "before" lens's, so both shade the same token.
            move_to(history, model, static_cast<size_t>(after));
            out.after_lens = logit_lens(model, request.lens, part_of(job, 0.0, 0.5)).value();
            job.check_cancelled();
            move_to(history, model, static_cast<size_t>(request.before));
            LensRequest before = request.lens;
            before.answer_id = out.after_lens.answer_id;
            out.before_lens = logit_lens(model, before, part_of(job, 0.5, 0.5)).value();
            move_to(history, model, home);
        } catch (...) {
            // Back where the user was, whatever happened; then report the first failure.
            try {
                move_to(history, model, home);
            } catch (...) {
            }
            throw;
        }
        out.first_layer_before = first_layer_on_top(out.before_lens);
        out.first_layer_after = first_layer_on_top(out.after_lens);
        out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return out;
    });
}

}  // namespace lancet
