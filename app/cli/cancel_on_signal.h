// Ctrl-C during a long command cancels the engine job (which then returns its
// partial results) instead of killing the process; a second Ctrl-C kills it.
#pragma once

#include "core/job.h"

namespace lancet::cli {
// Installs the SIGINT handler and returns the token it sets.
const CancelToken& cancel_on_sigint();
}
