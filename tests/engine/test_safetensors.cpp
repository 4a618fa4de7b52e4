// Safetensors reading (validation, zero-copy mapping, copy-on-write edits),
// writing, and model folders (single file, sharded, hostile indexes).
#include "check.h"

#include "core/printable.h"
#include "io/safetensors.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_safetensors {

namespace fs = std::filesystem;
using namespace lancet;

namespace {

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_raw(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string le64(uint64_t v) {
    std::string s(8, '\0');
    for (int i = 0; i < 8; ++i) s[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    return s;
}

// A hand-built file: length prefix, header text as given, then `data`.
std::string raw_file(const std::string& header, const std::string& data) { return le64(header.size()) + header + data; }

std::string write_hostile(const std::string& name, const std::string& bytes) {
    std::string path = lancet::test::scratch_dir("st-hostile") + "/" + name;
    write_raw(path, bytes);
    return path;
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// Checks the error code and that the message names every given fragment (file, tensor).
template <class T>
void check_error(const Expected<T>& result, ErrorCode code, std::initializer_list<std::string> fragments,
                 const char* what) {
    if (result.ok()) {
        lancet::test::record_failure(__FILE__, __LINE__, std::string(what) + ": expected an error, got success");
        return;
    }
    if (result.error().code != code)
        lancet::test::record_failure(__FILE__, __LINE__,
                                     std::string(what) + ": expected code " + error_code_name(code) + ", got " +
                                         error_code_name(result.error().code) + ": " + result.error().message);
    for (const auto& f : fragments)
        if (!contains(result.error().message, f))
            lancet::test::record_failure(__FILE__, __LINE__,
                                         std::string(what) + ": message lacks '" + f + "': " + result.error().message);
}

std::string floats(std::initializer_list<float> values) {
    std::string s;
    for (float v : values) s.append(reinterpret_cast<const char*>(&v), sizeof v);
    return s;
}

}  // namespace

// ----- round trips ----------------------------------------------------------

// Untrusted names in messages: control bytes escaped, long ones cut at a
// character boundary (never half of 台), short ones unchanged.
LANCET_TEST(untrusted_text_is_shown_escaped_and_cut_whole) {
    CHECK_EQ(printable_excerpt("model.layers.0.weight", 200), std::string("model.layers.0.weight"));
    CHECK_EQ(printable_excerpt(std::string("a\x1b[2Jb\x7f", 7), 200), std::string("a\\x1B[2Jb\\x7F"));
    CHECK_EQ(printable_excerpt("ab\xe5\x8f\xb0" "cd", 4), std::string("ab..."));  // 台 would be cut: dropped whole
    CHECK_EQ(printable_excerpt("ab\xe5\x8f\xb0" "cd", 5), std::string("ab\xe5\x8f\xb0..."));
    CHECK_EQ(printable_excerpt(std::string(1000, 'x'), 10), std::string(10, 'x') + "...");
}

LANCET_TEST(round_trip_float_dtypes_scalar_and_empty) {
    auto dir = lancet::test::scratch_dir("st-roundtrip");
    auto path = dir + "/model.safetensors";
    torch::manual_seed(0);
    NamedTensors tensors = {
        {"w32", torch::randn({2, 3})},
        {"w16", torch::randn({4}).to(torch::kHalf)},
        {"wbf", torch::randn({2, 2}).to(torch::kBFloat16)},
        {"scalar", torch::tensor(3.5f).reshape({})},
        {"empty32", torch::empty({0, 3})},
        {"emptybf", torch::empty({0}, torch::kBFloat16)},
        {"scalar16", torch::tensor(1.25f).to(torch::kHalf).reshape({})},
    };
    REQUIRE_OK(write_safetensors(path, tensors, {{"format", "pt"}, {"note", "héllo"}}));

    auto file = SafetensorsFile::open(path);
    REQUIRE_OK(file);
    CHECK_EQ(file->path(), path);
    CHECK_EQ(file->tensors().size(), tensors.size());
    CHECK_EQ(file->metadata().at("format"), std::string("pt"));
    CHECK_EQ(file->metadata().at("note"), std::string("héllo"));
    for (const auto& [name, original] : tensors) {
        auto info = file->info(name);
        REQUIRE_OK(info);
        CHECK(info->shape == original.sizes().vec());
        auto loaded = file->tensor(name);
        REQUIRE_OK(loaded);
        CHECK(loaded->scalar_type() == original.scalar_type());
        CHECK(loaded->sizes().vec() == original.sizes().vec());
        CHECK(torch::equal(*loaded, original));
    }
    CHECK_EQ(std::string(file->info("w32")->dtype), std::string("F32"));
    CHECK_EQ(std::string(file->info("w16")->dtype), std::string("F16"));
    CHECK_EQ(std::string(file->info("wbf")->dtype), std::string("BF16"));
    CHECK_EQ(file->tensor("scalar")->dim(), 0);
    CHECK_EQ(file->tensor("scalar")->item<float>(), 3.5f);
    CHECK_EQ(file->tensor("empty32")->numel(), 0);
    CHECK_EQ(std::string(file->names().front()), std::string("empty32"));  // sorted
}

LANCET_TEST(written_layout_matches_reference_conventions) {
    auto path = lancet::test::scratch_dir("st-layout") + "/m.safetensors";
    NamedTensors tensors = {
        {"a_bytes", torch::arange(5, torch::kUInt8)},  // odd size: would misalign what follows
        {"b_half", torch::ones({3}, torch::kHalf)},
        {"c_float", torch::ones({3})},
        {"d_long", torch::arange(2, torch::kLong)},
    };
    REQUIRE_OK(write_safetensors(path, tensors));
    const std::string bytes = read_bytes(path);
    uint64_t header_len = 0;
    for (int i = 7; i >= 0; --i) header_len = (header_len << 8) | static_cast<unsigned char>(bytes[i]);
    CHECK_EQ(header_len % 8, 0u);
    CHECK(bytes[8] == '{');
    CHECK(bytes[8 + header_len - 1] == '}' || bytes[8 + header_len - 1] == ' ');
    auto header = nlohmann::json::parse(bytes.substr(8, header_len));
    CHECK_EQ(header["d_long"]["data_offsets"][0].get<uint64_t>(), 0u);  // largest elements first
    auto file = SafetensorsFile::open(path);
    REQUIRE_OK(file);
    for (const auto& t : file->tensors()) CHECK_EQ(t.data_begin % safetensors_dtype_size(t.dtype), 0u);
    CHECK_EQ(file->data_offset() % 8, 0u);
    uint64_t total = 0;
    for (const auto& t : file->tensors()) total += t.nbytes();
    CHECK_EQ(file->data_offset() + total, bytes.size());
    CHECK(torch::equal(file->tensor("a_bytes").value(), tensors[0].second));
    CHECK(torch::equal(file->tensor("d_long").value(), tensors[3].second));
}

LANCET_TEST(round_trip_integer_double_and_bool) {
    auto path = lancet::test::scratch_dir("st-ints") + "/m.safetensors";
    NamedTensors tensors = {
        {"i64", torch::tensor(std::vector<int64_t>{-5, 0, int64_t{1} << 40})},
        {"i32", torch::tensor({-7, 7}, torch::kInt)},
        {"i16", torch::tensor({-3, 3}, torch::kShort)},
        {"i8", torch::tensor({-1, 1}, torch::kChar)},
        {"u8", torch::tensor({0, 255}, torch::kByte)},
        {"f64", torch::tensor({0.1, -2.5}, torch::kDouble)},
        {"mask", torch::tensor({true, false, true})},
    };
    REQUIRE_OK(write_safetensors(path, tensors));
    auto file = SafetensorsFile::open(path);
    REQUIRE_OK(file);
    for (const auto& [name, original] : tensors) {
        auto loaded = file->tensor(name);
        REQUIRE_OK(loaded);
        CHECK(loaded->scalar_type() == original.scalar_type());
        CHECK(torch::equal(*loaded, original));
    }
    CHECK_EQ(std::string(file->info("mask")->dtype), std::string("BOOL"));
    CHECK_EQ(std::string(file->info("i8")->dtype), std::string("I8"));
}

LANCET_TEST(hostile_bool_bytes_are_normalised) {
    std::string header = R"({"m":{"dtype":"BOOL","shape":[3],"data_offsets":[0,3]}})";
    auto path = write_hostile("bool.safetensors", raw_file(header, std::string("\x00\x02\xff", 3)));
    auto file = SafetensorsFile::open(path);
    REQUIRE_OK(file);
    auto m = file->tensor("m");
    REQUIRE_OK(m);
    CHECK(torch::equal(*m, torch::tensor({false, true, true})));
    CHECK_EQ(m->to(torch::kByte).sum().item<int64_t>(), 2);
}

LANCET_TEST(types_without_a_torch_equivalent_validate_but_do_not_load) {
    std::string header =
        R"({"u":{"dtype":"U16","shape":[2],"data_offsets":[0,4]},"f8":{"dtype":"F8_E4M3","shape":[4],"data_offsets":[4,8]}})";
    auto path = write_hostile("u16.safetensors", raw_file(header, std::string(8, '\x01')));
    auto file = SafetensorsFile::open(path);
    REQUIRE_OK(file);
    CHECK(!safetensors_dtype_loadable("U16"));
    CHECK_EQ(safetensors_dtype_size("F8_E4M3"), 1);
    check_error(file->tensor("u"), ErrorCode::Unsupported, {path, "'u'", "U16"}, "load U16");
    check_error(file->tensor("f8"), ErrorCode::Unsupported, {path, "'f8'", "F8_E4M3"}, "load F8");
}

// Files written by the reference implementation (Python safetensors, via
// transformers) come back byte for byte when rewritten: same header text,
// padding, layout order and data.
LANCET_TEST(rewriting_reference_files_is_byte_identical) {
    for (const char* name : {"model.safetensors", "golden.safetensors"}) {
        const std::string original = lancet::test::fixtures_dir() + "/tiny-gpt2/" + name;
        auto file = SafetensorsFile::open(original);
        REQUIRE_OK(file);
        NamedTensors tensors;
        for (const auto& info : file->tensors()) {
            auto t = file->tensor(info.name);
            REQUIRE_OK(t);
            tensors.push_back({info.name, *t});
        }
        auto copy = lancet::test::scratch_dir("st-reference") + "/" + name;
        REQUIRE_OK(write_safetensors(copy, tensors, file->metadata()));
        CHECK(read_bytes(copy) == read_bytes(original));
    }
}

LANCET_TEST(writes_non_contiguous_tensors) {
    auto path = lancet::test::scratch_dir("st-noncontig") + "/m.safetensors";
    auto base = torch::arange(12, torch::kFloat).reshape({3, 4});
    auto transposed = base.t();          // non-contiguous view
    auto sliced = base.index({torch::indexing::Slice(), torch::indexing::Slice(1, 3)});
    REQUIRE_OK(write_safetensors(path, {{"t", transposed}, {"s", sliced}}));
    auto file = SafetensorsFile::open(path);
    REQUIRE_OK(file);
    CHECK(torch::equal(file->tensor("t").value(), transposed));
    CHECK(torch::equal(file->tensor("s").value(), sliced));
}

LANCET_TEST(writer_rejects_bad_input_and_keeps_old_file) {
    auto path = lancet::test::scratch_dir("st-writebad") + "/m.safetensors";
    REQUIRE_OK(write_safetensors(path, {{"x", torch::ones({2})}}));
    const std::string before = read_bytes(path);
    check_error(write_safetensors(path, {{"x", torch::ones({2})}, {"x", torch::ones({2})}}), ErrorCode::InvalidArgument,
                {path, "'x'"}, "duplicate");
    check_error(write_safetensors(path, {{"u", torch::Tensor()}}), ErrorCode::InvalidArgument, {path, "'u'"}, "undefined");
    check_error(write_safetensors(path, {{"__metadata__", torch::ones({1})}}), ErrorCode::InvalidArgument, {path},
                "reserved name");
    check_error(write_safetensors(path, {{"c", torch::ones({2}, torch::kComplexFloat)}}), ErrorCode::Unsupported,
                {path, "'c'"}, "complex");
    check_error(write_safetensors(path, {{std::string("bad\xff", 4), torch::ones({1})}}), ErrorCode::InvalidArgument,
                {path}, "non-UTF-8 name");
    CHECK(read_bytes(path) == before);
    check_error(write_safetensors(lancet::test::scratch_dir("st-writebad") + "/no/such/dir/m.safetensors",
                                  {{"x", torch::ones({1})}}),
                ErrorCode::NotFound, {"no/such/dir"}, "missing directory");
}

// ----- mapping --------------------------------------------------------------

LANCET_TEST(aligned_f32_is_zero_copy_and_outlives_the_file_object) {
    auto path = lancet::test::scratch_dir("st-zerocopy") + "/m.safetensors";
    auto original = torch::randn({64, 32});
    REQUIRE_OK(write_safetensors(path, {{"w", original}, {"h", original.to(torch::kHalf)}}));
    torch::Tensor w, h;
    {
        auto file = SafetensorsFile::open(path);
        REQUIRE_OK(file);
        w = file->tensor("w").value();
        h = file->tensor("h").value();
        auto begin = static_cast<const char*>(file->mapping_data());
        auto end = begin + file->mapping_size();
        auto p = static_cast<const char*>(w.data_ptr());
        CHECK(p >= begin && p + w.nbytes() <= end);
        CHECK_EQ(p - begin, static_cast<std::ptrdiff_t>(file->data_offset() + file->info("w")->data_begin));
        auto q = static_cast<const char*>(h.data_ptr());
        CHECK(q >= begin && q + h.nbytes() <= end);
    }  // the file object is gone; the tensors keep the mapping alive
    CHECK(torch::equal(w, original));
    CHECK(torch::equal(h, original.to(torch::kHalf)));
}

LANCET_TEST(in_place_edit_never_reaches_the_file) {
    auto path = lancet::test::scratch_dir("st-cow") + "/m.safetensors";
    auto original = torch::arange(1024, torch::kFloat).reshape({32, 32});
    REQUIRE_OK(write_safetensors(path, {{"w", original}}));
    const std::string before = read_bytes(path);
    auto file = SafetensorsFile::open(path);
    REQUIRE_OK(file);
    auto w = file->tensor("w").value();
    w.mul_(-2).add_(7);  // a "weight edit"
    w.index_put_({0, 0}, 1234.0f);
    CHECK_EQ(w.index({0, 0}).item<float>(), 1234.0f);
    CHECK(torch::equal(file->tensor("w").value(), w));  // same memory within the process
    CHECK(read_bytes(path) == before);            // the file is untouched
    auto fresh = SafetensorsFile::open(path);
    REQUIRE_OK(fresh);
    CHECK(torch::equal(fresh->tensor("w").value(), original));
}

LANCET_TEST(misaligned_data_is_copied) {
    // Header of 9 bytes: the data area starts at byte 17, so F32 data is misaligned.
    std::string header = R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}})";
    header += std::string((header.size() % 2 == 0) ? 1 : 0, ' ');  // odd length
    auto path = write_hostile("misaligned.safetensors", raw_file(header, floats({1.5f, -2.0f, 3.25f})));
    auto file = SafetensorsFile::open(path);
    REQUIRE_OK(file);
    REQUIRE(file->data_offset() % 4 != 0);
    auto w = file->tensor("w");
    REQUIRE_OK(w);
    CHECK(torch::equal(*w, torch::tensor({1.5f, -2.0f, 3.25f})));
    auto begin = static_cast<const char*>(file->mapping_data());
    auto p = static_cast<const char*>(w->data_ptr());
    CHECK(p < begin || p >= begin + file->mapping_size());
}

