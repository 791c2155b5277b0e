#include "core/export/encoding_tables.h"

#include <algorithm>
#include <charconv>

namespace bps {

bool readsNumbers(const ColumnEncoding& column) {
    return column.kind == ColumnKind::Numeric || column.levelsAreNumbers;
}

LevelTable levelTable(const ColumnEncoding& column, MissingPolicy policy) {
    LevelTable t;
    auto add = [&](const std::string& key, std::size_t level) {
        double number = 0;
        if (column.levelsAreNumbers) {
            // Levels of a numeric column are numbers written as their shortest text; `other`
            // (a name, not a number) is reached through the merged values only.
            const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), number);
            if (ec != std::errc() || end != key.data() + key.size()) return;
            if (std::find(t.keyNumbers.begin(), t.keyNumbers.end(), number) != t.keyNumbers.end())
                return;
        } else if (std::find(t.keys.begin(), t.keys.end(), key) != t.keys.end()) {
            return;  // TableEncoding's lookup keeps the first level of a name
        }
        t.keys.push_back(key);
        if (column.levelsAreNumbers) t.keyNumbers.push_back(number);
        t.keyLevel.push_back(level);
    };
    for (std::size_t i = 0; i < column.levels.size(); ++i)
        if (i != column.missingLevel) add(column.levels[i], i);
    for (const std::string& merged : column.mergedLevels) add(merged, *column.otherLevel);
    t.missingLevel = policy == MissingPolicy::Category ? column.missingLevel : column.imputeLevel;
    return t;
}

std::vector<std::string> missingMarkerSpellings() {
    std::vector<std::string> out{"", "?"};
    for (const std::string word : {"na", "n/a", "nan", "null"}) {
        std::vector<std::size_t> letters;
        for (std::size_t i = 0; i < word.size(); ++i)
            if (word[i] >= 'a' && word[i] <= 'z') letters.push_back(i);
        for (std::size_t mask = 0; mask < (std::size_t{1} << letters.size()); ++mask) {
            std::string spelling = word;
            for (std::size_t b = 0; b < letters.size(); ++b)
                if (mask & (std::size_t{1} << b)) spelling[letters[b]] -= 'a' - 'A';
            out.push_back(spelling);
        }
    }
    return out;
}

}  // namespace bps
