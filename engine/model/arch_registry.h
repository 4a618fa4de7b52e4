// Internal: the architecture implementations known to architecture_for().
#pragma once

#include "model/architecture.h"

namespace lancet {
const Architecture& gpt2_architecture();
}
