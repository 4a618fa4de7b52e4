// Loading a Hugging Face folder: every way it can be wrong gives a clear error
// naming the file or tensor, and nothing crashes.
#include "check.h"

#include "io/safetensors.h"
#include "model/model.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_model_load {

namespace fs = std::filesystem;
using namespace lancet;

namespace {

std::string tiny_dir() { return test::fixtures_dir() + "/tiny-gpt2"; }

// A scratch copy of the tiny model whose config and tensors a test can spoil.
std::string copy_tiny(const std::string& name) {
    std::string dir = test::scratch_dir(name);
    for (const char* f : {"config.json", "model.safetensors", "vocab.json", "merges.txt"})
        fs::copy_file(tiny_dir() + "/" + f, dir + "/" + f);
    return dir;
}

nlohmann::json read_config(const std::string& dir) {
    std::ifstream f(dir + "/config.json");
    return nlohmann::json::parse(f);
}

void write_config(const std::string& dir, const nlohmann::json& j) {
    std::ofstream f(dir + "/config.json");
    f << j.dump(1);
}

void rewrite_tensors(const std::string& dir, const std::function<void(NamedTensors&)>& change) {
    auto src = TensorSource::open(tiny_dir());
    NamedTensors tensors;
    for (const auto& kv : *src->load_all()) tensors.emplace_back(kv.first, kv.second.clone());
    change(tensors);
    fs::remove(dir + "/model.safetensors");
    auto w = write_safetensors(dir + "/model.safetensors", tensors);
    if (!w) throw std::runtime_error(w.error().message);
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

LANCET_TEST(loads_tiny_model_and_reports_its_shape) {
    auto m = Model::load(tiny_dir());
    REQUIRE_OK(m);
    CHECK_EQ((*m)->config().n_layer, 2);
    CHECK_EQ((*m)->config().d_model, 32);
    CHECK_EQ((*m)->config().d_ff, 128);
    CHECK((*m)->dtype() == torch::kFloat);
    CHECK(!(*m)->fingerprint().empty());
    CHECK((*m)->load_warnings().empty());
}

// The CPU weights are views of the mapped file: a file rewritten in place is
// noticed and named; a file replaced by rename is not a change to the mapping.
LANCET_TEST(weight_files_changed_in_place_are_noticed) {
    const std::string dir = copy_tiny("changed_in_place");
    auto model = Model::load(dir);
    REQUIRE_OK(model);
    CHECK((*model)->check_weight_files().ok());

    // Replaced by rename (what Lancet's own writers and most tools do): fine.
    fs::copy_file(dir + "/model.safetensors", dir + "/replacement.tmp");
    fs::rename(dir + "/replacement.tmp", dir + "/model.safetensors");
    CHECK((*model)->check_weight_files().ok());

    auto again = Model::load(dir);
    REQUIRE_OK(again);
    {  // Appended to in place: refused, naming the file and the sizes.
        std::ofstream f(dir + "/model.safetensors", std::ios::binary | std::ios::app);
        f << "xx";
    }
    auto changed = (*again)->check_weight_files();
    REQUIRE(!changed.ok());
    CHECK(changed.error().code == ErrorCode::Io);
    CHECK(contains(changed.error().message, "model.safetensors"));
    CHECK(contains(changed.error().message, "bytes"));
}

LANCET_TEST(config_disagreeing_with_tensor_shapes_names_the_tensor) {
    auto dir = copy_tiny("bad-config");
    auto j = read_config(dir);
    j["n_embd"] = 64;
    write_config(dir, j);
    auto m = Model::load(dir);
    REQUIRE(!m.ok());
    CHECK(m.error().code == ErrorCode::InvalidFile);
    CHECK(contains(m.error().message, "wte.weight"));
    CHECK(contains(m.error().message, "config.json implies"));
}

LANCET_TEST(missing_tokenizer_files_are_reported) {
    auto dir = copy_tiny("no-tokenizer");
    fs::remove(dir + "/merges.txt");
    auto m = Model::load(dir);
    REQUIRE(!m.ok());
    CHECK(m.error().code == ErrorCode::NotFound);
    CHECK(contains(m.error().message, "merges.txt"));
}

LANCET_TEST(missing_tensor_is_named) {
    auto dir = copy_tiny("missing-tensor");
    rewrite_tensors(dir, [](NamedTensors& t) {
        t.erase(std::remove_if(t.begin(), t.end(), [](auto& kv) { return kv.first == "transformer.h.1.mlp.c_proj.weight"; }),
                t.end());
    });
    auto m = Model::load(dir);
    REQUIRE(!m.ok());
    CHECK(m.error().code == ErrorCode::NotFound);
    CHECK(contains(m.error().message, "transformer.h.1.mlp.c_proj.weight"));
}

LANCET_TEST(nan_weights_are_refused) {
    auto dir = copy_tiny("nan-weights");
    rewrite_tensors(dir, [](NamedTensors& t) {
        for (auto& kv : t)
            if (kv.first == "transformer.h.0.attn.c_attn.weight") kv.second[3][5] = std::numeric_limits<float>::quiet_NaN();
    });
    auto m = Model::load(dir);
    REQUIRE(!m.ok());
    CHECK(contains(m.error().message, "transformer.h.0.attn.c_attn.weight"));
    CHECK(contains(m.error().message, "NaN"));
}

LANCET_TEST(unsupported_architecture_and_missing_config) {
    auto dir = copy_tiny("unsupported");
    auto j = read_config(dir);
    j["model_type"] = "mamba";
    write_config(dir, j);
    auto m = Model::load(dir);
    REQUIRE(!m.ok());
    CHECK(m.error().code == ErrorCode::Unsupported);
    CHECK(contains(m.error().message, "mamba"));
    fs::remove(dir + "/config.json");
    auto m2 = Model::load(dir);
    REQUIRE(!m2.ok());
    CHECK(contains(m2.error().message, "config.json"));
    auto m3 = Model::load(dir + "/does-not-exist");
    CHECK(!m3.ok());
}

LANCET_TEST(fp16_and_bf16_loading_converts_to_working_dtype) {
    auto dir = copy_tiny("half");
    rewrite_tensors(dir, [](NamedTensors& t) {
        for (auto& kv : t) kv.second = kv.second.to(torch::kHalf);
    });
    auto m = Model::load(dir);
    REQUIRE_OK(m);
    CHECK((*m)->dtype() == torch::kFloat);  // "auto" on the CPU computes in float32
    LoadOptions bf;
    bf.dtype = "bf16";
    auto m2 = Model::load(dir, bf);
    REQUIRE_OK(m2);
    CHECK((*m2)->weights().tok_embed.scalar_type() == torch::kBFloat16);
    LoadOptions bad;
    bad.dtype = "int4";
    CHECK(!Model::load(dir, bad).ok());
}

}  // namespace lancet_suite_model_load
