// The engine bridge on its own, with no MainWindow: typed jobs, error codes,
// and the same edit from the workbench's path and from lancet-cli.
#include "gui_test_util.h"

#include "engine_bridge.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <optional>

using lancet::app::EngineBridge;
using lancet::app::Job;
using lancet::app::JobError;
using lancet::app::JobKind;
using namespace lancet::gui::test;

namespace {

// Waits for a typed job; the value or the error, whichever comes.
template <class T>
struct Waited {
    std::optional<T> value;
    std::optional<JobError> error;
};

template <class T>
Waited<T> wait(QObject* context, Job<T> job, int timeoutMs = kEngineTimeoutMs)
{
    auto out = std::make_shared<Waited<T>>();
    job.result.then(context, [out](const T& v) { out->value = v; }).onFailed(context, [out](const JobError& e) {
        out->error = e;
    });
    (void)QTest::qWaitFor([&] { return out->value || out->error; }, timeoutMs);
    return *out;
}

bool loadModel(EngineBridge& bridge, const QString& path)
{
    QSignalSpy finished(&bridge, &EngineBridge::jobFinished);
    return waitForJob(finished, bridge.loadModel(path)).has_value();
}

lancet::EditSpec needle()
{
    lancet::EditSpec s;
    s.prompt = "{} is located in the city of";
    s.subject = "The Space Needle";
    s.target_new = "Paris";
    s.target_true = "Seattle";
    return s;
}

}  // namespace

class TestBridge : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void editUndoRedoWithoutAWindow();
    void errorsCrossWithTheirCode();
    void cliAndWorkbenchGiveTheSameEdit();
    void weightFileTruncatedUnderTheModel();
    void layersAcrossDevices();

public:
    static void initMain() { isolateEnvironment(); }
};

void TestBridge::editUndoRedoWithoutAWindow()
{
    EngineBridge bridge;
    QVERIFY(loadModel(bridge, tinyModel()));
    auto methods = wait(this, bridge.editMethods());
    QVERIFY(methods.value && !methods.value->empty());
    QCOMPARE(methods.value->front().name, std::string("rome"));

    lancet::EditSpec spec = needle();
    spec.layers = {1};
    spec.hparams = {{"mom2_adjustment", false}, {"v_num_grad_steps", 5}};
    spec.locality_prompts = {{"The Eiffel Tower is located in the city of", ""}};
    QSignalSpy succeeded(&bridge, &EngineBridge::jobSucceeded);
    auto edit = bridge.applyEdit(spec);
    QVERIFY(edit.id > 0);
    const auto done = wait(this, edit);
    QVERIFY2(done.value, done.error ? qPrintable(done.error->message) : "no answer");
    QCOMPARE(done.value->layer, 1);
    QCOMPARE(done.value->history.position, size_t(1));
    QVERIFY(done.value->scorecard.find("reliability") != nullptr);
    QVERIFY(done.value->diagnostics.contains("delta"));
    QTRY_VERIFY(!succeeded.isEmpty());  // the generic end signal, for the status bar
    QCOMPARE(succeeded.first().at(0).toULongLong(), edit.id);

    const auto undone = wait(this, bridge.undoEdit());
    QVERIFY(undone.value && undone.value->position == 0 && undone.value->can_redo);
    const auto redone = wait(this, bridge.redoEdit());
    QVERIFY(redone.value && redone.value->position == 1);
    QCOMPARE(redone.value->edits.front().id, done.value->id);
}