LANCET_TEST(gaps_between_tensors_are_allowed) {
    std::string header = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})";
    while ((header.size() + 8) % 8) header += ' ';
    auto path = write_hostile("gaps.safetensors", raw_file(header, floats({1.f, 99.f, 2.f})));
    auto file = SafetensorsFile::open(path);
    REQUIRE_OK(file);
    CHECK_EQ(file->tensor("b")->item<float>(), 2.f);
}

// ----- hostile files ---------------------------------------------------------

namespace {
// A valid single-tensor header for the hostile variants below.
std::string one_tensor(const std::string& entry) { return "{\"evil\":" + entry + "}"; }
}  // namespace

LANCET_TEST(rejects_truncated_files) {
    auto tiny = write_hostile("tiny.safetensors", "abc");
    check_error(SafetensorsFile::open(tiny), ErrorCode::InvalidFile, {tiny}, "3-byte file");
    auto empty = write_hostile("empty.safetensors", "");
    check_error(SafetensorsFile::open(empty), ErrorCode::InvalidFile, {empty}, "empty file");

    // A valid file cut in the middle of its data.
    auto good = lancet::test::scratch_dir("st-trunc") + "/m.safetensors";
    REQUIRE_OK(write_safetensors(good, {{"layer.weight", torch::ones({16})}}));
    std::string bytes = read_bytes(good);
    auto cut = write_hostile("cut.safetensors", bytes.substr(0, bytes.size() - 10));
    check_error(SafetensorsFile::open(cut), ErrorCode::InvalidFile, {cut, "layer.weight", "outside the data area"},
                "cut data");
    // Cut inside the header.
    auto cut_header = write_hostile("cuthdr.safetensors", bytes.substr(0, 20));
    check_error(SafetensorsFile::open(cut_header), ErrorCode::InvalidFile, {cut_header, "exceeds the file size"},
                "cut header");
}

