#include "ui/data/pipe_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "core/base/errors.h"

namespace bps {

namespace {
struct FdCloser {
    int fd;
    ~FdCloser() {
        if (fd >= 0) ::close(fd);
    }
};

std::string reason(int error) { return std::generic_category().message(error); }
}  // namespace

bool isNamedPipe(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISFIFO(info.st_mode);
}

std::string readNamedPipe(const std::string& path, const std::atomic<bool>& cancel,
                          const std::function<void()>& waiting) {
    // Messages name the file without its directories, as the CSV reader's do.
    std::string name = std::filesystem::path(path).filename().string();
    if (name.empty()) name = path;
    // O_NONBLOCK: a reader's open() of a FIFO then returns at once, with or without a writer.
    const FdCloser file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
    if (file.fd < 0) throw DataError(name + ": cannot open: " + reason(errno));
    std::string bytes;
    char buffer[1 << 16];
    bool toldWaiting = false;
    // Linux reports no hang-up on a FIFO that has never had a writer, so poll() waits for the
    // first writer instead of ending at once; after that, read() returning 0 is the end.
    for (;;) {
        if (cancel.load()) throw DataError(name + ": cancelled");
        pollfd entry{file.fd, POLLIN, 0};
        const int ready = ::poll(&entry, 1, toldWaiting || !waiting ? kPipeSliceMs : 0);
        if (ready < 0 && errno != EINTR) throw DataError(name + ": cannot read: " + reason(errno));
        if (ready <= 0) {
            if (!toldWaiting && bytes.empty() && waiting) waiting();
            toldWaiting = true;
            continue;
        }
        const ssize_t got = ::read(file.fd, buffer, sizeof buffer);
        if (got > 0) {
            bytes.append(buffer, static_cast<std::size_t>(got));
        } else if (got == 0) {
            return bytes;  // the writer closed its end
        } else if (errno != EAGAIN && errno != EINTR) {
            throw DataError(name + ": cannot read: " + reason(errno));
        }
    }
}

}  // namespace bps
