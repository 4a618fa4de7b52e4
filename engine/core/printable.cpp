#include "core/printable.h"

#include <cstdio>
#include <sstream>

namespace lancet {

std::string printable_excerpt(std::string_view s, std::size_t max_bytes) {
    std::size_t end = s.size() <= max_bytes ? s.size() : max_bytes;
    // Back to the start of a UTF-8 sequence: never half a character before "...".
    if (end < s.size())
        while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    std::string out;
    for (unsigned char c : s.substr(0, end)) {
        if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    if (end < s.size()) out += "...";
    return out;
}

std::string format_gigabytes(int64_t bytes) {
    std::ostringstream os;
    os.precision(3);
    os << static_cast<double>(bytes) / double(int64_t(1) << 30) << " GB";
    return os.str();
}

}  // namespace lancet