LANCET_TEST(rejects_header_length_beyond_the_file_or_limit) {
    auto path = write_hostile("long.safetensors", le64(1000) + "{}");
    check_error(SafetensorsFile::open(path), ErrorCode::InvalidFile, {path, "header length 1000"}, "length > file");
    auto absurd = write_hostile("absurd.safetensors", le64(uint64_t{1} << 63) + "{}      ");
    check_error(SafetensorsFile::open(absurd), ErrorCode::InvalidFile, {absurd, "9223372036854775808"}, "2^63");
    auto all_ones = write_hostile("ones.safetensors", le64(~uint64_t{0}) + "{}");
    check_error(SafetensorsFile::open(all_ones), ErrorCode::InvalidFile, {all_ones}, "2^64-1");
}

LANCET_TEST(rejects_header_over_100mb) {
    // A sparse file: 100 MB + 1 of header claimed and present (holes read as zeros).
    auto path = lancet::test::scratch_dir("st-big") + "/big.safetensors";
    const uint64_t len = 100'000'001;
    {
        std::ofstream out(path, std::ios::binary);
        out << le64(len);
        out.seekp(static_cast<std::streamoff>(8 + len));
        out.put('\0');
    }
    check_error(SafetensorsFile::open(path), ErrorCode::InvalidFile, {path, "100 MB"}, "header > 100 MB");
}

