// The GUI's only door to the engine: a thin QObject adapter around the
// Qt-free engine, which runs every job on one engine thread that owns all
// tensors (the model, its edits). Requests return at once.
//
// The surgery jobs (edit, undo, redo, scorecard, compare, edit files, the method
// list), patching, the logit lens and tokenize return a Job<T>: its id (for
// cancel and the progress signals) and a QFuture<T> carrying a typed result, consumed with
//   job.result.then(this, [](const EditOutcome& o) {...}).onFailed(this, [](const JobError& e) {...});
// The result types are the engine's own torch-free structs (edit/surgery_types.h,
// edit/method_info.h, trace/patching.h, trace/logit_lens.h, edit/lens_before_after.h), so nothing is parsed
// on the way. Errors keep the engine's ErrorCode: the GUI decides by code,
// never by message text.
//
// The other jobs (predict, trace, merge, ...) still answer with jobFinished and a
// JSON object using lancet-cli --json's field names. No widget or GUI file ever
// includes a LibTorch header.
//
// Every signal is emitted on the bridge's own (GUI) thread: the engine thread
// posts the emission rather than emitting, so any connection to the bridge,
// a direct one or a QSignalSpy included, runs on the GUI thread and needs no
// locking (a spy that recorded on the engine thread while a test read it on
// the GUI thread was a data race ThreadSanitizer found).
//
// Cancellation is cooperative: cancel(id) sets the job's CancelToken directly
// from the GUI thread (an atomic store), and the engine polls it per layer or
// step. Interactive requests (predict) are "latest wins": a newer request makes
// older pending ones skip, and their results are never delivered.
#pragma once

#include "core/result.h"
#include "edit/edit_spec.h"
#include "edit/lens_before_after.h"
#include "edit/method_info.h"
#include "edit/sequential_types.h"
#include "edit/surgery_types.h"
#include "trace/logit_lens.h"
#include "trace/patching.h"
#include "ttt/ttt_types.h"

#include <QFuture>
#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace lancet {
struct JobContext;
}

