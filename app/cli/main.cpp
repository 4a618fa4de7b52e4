// lancet-cli: every engine operation, headless, with stable JSON output.
#include "commands.h"
#include "crash_report.h"
#include "core/host_allocator.h"

#include <iostream>

using namespace lancet;
using namespace lancet::cli;

namespace {

void print_overview() {
    std::cout << "usage: lancet-cli COMMAND [ARGS...]\n\ncommands:\n";
    for (const auto& c : commands()) std::cout << "  " << c.name << std::string(c.name.size() < 12 ? 12 - c.name.size() : 1, ' ') << c.synopsis << "\n";
    std::cout << "\nRun 'lancet-cli COMMAND --help' for a command's options.\n"
                 "Exit status: 0 ok, 1 engine error, 2 usage error, 3 cancelled.\n";
}

}  // namespace

int main(int argc, char** argv) {
    install_crash_report();
    tune_host_allocator();
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
        print_overview();
        return words.empty() ? kUsage : kOk;
    }
    if (words[0] == "--version") {
        std::cout << "lancet-cli " << LANCET_VERSION << "\n";
        return kOk;
    }
    const Command* command = nullptr;
    for (const auto& c : commands())
        if (c.name == words[0]) command = &c;
    if (!command) {
        std::cerr << "lancet-cli: unknown command \"" << words[0] << "\"\n\n";
        print_overview();
        return kUsage;
    }
    std::vector<std::string> rest(words.begin() + 1, words.end());
    for (const auto& w : rest) {
        if (w == "--help" || w == "-h") {
            std::cout << command->usage;
            return kOk;
        }
    }
    try {
        Args args(rest, command->spec);
        return command->run(args);
    } catch (const UsageError& e) {
        std::cerr << "lancet-cli " << command->name << ": " << e.what() << "\n\n" << command->usage;
        return kUsage;
    } catch (const CliFailure& f) {
        std::cerr << "lancet-cli " << command->name << ": error: " << f.error.message << "\n";
        return f.error.code == ErrorCode::Cancelled ? kCancelled : kEngineError;
    } catch (...) {
        Error e = error_from_current_exception();
        std::cerr << "lancet-cli " << command->name << ": error: " << e.message << "\n";
        return e.code == ErrorCode::Cancelled ? kCancelled : kEngineError;
    }
}