LANCET_TEST(rejects_header_that_is_not_a_json_object) {
    auto not_json = write_hostile("notjson.safetensors", raw_file("{this is not json}      ", ""));
    check_error(SafetensorsFile::open(not_json), ErrorCode::InvalidFile, {not_json, "not valid JSON"}, "not JSON");
    auto array = write_hostile("array.safetensors", raw_file("[1,2,3]         ", ""));
    check_error(SafetensorsFile::open(array), ErrorCode::InvalidFile, {array, "not a JSON object"}, "array header");
    auto number = write_hostile("number.safetensors", raw_file("42      ", ""));
    check_error(SafetensorsFile::open(number), ErrorCode::InvalidFile, {number, "not a JSON object"}, "number header");
    auto bad_utf8 = write_hostile("utf8.safetensors", raw_file("{\"\xc3\x28\":{}}  ", ""));
    check_error(SafetensorsFile::open(bad_utf8), ErrorCode::InvalidFile, {bad_utf8, "UTF-8"}, "bad UTF-8");
    auto deep = write_hostile("deep.safetensors", raw_file(std::string(5000, '[') + std::string(5000, ']'), ""));
    check_error(SafetensorsFile::open(deep), ErrorCode::InvalidFile, {deep}, "deep nesting");
    auto entry = write_hostile("entry.safetensors", raw_file(one_tensor("[1]"), ""));
    check_error(SafetensorsFile::open(entry), ErrorCode::InvalidFile, {entry, "evil", "not a JSON object"}, "entry array");
}

