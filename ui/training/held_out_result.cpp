#include "ui/training/held_out_result.h"

#include <QObject>
#include <exception>

#include "core/explain/explain_data.h"
#include "core/explain/held_out_rows.h"

namespace bps {

HeldOutOutcome heldOutResult(const std::shared_ptr<const Model>& model, const LoadedDataPtr& data) {
    if (!(model->config.validationFraction > 0))
        return {nullptr, QObject::tr("the model was trained without validation rows")};
    try {
        const ExplainData all = explainData(*model, data->table);
        const HeldOutRows held = heldOutRows(*model, all);
        if (held.checked && !held.matches)
            return {nullptr, QObject::tr("this is not the file the model was trained on, so its "
                                         "validation rows are unknown")};
        const ExplainData rows = explainData(*model, data->table, held.tableRows);
        auto result = std::make_shared<TrainingResult>();
        result->final = true;
        result->reopened = true;
        result->reason = StopReason::Completed;
        result->model = *model;
        result->validationOutputs = model->predict(rows.x);
        result->validationTargets = rows.y;
        return {std::move(result), {}};
    } catch (const std::exception& e) {
        return {nullptr, QString::fromStdString(e.what())};
    }
}

}  // namespace bps
