#include "core/io/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "core/base/errors.h"

namespace bps {

namespace {
// strerror() may use a static buffer; this is thread-safe (files are written from GUI threads).
std::string reasonOf(int error) { return std::generic_category().message(error); }

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// Writes all of `contents` to `fd`; returns 0 or the errno of the failure.
int writeAll(int fd, const std::string& contents) {
    const char* p = contents.data();
    std::size_t left = contents.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n < 0 ? errno : EIO;
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return 0;
}

std::string directoryOf(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string nameOf(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The path a chain of symbolic links ends at (which need not exist yet): writing "through" a
// link must replace the file it points to, not the link.
std::string followLinks(const std::string& path) {
    std::string current = path;
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st {};
        if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return current;
        std::string target(PATH_MAX, '\0');
        const ssize_t n = ::readlink(current.c_str(), target.data(), target.size());
        if (n < 0) throw DataError(path + ": cannot write: " + reasonOf(errno));
        target.resize(static_cast<std::size_t>(n));
        current = (target.front() == '/') ? target : directoryOf(current) + "/" + target;
    }
    throw DataError(path + ": cannot write: " + reasonOf(ELOOP));
}

// Devices, FIFOs and sockets are written in place: they cannot be replaced by a rename, and
// replacing /dev/null with a regular file would break the whole system.
// A temporary name beside `path` that fits the file system's name limit however long the
// target's name is: "<name>.tmp-XXXXXX", the name shortened when it must be.
std::string temporaryTemplate(const std::string& path) {
    constexpr std::size_t kSuffix = sizeof(".tmp-XXXXXX") - 1;
    constexpr std::size_t kNameMax = 255;
    std::string name = nameOf(path);
    if (name.size() + kSuffix > kNameMax) name.resize(kNameMax - kSuffix);
    const std::size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    return dir + name + ".tmp-XXXXXX";
}
}  // namespace

bool isStandardOutput(const std::string& path) { return path == "-" || path == "/dev/stdout"; }

AtomicFileWriter::AtomicFileWriter(const std::string& path) : m_shown(path) {
    if (path.empty()) throw DataError("cannot write: the file name is empty");
    if (isStandardOutput(path)) {
        std::fflush(stdout);
        m_fd = STDOUT_FILENO;
        m_direct = true;
        m_shown = "standard output";
        return;
    }
    m_target = followLinks(path);
    struct stat st {};
    const bool exists = ::stat(m_target.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        throw DataError(path + ": cannot write: " + reasonOf(EISDIR));
    if (exists && !S_ISREG(st.st_mode)) {
        // Devices, FIFOs and sockets are written in place: they cannot be replaced by a rename,
        // and replacing /dev/null with a regular file would break the whole system.
        m_fd = ::open(m_target.c_str(), O_WRONLY | O_CLOEXEC);
        if (m_fd < 0) throw DataError(path + ": cannot write: " + reasonOf(errno));
        m_direct = true;
        return;
    }
    // A regular file (or a new one): a temporary file in the same directory, so that rename() is
    // atomic on the same file system. A file with other hard links gets a new inode this way: its
    // other names keep the old contents (writing in place would not be atomic); the model, export
    // and prediction files we write are not meant to be shared through hard links.
    // A process killed before the rename leaves "<name>.tmp-XXXXXX" behind; nothing reads such
    // files, and they are not removed later because another writer may still own one.
    m_mode = exists ? (st.st_mode & 07777) : 0644;
    m_temporary = temporaryTemplate(m_target);
    m_fd = ::mkstemp(m_temporary.data());
    if (m_fd < 0) throw DataError(path + ": cannot write: " + reasonOf(errno));
}

AtomicFileWriter::~AtomicFileWriter() {
    if (m_fd >= 0 && m_fd != STDOUT_FILENO) ::close(m_fd);
    if (!m_temporary.empty()) ::unlink(m_temporary.c_str());
}

void AtomicFileWriter::write(std::string_view bytes) {
    m_buffer.append(bytes);
    if (m_buffer.size() >= kBufferBytes) flush();
}

void AtomicFileWriter::flush() {
    const int error = writeAll(m_fd, m_buffer);
    m_buffer.clear();
    if (error != 0) fail(error);
}

void AtomicFileWriter::fail(int error) {
    if (m_fd >= 0 && m_fd != STDOUT_FILENO) ::close(m_fd);
    m_fd = -1;
    if (!m_temporary.empty()) ::unlink(m_temporary.c_str());
    m_temporary.clear();
    throw DataError(m_shown + ": cannot write: " + reasonOf(error));
}

void AtomicFileWriter::commit() {
    if (m_fd < 0) throw DataError(m_shown + ": cannot write: " + reasonOf(EBADF));
    flush();
    if (m_fd == STDOUT_FILENO) {
        m_fd = -1;
        return;
    }
    int error = 0;
    if (!m_direct && (::fchmod(m_fd, m_mode) != 0 || ::fsync(m_fd) != 0)) error = errno;
    if (::close(m_fd) != 0 && error == 0) error = errno;  // NFS may report a full disk only here
    m_fd = -1;
    if (error == 0 && !m_direct && ::rename(m_temporary.c_str(), m_target.c_str()) != 0)
        error = errno;
    if (error != 0) fail(error);
    m_temporary.clear();
}

void writeFileAtomically(const std::string& path, const std::string& contents) {
    AtomicFileWriter file(path);
    file.write(contents);
    file.commit();
}

bool sameFile(const std::string& a, const std::string& b) {
    if (isStandardOutput(a) || isStandardOutput(b)) return false;
    struct stat sa {
    }, sb{};
    if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0)  // follows links
        // Two writes to one device (/dev/null twice) harm nothing; one file read and written does.
        return S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    // Not both there yet (two outputs to be created): the same path once links are followed
    // and the directories resolved.
    const auto resolved = [](const std::string& path, std::error_code& ec) {
        return std::filesystem::weakly_canonical(std::filesystem::absolute(followLinks(path), ec),
                                                 ec);
    };
    std::error_code ea, eb;
    const auto ca = resolved(a, ea), cb = resolved(b, eb);
    return !ea && !eb && ca == cb;
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
