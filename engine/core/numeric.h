// Small numeric constants shared across the engine (one definition, so unity
// batches of several sources never see two).
#pragma once

#include <limits>

namespace lancet {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace lancet
