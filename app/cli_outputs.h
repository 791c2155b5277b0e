#pragma once
// Checks on the files a command will write, made before any work starts: a typo in an output
// name must not cost a training run, and no output may destroy an input or another output.

#include <optional>
#include <string>
#include <vector>

#include "app/cli_options.h"
#include "core/export/exporter.h"

namespace bps::cli {

struct NamedPath {
    std::string option;  // how the user named it: "--out", "the CSV file", ...
    std::string path;
};

// Throws UsageError (exit 2) when an output has an empty name, is the same file as an input,
// or is the same file as another output; DataError (exit 1) when it cannot be written: a
// directory, or a folder that does not exist or is not writable. Files are compared as files
// (device and inode, or canonical paths), not as strings.
void checkOutputs(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs);

// The format `--model-out` names by its extension; empty without --model-out. An extension that
// names no format is a UsageError, found before any training.
std::optional<ExportFormat> modelOutFormat(const ParsedArgs& args);

// Flushes and closes standard output and turns a failed write (a full disk, a closed
// descriptor, /dev/full) into exit code 1 with an error line; returns `exitCode` otherwise.
int finishStandardOutput(int exitCode);

}  // namespace bps::cli
