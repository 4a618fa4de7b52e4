#include "check.h"

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>

#include <unistd.h>  // getpid (the engine tests got it through the LibTorch precompiled header)

namespace lancet::test {

namespace {
int g_failures_in_current = 0;
}

std::vector<TestCase>& registry() {
    static std::vector<TestCase> tests;
    return tests;
}

std::string suite_from_file(const char* file) {
    std::string stem = std::filesystem::path(file).stem().string();
    return stem.rfind("test_", 0) == 0 ? stem.substr(5) : stem;
}

void record_failure(const char* file, int line, const std::string& what) {
    ++g_failures_in_current;
    std::cerr << "  FAIL " << std::filesystem::path(file).filename().string() << ":" << line << ": " << what << "\n";
}

std::string fixtures_dir() { return LANCET_FIXTURES_DIR; }
std::string source_dir() { return LANCET_SOURCE_DIR; }

std::string scratch_dir(const std::string& name) {
    static int counter = 0;
    auto dir = std::filesystem::path(LANCET_TEST_TMP_DIR) / (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

}  // namespace lancet::test

int main(int argc, char** argv) {
    using namespace lancet::test;
    std::string suite, only;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--suite" && i + 1 < argc) suite = argv[++i];
        else if (arg == "--test" && i + 1 < argc) only = argv[++i];
        else if (arg == "--list") {
            for (auto& t : registry()) std::cout << t.suite << "." << t.name << "\n";
            return 0;
        }
    }
    int passed = 0, failed = 0;
    for (auto& t : registry()) {
        if (!suite.empty() && t.suite != suite) continue;
        if (!only.empty() && t.name != only) continue;
        g_failures_in_current = 0;
        try {
            t.body();
        } catch (const RequireFailed&) {
        } catch (const std::exception& e) {
            record_failure(t.suite.c_str(), 0, std::string("uncaught exception: ") + e.what());
        }
        if (g_failures_in_current == 0) {
            ++passed;
            std::cout << "PASS " << t.suite << "." << t.name << "\n";
        } else {
            ++failed;
            std::cout << "FAIL " << t.suite << "." << t.name << "\n";
        }
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    if (passed + failed == 0) {
        std::cerr << "no tests matched\n";
        return 1;
    }
    return failed == 0 ? 0 : 1;
}
