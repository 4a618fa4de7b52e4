#include "cancel_on_signal.h"

#include <csignal>

namespace lancet::cli {

namespace {
CancelToken g_token;
volatile std::sig_atomic_t g_count = 0;

void on_sigint(int) {
    if (g_count++ > 0) std::_Exit(130);
    g_token.cancel();  // an atomic store: async-signal-safe
}
}  // namespace

const CancelToken& cancel_on_sigint() {
    std::signal(SIGINT, on_sigint);
    return g_token;
}

}  // namespace lancet::cli
