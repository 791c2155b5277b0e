#include "core/csv/csv_delimiter.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "core/base/errors.h"
#include "core/csv/csv_tokenizer.h"

namespace bps {

namespace {

using namespace csv_detail;

constexpr std::size_t kSniffRecords = 50;

// Counts the fields of the first records for one candidate delimiter.
struct SniffSink {
    std::vector<std::size_t> counts;
    std::size_t fieldsInRecord = 0;  // fields completed in the record being read

    void field(std::size_t index, std::string_view, std::size_t) { fieldsInRecord = index + 1; }
    bool number(std::size_t index, double, std::size_t) {
        fieldsInRecord = index + 1;
        return true;
    }
    bool endRecord(std::size_t fieldCount, std::size_t) {
        counts.push_back(fieldCount);
        fieldsInRecord = 0;
        return counts.size() < kSniffRecords;
    }
};

// The field counts of the first records of `sample` with `delimiter`.
std::vector<std::size_t> fieldCounts(std::string_view sample, bool sampleIsAll, char delimiter) {
    SniffSink sink;
    const std::string noSource;
    CsvTokenizer<SniffSink> tokenizer(delimiter, noSource, sink);
    try {
        if (tokenizer.feed(sample) && sampleIsAll) tokenizer.finish();
    } catch (const DataError&) {
        // The real pass reports it; the records before it still count.
    }
    // A record cut off by the end of the sample only counts when it is all there is.
    if (sink.counts.empty() && sink.fieldsInRecord > 0)
        sink.counts.push_back(sink.fieldsInRecord + 1);
    return sink.counts;
}

bool allEqual(const std::vector<std::size_t>& counts, std::size_t from) {
    return std::all_of(counts.begin() + static_cast<std::ptrdiff_t>(from), counts.end(),
                       [&](std::size_t count) { return count == counts[from]; });
}

// A header of two or more names over rows with one field more. (With one name, a column of
// two-word values, "New York", would read as row names.)
bool firstOneShort(const std::vector<std::size_t>& counts) {
    return counts.size() >= 2 && counts[0] >= 2 && counts[1] == counts[0] + 1 &&
           allEqual(counts, 1);
}

}  // namespace

bool headerLacksFirstName(std::string_view sample, bool sampleIsAll) {
    return firstOneShort(fieldCounts(sample, sampleIsAll, kWhitespaceDelimiter));
}

SniffedLayout sniffLayout(std::string_view sample, bool sampleIsAll) {
    SniffedLayout best;
    std::pair<bool, std::size_t> bestRank{false, 0};  // (consistent, records agreeing)
    bool anySplits = false;
    for (char candidate : {'\t', ';', ','}) {
        const std::vector<std::size_t> counts = fieldCounts(sample, sampleIsAll, candidate);
        if (counts.empty() || counts.front() < 2) continue;
        anySplits = true;
        const auto agreeing =
            static_cast<std::size_t>(std::count(counts.begin(), counts.end(), counts.front()));
        const bool consistent = agreeing == counts.size();
        const std::pair<bool, std::size_t> rank{consistent, consistent ? 0 : agreeing};
        if (rank > bestRank) {
            best.delimiter = candidate;
            bestRank = rank;
        }
    }
    if (bestRank.first) return best;
    // Blanks come last: they beat a delimiter that splits the records unevenly (an aligned file
    // with a tab here and there) only when they split every record alike, and a short first
    // record (R's header over row names) only when nothing else splits it. So a ragged file
    // keeps its error and a column of words with spaces in some stays one column.
    const std::vector<std::size_t> counts = fieldCounts(sample, sampleIsAll, kWhitespaceDelimiter);
    if (!counts.empty() && counts.front() >= 2 && allEqual(counts, 0))
        return {kWhitespaceDelimiter, false};
    if (!anySplits && firstOneShort(counts)) return {kWhitespaceDelimiter, true};
    return best;
}

std::optional<char> delimiterFromName(std::string_view name) {
    if (name == "," || name == ";" || name == "|" || name == ":") return name[0];
    if (name == "tab" || name == "\t" || name == "\\t") return '\t';
    if (name == "space" || name == "whitespace" || name == " ") return kWhitespaceDelimiter;
    return std::nullopt;
}

std::string delimiterName(char delimiter) {
    if (delimiter == '\t') return "tab";
    if (delimiter == kWhitespaceDelimiter) return "whitespace";
    return std::string("'") + delimiter + "'";
}

std::string delimiterFlag(char delimiter) {
    if (delimiter == ',' || delimiter == ':') return std::string(1, delimiter);
    return delimiterName(delimiter);  // tab, whitespace, and ';' '|' quoted for the shell
}

std::optional<char> likelyDelimiterIn(std::string_view firstRecord, char used) {
    const auto isBlank = [](char c) { return c == ' ' || c == '\t'; };
    while (!firstRecord.empty() && isBlank(firstRecord.front())) firstRecord.remove_prefix(1);
    while (!firstRecord.empty() && isBlank(firstRecord.back())) firstRecord.remove_suffix(1);
    std::array<std::size_t, 256> count{};
    std::size_t blankRuns = 0;
    for (std::size_t i = 0; i < firstRecord.size(); ++i) {
        const char c = firstRecord[i];
        if (isBlank(c) && (i == 0 || !isBlank(firstRecord[i - 1]))) ++blankRuns;
        if (c != ' ') ++count[static_cast<unsigned char>(c)];
    }
    count[static_cast<unsigned char>(kWhitespaceDelimiter)] = blankRuns;
    // The most frequent; a tie goes to the earlier candidate, so tabs alone are named as tab.
    std::optional<char> best;
    std::size_t bestCount = 0;
    for (char candidate : {'\t', ';', '|', ',', ':', kWhitespaceDelimiter}) {
        const std::size_t n = count[static_cast<unsigned char>(candidate)];
        if (candidate != used && n > bestCount) {
            best = candidate;
            bestCount = n;
        }
    }
    return best;
}

std::string singleColumnHint(const CsvTable& table) {
    if (table.columns.size() != 1 || !table.likelyDelimiter) return {};
    const char likely = *table.likelyDelimiter;
    return "the file was read as a single column, but its first line looks delimited by " +
           delimiterName(likely) + " (use --delimiter " + delimiterFlag(likely) + ")";
}

}  // namespace bps
