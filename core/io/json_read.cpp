#include "core/io/json_read.h"

#include <cmath>

#include "core/base/errors.h"

namespace bps::json_read {

using nlohmann::json;

std::string describe(const json& j) {
    if (!j.is_primitive()) return std::string("(an ") + j.type_name() + ")";
    std::string text = j.dump(-1, ' ', true, json::error_handler_t::replace);
    if (text.size() > 40) text = text.substr(0, 40) + "...";
    return text;
}

const json& require(const json& object, const char* key, const std::string& where) {
    if (!object.is_object()) throw DataError(where + ": expected an object");
    const auto it = object.find(key);
    if (it == object.end()) throw DataError(where + ": missing key '" + key + "'");
    return *it;
}

std::string text(const json& j, const std::string& where) {
    if (!j.is_string()) throw DataError(where + ": expected a string, not " + describe(j));
    return j.get<std::string>();
}

double finite(const json& j, const std::string& where) {
    if (!j.is_number()) throw DataError(where + ": expected a number, not " + describe(j));
    const double v = j.get<double>();
    if (!std::isfinite(v)) throw DataError(where + ": number is not finite");
    return v;
}

std::size_t count(const json& j, const std::string& where) {
    if (!j.is_number_unsigned()) throw DataError(where + ": expected a count, not " + describe(j));
    return j.get<std::size_t>();
}

std::vector<std::string> strings(const json& j, const std::string& where) {
    if (!j.is_array()) throw DataError(where + ": expected an array of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < j.size(); ++i)
        out.push_back(text(j[i], where + "[" + std::to_string(i) + "]"));
    return out;
}

}  // namespace bps::json_read
