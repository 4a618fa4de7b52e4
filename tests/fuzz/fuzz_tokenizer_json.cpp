// Fuzz target: a hostile tokenizer.json (the loader reads a path, so the bytes
// go through a per-process scratch file). A file that loads must then encode
// text, including the input's own bytes, within the tokenizer's guarantees.
#include "fuzz_invariants.h"

#include <cstdint>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = "/tmp/lancet-fuzz-tokenizer-" + std::to_string(::getpid()) + ".json";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    auto tok = lancet::Tokenizer::from_tokenizer_json(path);
    if (!tok) return 0;  // refused with an error: what a bad file should get
    const std::string_view bytes(reinterpret_cast<const char*>(data), std::min<size_t>(size, 512));
    for (std::string_view text : {std::string_view("The Space Needle is in Seattle."), std::string_view(" 12345  \n\t"), bytes}) {
        lancet::fuzz::check_encoding(tok.value(), text, false);
        lancet::fuzz::check_encoding(tok.value(), text, true);
    }
    return 0;
}