namespace lancet::app {

enum class JobKind { LoadModel, Predict, Generate, Trace, Edit, Undo, Redo, Scorecard, Export, SaveEdits, LoadEdits, Compare,
                     MergeOpen, MergeScore, MergeSweep, EditMethods, CompareMethods, Sequential, MergeExport,
                     Ttt, WeightDigest, Patch, LogitLens, Tokenize, MergeApply };
QString jobKindName(JobKind kind);

// A failed job: the engine's error code and its message.
struct JobError {
    lancet::ErrorCode code = lancet::ErrorCode::Internal;
    QString message;
    bool cancelled() const { return code == lancet::ErrorCode::Cancelled; }
    bool unsupported() const { return code == lancet::ErrorCode::Unsupported; }
    bool outOfMemory() const { return code == lancet::ErrorCode::OutOfMemory; }
    bool io() const { return code == lancet::ErrorCode::Io; }
};

// A typed request in flight: its id and the future of its result (which fails
// with a JobError).
template <class T>
struct Job {
    quint64 id = 0;
    QFuture<T> result;
};

struct TraceParams {
    QString prompt;
    QString subject;      // empty: guessed
    QString target;       // empty: clean top-1
    QStringList kinds = {QStringLiteral("hidden"), QStringLiteral("mlp"), QStringLiteral("attn")};
    int samples = 10;
    double noiseMultiplier = 3.0;
    int window = 0;       // 0: the engine's default (defaultTraceWindow)
    quint64 seed = 1;
    int maxCellsPerChunk = 0;  // small values stream more often
};

// Two states of the edit history, compared. A state is a history position:
// how many edits of the history (applied ones, then undone ones in redo
// order) the weights carry; 0 is the base model. The engine visits both
// states by exact undo/redo and comes back to where it was.
struct CompareParams {
    int from = 0;
    int to = 0;
    QString prompt;            // next-token distribution at both states; empty: skipped
    int topK = 10;             // tokens taken from each state's top (their union is returned)
    std::optional<lancet::EditSpec> scoreRequest;  // an edit request scored at both; none: skipped
};

// A stream of edits kept in place, with its forgetting curve (engine edit/sequential.h).
struct SequentialParams {
    QString dataset;           // a dataset file (CounterFact, zsRE, EasyEdit, Lancet facts)
    lancet::EditSpec base;     // method, hparams, layers (empty: chosen on the first request)
    int limit = 200;           // requests from the start of the dataset
    int batchSize = 1;         // requests per edit (MEMIT, AlphaEdit)
    int curveEvery = 20;       // edited requests between curve points
    int retentionSample = 50;  // earlier edits re-scored per point
    bool generation = true;    // the generation-based protocol beside the teacher-forced one
};

// A test-time training comparison (engine ttt/runner.h): each method over the
// same stream of unlabeled inputs, rewound between them, with one shared
// forgetting probe. What `lancet-cli ttt` runs, with the same defaults.
struct TttParams {
    QString streamFile;          // a text file (one input per line, INPUT<TAB>LABEL); empty: the demo shift
    bool paragraphs = false;     // text file: blank-line separated inputs
    int perPhase = 25;           // demo shift: inputs per phase (held-out, register, typos, script)
    int cycles = 2;              // demo shift: the four phases this many times, on fresh facts
    quint64 seed = 17;
    std::vector<lancet::TttMethodSpec> methods;  // in order; each one line of every view
    int every = 50;              // forgetting probe every N inputs (and at 0 and the end); 0: never
    int maxInputs = 0;           // 0: the whole stream
    int probeTokens = 1024;      // general text scored for perplexity at each probe
    int probeFacts = 32;         // base facts re-asked at each probe
};

// Pure rules of the engine that the GUI shows before any job runs: no model,
// no engine thread, safe to call on the GUI thread.
// The MLP/attention trace window used when none is given (engine default_trace_window).
int defaultTraceWindow(int layers);
// The subject the tracer guesses from a prompt when none is given (engine guess_subject).
QString guessSubject(const QString& prompt);
// Labels for a prompt's tokens (their bytes, as results carry them): a
// character split over byte-level pieces shown once, in its first piece, and
// "⋯" in the pieces that only finish it (engine token_labels). One per piece.
QStringList tokenLabels(const std::vector<std::string>& pieces);
// One token on its own (a top-k candidate): bytes of a split character as \xNN.
QString tokenLabel(const std::string& piece);

class EngineWorker;

class EngineBridge : public QObject {
    Q_OBJECT
public:
    explicit EngineBridge(QObject* parent = nullptr);
    ~EngineBridge() override;  // cancels everything, then stops and joins the engine thread

