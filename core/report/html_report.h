#pragma once
// The self-contained HTML report: one file with its CSS in a <style> block and its charts as
// inline SVG, no script and no external reference (no fonts, images or links fetched), so it
// reads offline, mails as one attachment and prints on light paper. Every text from the data
// (column and class names, warnings) is escaped.
//
// Sections, each a <section id="..."> with an <h2>: data, model, training, metrics,
// predictions (regression: predicted against actual, residuals), confusion (classification),
// roc and calibration (binary; multiclass one curve per class against the rest), importance.

#include <string>

#include "core/report/report_input.h"

namespace bps::report {

std::string htmlReport(const ReportInput& input);

}  // namespace bps::report
