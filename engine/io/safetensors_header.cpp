#include "io/safetensors_header.h"

#include "core/printable.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <set>

namespace lancet {

namespace safetensors_text {

std::string quoted(const std::string& s) { return "'" + s + "'"; }

bool valid_utf8(const unsigned char* s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        uint32_t cp;
        if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
        else return false;
        if (n - i < len) return false;
        for (size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

bool valid_utf8(const std::string& s) { return valid_utf8(reinterpret_cast<const unsigned char*>(s.data()), s.size()); }

std::string printable(const std::string& s) { return printable_excerpt(s, 200); }

}  // namespace safetensors_text

namespace {

using safetensors_text::kMaxJsonDepth;
using safetensors_text::printable;
using safetensors_text::quoted;
using safetensors_text::valid_utf8;

// The reference implementation's limit (safetensors MAX_HEADER_SIZE).
constexpr uint64_t kMaxHeaderBytes = 100'000'000;

uint64_t read_le64(const unsigned char* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

// Non-negative JSON integer that fits int64 (for torch sizes); false otherwise.
bool as_size(const nlohmann::json& j, uint64_t& out) {
    if (j.is_number_unsigned()) {
        out = j.get<uint64_t>();
        return out <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    }
    if (j.is_number_integer()) {
        int64_t v = j.get<int64_t>();
        if (v < 0) return false;
        out = static_cast<uint64_t>(v);
        return true;
    }
    return false;
}

std::string json_excerpt(const nlohmann::json& j) {
    std::string s = j.dump();
    return s.size() > 80 ? s.substr(0, 77) + "..." : s;
}

struct DtypeSize {
    const char* name;
    int64_t size;
};
// Every dtype the safetensors format defines (LibTorch loads a subset: io/safetensors.cpp).
constexpr DtypeSize kDtypeSizes[] = {{"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"F8_E5M2", 1}, {"F8_E4M3", 1},
                                     {"I16", 2},  {"U16", 2}, {"F16", 2}, {"BF16", 2},    {"I32", 4},
                                     {"U32", 4},  {"F32", 4}, {"F64", 8}, {"I64", 8},     {"U64", 8}};

}  // namespace

int64_t safetensors_dtype_size(const std::string& dtype) {
    for (const auto& d : kDtypeSizes)
        if (dtype == d.name) return d.size;
    return 0;
}

int64_t TensorInfo::numel() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

Expected<SafetensorsHeader> parse_safetensors_header(const unsigned char* bytes, uint64_t file_size,
                                                     const std::string& path) {
    return capture([&] {
        auto bad = [&](const std::string& what) { fail(ErrorCode::InvalidFile, path + ": " + what); };
        auto bad_tensor = [&](const std::string& name, const std::string& what) {
            fail(ErrorCode::InvalidFile, path + ": tensor " + quoted(printable(name)) + ": " + what);
        };
        if (file_size < 8)
            bad("file is " + std::to_string(file_size) + " bytes, too short for a safetensors file (truncated?)");
        SafetensorsHeader out;
        const uint64_t header_len = read_le64(bytes);
        if (header_len > file_size - 8)
            bad("header length " + std::to_string(header_len) + " bytes exceeds the file size (" + std::to_string(file_size) +
                " bytes); the file is truncated or not safetensors");
        if (header_len > kMaxHeaderBytes)
            bad("header length " + std::to_string(header_len) + " bytes exceeds the 100 MB limit");
        if (header_len < 2) bad("header of " + std::to_string(header_len) + " bytes cannot hold a JSON object");
        const unsigned char* header = bytes + 8;
        if (!valid_utf8(header, header_len)) bad("header is not valid UTF-8");

        nlohmann::json j;
        std::set<std::string> seen;
        std::string duplicate;
        try {
            j = nlohmann::json::parse(
                reinterpret_cast<const char*>(header), reinterpret_cast<const char*>(header) + header_len,
                [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
                    if ((event == nlohmann::json::parse_event_t::object_start ||
                         event == nlohmann::json::parse_event_t::array_start) &&
                        depth > kMaxJsonDepth)
                        bad("header JSON is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
                    if (event == nlohmann::json::parse_event_t::key && depth == 1 && parsed.is_string()) {
                        const auto& key = parsed.get_ref<const std::string&>();
                        if (!seen.insert(key).second && duplicate.empty()) duplicate = key;
                    }
                    return true;
                });
        } catch (const nlohmann::json::exception& e) {
            bad(std::string("header is not valid JSON: ") + e.what());
        }
        if (!j.is_object()) bad(std::string("header is not a JSON object (it is ") + j.type_name() + ")");
        if (!duplicate.empty()) bad_tensor(duplicate, "appears twice in the header");

        out.data_offset = 8 + header_len;
        const uint64_t data_size = file_size - out.data_offset;

        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string& name = it.key();
            const nlohmann::json& entry = it.value();
            if (name == "__metadata__") {
                if (!entry.is_object()) bad("__metadata__ is not a JSON object");
                for (auto m = entry.begin(); m != entry.end(); ++m) {
                    if (!m.value().is_string())
                        bad("__metadata__ value for " + quoted(printable(m.key())) + " is not a string");
                    out.metadata[m.key()] = m.value().get<std::string>();
                }
                continue;
            }
            if (!entry.is_object()) bad_tensor(name, "entry is not a JSON object");

            TensorInfo info;
            info.name = name;

            auto dt = entry.find("dtype");
            if (dt == entry.end() || !dt->is_string()) bad_tensor(name, "missing or non-string \"dtype\"");
            info.dtype = dt->get<std::string>();
            const int64_t dtype_size = safetensors_dtype_size(info.dtype);
            if (dtype_size == 0)
                fail(ErrorCode::Unsupported,
                     path + ": tensor " + quoted(printable(name)) + ": unknown dtype " + quoted(printable(info.dtype)));

            auto sh = entry.find("shape");
            if (sh == entry.end() || !sh->is_array()) bad_tensor(name, "missing or non-array \"shape\"");
            uint64_t numel = 1;
            for (const auto& dim : *sh) {
                uint64_t d = 0;
                if (!as_size(dim, d)) bad_tensor(name, "shape " + json_excerpt(*sh) + " has a dimension that is not a non-negative integer");
                if (__builtin_mul_overflow(numel, d, &numel) || numel > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                    bad_tensor(name, "shape " + json_excerpt(*sh) + " has more elements than can be addressed");
                info.shape.push_back(static_cast<int64_t>(d));
            }
            uint64_t nbytes = 0;
            if (__builtin_mul_overflow(numel, static_cast<uint64_t>(dtype_size), &nbytes))
                bad_tensor(name, "shape " + json_excerpt(*sh) + " is too large for dtype " + info.dtype);

            auto off = entry.find("data_offsets");
            if (off == entry.end() || !off->is_array() || off->size() != 2 || !as_size((*off)[0], info.data_begin) ||
                !as_size((*off)[1], info.data_end))
                bad_tensor(name, "\"data_offsets\" must be [begin, end] with non-negative integers");
            if (info.data_begin > info.data_end)
                bad_tensor(name, "data_offsets [" + std::to_string(info.data_begin) + ", " + std::to_string(info.data_end) +
                                     "] end before they begin");
            if (info.data_end > data_size)
                bad_tensor(name, "data_offsets [" + std::to_string(info.data_begin) + ", " + std::to_string(info.data_end) +
                                     "] lie outside the data area (" + std::to_string(data_size) +
                                     " bytes); the file is truncated or corrupt");
            if (info.data_end - info.data_begin != nbytes)
                bad_tensor(name, "data_offsets [" + std::to_string(info.data_begin) + ", " + std::to_string(info.data_end) +
                                     "] span " + std::to_string(info.data_end - info.data_begin) + " bytes, but dtype " +
                                     info.dtype + " with shape " + json_excerpt(*sh) + " needs " + std::to_string(nbytes));
            out.tensors.push_back(std::move(info));
        }

        // Byte ranges must not overlap (an edit of one tensor would change another).
        std::vector<const TensorInfo*> by_offset;
        for (const auto& t : out.tensors) by_offset.push_back(&t);
        std::sort(by_offset.begin(), by_offset.end(), [](const TensorInfo* a, const TensorInfo* b) {
            return a->data_begin != b->data_begin ? a->data_begin < b->data_begin : a->data_end < b->data_end;
        });
        const TensorInfo* furthest = nullptr;  // the range reaching furthest so far
        for (const TensorInfo* t : by_offset) {
            if (furthest != nullptr && t->data_begin < furthest->data_end)
                bad_tensor(t->name, "data_offsets [" + std::to_string(t->data_begin) + ", " + std::to_string(t->data_end) +
                                        "] overlap those of tensor " + quoted(printable(furthest->name)) + " [" +
                                        std::to_string(furthest->data_begin) + ", " + std::to_string(furthest->data_end) + "]");
            if (furthest == nullptr || t->data_end > furthest->data_end) furthest = t;
        }

        std::sort(out.tensors.begin(), out.tensors.end(),
                  [](const TensorInfo& a, const TensorInfo& b) { return a.name < b.name; });
        return out;
    });
}

}  // namespace lancet
