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

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace bps {

// Writes `contents` to `path` as above. Throws DataError "PATH: cannot write: reason".
void writeFileAtomically(const std::string& path, const std::string& contents);

// The same, written piece by piece (a training history streamed epoch by epoch, so memory does
// not grow with the epoch count). Nothing replaces the target before commit(); a writer
// destroyed without commit() leaves the old file as it was. Throws DataError like the above.
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(const std::string& path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void write(std::string_view bytes);
    void commit();

private:
    static constexpr std::size_t kBufferBytes = 1 << 16;
    void flush();
    [[noreturn]] void fail(int error);

    std::string m_shown;      // the name errors use
    std::string m_target;     // the file replaced at commit (links followed)
    std::string m_temporary;  // empty when writing in place (device, FIFO, standard output)
    std::string m_buffer;
    int m_fd = -1;
    bool m_direct = false;
    mode_t m_mode = 0644;
};
// True for the names that mean standard output ("-", "/dev/stdout").
bool isStandardOutput(const std::string& path);
// Whether two paths name one regular file: the same device and inode when both exist, else the
// same canonical path. Compares the files themselves, not the strings ("./a.csv" and "a.csv",
// a link and its target, two hard links).
bool sameFile(const std::string& a, const std::string& b);
// Reads a whole (small) file; throws DataError "NAME: cannot open: reason".
std::string readSmallFile(const std::string& path, std::size_t maxBytes = 512u << 20);

}  // namespace bps
