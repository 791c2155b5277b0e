#pragma once
// The pieces the report's sections are written with (html_report.cpp, report_regression.cpp,
// report_multiclass.cpp): escaped cells, numbers with fixed digits, a section's opening and a
// note. Internal to core/report.

#include <string>

namespace bps::report::html {

std::string esc(const std::string& s);
// `v` with `digits` decimals; "n/a" for NaN.
std::string fixed(double v, int digits = 4);
std::string percent(double share);
std::string cell(const std::string& s);
std::string numCell(const std::string& s);
// <section id="id"> and its <h2>; the caller closes it.
std::string open(const char* id, const std::string& heading);
std::string note(const std::string& text);

}  // namespace bps::report::html
