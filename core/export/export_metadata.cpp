#include "core/export/export_metadata.h"

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/io/json_convert.h"

namespace bps {

ExportMetadata exportMetadata(const Model& model) {
    nlohmann::json metrics = nlohmann::json::object();
    if (model.validation) metrics["validation"] = metricsToJson(*model.validation);
    if (model.trainLoss) metrics["train"] = {{"loss", *model.trainLoss}};
    // `replace`: a class name that is not valid UTF-8 must not make the export throw.
    return {BPS_VERSION, utcTimestamp(),
            metrics.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

std::string utcTimestamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

std::string jsonStringList(const std::vector<std::string>& items) {
    return nlohmann::json(items).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace bps
