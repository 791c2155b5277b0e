#include "app/cli_options.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace bps::cli {

namespace {
// "too large (maximum N)", not a wrapped value that then fails some other check.
UsageError outOfRange(const std::string& name, const std::string& text, long long limit) {
    return UsageError("option '--" + name + "' is too " +
                      (limit < 0 ? "small (minimum " : "large (maximum ") + std::to_string(limit) +
                      "), got '" + text + "'");
}
}  // namespace

ParsedArgs::ParsedArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.size() < 3 || arg.rfind("--", 0) != 0) {
            if (arg.size() > 1 && arg[0] == '-' && arg != "-")
                throw UsageError("unknown option '" + arg + "'");
            m_positional.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        const OptionSpec* spec = nullptr;
        for (const auto& s : specs)
            if (s.name == name) spec = &s;
        if (!spec) throw UsageError("unknown option '--" + name + "'");
        if (spec->takesValue && !value) {
            if (i + 1 >= args.size()) throw UsageError("option '--" + name + "' needs a value");
            value = args[++i];
        }
        if (!spec->takesValue && value) throw UsageError("option '--" + name + "' takes no value");
        m_values[name] = value.value_or("");
    }
}

std::string ParsedArgs::text(const std::string& name, const std::string& fallback) const {
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

double ParsedArgs::number(const std::string& name, double fallback) const {
    if (!has(name)) return fallback;
    const std::string& s = m_values.at(name);
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v))
        throw UsageError("option '--" + name + "' expects a number, got '" + s + "'");
    return v;
}

long long ParsedArgs::integer(const std::string& name, long long fallback) const {
    if (!has(name)) return fallback;
    const std::string& s = m_values.at(name);
    long long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc::result_out_of_range && end == s.data() + s.size())
        throw outOfRange(name, s,
                         s[0] == '-' ? std::numeric_limits<long long>::min()
                                     : std::numeric_limits<long long>::max());
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size())
        throw UsageError("option '--" + name + "' expects a whole number, got '" + s + "'");
    return v;
}

int ParsedArgs::smallInteger(const std::string& name, int fallback) const {
    long long v = fallback;
    try {
        v = integer(name, fallback);
    } catch (const UsageError&) {
        const std::string s = text(name);
        const bool digits =
            s.find_first_not_of("0123456789", s[0] == '-' ? 1 : 0) == std::string::npos;
        if (s.size() > 1 && digits)  // a whole number beyond even long long
            throw outOfRange(
                name, s,
                s[0] == '-' ? std::numeric_limits<int>::min() : std::numeric_limits<int>::max());
        throw;
    }
    if (v > std::numeric_limits<int>::max())
        throw outOfRange(name, text(name), std::numeric_limits<int>::max());
    if (v < std::numeric_limits<int>::min())
        throw outOfRange(name, text(name), std::numeric_limits<int>::min());
    return static_cast<int>(v);
}

std::vector<std::string> ParsedArgs::list(const std::string& name) const {
    std::vector<std::string> out;
    const std::string s = text(name);
    std::size_t start = 0;
    while (start <= s.size() && !s.empty()) {
        const auto comma = s.find(',', start);
        const std::string item =
            s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (item.empty())
            throw UsageError("option '--" + name + "' has an empty item in '" + s + "'");
        out.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace bps::cli
