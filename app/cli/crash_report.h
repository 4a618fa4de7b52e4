// On a fatal signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) lancet-cli
// prints a native backtrace to stderr before dying, so a crash on a headless
// GPU server (where there may be no debugger) still says where it happened.
#pragma once

namespace lancet::cli {
void install_crash_report();
}
