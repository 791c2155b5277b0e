#include "core/export/npz_writer.h"

#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/base/errors.h"

namespace bps {

namespace {

// numpy's repr of a shape tuple: (), (3,), (3, 4).
std::string shapeText(const std::vector<std::size_t>& shape) {
    std::string out = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + (shape.size() == 1 ? ",)" : ")");
}

std::size_t elementCount(const std::vector<std::size_t>& shape) {
    std::size_t n = 1;
    for (auto d : shape) n *= d;
    return n;
}

void appendLittleEndian32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFFu);
}

// UTF-8 to code points; an invalid byte becomes U+FFFD, so any name can be stored.
std::u32string decodeUtf8(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int extra = c < 0x80           ? 0
                          : (c >> 5) == 0x06 ? 1
                          : (c >> 4) == 0x0E ? 2
                          : (c >> 3) == 0x1E ? 3
                                             : -1;
        char32_t cp = c & (0x7Fu >> (extra > 0 ? extra + 1 : 0));
        bool ok = extra >= 0 && i + static_cast<std::size_t>(extra) < s.size();
        for (int k = 1; ok && k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            ok = (cc >> 6) == 0x2;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        out += cp;
        i += 1 + static_cast<std::size_t>(extra);
    }
    return out;
}

struct SourceDeleter {
    void operator()(zip_source_t* s) const { zip_source_free(s); }
};
using SourcePtr = std::unique_ptr<zip_source_t, SourceDeleter>;

[[noreturn]] void fail(const std::string& what, const std::string& reason) {
    throw DataError("cannot build the .npz archive: " + what + ": " + reason);
}

std::string errorText(zip_error_t* error) {
    std::string text = zip_error_strerror(error);
    zip_error_fini(error);
    return text;
}

}  // namespace

std::string npyFile(const std::string& descr, const std::vector<std::size_t>& shape,
                    const std::string& data) {
    std::string header =
        "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
    // magic (6) + version (2) + header length (2) + header, ending in '\n', padded with spaces
    // so the data starts 64-byte aligned (what numpy itself writes).
    const std::size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out += static_cast<char>(header.size() & 0xFFu);
    out += static_cast<char>((header.size() >> 8) & 0xFFu);
    return out + header + data;
}

void NpzWriter::addDoubles(const std::string& name, const std::vector<std::size_t>& shape,
                           const std::vector<double>& values) {
    if (values.size() != elementCount(shape))
        throw DataError("npz array '" + name + "': shape does not match the values");
    std::string data;
    data.reserve(values.size() * 8);
    for (double v : values) {
        std::uint64_t bits;
        static_assert(sizeof bits == sizeof v);
        std::memcpy(&bits, &v, sizeof v);
        for (int i = 0; i < 8; ++i) data += static_cast<char>((bits >> (8 * i)) & 0xFFu);
    }
    m_entries.push_back({name, npyFile("<f8", shape, data)});
}

void NpzWriter::addStrings(const std::string& name, const std::vector<std::size_t>& shape,
                           const std::vector<std::string>& values) {
    if (values.size() != elementCount(shape))
        throw DataError("npz array '" + name + "': shape does not match the values");
    std::vector<std::u32string> decoded;
    std::size_t width = 1;  // numpy's minimum, as np.array(['']).dtype is '<U1'
    for (const auto& v : values) {
        decoded.push_back(decodeUtf8(v));
        width = std::max(width, decoded.back().size());
    }
    std::string data;
    data.reserve(decoded.size() * width * 4);
    for (const auto& s : decoded) {
        for (std::size_t i = 0; i < width; ++i)
            appendLittleEndian32(data, i < s.size() ? static_cast<std::uint32_t>(s[i]) : 0u);
    }
    m_entries.push_back({name, npyFile("<U" + std::to_string(width), shape, data)});
}

void NpzWriter::addString(const std::string& name, const std::string& value) {
    addStrings(name, {}, {value});
}

std::string NpzWriter::finish() const {
    zip_error_t error;
    zip_error_init(&error);
    SourcePtr buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) fail("in-memory buffer", errorText(&error));
    zip_t* archive = zip_open_from_source(buffer.get(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive) fail("opening", errorText(&error));
    zip_error_fini(&error);
    // zip_close() frees the source it was opened from; we still need it to read the bytes.
    zip_source_keep(buffer.get());
    for (const auto& e : m_entries) {
        // m_entries outlives zip_close(), so libzip may reference the bytes without copying.
        zip_source_t* s = zip_source_buffer(archive, e.npy.data(), e.npy.size(), 0);
        if (!s || zip_file_add(archive, (e.name + ".npy").c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
            const std::string reason = zip_strerror(archive);
            if (s) zip_source_free(s);
            zip_discard(archive);
            fail("adding " + e.name, reason);
        }
    }
    if (zip_close(archive) < 0) {
        const std::string reason = zip_strerror(archive);
        zip_discard(archive);
        fail("writing", reason);
    }
    if (zip_source_open(buffer.get()) < 0)
        fail("reading back", zip_error_strerror(zip_source_error(buffer.get())));
    zip_source_seek(buffer.get(), 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer.get());
    zip_source_seek(buffer.get(), 0, SEEK_SET);
    std::string out(static_cast<std::size_t>(std::max<zip_int64_t>(size, 0)), '\0');
    const zip_int64_t read = zip_source_read(buffer.get(), out.data(), out.size());
    zip_source_close(buffer.get());
    if (size < 0 || read != size) fail("reading back", "short read");
    return out;
}

}  // namespace bps
