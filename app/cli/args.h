// Command-line parsing for lancet-cli: each command declares the options it
// takes (with values) and its flags; anything else is a usage error.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace lancet::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ArgSpec {
    std::set<std::string> options;  // take a value: --name VALUE or --name=VALUE
    std::set<std::string> flags;    // no value
    int min_positional = 0;
    int max_positional = 1;
};

class Args {
public:
    Args(const std::vector<std::string>& words, const ArgSpec& spec);

    const std::vector<std::string>& positional() const { return positional_; }
    bool flag(const std::string& name) const { return flags_.count(name) > 0; }
    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::optional<std::string> get(const std::string& name) const;
    std::string get_or(const std::string& name, const std::string& fallback) const;
    long long get_int(const std::string& name, long long fallback) const;
    double get_double(const std::string& name, double fallback) const;
    std::string require(const std::string& name) const;

private:
    std::vector<std::string> positional_;
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
};

// "a,b,,c" -> {"a", "b", "c"} (lists of files, layers, task names).
std::vector<std::string> split_commas(const std::string& text);

}  // namespace lancet::cli
