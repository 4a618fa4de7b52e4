// NumPy .npz statistics (io/npz.h, edit/stats_import.h): files written by numpy
// itself (tests/fixtures/stats/make_npz.py, stored and deflated, zip64 local
// headers, Fortran order, big-endian), hostile archives refused before any large
// allocation, object arrays refused (never unpickled), and ROME with imported
// statistics equal to ROME with the same matrix given directly.
#include "check.h"
#include "model_snapshot.h"

#include "edit/rome.h"
#include "edit/stats_import.h"
#include "io/npz.h"
#include "model/model.h"

#include <torch/torch.h>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace lancet_suite_npz {

using namespace lancet;

namespace {

std::string fixture(const std::string& name) { return lancet::test::fixtures_dir() + "/stats/" + name; }

// The generator's matrix: C[i][j] = 0.01 cos(i - j) + 0.5 [i == j].
torch::Tensor expected_C(int64_t d) {
    auto i = torch::arange(d, torch::kDouble);
    return (0.01 * torch::cos(i.unsqueeze(1) - i.unsqueeze(0)) + 0.5 * torch::eye(d, torch::kDouble)).to(torch::kFloat);
}

}  // namespace

LANCET_TEST(reads_the_reference_codes_layer_stats) {
    auto f = NpzFile::open(fixture("rome-layer-stats.npz"));
    REQUIRE_OK(f);
    CHECK(f->members().size() == 4 && f->has("mom2.mom2") && f->has("mom2.count") && f->has("constructor"));
    auto constructor = f->array("constructor");
    REQUIRE_OK(constructor);
    CHECK(constructor->kind == 'U' && constructor->data.empty());  // listed, not read
    for (const char* name : {"rome-layer-stats.npz", "rome-layer-stats-compressed.npz"}) {
        auto s = import_layer_stats_npz(fixture(name), 128);
        REQUIRE_OK(s);
        CHECK(s->count == 5000);
        CHECK(torch::allclose(s->mom2, expected_C(128), 1e-6, 1e-7));
    }
    auto missing = f->array("nope");
    CHECK(!missing.ok() && missing.error().code == ErrorCode::NotFound &&
          missing.error().message.find("mom2.mom2") != std::string::npos);
    // Another model's statistics are refused by shape.
    auto wrong = import_layer_stats_npz(fixture("rome-layer-stats.npz"), 64);
    CHECK(!wrong.ok() && wrong.error().message.find("128") != std::string::npos);
}

LANCET_TEST(fortran_order_float64_and_big_endian) {
    auto s = import_layer_stats_npz(fixture("float64-fortran.npz"), 16);
    REQUIRE_OK(s);
    CHECK(torch::allclose(s->mom2, expected_C(16), 1e-6, 1e-7));
    auto f = NpzFile::open(fixture("float64-fortran.npz"));
    REQUIRE_OK(f);
    auto probe = npy_to_tensor(f->array("probe").value());
    REQUIRE_OK(probe);
    CHECK(torch::equal(*probe, torch::arange(6, torch::kInt).reshape({2, 3})));
    auto be = npy_to_tensor(f->array("big_endian").value());
    REQUIRE_OK(be);
    CHECK(torch::equal(*be, torch::arange(3, torch::kFloat)));
}

// Nothing of an object array is read: it would need pickle.
LANCET_TEST(object_arrays_are_refused) {
    auto f = NpzFile::open(fixture("object-array.npz"));
    REQUIRE_OK(f);
    auto bad = f->array("bad");
    CHECK(!bad.ok() && bad.error().code == ErrorCode::Unsupported &&
          bad.error().message.find("unpickling") != std::string::npos);
    auto s = import_layer_stats_npz(fixture("object-array.npz"));
    CHECK(!s.ok() && s.error().code == ErrorCode::NotFound);
}

LANCET_TEST(hostile_archives_get_clear_errors) {
    const std::string dir = lancet::test::scratch_dir("npz");
    std::ifstream in(fixture("rome-layer-stats.npz"), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto write = [&](const std::string& name, const std::string& content) {
        std::ofstream(dir + "/" + name, std::ios::binary) << content;
        return dir + "/" + name;
    };
    CHECK(NpzFile::open(write("short.npz", bytes.substr(0, 10))).error().code == ErrorCode::InvalidFile);
    CHECK(NpzFile::open(write("garbage.npz", std::string(4096, 'x'))).error().code == ErrorCode::InvalidFile);
    // The archive cut in the middle: the directory is gone.
    CHECK(!NpzFile::open(write("cut.npz", bytes.substr(0, bytes.size() / 2))).ok());
    // A member larger than the caller allows is refused before it is read.
    auto limited = NpzFile::open(fixture("rome-layer-stats.npz"), 1000);
    CHECK(!limited.ok() && limited.error().message.find("limit") != std::string::npos);
    // A .npy whose shape claims more data than there is.
    const std::string npy = std::string("\x93NUMPY\x01\x00", 8) + std::string("\x46\x00", 2) +
                            "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }" + std::string(4, ' ') +
                            "\n" + std::string(16, '\0');
    auto a = parse_npy(npy);
    CHECK(!a.ok() && a.error().code == ErrorCode::InvalidFile);
    CHECK(!parse_npy("not numpy").ok());
    CHECK(NpzFile::open(dir + "/absent.npz").error().code == ErrorCode::NotFound);
}

// ROME's update from the imported statistics equals its update from the same
// matrix handed over directly: the import feeds the real pipeline.
LANCET_TEST(rome_with_imported_stats_equals_rome_with_the_matrix) {
    auto model = lancet::test::load_tiny_gpt2();
    RomeRequest r;
    r.prompt = "{} is located in the city of";
    r.subject = "The Space Needle";
    r.target_new = "Paris";
    RomeOptions direct;
    direct.layer = 1;
    direct.hparams.v_num_grad_steps = 3;
    direct.context_templates = std::vector<std::string>{"{}"};
    direct.predict_after = false;
    direct.mom2 = expected_C(128);
    direct.mom2_count = 5000;
    RomeOptions imported = direct;
    imported.mom2 = torch::Tensor();
    imported.mom2_count = 0;
    imported.stats.npz = {{1, fixture("rome-layer-stats.npz")}};
    auto a = compute_rome(*model, r, direct);
    auto b = compute_rome(*model, r, imported);
    REQUIRE_OK(a);
    REQUIRE_OK(b);
    CHECK(torch::allclose(a->u, b->u, 1e-5, 1e-7) && torch::allclose(a->v, b->v, 1e-5, 1e-7));
    CHECK(b->diagnostics.dump().find("rome-layer-stats.npz") != std::string::npos);
}

}  // namespace lancet_suite_npz
