// Runs a fuzz target's LLVMFuzzerTestOneInput on every file of the folders
// given (the seeds and the committed regression inputs), so the normal test
// suite replays them in seconds on any compiler; libFuzzer is needed only to
// search for new inputs (packaging/fuzz.sh).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    size_t inputs = 0;
    for (int a = 1; a < argc; ++a) {
        if (!fs::is_directory(argv[a])) continue;
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(argv[a]))
            if (e.is_regular_file()) files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            // libFuzzer never passes a null pointer, even for an empty input (a
            // .gitkeep, say); an empty vector's data() may be null.
            static const uint8_t empty = 0;
            LLVMFuzzerTestOneInput(bytes.empty() ? &empty : bytes.data(), bytes.size());
            ++inputs;
        }
    }
    std::printf("%zu inputs replayed without a crash or a violated invariant\n", inputs);
    return inputs > 0 ? 0 : 1;
}
