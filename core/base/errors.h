#pragma once
// Errors that core reports to its callers. Every message is meant to be shown to a user as is.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace bps {

// Bad input data (CSV contents, data selection, model files). `what()` is a complete one-line
// message such as "data.csv: line 812, column 4: expected a number, found 'abc'".
class DataError : public std::runtime_error {
public:
    explicit DataError(const std::string& message) : std::runtime_error(message) {}
};

// Formats "FILE: line L, column C: MESSAGE", leaving out the parts that are 0 or empty.
std::string locate(const std::string& source, std::size_t line, std::size_t column,
                   const std::string& message);

}  // namespace bps
