#include "core/report/svg_parts.h"

#include <cstdio>

#include "core/report/svg_plot.h"

namespace bps::report::svg {

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

std::string openSvg(double width, double height, const std::string& title) {
    // No xmlns: inline in HTML5 the element is SVG anyway, and the report names no URL at all.
    return "<svg class=\"chart\" role=\"img\" width=\"" + num(width) + "\" height=\"" +
           num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
           "\" font-family=\"sans-serif\" font-size=\"12\">\n<title>" + escapeXml(title) +
           "</title>\n<text x=\"" + num(width / 2) +
           "\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">" +
           escapeXml(title) + "</text>\n";
}

std::string text(double x, double y, const std::string& label, const char* anchor,
                 const std::string& extra) {
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\"" +
           extra + ">" + escapeXml(label) + "</text>\n";
}

std::string line(double x1, double y1, double x2, double y2, const char* style) {
    return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" +
           num(y2) + "\" " + style + "/>\n";
}

std::string clipped(const std::string& label, std::size_t chars) {
    if (label.size() <= chars) return label;
    std::size_t cut = chars - 1;
    while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    return label.substr(0, cut) + "\xE2\x80\xA6";
}

}  // namespace bps::report::svg
