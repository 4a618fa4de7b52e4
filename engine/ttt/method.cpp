#include "ttt/method.h"

#include "ttt/fastslow_method.h"
#include "ttt/inplace_ttt.h"
#include "ttt/tent_method.h"

namespace lancet {

std::unique_ptr<TttMethod> make_ttt_method(const Model& model, const TttMethodSpec& spec) {
    if (spec.kind == "none") return std::make_unique<NoAdaptation>(model, spec);
    if (spec.kind == "continual" || spec.kind == "episodic" || spec.kind == "reset" || spec.kind == "suta")
        return std::make_unique<TentMethod>(model, spec);
    if (spec.kind == "fastslow") return std::make_unique<FastSlowMethod>(model, spec);
    if (spec.kind == "inplace") return std::make_unique<InplaceStreamMethod>(model, spec);
    fail(ErrorCode::InvalidArgument, "unknown test-time method \"" + spec.kind + "\"");
}

}  // namespace lancet
