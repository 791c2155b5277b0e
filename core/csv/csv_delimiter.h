#pragma once
// The delimiter of a CSV file: which one a file uses (detection), how the command line and
// messages name one, and what to tell a user whose file was read as a single column although
// its first line holds another likely delimiter.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/csv/csv_reader.h"

namespace bps {

// As CsvOptions::delimiter or CsvTable::delimiter, a space stands for runs of spaces and tabs:
// whitespace-aligned files (R's write.table, statsmodels, fixed-width exports). Blanks at the
// start and end of a line are ignored, so an empty cell has to be written as NA or "".
inline constexpr char kWhitespaceDelimiter = ' ';

// What the first records of a file say about its delimiter.
struct SniffedLayout {
    char delimiter = ',';
    // Whitespace-delimited and the first record has one field fewer (and at least two) than all
    // the others: the header R's write.table writes over row names. The row names get an
    // unnamed first column (a header, when the reader detects one, named "column_1").
    bool headerLacksFirstName = false;
};

// Picks the delimiter of `sample`, the first bytes of a file (`sampleIsAll`: the whole file).
// Among ',' ';' and tab, the one that splits every sampled record into the same number (> 1) of
// fields, the rarer character first (a ';' in every row beats a ',': decimal commas). Else
// whitespace if blanks split every record alike, or if nothing else splits the first record and
// blanks split it one field short of all the others (see headerLacksFirstName). Else the one of
// the three whose first-record field count most records share, so that a ragged row is
// reported against the right delimiter; else ',' (a single-column file).
SniffedLayout sniffLayout(std::string_view sample, bool sampleIsAll);

// Whether `sample`, read with blank runs as the delimiter, has a first record one field short
// of every other sampled record (see SniffedLayout).
bool headerLacksFirstName(std::string_view sample, bool sampleIsAll);

// The delimiter that a --delimiter value names: ',', ';', '|' and ':' as themselves, "tab"
// (or a tab, or "\t"), "space" or "whitespace" (kWhitespaceDelimiter). Empty for anything else.
std::optional<char> delimiterFromName(std::string_view name);

// How messages name a delimiter ("','", "tab", "whitespace") and the --delimiter value that
// selects it, quoted for a shell where it needs to be ("','", "tab", "whitespace", "';'").
std::string delimiterName(char delimiter);
std::string delimiterFlag(char delimiter);

// For a table read as one column: a delimiter other than `used` that the first record's text
// holds (blank runs between words count as whitespace), the one that occurs most often; empty
// if there is none. CsvTable::likelyDelimiter is this, computed by the reader.
std::optional<char> likelyDelimiterIn(std::string_view firstRecord, char used);

// For errors about a table that has one column and a likely delimiter: "the file was read as a
// single column, but its first line looks delimited by '|' (use --delimiter '|')"; empty for any
// other table.
std::string singleColumnHint(const CsvTable& table);

}  // namespace bps