void TestBridge::errorsCrossWithTheirCode()
{
    EngineBridge bridge;
    // No model yet: refused as invalid input, not a crash.
    auto early = wait(this, bridge.applyEdit(needle()));
    QVERIFY(early.error);
    QCOMPARE(early.error->code, lancet::ErrorCode::InvalidArgument);

    QVERIFY(loadModel(bridge, tinyModel()));
    lancet::EditSpec unknown = needle();
    unknown.method = "no-such-method";
    auto notFound = wait(this, bridge.applyEdit(unknown));
    QVERIFY(notFound.error && notFound.error->code == lancet::ErrorCode::NotFound);

    lancet::EditSpec badParam = needle();
    badParam.layers = {0};
    badParam.hparams = {{"v_num_grad_steps", 0}};
    auto invalid = wait(this, bridge.applyEdit(badParam));
    QVERIFY(invalid.error && invalid.error->code == lancet::ErrorCode::InvalidArgument);
    QVERIFY2(invalid.error->message.contains(QStringLiteral("v_num_grad_steps")), qPrintable(invalid.error->message));

    // Cancelled before it ran: the code says so, and nothing was applied.
    QSignalSpy failed(&bridge, &EngineBridge::jobFailed);
    lancet::EditSpec slow = needle();
    slow.layers = {0};
    auto first = bridge.applyEdit(slow);
    auto second = bridge.applyEdit(slow);
    bridge.cancel(second.id);
    const auto cancelled = wait(this, second);
    QVERIFY(cancelled.error && cancelled.error->cancelled());
    (void)wait(this, first);
    auto undo = wait(this, bridge.undoEdit());
    QVERIFY(undo.value && undo.value->position == 0 && !undo.value->can_undo);  // only the first edit was applied
}

// Another program truncates the open model's weight file in place. The CPU
// weights are views of that mapped file, so an edit that read them would die of
// SIGBUS (and this test with it); the job is refused with an I/O error instead.
void TestBridge::weightFileTruncatedUnderTheModel()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const char* f : {"config.json", "model.safetensors", "vocab.json", "merges.txt"})
        QVERIFY(QFile::copy(tinyModel() + u'/' + QLatin1String(f), dir.filePath(QLatin1String(f))));
    EngineBridge bridge;
    QVERIFY(loadModel(bridge, dir.path()));
    QFile weights(dir.filePath(QStringLiteral("model.safetensors")));
    QVERIFY(weights.resize(0));  // in place: same inode, the mapping's pages gone
    lancet::EditSpec spec = needle();
    spec.layers = {0};
    const auto refused = wait(this, bridge.applyEdit(spec));
    QVERIFY(refused.error);
    QCOMPARE(refused.error->code, lancet::ErrorCode::Io);
    QVERIFY2(refused.error->message.contains(QStringLiteral("model.safetensors")), qPrintable(refused.error->message));
}

