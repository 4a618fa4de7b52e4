// Fuzz target: GPT-2's original files, vocab.json and merges.txt, from one
// input split at its first NUL byte (vocab before, merges after).
#include "fuzz_invariants.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string base = "/tmp/lancet-fuzz-gpt2-" + std::to_string(::getpid());
    const char* bytes = reinterpret_cast<const char*>(data);
    const void* nul = std::memchr(bytes, 0, size);
    const size_t split = nul ? static_cast<size_t>(static_cast<const char*>(nul) - bytes) : size;
    std::ofstream(base + ".vocab.json", std::ios::binary | std::ios::trunc).write(bytes, static_cast<std::streamsize>(split));
    const size_t rest = split < size ? size - split - 1 : 0;
    std::ofstream(base + ".merges.txt", std::ios::binary | std::ios::trunc)
        .write(bytes + std::min(size, split + 1), static_cast<std::streamsize>(rest));
    auto tok = lancet::Tokenizer::from_vocab_merges(base + ".vocab.json", base + ".merges.txt");
    if (!tok) return 0;
    lancet::fuzz::check_encoding(tok.value(), "The Space Needle is in Seattle.", false);
    lancet::fuzz::check_encoding(tok.value(), std::string_view(bytes, std::min<size_t>(size, 256)), true);
    return 0;
}
