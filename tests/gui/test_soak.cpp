// A long session through the engine bridge, the workbench's only way to the
// model (issue 20, "bounded memory over long sessions"): cycles of edit, undo,
// redo, undo, a compare of two history states, a prediction, a small trace
// and a merge score, with resident memory and open file descriptors read
// after every cycle. Each cycle ends where it began (no edit applied), so
// memory must not grow with the cycle count: the test fits a line to the
// second half's resident memory and bounds its slope.
//
// CI runs 24 cycles on the tiny model. The soak of the closing note:
//   LANCET_SOAK_CYCLES=1000 LANCET_SOAK_MODEL=<model folder> ctest -R gui.soak -V
// prints one line per cycle, so it can be plotted.
#include "gui_test_util.h"

#include "engine_bridge.h"
#include "core/process_stats.h"

#include <QDir>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <optional>

using lancet::app::EngineBridge;
using lancet::app::Job;
using lancet::app::JobError;
using namespace lancet::gui::test;
using namespace Qt::StringLiterals;

namespace {

template <class T>
std::optional<T> wait(QObject* context, Job<T> job)
{
    auto out = std::make_shared<std::optional<T>>();
    auto failed = std::make_shared<QString>();
    job.result.then(context, [out](const T& v) { *out = v; }).onFailed(context, [failed](const JobError& e) {
        *failed = e.message.isEmpty() ? u"failed"_s : e.message;
    });
    (void)QTest::qWaitFor([&] { return out->has_value() || !failed->isEmpty(); }, kEngineTimeoutMs);
    if (!failed->isEmpty())
        qWarning("job failed: %s", qPrintable(*failed));
    return *out;
}

// Submits a job reported through jobFinished / jobFailed (the untyped ones) and
// waits for it. The spies exist before the job does: the engine thread emits
// its signal the moment the job ends, and a spy made after that hears nothing
// (a fast predict on a loaded machine did exactly that).
template <class Submit>
bool waitFinished(EngineBridge& bridge, Submit submit)
{
    QSignalSpy finished(&bridge, &EngineBridge::jobFinished);
    QSignalSpy failed(&bridge, &EngineBridge::jobFailed);
    const quint64 id = submit();
    auto seen = [&](const QSignalSpy& spy) { return signalFor(spy, id).has_value(); };
    (void)QTest::qWaitFor([&] { return seen(finished) || seen(failed); }, kEngineTimeoutMs);
    return seen(finished);
}

}  // namespace

class TestSoak : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void memoryStaysFlatOverEditUndoCycles();

public:
    static void initMain()
    {
        isolateEnvironment();
        // A long soak outlasts Qt Test's five-minute limit per test function.
        if (qEnvironmentVariableIsSet("LANCET_SOAK_CYCLES") && !qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
            qputenv("QTEST_FUNCTION_TIMEOUT",
                    QByteArray::number(qint64(qMax(1, qEnvironmentVariableIntValue("LANCET_SOAK_CYCLES"))) * 60000));
    }
};