LANCET_TEST(rejects_out_of_range_offsets) {
    auto path = write_hostile("range.safetensors",
                              raw_file(one_tensor(R"({"dtype":"F32","shape":[2],"data_offsets":[8,16]})"), floats({1, 2})));
    check_error(SafetensorsFile::open(path), ErrorCode::InvalidFile, {path, "evil", "outside the data area"}, "end > data");
    auto huge = write_hostile(
        "huge.safetensors",
        raw_file(one_tensor(R"({"dtype":"F32","shape":[1],"data_offsets":[18446744073709551612,18446744073709551616]})"),
                 floats({1})));
    check_error(SafetensorsFile::open(huge), ErrorCode::InvalidFile, {huge, "evil"}, "offsets near 2^64");
    auto reversed = write_hostile(
        "reversed.safetensors", raw_file(one_tensor(R"({"dtype":"F32","shape":[0],"data_offsets":[4,0]})"), floats({1})));
    check_error(SafetensorsFile::open(reversed), ErrorCode::InvalidFile, {reversed, "evil", "end before"}, "begin > end");
    auto negative = write_hostile(
        "negative.safetensors", raw_file(one_tensor(R"({"dtype":"F32","shape":[1],"data_offsets":[-4,0]})"), floats({1})));
    check_error(SafetensorsFile::open(negative), ErrorCode::InvalidFile, {negative, "evil"}, "negative offset");
    auto three = write_hostile(
        "three.safetensors", raw_file(one_tensor(R"({"dtype":"F32","shape":[1],"data_offsets":[0,4,8]})"), floats({1, 2})));
    check_error(SafetensorsFile::open(three), ErrorCode::InvalidFile, {three, "evil"}, "three offsets");
}