// The workbench's Apply Edit and `lancet-cli edit` run the same engine use case
// on the same request: the same layer (and reason), the same weight change, the
// same scorecard. On the demo model, with its folder's declared layer and settings.
void TestBridge::cliAndWorkbenchGiveTheSameEdit()
{
    const QString demo = QStringLiteral(LANCET_DEMO_MODEL);
    if (!QFile::exists(demo + QStringLiteral("/model.safetensors")))
        QSKIP("the demo model is not in this checkout");
    lancet::EditSpec spec = needle();
    spec.subject = "Zaria";
    spec.prompt = "{} is a city in the country of";
    spec.target_new = "Brazil";
    spec.target_true.reset();

    EngineBridge bridge;
    QVERIFY(loadModel(bridge, demo));
    const auto gui = wait(this, bridge.applyEdit(spec), 4 * kEngineTimeoutMs);
    QVERIFY2(gui.value, gui.error ? qPrintable(gui.error->message) : "no answer");

    QProcess cli;
    cli.start(QStringLiteral(LANCET_CLI_PATH),
              {QStringLiteral("edit"), demo, QStringLiteral("--prompt"), QString::fromStdString(spec.prompt),
               QStringLiteral("--subject"), QString::fromStdString(spec.subject), QStringLiteral("--target"),
               QString::fromStdString(spec.target_new), QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(4 * kEngineTimeoutMs));
    QCOMPARE(cli.exitCode(), 0);
    const nlohmann::json out = nlohmann::json::parse(cli.readAllStandardOutput().toStdString());

    const lancet::EditOutcome& g = *gui.value;
    QCOMPARE(out["edit"]["layer"].get<int>(), g.layer);
    QCOMPARE(out["edit"]["layer_reason"].get<std::string>(), g.layer_reason);
    QVERIFY2(out["edit"]["hparams"] == g.hparams, out["edit"]["hparams"].dump().c_str());
    const auto& cd = out["edit"]["diagnostics"];
    const auto near = [](double a, double b) { return std::abs(a - b) <= 1e-5 * std::max(1.0, std::abs(b)); };
    QVERIFY(near(cd["delta_norm"].get<double>(), g.diagnostics["delta_norm"].get<double>()));
    QVERIFY(near(cd["division_factor"].get<double>(), g.diagnostics["division_factor"].get<double>()));
    QVERIFY(near(cd["prob_after"].get<double>(), g.diagnostics["prob_after"].get<double>()));
    // The scorecards: the same rows, protocols and values.
    const auto& rows = out["scorecard"]["rows"];
    QCOMPARE(rows.size(), g.scorecard.rows.size());
    for (size_t i = 0; i < g.scorecard.rows.size(); ++i) {
        const lancet::ScoreRow& r = g.scorecard.rows[i];
        QCOMPARE(rows[i]["key"].get<std::string>(), r.key);
        QCOMPARE(rows[i]["protocol"].get<std::string>(), r.protocol);
        QVERIFY2(near(rows[i]["after"].get<double>(), r.after), r.key.c_str());
        if (r.before) QVERIFY2(near(rows[i]["before"].get<double>(), *r.before), r.key.c_str());
    }
}

// The workbench's layer placement (Settings, --devices/--placement) reaches
// the engine: the tiny model split over two CPU stages loads as two stages
// and edits across the boundary like the whole model does; a list that leaves
// a layer out is refused with the engine's message, and the model stays.
void TestBridge::layersAcrossDevices()
{
    EngineBridge whole;
    QVERIFY(loadModel(whole, tinyModel()));
    EngineBridge bridge;
    QSignalSpy finished(&bridge, &EngineBridge::jobFinished);
    QSignalSpy failed(&bridge, &EngineBridge::jobFailed);
    const quint64 id = bridge.loadModel(tinyModel(), QStringLiteral("cpu"), QStringLiteral("auto"), QString(),
                                        QStringLiteral("0:cpu,1:cpu"));
    const auto loaded = waitForJob(finished, id);
    QVERIFY(loaded.has_value());
    const QJsonObject summary = loaded->at(2).toJsonObject();
    const QJsonObject placement = summary.value(QStringLiteral("placement")).toObject();
    QCOMPARE(placement.value(QStringLiteral("stages")).toArray().size(), 2);
    QCOMPARE(placement.value(QStringLiteral("layers")).toString(), QStringLiteral("0:cpu,1:cpu"));

    // ROME at layer 1 (the second stage) through both bridges: the same delta.
    lancet::EditSpec spec = needle();
    spec.layers = {1};
    spec.hparams = {{"mom2_adjustment", false}, {"v_num_grad_steps", 5}};
    const auto split = wait(this, bridge.applyEdit(spec));
    const auto single = wait(this, whole.applyEdit(spec));
    QVERIFY2(split.value && single.value, split.error ? qPrintable(split.error->message) : "no answer");
    const double a = split.value->diagnostics.at("delta").at(0).at("delta_norm").get<double>();
    const double b = single.value->diagnostics.at("delta").at(0).at("delta_norm").get<double>();
    QVERIFY(b > 0);
    QVERIFY2(std::abs(a - b) <= 1e-4 * std::max(1.0, std::abs(b)), qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));

    const quint64 bad = bridge.loadModel(tinyModel(), QStringLiteral("cpu"), QStringLiteral("auto"), QString(),
                                         QStringLiteral("0:cpu"));
    const auto refused = waitForJob(failed, bad);
    QVERIFY(refused.has_value());
    const auto error = refused->at(2).value<JobError>();
    QVERIFY2(error.message.contains(QStringLiteral("without a device")), qPrintable(error.message));
}

QTEST_MAIN(TestBridge)
#include "test_bridge.moc"
