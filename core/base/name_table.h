#pragma once
// One table per enum of {value, name}: the name and the parse function both read it, so a value
// and its spelling in files and on the command line are written once.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bps {

template <typename Enum>
struct EnumName {
    Enum value;
    std::string_view name;
};

template <typename Enum, std::size_t N>
using NameTable = std::array<EnumName<Enum>, N>;

// The name of `value`, or "unknown" for a value the table lacks (a cast from a bad integer).
template <typename Enum, std::size_t N>
constexpr std::string_view nameIn(const NameTable<Enum, N>& table, Enum value) {
    for (const auto& entry : table)
        if (entry.value == value) return entry.name;
    return "unknown";
}

// The value spelt `name` exactly, or nothing.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> parseIn(const NameTable<Enum, N>& table, std::string_view name) {
    for (const auto& entry : table)
        if (entry.name == name) return entry.value;
    return std::nullopt;
}

// The names of the values `keep` accepts, in table order, joined by `separator`: the choices a
// usage message or an error lists ("tanh|sigmoid|relu").
template <typename Enum, std::size_t N, typename Keep>
std::string joinNames(const NameTable<Enum, N>& table, std::string_view separator, Keep keep) {
    std::string out;
    for (const auto& entry : table) {
        if (!keep(entry.value)) continue;
        if (!out.empty()) out += separator;
        out += entry.name;
    }
    return out;
}

template <typename Enum, std::size_t N>
std::string joinNames(const NameTable<Enum, N>& table, std::string_view separator) {
    return joinNames(table, separator, [](Enum) { return true; });
}

}  // namespace bps
