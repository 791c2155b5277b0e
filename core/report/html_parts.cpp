#include "core/report/html_parts.h"

#include <cmath>
#include <cstdio>

#include "core/report/svg_plot.h"

namespace bps::report::html {

std::string esc(const std::string& s) { return escapeXml(s); }

std::string fixed(double v, int digits) {
    if (std::isnan(v)) return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string percent(double share) { return fixed(100 * share, 1) + "%"; }

std::string cell(const std::string& s) { return "<td>" + esc(s) + "</td>"; }
std::string numCell(const std::string& s) { return "<td class=\"num\">" + esc(s) + "</td>"; }

std::string open(const char* id, const std::string& heading) {
    return std::string("<section id=\"") + id + "\">\n<h2>" + esc(heading) + "</h2>\n";
}

std::string note(const std::string& text) { return "<p class=\"note\">" + esc(text) + "</p>\n"; }

}  // namespace bps::report::html
