#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "errors.h"
#include "model_file.h"

namespace bps {

void writeFileAtomically(const std::string& path, const std::string& contents) {
    // A temporary file in the same directory, so that rename() is atomic on the same file system.
    std::string tmp = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) throw DataError(path + ": cannot write: " + std::strerror(errno));
    const char* p = contents.data();
    std::size_t left = contents.size();
    bool ok = true;
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = false;
            break;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    const int savedErrno = errno;
    ok = ok && ::fchmod(fd, 0644) == 0 && ::fsync(fd) == 0;
    ok = (::close(fd) == 0) && ok;
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(ok ? errno : savedErrno);
        ::unlink(tmp.c_str());
        throw DataError(path + ": cannot write: " + reason);
    }
}

std::string readSmallFile(const std::string& path, std::size_t maxBytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw DataError(path + ": cannot open: it is a directory");
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw DataError(path + ": cannot open: " + std::strerror(errno));
    std::string out;
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        out.append(buf, n);
        if (out.size() > maxBytes) {
            std::fclose(f);
            throw DataError(path + ": file is too large (over " + std::to_string(maxBytes >> 20) +
                            " MiB)");
        }
    }
    const bool failed = std::ferror(f);
    std::fclose(f);
    if (failed) throw DataError(path + ": read error");
    return out;
}

}  // namespace bps
