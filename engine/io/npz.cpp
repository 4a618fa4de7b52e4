#include "io/npz.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <limits>

namespace lancet {

namespace {

uint16_t u16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t u32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
           (static_cast<uint32_t>(p[3]) << 24);
}
uint64_t u64(const uint8_t* p) { return static_cast<uint64_t>(u32(p)) | (static_cast<uint64_t>(u32(p + 4)) << 32); }

std::vector<uint8_t> read_range(std::ifstream& in, uint64_t offset, uint64_t n, const std::string& path) {
    std::vector<uint8_t> buf(n);
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    if (n && !in.read(reinterpret_cast<char*>(buf.data()), static_cast<std::streamsize>(n)))
        fail(ErrorCode::InvalidFile, path + ": truncated zip archive");
    return buf;
}

// The header dict: {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
std::string dict_value(const std::string& header, const std::string& key) {
    const std::string quoted = "'" + key + "'";
    auto at = header.find(quoted);
    if (at == std::string::npos) fail(ErrorCode::InvalidFile, ".npy header has no " + key);
    at = header.find(':', at + quoted.size());
    if (at == std::string::npos) fail(ErrorCode::InvalidFile, ".npy header: no value for " + key);
    ++at;
    while (at < header.size() && header[at] == ' ') ++at;
    if (at >= header.size()) fail(ErrorCode::InvalidFile, ".npy header: no value for " + key);
    if (header[at] == '\'') {
        const auto end = header.find('\'', at + 1);
        if (end == std::string::npos) fail(ErrorCode::InvalidFile, ".npy header: unterminated string");
        return header.substr(at + 1, end - at - 1);
    }
    if (header[at] == '(') {
        const auto end = header.find(')', at);
        if (end == std::string::npos) fail(ErrorCode::InvalidFile, ".npy header: unterminated shape");
        return header.substr(at, end - at + 1);
    }
    auto end = header.find_first_of(",}", at);
    if (end == std::string::npos) end = header.size();
    std::string v = header.substr(at, end - at);
    while (!v.empty() && v.back() == ' ') v.pop_back();
    return v;
}

std::vector<int64_t> parse_shape(const std::string& text) {
    std::vector<int64_t> shape;
    std::string digits;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
        } else if (c == ',' || c == ')') {
            if (!digits.empty()) {
                if (digits.size() > 15) fail(ErrorCode::InvalidFile, ".npy shape dimension too large");
                shape.push_back(std::stoll(digits));
                digits.clear();
            }
        } else if (c != '(' && c != ' ' && c != 'L') {
            fail(ErrorCode::InvalidFile, ".npy shape is not a tuple of integers: " + text);
        }
    }
    if (shape.size() > 32) fail(ErrorCode::InvalidFile, ".npy shape has too many dimensions");
    return shape;
}

std::vector<uint8_t> inflate_raw(const std::vector<uint8_t>& in, uint64_t expected, const std::string& what) {
    std::vector<uint8_t> out(expected);
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) fail(ErrorCode::Internal, "zlib could not start");
    zs.next_in = const_cast<Bytef*>(in.data());
    zs.avail_in = static_cast<uInt>(std::min<uint64_t>(in.size(), std::numeric_limits<uInt>::max()));
    uint64_t produced = 0;
    for (;;) {
        // uInt is 32 bits: a member larger than 4 GiB inflates in chunks.
        const auto chunk = static_cast<uInt>(std::min<uint64_t>(expected - produced, std::numeric_limits<uInt>::max()));
        zs.next_out = out.data() + produced;
        zs.avail_out = chunk;
        const int rc = inflate(&zs, Z_NO_FLUSH);
        const uint64_t got = chunk - zs.avail_out;
        produced += got;
        if (rc == Z_STREAM_END) break;
        if ((rc != Z_OK && rc != Z_BUF_ERROR) || produced == expected || (got == 0 && zs.avail_in == 0)) {
            inflateEnd(&zs);
            fail(ErrorCode::InvalidFile, what + ": corrupt deflate data (or larger than the directory says)");
        }
    }
    inflateEnd(&zs);
    if (produced != expected) fail(ErrorCode::InvalidFile, what + ": inflated size differs from the directory's");
    return out;
}

}  // namespace

int64_t NpyArray::numel() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