LANCET_TEST(rejects_overlapping_offsets) {
    std::string header =
        R"({"first":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
        R"("second":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})";
    auto path = write_hostile("overlap.safetensors", raw_file(header, floats({1, 2, 3, 4, 5, 6})));
    check_error(SafetensorsFile::open(path), ErrorCode::InvalidFile, {path, "second", "first", "overlap"}, "overlap");
    // Same range twice.
    std::string same =
        R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
    auto path2 = write_hostile("same.safetensors", raw_file(same, floats({1, 2})));
    check_error(SafetensorsFile::open(path2), ErrorCode::InvalidFile, {path2, "overlap"}, "identical ranges");
    // A small range inside a large one, listed after a third that ends earlier.
    std::string nested =
        R"({"big":{"dtype":"F32","shape":[6],"data_offsets":[0,24]},)"
        R"("x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},)"
        R"("y":{"dtype":"F32","shape":[1],"data_offsets":[16,20]}})";
    auto path3 = write_hostile("nested.safetensors", raw_file(nested, floats({1, 2, 3, 4, 5, 6})));
    check_error(SafetensorsFile::open(path3), ErrorCode::InvalidFile, {path3, "big", "overlap"}, "nested ranges");
}

LANCET_TEST(rejects_byte_range_that_does_not_match_dtype_and_shape) {
    auto path = write_hostile(
        "mismatch.safetensors", raw_file(one_tensor(R"({"dtype":"F32","shape":[3],"data_offsets":[0,8]})"), floats({1, 2, 3})));
    check_error(SafetensorsFile::open(path), ErrorCode::InvalidFile, {path, "evil", "needs 12"}, "shape/bytes mismatch");
    auto half = write_hostile(
        "half.safetensors", raw_file(one_tensor(R"({"dtype":"F16","shape":[2,2],"data_offsets":[0,16]})"), floats({1, 2, 3, 4})));
    check_error(SafetensorsFile::open(half), ErrorCode::InvalidFile, {half, "evil", "F16"}, "F16 mismatch");
    auto negative = write_hostile(
        "negshape.safetensors", raw_file(one_tensor(R"({"dtype":"F32","shape":[-1],"data_offsets":[0,4]})"), floats({1})));
    check_error(SafetensorsFile::open(negative), ErrorCode::InvalidFile, {negative, "evil", "non-negative"}, "negative dim");
    auto fractional = write_hostile(
        "fracshape.safetensors", raw_file(one_tensor(R"({"dtype":"F32","shape":[1.5],"data_offsets":[0,4]})"), floats({1})));
    check_error(SafetensorsFile::open(fractional), ErrorCode::InvalidFile, {fractional, "evil"}, "fractional dim");
    auto overflow = write_hostile(
        "overflow.safetensors",
        raw_file(one_tensor(R"({"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,0]})"), ""));
    check_error(SafetensorsFile::open(overflow), ErrorCode::InvalidFile, {overflow, "evil"}, "numel overflow");
    auto bytes_overflow = write_hostile(
        "bytesoverflow.safetensors",
        raw_file(one_tensor(R"({"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,0]})"), ""));
    check_error(SafetensorsFile::open(bytes_overflow), ErrorCode::InvalidFile, {bytes_overflow, "evil"}, "nbytes overflow");
    auto no_dtype = write_hostile("nodtype.safetensors",
                                  raw_file(one_tensor(R"({"shape":[1],"data_offsets":[0,4]})"), floats({1})));
    check_error(SafetensorsFile::open(no_dtype), ErrorCode::InvalidFile, {no_dtype, "evil", "dtype"}, "missing dtype");
    auto no_shape = write_hostile("noshape.safetensors",
                                  raw_file(one_tensor(R"({"dtype":"F32","data_offsets":[0,4]})"), floats({1})));
    check_error(SafetensorsFile::open(no_shape), ErrorCode::InvalidFile, {no_shape, "evil", "shape"}, "missing shape");
    auto unknown = write_hostile(
        "unknown.safetensors", raw_file(one_tensor(R"({"dtype":"Q4_K","shape":[1],"data_offsets":[0,4]})"), floats({1})));
    check_error(SafetensorsFile::open(unknown), ErrorCode::Unsupported, {unknown, "evil", "Q4_K"}, "unknown dtype");
}

LANCET_TEST(rejects_duplicates_and_bad_metadata) {
    std::string dup =
        R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})";
    auto path = write_hostile("dup.safetensors", raw_file(dup, floats({1, 2})));
    check_error(SafetensorsFile::open(path), ErrorCode::InvalidFile, {path, "'w'", "twice"}, "duplicate name");
    auto meta = write_hostile("meta.safetensors", raw_file(R"({"__metadata__":{"format":1}})", ""));
    check_error(SafetensorsFile::open(meta), ErrorCode::InvalidFile, {meta, "__metadata__", "format"}, "metadata value");
    auto meta2 = write_hostile("meta2.safetensors", raw_file(R"({"__metadata__":"pt"})", ""));
    check_error(SafetensorsFile::open(meta2), ErrorCode::InvalidFile, {meta2, "__metadata__"}, "metadata string");
}