void TestSoak::memoryStaysFlatOverEditUndoCycles()
{
    const int cycles = qEnvironmentVariableIsSet("LANCET_SOAK_CYCLES") ? qEnvironmentVariableIntValue("LANCET_SOAK_CYCLES") : 24;
    const QString model = qEnvironmentVariableIsSet("LANCET_SOAK_MODEL") ? qEnvironmentVariable("LANCET_SOAK_MODEL") : tinyModel();
    const bool tiny = model == tinyModel();
    EngineBridge bridge;
    QVERIFY(waitFinished(bridge, [&] { return bridge.loadModel(model); }));
    const QString base = QDir(model).absolutePath();
    const QString tasks = QDir(tinyModel() + u"/../merge/tiny-tasks"_s).absolutePath();
    QVERIFY(waitFinished(bridge, [&] {
        return tiny ? bridge.openMerge(base, {tasks + u"/up"_s, tasks + u"/down"_s}) : bridge.openMerge(base);
    }));

    lancet::EditSpec spec;
    spec.prompt = "{} is located in the city of";
    spec.subject = "The Space Needle";
    spec.target_new = "Paris";
    spec.target_true = "Seattle";
    spec.layers = {1};
    spec.hparams = {{"v_num_grad_steps", 5}};
    lancet::app::TraceParams trace;
    trace.prompt = u"The Space Needle is located in the city of"_s;
    trace.subject = u"Space Needle"_s;
    trace.samples = 2;
    trace.kinds = {u"hidden"_s};

    QVector<double> rss;
    QVector<int> fds;
    for (int cycle = 0; cycle < cycles; ++cycle) {
        const auto edited = wait(this, bridge.applyEdit(spec));
        QVERIFY2(edited && edited->history.position == 1, "the edit did not apply");
        QVERIFY(wait(this, bridge.undoEdit()));
        QVERIFY(wait(this, bridge.redoEdit()));
        lancet::app::CompareParams compare;
        compare.from = 0;
        compare.to = 1;
        compare.prompt = trace.prompt;
        QVERIFY(wait(this, bridge.compare(compare)));
        const auto undone = wait(this, bridge.undoEdit());
        QVERIFY2(undone && undone->position == 0, "the cycle did not end at the base model");
        QVERIFY(waitFinished(bridge, [&] { return bridge.predict(trace.prompt); }));
        QVERIFY(waitFinished(bridge, [&] { return bridge.trace(trace); }));
        QJsonObject merge{{u"method"_s, u"task_arithmetic"_s}, {u"lambda"_s, 1.0 - 0.01 * (cycle % 10)}};
        QVERIFY(waitFinished(bridge, [&] { return bridge.mergeScore(merge); }));
        rss.push_back(lancet::process_resident_mb());
        fds.push_back(int(lancet::process_open_descriptors()));
        if (!tiny || qEnvironmentVariableIsSet("LANCET_SOAK_CYCLES"))
            qInfo("soak cycle %d: resident %.1f MB, %d open descriptors", cycle + 1, rss.back(), fds.back());
    }
    // The first cycles fill caches (statistics, context templates, allocator
    // pools); after that memory must be flat. Single readings jump by a few MB
    // as the allocator takes and returns pages, so the test compares medians
    // of the second and the last quarter (a leak of 1 MB a cycle shows as
    // cycles/4 MB), and reports the second half's least-squares slope.
    auto median = [](QVector<double> v) {
        std::sort(v.begin(), v.end());
        return v.isEmpty() ? 0.0 : v[v.size() / 2];
    };
    const qsizetype q = rss.size() / 4;
    const double secondQuarter = median(rss.mid(q, q)), lastQuarter = median(rss.mid(rss.size() - q));
    const QVector<double> secondHalf = rss.mid(rss.size() / 2);
    std::vector<double> index(size_t(secondHalf.size()));
    for (size_t i = 0; i < index.size(); ++i)
        index[i] = double(i);
    const double perCycle = lancet::least_squares_slope(index, {secondHalf.begin(), secondHalf.end()});
    qInfo("soak: %d cycles, resident %.1f MB after the first cycle, %.1f MB at the end; median %.1f MB in the second "
          "quarter, %.1f MB in the last; second-half slope %.3f MB per cycle; open descriptors %d -> %d",
          cycles, rss.front(), rss.back(), secondQuarter, lastQuarter, perCycle, fds.front(), fds.back());
    QVERIFY2(lastQuarter - secondQuarter < 8.0,
             qPrintable(u"resident memory grew %1 MB between the second and the last quarter"_s.arg(lastQuarter - secondQuarter)));
    QVERIFY2(fds.back() <= fds[fds.size() / 2], "open file descriptors grew in the second half");
}

QTEST_MAIN(TestSoak)
#include "test_soak.moc"