Expected<NpyArray> parse_npy(std::string_view bytes) {
    return capture([&] {
        const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
        if (bytes.size() < 10 || std::memcmp(bytes.data(), "\x93NUMPY", 6) != 0)
            fail(ErrorCode::InvalidFile, "not a .npy array (no \\x93NUMPY magic)");
        const int major = p[6];
        uint64_t header_len = 0, header_at = 0;
        if (major == 1) {
            header_len = u16(p + 8);
            header_at = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.size() < 12) fail(ErrorCode::InvalidFile, "truncated .npy header");
            header_len = u32(p + 8);
            header_at = 12;
        } else {
            fail(ErrorCode::InvalidFile, ".npy format version " + std::to_string(major) + " is not known");
        }
        if (header_at + header_len > bytes.size()) fail(ErrorCode::InvalidFile, "truncated .npy header");
        const std::string header(bytes.substr(header_at, header_len));
        NpyArray a;
        a.descr = dict_value(header, "descr");
        a.fortran_order = dict_value(header, "fortran_order") == "True";
        a.shape = parse_shape(dict_value(header, "shape"));
        if (a.descr.size() < 2) fail(ErrorCode::InvalidFile, ".npy dtype \"" + a.descr + "\" is not known");
        const char order = a.descr[0];
        a.big_endian = order == '>';
        a.kind = a.descr[1];
        if (a.kind == 'O') fail(ErrorCode::Unsupported, "an object array can only be read by unpickling, which Lancet never does");
        try {
            a.itemsize = std::stoi(a.descr.substr(2));
        } catch (...) {
            fail(ErrorCode::InvalidFile, ".npy dtype \"" + a.descr + "\" is not known");
        }
        if (a.itemsize <= 0 || a.itemsize > 64) fail(ErrorCode::InvalidFile, ".npy dtype \"" + a.descr + "\" is not known");
        const uint64_t body = bytes.size() - header_at - header_len;
        uint64_t numel = 1;
        for (int64_t d : a.shape) {
            if (d < 0 || (d > 0 && numel > std::numeric_limits<uint64_t>::max() / static_cast<uint64_t>(d)))
                fail(ErrorCode::InvalidFile, ".npy shape overflows");
            numel *= static_cast<uint64_t>(d);
        }
        const uint64_t unit = static_cast<uint64_t>(a.kind == 'U' ? 4 * a.itemsize : a.itemsize);
        if (numel > body / std::max<uint64_t>(unit, 1) || numel * unit != body)
            fail(ErrorCode::InvalidFile, ".npy data size differs from its shape (" + std::to_string(body) + " bytes)");
        if (a.kind == 'U' || a.kind == 'S') return a;  // strings: listed, not read
        if (a.kind != 'f' && a.kind != 'i' && a.kind != 'u' && a.kind != 'b')
            fail(ErrorCode::Unsupported, ".npy dtype \"" + a.descr + "\" is not read by Lancet");
        a.data.assign(p + header_at + header_len, p + bytes.size());
        return a;
    });
}

