#pragma once
// A small command-line parser: positional arguments plus --name value / --name=value options
// and --flag switches, each declared up front so an unknown option is a usage error.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bps::cli {

// A mistake in how the command was called: exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string name;  // without the leading dashes
    bool takesValue = true;
};

class ParsedArgs {
public:
    ParsedArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

    const std::vector<std::string>& positional() const { return m_positional; }
    bool has(const std::string& name) const { return m_values.count(name) > 0; }
    std::string text(const std::string& name, const std::string& fallback = {}) const;
    // Numbers are parsed strictly (the whole text, finite); a bad one is a UsageError.
    double number(const std::string& name, double fallback) const;
    // Whole numbers out of range say so ("too large (maximum N)") instead of wrapping.
    long long integer(const std::string& name, long long fallback) const;
    int smallInteger(const std::string& name, int fallback) const;
    std::vector<std::string> list(const std::string& name) const;  // comma-separated

private:
    std::vector<std::string> m_positional;
    std::map<std::string, std::string> m_values;
};

}  // namespace bps::cli
