// A small test harness for the engine checks. The engine must build and be
// tested where Qt is absent (the CUDA machine), so these tests cannot use Qt
// Test; the GUI and widget tests do.
//
//   LANCET_TEST(name) { CHECK(cond); CHECK_NEAR(a, b, tol); REQUIRE(cond); }
//
// Each test file is a suite named after the file (test_tokenizer.cpp ->
// "tokenizer"); ctest runs one suite per entry.
#pragma once

#include <cmath>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace lancet::test {

struct TestCase {
    std::string suite;
    std::string name;
    std::function<void()> body;
};

std::vector<TestCase>& registry();
std::string suite_from_file(const char* file);
void record_failure(const char* file, int line, const std::string& what);
struct RequireFailed {};

struct Registrar {
    Registrar(const char* name, const char* file, void (*body)()) {
        registry().push_back({suite_from_file(file), name, body});
    }
};

// Paths for fixtures and scratch files.
std::string fixtures_dir();
std::string source_dir();
std::string scratch_dir(const std::string& name);  // fresh, empty directory per call

}  // namespace lancet::test

// LibTorch built with glog (Debian's) defines CHECK* macros of its own; the
// engine tests include LibTorch first (precompiled header), so ours replace them.
#undef CHECK
#undef CHECK_EQ
#undef CHECK_NEAR
#undef REQUIRE

#define LANCET_TEST(name)                                                                   \
    static void name();                                                                     \
    static ::lancet::test::Registrar lancet_registrar_##name(#name, __FILE__, &name);      \
    static void name()

#define CHECK(cond)                                                                         \
    do {                                                                                    \
        if (!(cond)) ::lancet::test::record_failure(__FILE__, __LINE__, "CHECK(" #cond ")"); \
    } while (0)

#define REQUIRE(cond)                                                                         \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            ::lancet::test::record_failure(__FILE__, __LINE__, "REQUIRE(" #cond ")");         \
            throw ::lancet::test::RequireFailed{};                                            \
        }                                                                                     \
    } while (0)

#define CHECK_EQ(a, b)                                                                          \
    do {                                                                                        \
        auto&& lancet_a = (a);                                                                  \
        auto&& lancet_b = (b);                                                                  \
        if (!(lancet_a == lancet_b)) {                                                          \
            std::ostringstream lancet_os;                                                       \
            lancet_os << "CHECK_EQ(" #a ", " #b "): " << lancet_a << " != " << lancet_b;        \
            ::lancet::test::record_failure(__FILE__, __LINE__, lancet_os.str());                \
        }                                                                                       \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                                   \
    do {                                                                                        \
        double lancet_a = static_cast<double>(a), lancet_b = static_cast<double>(b);            \
        if (!(std::fabs(lancet_a - lancet_b) <= (tol))) {                                       \
            std::ostringstream lancet_os;                                                       \
            lancet_os << "CHECK_NEAR(" #a ", " #b ", " #tol "): " << lancet_a << " vs " << lancet_b; \
            ::lancet::test::record_failure(__FILE__, __LINE__, lancet_os.str());                \
        }                                                                                       \
    } while (0)

// For Expected<T>: fails with the error message when not ok.
#define REQUIRE_OK(expected)                                                                    \
    do {                                                                                        \
        if (!(expected).ok()) {                                                                 \
            ::lancet::test::record_failure(__FILE__, __LINE__,                                  \
                                           "REQUIRE_OK(" #expected "): " + (expected).error().message); \
            throw ::lancet::test::RequireFailed{};                                              \
        }                                                                                       \
    } while (0)
