#pragma once
// Whole-file reads and writes for the files the project writes itself (model files, exports,
// predictions, histories, reports). The app's save dialogs go through the same function.

#include <cstddef>
#include <string>

namespace bps {

// Writes `contents` to `path` atomically: the old file or the new one, never a partial file.
// Throws DataError "PATH: cannot write: reason" on failure.
void writeFileAtomically(const std::string& path, const std::string& contents);
// Reads a whole (small) file; throws DataError "NAME: cannot open: reason".
std::string readSmallFile(const std::string& path, std::size_t maxBytes = 512u << 20);

}  // namespace bps