    // Every request returns its job id (> 0).
    // devices / placement: the layers across several devices (LoadOptions; both
    // empty: everything on `device`).
    quint64 loadModel(const QString& path, const QString& device = QStringLiteral("cpu"),
                      const QString& dtype = QStringLiteral("auto"), const QString& devices = {},
                      const QString& placement = {});
    quint64 predict(const QString& prompt, int topK = 10);               // latest wins
    quint64 generate(const QString& prompt, int maxNewTokens = 24);      // greedy, base vs current weights
    quint64 trace(const TraceParams& params);
    // The surgery loop (engine edit/surgery.h apply_and_score): site, score, edit, apply, score.
    Job<lancet::EditOutcome> applyEdit(const lancet::EditSpec& spec);
    Job<lancet::HistoryState> undoEdit();
    Job<lancet::HistoryState> redoEdit();
    // The request scored on the base model and on the current weights.
    Job<lancet::EditScorecard> scorecard(const lancet::EditSpec& spec);
    Job<lancet::HistoryState> loadEdits(const QString& path);
    // Every edit method with its parameters' defaults for the loaded model.
    Job<std::vector<lancet::MethodInfo>> editMethods();
    Job<lancet::CompareOutcome> compare(const CompareParams& params);
    // The same request by each method, each undone before the next (a history of
    // its own: the user's undo and redo stacks are untouched).
    Job<std::vector<lancet::MethodComparison>> compareMethods(const lancet::EditSpec& spec, const QStringList& methods);
    // The weights return to where they were at the end (and on cancel); points
    // stream through curvePoint while it runs.
    Job<lancet::ForgettingCurve> runSequential(const SequentialParams& params);
    // Test-time training (bridge_jobs_ttt.cpp): live through tttRecord,
    // tttForgetting and tttMethodDone. The model's weights are never written; a
    // cancelled job fails with Cancelled after tttMethodDone of the cut run.
    Job<lancet::TttComparison> runTtt(const TttParams& params);
    // The In-Place TTT long-document demonstration (engine ttt/inplace_demo.h) on the
    // loaded model: `facts` invented people, document seed, fine-tune epochs of the
    // upper bound, and the model folder's trained add-on when `useAddon` and it has one.
    Job<lancet::InplaceDemoResult> runInplaceDemo(int facts, int seed, int finetuneEpochs, bool useAddon);
    // FNV-1a over every byte of every tensor of the loaded model and over the
    // bound weight slots' contents: equal digests mean bit-identical weights
    // (tests, and a check a teacher can show).
    Job<QString> weightDigest();
    // Locating with a counterfactual prompt (bridge_jobs_patch.cpp, docs/design/locating.md):
    // exact activation patching, or its attribution estimate; progress and cancel
    // as for a trace. A mismatch in token length fails with InvalidArgument.
    Job<lancet::PatchResult> patch(const lancet::PatchRequest& request, bool attribution);
    // The logit lens: every layer's residual stream read through the final norm and unembedding.
    Job<lancet::LensResult> logitLens(const lancet::LensRequest& request);
    // The lens at two states of the edit history (edit/lens_before_after.h), by
    // default the base model and the weights as they are: the engine visits both
    // by exact undo/redo and ends where it was. Job kind LogitLens.
    Job<lancet::LensBeforeAfter> logitLensBeforeAfter(const lancet::LensBeforeAfterRequest& request);
    // An attribution estimate's `cells` strongest cells patched exactly, with the
    // rank correlation (trace/patching.h check_estimate). `request` is the one the
    // estimate answered. Job kind Patch: progress per pass and cancel.
    Job<lancet::EstimateCheck> checkEstimate(const lancet::PatchRequest& request, const lancet::PatchResult& estimate,
                                             int cells);
    // Each text as the loaded model tokenizes it (each token's bytes, BOS included),
    // in order: the patching view checks that its two prompts line up.
    using TokenLists = std::vector<std::vector<std::string>>;
    Job<TokenLists> tokenize(const QStringList& texts);
    quint64 exportModel(const QString& outDir);
    quint64 saveEdits(const QString& path);

    // Task-vector merging (bridge_jobs_merge.cpp): a live merge of its own base
    // copy, separate from the loaded model. Results use lancet-cli merge --score
    // --json's fields.
    // openMerge result: {base, tasks[{name, path, tensors, parameters, eval, probes, description}], spec, scores}.
    // taskPaths empty: BASE/tasks/*/.
    quint64 openMerge(const QString& baseDir, const QStringList& taskPaths = {});
    // Latest wins. spec: {method, lambda, normalize, tasks[{weight, density}], ...} (merge_session.h);
    // result: {scores{tasks[{name, accuracy, n, base_accuracy}], base_facts, base_facts_n, fluency,
    // base_fluency, generation, score_ms}, spec, merge_ms, probes_ms, total_ms, fluency_skipped?};
    // mergeScorePartial carries the accuracies first.
    quint64 mergeScore(const QJsonObject& spec);
    // Scores a grid of two tasks' weights (progress, cancel; mergeSweepCell per cell).
    // result: {task_a, task_b, values_a, values_b, metrics[], grids{metric: [[v]]}, partial, seconds}.
    quint64 mergeSweep(int taskA, int taskB, const QVector<double>& values);
    // The open merge as it stands, as mergekit YAML (lancet-cli merge CONFIG reproduces it).
    Job<std::string> mergeYaml();
    // The panel's apply mode: merges `tasks` (indices, in order; empty: all) once
    // with any method of the engine's table (merge/merge_methods.h), then scores.
    // params: the method's global parameters; perModel: one object per chosen task.
    // result: {applied_method, tasks[], scores{...as mergeScore}, merge_ms, total_ms}.
    // The next mergeScore returns to the live merge.
    quint64 mergeApply(const QString& method, const QJsonObject& params, const QJsonArray& perModel,
                       const QVector<int>& tasks);
    // The engine's merge methods (static data, no engine-thread work): [{name, live,
    // random, base ("none"|"required"|"optional"), min_models, max_models,
    // globals[{name, default, required}], per_model[...], summary}].
    static QJsonArray mergeMethodTable();

