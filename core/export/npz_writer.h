#pragma once
// A NumPy .npz archive built in memory: a zip file of .npy arrays, readable by np.load() without
// allow_pickle. The .npy format (version 1.0) is written here; libzip writes the container.
// Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html

#include <cstddef>
#include <string>
#include <vector>

namespace bps {

class NpzWriter {
public:
    // Float64 ('<f8') array of `shape` (empty = a 0-d array), `values` in C (row-major) order.
    void addDoubles(const std::string& name, const std::vector<std::size_t>& shape,
                    const std::vector<double>& values);
    // Unicode string array ('<U<max length>', UTF-32 code points, never an object array) of
    // `shape`; `values` are UTF-8 in C order.
    void addStrings(const std::string& name, const std::vector<std::size_t>& shape,
                    const std::vector<std::string>& values);
    // 0-d string array, np.load(...)[name][()] or str(...) gives the text back.
    void addString(const std::string& name, const std::string& value);

    // The .npz file's bytes (deflated entries NAME.npy). Throws DataError if libzip fails.
    std::string finish() const;

private:
    struct Entry {
        std::string name;
        std::string npy;
    };
    std::vector<Entry> m_entries;
};

// One .npy file: magic, version 1.0, the header dict padded to a multiple of 64 bytes, data.
std::string npyFile(const std::string& descr, const std::vector<std::size_t>& shape,
                    const std::string& data);

}  // namespace bps