LANCET_TEST(missing_tensor_and_missing_file_are_not_found) {
    auto path = lancet::test::scratch_dir("st-missing") + "/m.safetensors";
    REQUIRE_OK(write_safetensors(path, {{"present", torch::ones({1})}}));
    auto file = SafetensorsFile::open(path);
    REQUIRE_OK(file);
    check_error(file->tensor("absent.weight"), ErrorCode::NotFound, {path, "absent.weight"}, "missing tensor");
    check_error(file->info("absent.weight"), ErrorCode::NotFound, {path, "absent.weight"}, "missing info");
    CHECK(!file->contains("absent.weight"));
    auto nowhere = path + ".nope";
    check_error(SafetensorsFile::open(nowhere), ErrorCode::NotFound, {nowhere}, "missing file");
    check_error(SafetensorsFile().tensor("x"), ErrorCode::InvalidArgument, {"x"}, "unopened");
}

// ----- folders ---------------------------------------------------------------

LANCET_TEST(single_file_folder) {
    auto dir = lancet::test::scratch_dir("st-folder");
    auto w = torch::randn({4, 4});
    REQUIRE_OK(write_safetensors(dir + "/model.safetensors", {{"a.weight", w}, {"b.bias", torch::zeros({4})}}));
    auto source = TensorSource::open(dir);
    REQUIRE_OK(source);
    CHECK_EQ(source->names().size(), 2u);
    CHECK(source->contains("a.weight"));
    CHECK(torch::equal(source->tensor("a.weight").value(), w));
    CHECK_EQ(std::string(source->file_of("a.weight").value()), dir + "/model.safetensors");
    CHECK_EQ(source->total_bytes(), 4u * 20);
    check_error(source->tensor("nope"), ErrorCode::NotFound, {dir, "nope"}, "folder missing tensor");
    auto all = source->load_all();
    REQUIRE_OK(all);
    CHECK_EQ(all->size(), 2u);
    // A path to the file itself works too.
    auto direct = TensorSource::open(dir + "/model.safetensors");
    REQUIRE_OK(direct);
    CHECK(torch::equal(direct->tensor("a.weight").value(), w));
}

LANCET_TEST(sharded_folder_round_trip) {
    auto dir = lancet::test::scratch_dir("st-sharded");
    torch::manual_seed(1);
    NamedTensors tensors;
    for (int i = 0; i < 5; ++i) tensors.push_back({"layer." + std::to_string(i) + ".weight", torch::randn({16, 16})});
    tensors.push_back({"embed", torch::randn({8, 16}).to(torch::kBFloat16)});
    auto written = write_safetensors_sharded(dir, tensors, 2 * 16 * 16 * 4, {{"format", "pt"}});
    REQUIRE_OK(written);
    CHECK_EQ(written->size(), 4u);  // 3 shards + index
    CHECK_EQ(written->front(), std::string("model-00001-of-00003.safetensors"));
    CHECK_EQ(written->back(), std::string("model.safetensors.index.json"));
    CHECK(!fs::exists(dir + "/model.safetensors"));
    auto index = nlohmann::json::parse(read_bytes(dir + "/model.safetensors.index.json"));
    CHECK_EQ(index["metadata"]["total_size"].get<uint64_t>(), 5u * 1024 + 8 * 16 * 2);

    auto source = TensorSource::open(dir);
    REQUIRE_OK(source);
    CHECK_EQ(source->files().size(), 3u);
    CHECK_EQ(source->names().size(), tensors.size());
    for (const auto& [name, t] : tensors) {
        auto loaded = source->tensor(name);
        REQUIRE_OK(loaded);
        CHECK(torch::equal(*loaded, t));
    }
    CHECK_EQ(std::string(source->file_of("embed").value()), dir + "/model-00003-of-00003.safetensors");
    CHECK_EQ(source->files()[0].metadata().at("format"), std::string("pt"));
    CHECK_EQ(source->source_paths().size(), 5u);  // folder, index, 3 shards

    // Opening through the index file path works too.
    auto via_index = TensorSource::open(dir + "/model.safetensors.index.json");
    REQUIRE_OK(via_index);
    CHECK_EQ(via_index->names().size(), tensors.size());

    // Small enough for one file: model.safetensors, no index.
    auto dir2 = lancet::test::scratch_dir("st-sharded-one");
    auto one = write_safetensors_sharded(dir2, tensors);
    REQUIRE_OK(one);
    CHECK_EQ(one->size(), 1u);
    CHECK(fs::exists(dir2 + "/model.safetensors"));
}