    void cancel(quint64 id);
    void cancelAll();
    bool busy() const;

Q_SIGNALS:
    void jobStarted(quint64 id, lancet::app::JobKind kind);
    void jobProgress(quint64 id, double fraction, const QString& stage);
    // The JSON jobs' result (see each job's documentation); typed jobs answer
    // through their Job<T>::result instead.
    void jobFinished(quint64 id, lancet::app::JobKind kind, const QJsonObject& result);
    // Every job, typed ones included, ends with exactly one of these two.
    void jobSucceeded(quint64 id, lancet::app::JobKind kind);
    void jobFailed(quint64 id, lancet::app::JobKind kind, const lancet::app::JobError& error);
    // Streaming causal-trace data.
    void traceSetup(quint64 id, const QJsonObject& setup);
    void traceChunk(quint64 id, const QString& kind, const QVector<int>& tokens, const QVector<int>& layers,
                    const QVector<double>& probs);
    // One sweep cell: row a (task A's weight index), column b, its scores.
    void mergeSweepCell(quint64 id, int a, int b, const QJsonObject& scores);
    // A mergeScore job's accuracies, before its fluency stage: {scores (fluency
    // null), spec, merge_ms, probes_ms}. The job's result follows with fluency
    // (or fluency_skipped: true when a newer slider position superseded it).
    void mergeScorePartial(quint64 id, const QJsonObject& result);
    // One point of a runSequential job's forgetting curve, as it is measured.
    void curvePoint(quint64 id, const lancet::CurvePoint& point);
    // A runTtt job, live: method = index in TttParams::methods.
    void tttMethodStarted(quint64 id, int method, const QString& stream);
    void tttRecord(quint64 id, int method, const lancet::TttRecord& record);
    void tttForgetting(quint64 id, int method, const lancet::TttForgettingPoint& point);
    // A method's run as it ended (completed, cancelled or diverged), records included.
    void tttMethodDone(quint64 id, int method, const lancet::TttRun& run);

private:
    // From the engine thread: runs `emission` (a lambda with one Q_EMIT) on the bridge's thread.
    template <class F>
    void emitOnOwnThread(F emission)
    {
        QMetaObject::invokeMethod(this, std::move(emission), Qt::QueuedConnection);
    }

    friend class EngineWorker;
    using JobBody = std::function<QJsonObject(EngineWorker& worker, const lancet::JobContext& job, quint64 id)>;
    quint64 submit(JobKind kind, JobBody body);
    // Runs `run` on the engine thread; `failed` gets its error there (engine_worker.h
    // builds typed jobs on it).
    using RawBody = std::function<void(EngineWorker& worker, const lancet::JobContext& job, quint64 id)>;
    using FailFn = std::function<void(const JobError& error)>;
    quint64 submitRaw(JobKind kind, RawBody run, FailFn failed);
    template <class T>
    Job<T> submitTyped(JobKind kind, std::function<T(EngineWorker&, const lancet::JobContext&)> body);
    template <class T>  // the body also gets the job's id (for streaming signals)
    Job<T> submitTypedWithId(JobKind kind, std::function<T(EngineWorker&, const lancet::JobContext&, quint64)> body);

    QThread thread_;
    EngineWorker* worker_ = nullptr;
    std::atomic<quint64> nextId_{1};
    std::atomic<quint64> latestPredict_{0};
    std::atomic<quint64> latestMergeScore_{0};
    std::atomic<int> running_{0};
};

}  // namespace lancet::app

Q_DECLARE_METATYPE(lancet::app::JobKind)
Q_DECLARE_METATYPE(lancet::app::JobError)
Q_DECLARE_METATYPE(lancet::CurvePoint)
Q_DECLARE_METATYPE(lancet::TttRecord)
Q_DECLARE_METATYPE(lancet::TttForgettingPoint)
Q_DECLARE_METATYPE(lancet::TttRun)