Expected<NpzFile> NpzFile::open(const std::string& path, uint64_t max_member_bytes) {
    return capture([&] {
        std::ifstream in(path, std::ios::binary | std::ios::ate);
        if (!in) fail(ErrorCode::NotFound, "cannot open " + path);
        NpzFile f;
        f.path_ = path;
        f.max_member_bytes_ = max_member_bytes;
        f.file_size_ = static_cast<uint64_t>(in.tellg());
        if (f.file_size_ < 22) fail(ErrorCode::InvalidFile, path + ": not a zip archive (too short)");
        // End of central directory: the last 22 bytes plus at most a 64 KiB comment.
        const uint64_t tail = std::min<uint64_t>(f.file_size_, 22 + 65535);
        const auto buf = read_range(in, f.file_size_ - tail, tail, path);
        int64_t eocd = -1;
        for (int64_t i = static_cast<int64_t>(tail) - 22; i >= 0; --i)
            if (u32(&buf[static_cast<size_t>(i)]) == 0x06054b50) {
                eocd = i;
                break;
            }
        if (eocd < 0) fail(ErrorCode::InvalidFile, path + ": not a zip archive (no end of central directory)");
        const uint8_t* e = &buf[static_cast<size_t>(eocd)];
        uint64_t entries = u16(e + 10), cd_size = u32(e + 12), cd_offset = u32(e + 16);
        if (entries == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {
            // Zip64: its locator sits right before the end record.
            const uint64_t eocd_at = f.file_size_ - tail + static_cast<uint64_t>(eocd);
            if (eocd_at < 20) fail(ErrorCode::InvalidFile, path + ": zip64 locator missing");
            const auto loc = read_range(in, eocd_at - 20, 20, path);
            if (u32(loc.data()) != 0x07064b50) fail(ErrorCode::InvalidFile, path + ": zip64 locator missing");
            const uint64_t rec_at = u64(loc.data() + 8);
            if (rec_at + 56 > f.file_size_) fail(ErrorCode::InvalidFile, path + ": zip64 record out of the file");
            const auto rec = read_range(in, rec_at, 56, path);
            if (u32(rec.data()) != 0x06064b50) fail(ErrorCode::InvalidFile, path + ": bad zip64 record");
            entries = u64(rec.data() + 32);
            cd_size = u64(rec.data() + 40);
            cd_offset = u64(rec.data() + 48);
        }
        if (cd_offset > f.file_size_ || cd_size > f.file_size_ - cd_offset || entries > cd_size / 46)
            fail(ErrorCode::InvalidFile, path + ": central directory out of the file");
        const auto cd = read_range(in, cd_offset, cd_size, path);
        size_t at = 0;
        for (uint64_t k = 0; k < entries; ++k) {
            if (at + 46 > cd.size() || u32(&cd[at]) != 0x02014b50)
                fail(ErrorCode::InvalidFile, path + ": malformed central directory");
            const uint8_t* h = &cd[at];
            NpzMember m;
            m.method = u16(h + 10);
            m.compressed = u32(h + 20);
            m.size = u32(h + 24);
            const size_t name_len = u16(h + 28), extra_len = u16(h + 30), comment_len = u16(h + 32);
            uint64_t local = u32(h + 42);
            if (at + 46 + name_len + extra_len + comment_len > cd.size())
                fail(ErrorCode::InvalidFile, path + ": malformed central directory");
            m.name.assign(reinterpret_cast<const char*>(h + 46), name_len);
            // Zip64 extended information: the 0xFFFFFFFF fields, in order.
            for (size_t x = 0; x + 4 <= extra_len;) {
                const uint8_t* ex = h + 46 + name_len + x;
                const uint16_t id = u16(ex), len = u16(ex + 2);
                if (x + 4 + len > extra_len) break;
                if (id == 0x0001) {
                    size_t q = 4;
                    auto take = [&](uint64_t& field) {
                        if (field == 0xFFFFFFFF && q + 8 <= 4u + len) {
                            field = u64(ex + q);
                            q += 8;
                        }
                    };
                    take(m.size);
                    take(m.compressed);
                    take(local);
                }
                x += 4 + len;
            }
            at += 46 + name_len + extra_len + comment_len;
            if (m.method != 0 && m.method != 8)
                fail(ErrorCode::Unsupported, path + ": member " + m.name + " uses zip method " + std::to_string(m.method));
            if (local > f.file_size_ || m.compressed > f.file_size_ - local)
                fail(ErrorCode::InvalidFile, path + ": member " + m.name + " lies outside the file");
            if (m.size > max_member_bytes)
                fail(ErrorCode::InvalidFile, path + ": member " + m.name + " claims " + std::to_string(m.size) +
                                                 " bytes, more than the limit");
            if (m.name.size() > 4 && m.name.compare(m.name.size() - 4, 4, ".npy") == 0) m.name.resize(m.name.size() - 4);
            f.local_offsets_[m.name] = local;
            f.members_.push_back(m);
        }
        return f;
    });
}

bool NpzFile::has(const std::string& name) const { return local_offsets_.count(name) > 0; }

Expected<NpyArray> NpzFile::array(const std::string& name) const {
    return capture([&] {
        auto it = std::find_if(members_.begin(), members_.end(), [&](const NpzMember& m) { return m.name == name; });
        if (it == members_.end()) {
            std::string known;
            for (const auto& m : members_) known += (known.empty() ? "" : ", ") + m.name;
            fail(ErrorCode::NotFound, path_ + " has no array \"" + name + "\" (it has: " + known + ")");
        }
        std::ifstream in(path_, std::ios::binary);
        if (!in) fail(ErrorCode::Io, "cannot read " + path_);
        const uint64_t local = local_offsets_.at(name);
        if (local + 30 > file_size_) fail(ErrorCode::InvalidFile, path_ + ": local header out of the file");
        const auto lh = read_range(in, local, 30, path_);
        if (u32(lh.data()) != 0x04034b50) fail(ErrorCode::InvalidFile, path_ + ": bad local header for " + name);
        const uint64_t data_at = local + 30 + u16(lh.data() + 26) + u16(lh.data() + 28);
        if (data_at > file_size_ || it->compressed > file_size_ - data_at)
            fail(ErrorCode::InvalidFile, path_ + ": member " + name + " lies outside the file");
        auto raw = read_range(in, data_at, it->compressed, path_);
        if (it->method == 8) raw = inflate_raw(raw, it->size, path_ + ": " + name);
        else if (raw.size() != it->size) fail(ErrorCode::InvalidFile, path_ + ": stored member " + name + " has the wrong size");
        auto a = parse_npy(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
        if (!a) throw EngineException(a.error().with_context(path_ + ": " + name));
        return a.value();
    });
}

}  // namespace lancet
