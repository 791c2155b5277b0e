#include "app/cli_outputs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <system_error>

#include "app/cli.h"
#include "core/base/errors.h"
#include "core/io/files.h"

namespace bps::cli {

namespace {

std::string folderOf(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

void checkWritable(const NamedPath& out) {
    if (isStandardOutput(out.path)) return;
    struct stat st {};
    if (::stat(out.path.c_str(), &st) == 0) {  // follows links, as the write will
        if (S_ISDIR(st.st_mode))
            throw DataError(out.path +
                            ": cannot write: " + std::generic_category().message(EISDIR));
        if (!S_ISREG(st.st_mode)) return;  // a device or FIFO is written in place
    }
    // The temporary file is made beside the target, so its folder must take new files.
    if (::access(folderOf(out.path).c_str(), W_OK | X_OK) != 0)
        throw DataError(out.path + ": cannot write: " + std::generic_category().message(errno));
}

}  // namespace

void checkOutputs(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs) {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const NamedPath& out = outputs[i];
        if (out.path.empty()) throw UsageError("option '" + out.option + "' needs a file name");
        for (const NamedPath& in : inputs)
            if (sameFile(out.path, in.path))
                throw UsageError(out.option + " '" + out.path + "' is " + in.option + " '" +
                                 in.path + "': refusing to overwrite an input");
        for (std::size_t j = 0; j < i; ++j)
            if (sameFile(out.path, outputs[j].path))
                throw UsageError(outputs[j].option + " and " + out.option +
                                 " name the same file '" + out.path + "'");
        checkWritable(out);
    }
}

int finishStandardOutput(int exitCode) {
    std::cout.flush();
    int error = 0;
    if (!std::cout || std::ferror(stdout) != 0)
        error = errno != 0 ? errno : EIO;
    else if (std::fflush(stdout) != 0)
        error = errno;
    // close() reports what a delayed write (NFS, a nearly full disk) could not do. A descriptor
    // closed from the start (">&-") gives EBADF here: an error only if something was written,
    // and that write has already failed above.
    else if (::close(STDOUT_FILENO) != 0 && errno != EBADF)
        error = errno;
    if (error == 0) return exitCode;
    std::cerr << "error: standard output: cannot write: " << std::generic_category().message(error)
              << "\n";
    return exitCode == kExitOk ? kExitDataError : exitCode;
}

std::optional<ExportFormat> modelOutFormat(const ParsedArgs& args) {
    if (!args.has("model-out")) return std::nullopt;
    const std::optional<ExportFormat> format = formatFromExtension(args.text("model-out"));
    if (!format)
        throw UsageError("cannot tell the model format from '" + args.text("model-out") +
                         "': use an extension .json .npz .onnx .h .py");
    return format;
}

}  // namespace bps::cli
