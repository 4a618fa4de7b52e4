// The GUI's only door to the engine: a thin QObject adapter around the
// Qt-free engine, which runs every job on one engine thread that owns all
// tensors (the model, its edits). Requests return a job id at once; results,
// progress and errors come back as queued signals carrying plain Qt data (JSON
// objects with the same field names as lancet-cli --json), so no widget or GUI
// file ever includes a LibTorch header.
//
// Cancellation is cooperative: cancel(id) sets the job's CancelToken directly
// from the GUI thread (an atomic store), and the engine polls it per layer or
// step. Interactive requests (predict) are "latest wins": a newer request makes
// older pending ones skip, and their results are never delivered.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>

namespace lancet {
struct JobContext;
}

namespace lancet::app {

enum class JobKind { LoadModel, Predict, Generate, Trace, Edit, Undo, Redo, Scorecard, Export, SaveEdits, LoadEdits, Compare,
                     MergeOpen, MergeScore, MergeSweep };
QString jobKindName(JobKind kind);

struct TraceParams {
    QString prompt;
    QString subject;      // empty: guessed
    QString target;       // empty: clean top-1
    QStringList kinds = {QStringLiteral("hidden"), QStringLiteral("mlp"), QStringLiteral("attn")};
    int samples = 10;
    double noiseMultiplier = 3.0;
    int window = 0;       // 0: default (min(10, layers))
    quint64 seed = 1;
    int maxCellsPerChunk = 0;  // small values stream more often
};

struct EditParams {
    QString promptTemplate;  // with "{}" where the subject goes
    QString subject;
    QString target;
    QString targetTrue;      // optional
    int layer = -1;          // -1: published default or the trace's peak
    bool originalRome = false;  // the original formulation instead of r-ROME
    // Lancet's extension of ROME (RomeRequest::keep_prompts): prompts with "{}" for
    // the subject whose predictions the edit should keep (the subject's other facts).
    QStringList keepPrompts;
    // Scorecard data; empty lists get defaults (the prompt in generated contexts
    // for generality; general-knowledge prompts for locality).
    QStringList paraphrases;
    QStringList neighbourPrompts;
    QStringList neighbourAnswers;  // the answers the unedited model should keep giving (optional)
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
    QJsonObject scoreRequest;  // an edit request (EditRequest::scorecardRequest) scored at both; empty: skipped
};

class EngineWorker;

class EngineBridge : public QObject {
    Q_OBJECT
public:
    explicit EngineBridge(QObject* parent = nullptr);
    ~EngineBridge() override;  // cancels everything, then stops and joins the engine thread

    // Every request returns its job id (> 0).
    quint64 loadModel(const QString& path, const QString& device = QStringLiteral("cpu"),
                      const QString& dtype = QStringLiteral("auto"));
    quint64 predict(const QString& prompt, int topK = 10);               // latest wins
    quint64 generate(const QString& prompt, int maxNewTokens = 24);      // greedy, base vs current weights
    quint64 trace(const TraceParams& params);
    quint64 applyEdit(const EditParams& params);
    quint64 undoEdit();
    quint64 redoEdit();
    quint64 scorecard(const QJsonObject& editRequest);  // reliability/generality/locality/fluency before vs after
    quint64 exportModel(const QString& outDir);
    quint64 saveEdits(const QString& path);
    quint64 loadEdits(const QString& path);

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
    quint64 compare(const CompareParams& params);  // result: see bridge_jobs_compare.cpp

    void cancel(quint64 id);
    void cancelAll();
    bool busy() const;

Q_SIGNALS:
    void jobStarted(quint64 id, lancet::app::JobKind kind);
    void jobProgress(quint64 id, double fraction, const QString& stage);
    // result: JSON object; see each job's documentation in engine_bridge.cpp.
    void jobFinished(quint64 id, lancet::app::JobKind kind, const QJsonObject& result);
    void jobFailed(quint64 id, lancet::app::JobKind kind, const QString& message, bool cancelled);
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

private:
    friend class EngineWorker;
    using JobBody = std::function<QJsonObject(EngineWorker& worker, const lancet::JobContext& job, quint64 id)>;
    quint64 submit(JobKind kind, JobBody body);

    QThread thread_;
    EngineWorker* worker_ = nullptr;
    std::atomic<quint64> nextId_{1};
    std::atomic<quint64> latestPredict_{0};
    std::atomic<quint64> latestMergeScore_{0};
    std::atomic<int> running_{0};
};

}  // namespace lancet::app

Q_DECLARE_METATYPE(lancet::app::JobKind)
