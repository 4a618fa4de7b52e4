#include "crash_report.h"

#include <csignal>
#include <cstring>

#if defined(__GLIBC__)
#include <execinfo.h>
#include <unistd.h>
#endif

namespace lancet::cli {

namespace {

#if defined(__GLIBC__)
void on_fatal_signal(int sig) {
    // Only async-signal-safe calls here: write(2) and backtrace_symbols_fd.
    const char* name = strsignal(sig);
    const char head[] = "\nlancet-cli: fatal signal: ";
    (void)!write(STDERR_FILENO, head, sizeof head - 1);
    if (name) (void)!write(STDERR_FILENO, name, strlen(name));
    (void)!write(STDERR_FILENO, "\nbacktrace:\n", 12);
    void* frames[64];
    const int n = backtrace(frames, 64);
    backtrace_symbols_fd(frames, n, STDERR_FILENO);
    // Default action (core dump / exit status) with the handler reset.
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}
#endif

}  // namespace

void install_crash_report() {
#if defined(__GLIBC__)
    // backtrace() loads libgcc lazily; do it now, not inside the handler.
    void* warm[1];
    backtrace(warm, 1);
    for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT}) std::signal(sig, on_fatal_signal);
#endif
}

}  // namespace lancet::cli
