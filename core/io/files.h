#pragma once
// Whole-file reads and writes for the files the project writes itself (model files, exports,
// predictions, histories, reports). The app's save dialogs go through the same function, so the
// command line and the app treat every kind of path alike (docs/reliability.md):
//   - a regular file (or a new name) is replaced atomically: the old file or the new one, never
//     part of one; its permissions are kept; a hard-linked file gets a new inode, so its other
//     names keep the old contents;
//   - a symbolic link is followed: the file it points to is replaced, the link stays;
//   - a device, FIFO or socket is written in place (never replaced by a regular file);
//   - "-" and "/dev/stdout" mean standard output.

#include <cstddef>
#include <string>

namespace bps {

// Writes `contents` to `path` as above. Throws DataError "PATH: cannot write: reason".
void writeFileAtomically(const std::string& path, const std::string& contents);
// True for the names that mean standard output ("-", "/dev/stdout").
bool isStandardOutput(const std::string& path);
// Whether two paths name one regular file: the same device and inode when both exist, else the
// same canonical path. Compares the files themselves, not the strings ("./a.csv" and "a.csv",
// a link and its target, two hard links).
bool sameFile(const std::string& a, const std::string& b);
// Reads a whole (small) file; throws DataError "NAME: cannot open: reason".
std::string readSmallFile(const std::string& path, std::size_t maxBytes = 512u << 20);

}  // namespace bps
