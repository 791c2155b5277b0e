#pragma once
// Readers for the project file's JSON (and the sweep results it holds): each takes the place it
// reads, as "project.sweep.trials[3].score", and throws DataError naming it, so a malformed
// file is reported where it is wrong.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bps::json_read {

// A value as a message shows it: a scalar as JSON, shortened and ASCII-only; an array or an
// object by its type only (dumping a deeply nested one would recurse as deep as it is nested).
std::string describe(const nlohmann::json& j);
const nlohmann::json& require(const nlohmann::json& object, const char* key,
                              const std::string& where);
std::string text(const nlohmann::json& j, const std::string& where);
double finite(const nlohmann::json& j, const std::string& where);
std::size_t count(const nlohmann::json& j, const std::string& where);
std::vector<std::string> strings(const nlohmann::json& j, const std::string& where);

}  // namespace bps::json_read
