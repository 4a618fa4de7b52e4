#include "crash_report.h"

#include <csignal>
#include <cstdint>
#include <cstring>

#if defined(__GLIBC__)
#include <dlfcn.h>
#include <execinfo.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#endif

namespace lancet::cli {

namespace {

#if defined(__GLIBC__)
// Only async-signal-safe calls below: write(2), open/read/close, backtrace_symbols_fd.
void put(const char* s) { (void)!write(STDERR_FILENO, s, strlen(s)); }

void put_hex(uintptr_t v) {
    char buf[2 + 16 + 1];
    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < 16; ++i) buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
    buf[18] = '\0';
    put(buf);
}

// Prints the /proc/self/maps line that holds `pc`: which library crashed, even
// when the stack cannot be unwound past the faulting frame (code without
// unwind tables, or a jump through a bad pointer).
void put_mapping_of(uintptr_t pc) {
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    char line[512];
    size_t len = 0;
    char c;
    while (read(fd, &c, 1) == 1) {
        if (c != '\n') {
            if (len + 1 < sizeof line) line[len++] = c;
            continue;
        }
        line[len] = '\0';
        len = 0;
        uintptr_t lo = 0, hi = 0;
        const char* p = line;
        auto hex = [&p](uintptr_t& out) {
            out = 0;
            for (; *p; ++p) {
                int d = (*p >= '0' && *p <= '9') ? *p - '0' : (*p >= 'a' && *p <= 'f') ? *p - 'a' + 10 : -1;
                if (d < 0) break;
                out = out * 16 + static_cast<uintptr_t>(d);
            }
        };
        hex(lo);
        if (*p == '-') ++p;
        hex(hi);
        if (pc >= lo && pc < hi) {
            put("  in mapping: ");
            put(line);
            put("\n");
            break;
        }
    }
    close(fd);
}

void on_fatal_signal(int sig, siginfo_t* info, void* context) {
    put("\nlancet-cli: fatal signal: ");
    const char* name = strsignal(sig);
    put(name ? name : "?");
    put(" (thread ");
    put_hex(static_cast<uintptr_t>(syscall(SYS_gettid)));
    put(", fault address ");
    put_hex(reinterpret_cast<uintptr_t>(info ? info->si_addr : nullptr));
    put(")\n");
#if defined(__x86_64__)
    if (context) {
        const auto* uc = static_cast<const ucontext_t*>(context);
        const auto pc = static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
        const auto sp = static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RSP]);
        put("  pc ");
        put_hex(pc);
        put("\n");
        put_mapping_of(pc);
        // The return address on top of the stack: the caller when the fault
        // is a call through a bad pointer.
        put("  [sp] ");
        put_hex(*reinterpret_cast<const uintptr_t*>(sp));
        put("\n");
        put_mapping_of(*reinterpret_cast<const uintptr_t*>(sp));
        // A stack scan: words on the stack that point just past a named
        // function are likely return addresses (dladdr is not formally
        // async-signal-safe; the process is dying anyway).
        put("stack scan (likely callers):\n");
        int shown = 0;
        for (int i = 0; i < 2048 && shown < 40; ++i) {
            const uintptr_t word = reinterpret_cast<const uintptr_t*>(sp)[i];
            Dl_info dl{};
            if (word < 4096 || !dladdr(reinterpret_cast<void*>(word), &dl) || !dl.dli_sname || !dl.dli_saddr) continue;
            const uintptr_t off = word - reinterpret_cast<uintptr_t>(dl.dli_saddr);
            if (off == 0 || off > 65536) continue;
            put("  ");
            put(dl.dli_sname);
            put("+");
            put_hex(off);
            put(" (");
            put(dl.dli_fname ? dl.dli_fname : "?");
            put(")\n");
            ++shown;
        }
    }
#endif
    put("backtrace:\n");
    void* frames[64];
    const int n = backtrace(frames, 64);
    backtrace_symbols_fd(frames, n, STDERR_FILENO);
    // Default action (core dump / exit status) with the handler reset.
    signal(sig, SIG_DFL);
    raise(sig);
}
#endif

}  // namespace

void install_crash_report() {
#if defined(__GLIBC__)
    // backtrace() loads libgcc lazily; do it now, not inside the handler.
    void* warm[1];
    backtrace(warm, 1);
    struct sigaction sa {};
    sa.sa_sigaction = on_fatal_signal;
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT}) sigaction(sig, &sa, nullptr);
#endif
}

}  // namespace lancet::cli