namespace {
// A folder with one shard holding "a" and "b" plus the given index text.
std::string folder_with_index(const std::string& index_text) {
    auto dir = lancet::test::scratch_dir("st-index");
    auto r = write_safetensors(dir + "/shard-1.safetensors", {{"a", torch::ones({2})}, {"b", torch::zeros({2})}});
    if (!r.ok()) lancet::test::record_failure(__FILE__, __LINE__, r.error().message);
    write_raw(dir + "/model.safetensors.index.json", index_text);
    return dir;
}
}  // namespace

LANCET_TEST(hand_written_index_is_honoured) {
    auto dir = folder_with_index(R"({"metadata":{},"weight_map":{"a":"shard-1.safetensors"}})");
    auto source = TensorSource::open(dir);
    REQUIRE_OK(source);
    CHECK(source->names() == std::vector<std::string>{"a"});  // "b" is not in weight_map
    CHECK(torch::equal(source->tensor("a").value(), torch::ones({2})));
}

LANCET_TEST(index_pointing_to_a_missing_shard) {
    auto dir = folder_with_index(
        R"({"weight_map":{"a":"shard-1.safetensors","b":"model-00002-of-00002.safetensors"}})");
    check_error(TensorSource::open(dir), ErrorCode::NotFound,
                {"model.safetensors.index.json", "'b'", "model-00002-of-00002.safetensors"}, "missing shard");
}

LANCET_TEST(index_with_path_traversal) {
    auto dir = folder_with_index(R"({"weight_map":{"a":"../shard-1.safetensors"}})");
    // Make the escaped target exist so only the path check can stop it.
    write_raw(fs::path(dir).parent_path().string() + "/shard-1.safetensors", read_bytes(dir + "/shard-1.safetensors"));
    check_error(TensorSource::open(dir), ErrorCode::InvalidFile, {"model.safetensors.index.json", "'a'", "../shard-1"},
                "dot-dot");
    auto dir2 = folder_with_index(R"({"weight_map":{"a":"sub/../../x.safetensors"}})");
    check_error(TensorSource::open(dir2), ErrorCode::InvalidFile, {"'a'", "leaves the model folder"}, "nested dot-dot");
    auto dir3 = folder_with_index(R"({"weight_map":{"a":"/etc/passwd"}})");
    check_error(TensorSource::open(dir3), ErrorCode::InvalidFile, {"'a'", "/etc/passwd"}, "absolute path");
}

LANCET_TEST(index_shard_without_the_tensor) {
    auto dir = folder_with_index(R"({"weight_map":{"a":"shard-1.safetensors","ghost":"shard-1.safetensors"}})");
    check_error(TensorSource::open(dir), ErrorCode::InvalidFile, {"model.safetensors.index.json", "'ghost'", "shard-1"},
                "tensor not in shard");
}

LANCET_TEST(malformed_index_files) {
    auto not_json = folder_with_index("{weight_map");
    check_error(TensorSource::open(not_json), ErrorCode::InvalidFile, {"model.safetensors.index.json", "JSON"}, "not JSON");
    auto no_map = folder_with_index(R"({"metadata":{}})");
    check_error(TensorSource::open(no_map), ErrorCode::InvalidFile, {"weight_map"}, "no weight_map");
    auto bad_value = folder_with_index(R"({"weight_map":{"a":7}})");
    check_error(TensorSource::open(bad_value), ErrorCode::InvalidFile, {"'a'"}, "non-string shard");
    // A hostile shard behind a valid index: the shard's own validation names it.
    auto dir = folder_with_index(R"({"weight_map":{"a":"bad.safetensors"}})");
    write_raw(dir + "/bad.safetensors", le64(1u << 20) + "{}");
    check_error(TensorSource::open(dir), ErrorCode::InvalidFile, {"bad.safetensors"}, "hostile shard");
}

LANCET_TEST(pickle_only_folder_is_refused) {
    auto dir = lancet::test::scratch_dir("st-pickle");
    write_raw(dir + "/pytorch_model.bin", "PK\x03\x04 not really a zip");
    write_raw(dir + "/config.json", "{}");
    check_error(TensorSource::open(dir), ErrorCode::Unsupported, {dir, "never unpickles", "safe_serialization"},
                "pickle only");
    check_error(TensorSource::open(dir + "/pytorch_model.bin"), ErrorCode::Unsupported, {"never unpickles"},
                "pickle file");
    auto empty = lancet::test::scratch_dir("st-empty");
    check_error(TensorSource::open(empty), ErrorCode::NotFound, {empty, "model.safetensors"}, "empty folder");
    check_error(TensorSource::open(empty + "/nothing"), ErrorCode::NotFound, {"nothing"}, "missing folder");
}

}  // namespace lancet_suite_safetensors
