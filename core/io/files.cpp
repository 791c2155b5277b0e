#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <string>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

#include "core/base/errors.h"
#include "core/io/files.h"

namespace bps {

namespace {
// strerror() may use a static buffer; this is thread-safe (files are written from GUI threads).
std::string reasonOf(int error) { return std::generic_category().message(error); }

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
}  // namespace

void writeFileAtomically(const std::string& path, const std::string& contents) {
    // A temporary file in the same directory, so that rename() is atomic on the same file system.
    // A process killed before the rename leaves it behind as "<path>.tmp-XXXXXX"; nothing reads
    // such files, and they are not removed later because another writer may still own one.
    std::string tmp = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) throw DataError(path + ": cannot write: " + reasonOf(errno));
    int error = 0;  // the errno of the first step that failed
    const char* p = contents.data();
    std::size_t left = contents.size();
    while (left > 0 && error == 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            error = n < 0 ? errno : EIO;
            break;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (error == 0 && (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0)) error = errno;
    if (::close(fd) != 0 && error == 0) error = errno;  // NFS may report a full disk only here
    if (error == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) error = errno;
    if (error != 0) {
        ::unlink(tmp.c_str());
        throw DataError(path + ": cannot write: " + reasonOf(error));
    }
}

std::string readSmallFile(const std::string& path, std::size_t maxBytes) {
    // Messages name the file without its directories, as the CSV reader's do.
    std::string name = std::filesystem::path(path).filename().string();
    if (name.empty()) name = path;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw DataError(name + ": cannot open: " + reasonOf(EISDIR));
    const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) throw DataError(name + ": cannot open: " + reasonOf(errno));
    std::string out;
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, file.get())) > 0) {
        out.append(buf, n);
        if (out.size() > maxBytes)
            throw DataError(name + ": file is too large (over " + std::to_string(maxBytes >> 20) +
                            " MiB)");
    }
    if (std::ferror(file.get())) throw DataError(name + ": cannot read: " + reasonOf(EIO));
    return out;
}

}  // namespace bps
