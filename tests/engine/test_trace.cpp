// Causal tracing: the batched fast path equals the literal cell-by-cell loop,
// the cells mean what the paper says, and bad input / cancel behave.
#include "check.h"
#include "limited_cpu_allocator.h"

#include "model/model.h"
#include "trace/causal_trace.h"
#include "trace/trace_average.h"

#include <torch/torch.h>

#include <cmath>
#include <set>

// One namespace per suite: several suites share a unity batch (CMake UNITY_BUILD).
namespace lancet_suite_trace {

using namespace lancet;

namespace {

std::shared_ptr<Model> tiny_model() {
    static std::shared_ptr<Model> model = [] {
        auto m = Model::load(test::fixtures_dir() + "/tiny-gpt2");
        if (!m) throw std::runtime_error(m.error().message);
        return m.value();
    }();
    return model;
}

TraceRequest space_needle() {
    TraceRequest r;
    r.prompt = "The Space Needle is located in the city of";
    r.subject = "Space Needle";
    r.samples = 4;
    r.window = 2;
    return r;
}


void check_fast_equals_reference(TraceRequest req) {
    auto model = tiny_model();
    auto fast = causal_trace(*model, req);
    REQUIRE_OK(fast);
    req.reference_loop = true;
    auto ref = causal_trace(*model, req);
    REQUIRE_OK(ref);
    CHECK(!fast->partial);
    CHECK_NEAR(fast->setup.low_score, ref->setup.low_score, 1e-7);
    CHECK(fast->max_score_difference(ref.value()) <= 1e-5);
    // The fast path needs far fewer batched passes than one per cell.
    CHECK(fast->forward_passes < ref->forward_passes);
}

}  // namespace

LANCET_TEST(fast_path_equals_reference_loop_all_kinds) { check_fast_equals_reference(space_needle()); }

LANCET_TEST(fast_path_equals_reference_loop_with_variants) {
    auto req = space_needle();
    req.noise = NoiseKind::Uniform;
    req.replace = true;
    req.window = 1;
    check_fast_equals_reference(req);
    auto severed = space_needle();
    severed.kinds = {TraceKind::Hidden};
    severed.sever = SeverKind::Mlp;
    check_fast_equals_reference(severed);
    severed.sever = SeverKind::Attn;
    severed.max_cells_per_chunk = 3;  // many small chunks give the same cells
    check_fast_equals_reference(severed);
    // Chunks one at a time, and side by side on more workers than there are cores.
    auto one = space_needle();
    one.cpu_workers = 1;
    check_fast_equals_reference(one);
    auto three = space_needle();
    three.cpu_workers = 3;
    three.max_cells_per_chunk = 2;
    check_fast_equals_reference(three);
}

LANCET_TEST(cells_mean_what_the_paper_says) {
    auto model = tiny_model();
    auto req = space_needle();
    auto r = causal_trace(*model, req);
    REQUIRE_OK(r);
    const auto& s = r->setup;
    CHECK_EQ(s.subject_begin, 1);
    CHECK_EQ(s.subject_end, 4);  // " Space", " Need", "le"
    CHECK_EQ(s.tokens.size(), size_t(10));
    const int T = 10, L = 2;
    const auto& hidden = r->kinds[0].scores;
    // Restoring the last block's output at the last token restores the clean
    // distribution exactly: the answer's probability is the high score.
    CHECK_NEAR(hidden[T - 1][L - 1], s.high_score, 1e-5);
    // Tokens before the subject were never corrupted: restoring them changes nothing.
    for (int l = 0; l < L; ++l) CHECK_NEAR(hidden[0][l], s.low_score, 1e-9);
    // Noise actually corrupts: the low score differs from the high score.
    CHECK(std::fabs(s.high_score - s.low_score) > 1e-4);
    CHECK(s.noise_std > 0);
    CHECK(s.noise_std_source.find("std of subject-token embeddings") != std::string::npos);
    // Default noise = 3 sigma.
    auto sigma = subject_embedding_std(*model);
    REQUIRE_OK(sigma);
    CHECK_NEAR(s.noise_std, 3.0 * sigma.value(), 1e-12);
    // The JSON carries what the heatmap needs.
    auto j = r->to_json();
    CHECK(j["kinds"].size() == 3);
    CHECK(j["subject"]["range"][0] == 1);
    CHECK(j["kinds"][1]["window"] == 2);
}

LANCET_TEST(cells_stream_in_chunks_that_cover_every_cell_once) {
    auto model = tiny_model();
    auto req = space_needle();
    req.max_cells_per_chunk = 4;
    int chunks = 0;
    std::set<std::tuple<int, int, int>> seen;
    bool setup_first = false;
    TraceCallbacks cb;
    cb.on_setup = [&](const TraceSetup&) { setup_first = (chunks == 0); };
    cb.on_chunk = [&](const TraceChunk& c) {
        ++chunks;
        for (size_t i = 0; i < c.tokens.size(); ++i) seen.insert({static_cast<int>(c.kind), c.tokens[i], c.layers[i]});
    };
    auto r = causal_trace(*model, req, cb);
    REQUIRE_OK(r);
    CHECK(setup_first);
    CHECK(chunks > 3);
    CHECK_EQ(seen.size(), size_t(3 * 10 * 2));
}

LANCET_TEST(cancel_keeps_partial_results_marked_partial) {
    auto model = tiny_model();
    auto req = space_needle();
    req.max_cells_per_chunk = 2;
    req.cpu_workers = 2;  // chunks side by side: a cancel stops the workers, what came in stays
    CancelToken cancel;
    JobContext job;
    job.cancel = &cancel;
    int chunks = 0;
    TraceCallbacks cb;
    cb.on_chunk = [&](const TraceChunk&) {
        if (++chunks == 3) cancel.cancel();
    };
    auto r = causal_trace(*model, req, cb, job);
    REQUIRE_OK(r);
    CHECK(r->partial);
    int computed = 0, missing = 0;
    for (const auto& k : r->kinds)
        for (const auto& row : k.scores)
            for (double v : row) (std::isnan(v) ? missing : computed)++;
    CHECK(computed > 0);
    CHECK(missing > 0);
    CHECK(r->to_json()["partial"] == true);
}

// A chunk that runs out of memory is run again as halves: the scores are an
// uninterrupted trace's. The limit is the largest single allocation of a trace
// run one cell per pass, so the setup passes and one-cell chunks fit, and the
// trace's default chunks (a token's every cell) do not.
LANCET_TEST(out_of_memory_in_a_chunk_retries_with_fewer_cells) {
    auto model = tiny_model();
    auto& alloc = test::LimitedCpuAllocator::get();
    auto req = space_needle();
    req.samples = 8;
    req.cpu_workers = 2;  // the shortage hits a worker: the rest goes on one chunk at a time
    alloc.reset_largest();
    auto whole = causal_trace(*model, req);
    REQUIRE_OK(whole);
    const size_t largest_whole = alloc.largest();
    auto one = req;
    one.max_cells_per_chunk = 1;
    alloc.reset_largest();
    auto single = causal_trace(*model, one);
    REQUIRE_OK(single);
    const size_t largest_single = alloc.largest();
    REQUIRE(largest_single < largest_whole);
    CHECK(whole->out_of_memory_retries == 0);

    TraceResult retried;
    {
        test::AllocationLimit limit(largest_single);
        auto r = causal_trace(*model, req);
        REQUIRE_OK(r);
        retried = r.value();
    }
    CHECK(retried.out_of_memory_retries > 0);
    CHECK(!retried.partial);
    CHECK(retried.forward_passes > whole->forward_passes);
    CHECK(retried.max_score_difference(whole.value()) <= 1e-6);
    bool noted = false;
    for (const auto& n : retried.notes) noted = noted || n.find("ran out of memory") != std::string::npos;
    CHECK(noted);
    CHECK(retried.to_json()["out_of_memory_retries"] == retried.out_of_memory_retries);
}

// With no room even for the setup, the trace fails with a typed error whose
// message names the size asked for.
LANCET_TEST(out_of_memory_everywhere_is_a_clear_error) {
    auto model = tiny_model();
    test::AllocationLimit limit(4096);
    auto r = causal_trace(*model, space_needle());
    REQUIRE(!r.ok());
    CHECK(r.error().code == ErrorCode::OutOfMemory);
    CHECK(r.error().message.find("tried to allocate") != std::string::npos);
}

LANCET_TEST(bad_input_gets_clear_messages) {
    auto model = tiny_model();
    auto expect_error = [&](TraceRequest req, const std::string& words) {
        auto r = causal_trace(*model, req);
        CHECK(!r.ok());
        if (!r.ok()) {
            CHECK(r.error().code == ErrorCode::InvalidArgument);
            if (r.error().message.find(words) == std::string::npos) test::record_failure(__FILE__, __LINE__, "message: " + r.error().message);
        }
    };
    auto req = space_needle();
    req.subject = "Eiffel Tower";
    expect_error(req, "does not occur in the prompt");
    req = space_needle();
    req.prompt = "";
    expect_error(req, "empty");
    req = space_needle();
    req.window = 3;
    expect_error(req, "window 3");
    req = space_needle();
    req.samples = 0;
    expect_error(req, "samples");
}

LANCET_TEST(subject_guess_follows_the_reference_rule) {
    // The reference's rule, less a leading article or determiner (issue 19).
    CHECK_EQ(guess_subject("The Space Needle is in Seattle"), std::string("Space Needle"));
    CHECK_EQ(guess_subject("The city of Paris is large"), std::string("Paris"));
    CHECK_EQ(guess_subject("An Eiffel Tower replica"), std::string("Eiffel Tower"));
    CHECK_EQ(guess_subject("These Beatles songs"), std::string("Beatles"));
    CHECK_EQ(guess_subject("Theodore Roosevelt was"), std::string("Theodore Roosevelt"));
    CHECK_EQ(guess_subject("The the end"), std::string());
    CHECK_EQ(guess_subject("What is the capital of France?"), std::string("France?"));
    CHECK_EQ(guess_subject("the city where Luffy lives"), std::string("Luffy"));
    CHECK_EQ(guess_subject("no capitals here"), std::string());
    auto model = tiny_model();
    TraceRequest req;
    req.prompt = "Where is the Eiffel Tower";
    req.window = 2;
    req.samples = 2;
    auto r = causal_trace(*model, req);
    REQUIRE_OK(r);
    CHECK(r->setup.subject_guessed);
    CHECK_EQ(r->setup.subject, std::string("Eiffel Tower"));
}

LANCET_TEST(default_window_keeps_the_papers_share_of_the_depth) {
    // 10 of GPT-2 XL's 48 layers, at least 3, at most 10, never past the model (issue 19:
    // the 8-layer demo model got 8, which restored every layer in every column).
    CHECK_EQ(default_trace_window(8), 3);
    CHECK_EQ(default_trace_window(12), 3);
    CHECK_EQ(default_trace_window(24), 5);
    CHECK_EQ(default_trace_window(28), 6);
    CHECK_EQ(default_trace_window(36), 8);
    CHECK_EQ(default_trace_window(48), 10);
    CHECK_EQ(default_trace_window(96), 10);
    CHECK_EQ(default_trace_window(2), 2);
    CHECK_EQ(default_trace_window(1), 1);
    // A trace without a window uses it, and says so in its setup.
    auto model = tiny_model();
    TraceRequest req = space_needle();
    req.window.reset();
    req.kinds = {TraceKind::Mlp};
    auto r = causal_trace(*model, req);
    REQUIRE_OK(r);
    CHECK_EQ(r->setup.window, 2);
    CHECK_EQ(r->kinds[0].window, 2);
    req.window = 1;
    auto given = causal_trace(*model, req);
    REQUIRE_OK(given);
    CHECK_EQ(given->setup.window, 1);
}

LANCET_TEST(token_buckets_match_the_notebook) {
    // prompt of 8 tokens, subject at [2, 5)
    CHECK(token_bucket(2, 2, 5, 8) == TokenBucket::FirstSubject);
    CHECK(token_bucket(3, 2, 5, 8) == TokenBucket::MiddleSubject);
    CHECK(token_bucket(4, 2, 5, 8) == TokenBucket::LastSubject);
    CHECK(token_bucket(5, 2, 5, 8) == TokenBucket::FirstSubsequent);
    CHECK(token_bucket(6, 2, 5, 8) == TokenBucket::FurtherTokens);
    CHECK(token_bucket(7, 2, 5, 8) == TokenBucket::LastToken);
}

}  // namespace lancet_suite_trace
