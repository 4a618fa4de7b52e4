#include "tokenizer/continuation.h"

#include <algorithm>
#include <string>

namespace lancet {

std::vector<int64_t> continuation_ids(const Tokenizer& tokenizer, std::string_view text) {
    // "a" ends a word in every pre-tokenizer Lancet reads, so no merge joins it to the text.
    static constexpr std::string_view kAnchor = "a";
    const std::vector<int64_t> anchor = tokenizer.encode(kAnchor).ids;
    std::string joined(kAnchor);
    joined.append(text);
    std::vector<int64_t> ids = tokenizer.encode(joined).ids;
    if (ids.size() > anchor.size() && std::equal(anchor.begin(), anchor.end(), ids.begin()))
        return std::vector<int64_t>(ids.begin() + static_cast<std::ptrdiff_t>(anchor.size()), ids.end());
    return tokenizer.encode(text).ids;  // the anchor merged after all: the text on its own
}

}  // namespace lancet
