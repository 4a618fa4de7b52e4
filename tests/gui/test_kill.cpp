// Crash safety of the workbench itself: a real MainWindow (this executable
// again, kill_child.h) is killed with SIGKILL during edits, session saves,
// exports and statistics-cache writes; then what it left is checked.
//
//  - edits: the next start offers the autosave back (still after the model has
//    opened), it holds the last edit whose "done" line the child printed, or
//    the one after it (completed and autosaved, killed before it could print),
//    never fewer; recovering replays it to weights bit-identical to those the
//    killed process had after that many edits (the weight digest: FNV-1a over
//    every tensor byte). Bit equality, not a tolerance: the same edits on the
//    same weights in the same order on one CPU thread (OMP_NUM_THREADS=1) are
//    deterministic, so any difference means a different history.
//  - recovery: a second kill while the recovered edits are being replayed, or
//    before the offer is answered, loses none of them either; the start after
//    it offers them all again.
//  - session saves: the file is absent (nothing was saved yet) or a complete
//    session, the last one saved or the one being saved, and it reopens.
//  - exports: every folder under its final name is a complete export, byte-
//    identical to one that loads with the edited weights; a killed export
//    leaves at most a hidden staging folder.
//  - statistics caches: every cache file under its final name is byte-identical
//    to an uninterrupted run's, and the next run's edit gives the same weights.
//  - the source model folder (a copy of the tiny fixture) is byte-identical at
//    the end, with no file added.
//
// Kill moments: after the k-th "done" line plus a random delay of up to about
// one step's measured duration, so most land inside a step. The seed is
// printed; LANCET_KILL_SEED=N repeats a run's delays.
#include "gui_test_util.h"
#include "kill_child.h"

#include "autosave.h"
#include "edit_controller.h"
#include "message_bar.h"
#include "session.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

#include <algorithm>
#include <csignal>

#ifdef __linux__
#include <sys/prctl.h>
#endif

using namespace lancet::gui;
using namespace lancet::gui::test;

namespace {

// Planned edits in the uninterrupted reference run; a killed edit run stops one
// short, so the edit a kill may complete unseen always has a reference digest.
constexpr int kReferenceEdits = 5;

// A child workbench and its stdout lines, read with QProcess's blocking calls
// (the parent has nothing else to do meanwhile).
class Child {
public:
    Child(const QString& mode, const QList<QPair<QString, QString>>& env)
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();  // HOME, XDG_*, caches: shared
        e.insert(QString::fromLatin1(kChildModeEnv), mode);
        for (const auto& [k, v] : env)
            e.insert(k, v);
        process_.setProcessEnvironment(e);
        process_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        clock_.start();
        process_.start(QCoreApplication::applicationFilePath(), {});
    }
    ~Child()
    {
        if (process_.state() != QProcess::NotRunning) {
            process_.kill();
            process_.waitForFinished();
        }
    }

    // Reads until a line starting with `prefix` arrives; false on an "error"
    // line, the child's end or the timeout.
    bool waitForLine(const QString& prefix, int timeoutMs = kEngineTimeoutMs)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            if (indexOf(prefix) >= 0)
                return true;
            if (indexOf(QStringLiteral("error")) >= 0 || t.elapsed() > timeoutMs)
                return false;
            if (!process_.waitForReadyRead(int(std::max<qint64>(1, timeoutMs - t.elapsed()))) &&
                process_.state() == QProcess::NotRunning) {
                readLines();
                return indexOf(prefix) >= 0;
            }
            readLines();
        }
    }
    // Keeps reading for `ms` (the random part of a kill moment).
    void readFor(int ms)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms && process_.state() != QProcess::NotRunning) {
            process_.waitForReadyRead(int(std::max<qint64>(1, ms - t.elapsed())));
            readLines();
        }
    }
    // SIGKILL (QProcess::kill on Unix), then every line it printed before dying.
    bool killNow()
    {
        if (process_.state() == QProcess::NotRunning)
            return false;
        process_.kill();
        process_.waitForFinished();
        readLines();
        return process_.exitStatus() == QProcess::CrashExit;
    }
    bool finishedCleanly(int timeoutMs = kEngineTimeoutMs)
    {
        process_.waitForFinished(timeoutMs);
        readLines();
        return process_.exitStatus() == QProcess::NormalExit && process_.exitCode() == 0;
    }

    int indexOf(const QString& prefix) const
    {
        for (int i = 0; i < lines_.size(); ++i)
            if (lines_[i].startsWith(prefix))
                return i;
        return -1;
    }
    int count(const QString& prefix) const
    {
        return int(std::count_if(lines_.begin(), lines_.end(), [&](const QString& l) { return l.startsWith(prefix); }));
    }
    // When the parent read the line (ms since the start).
    qint64 at(const QString& prefix) const { return times_.value(indexOf(prefix), -1); }
    const QStringList& lines() const { return lines_; }
    QString transcript() const { return lines_.mid(std::max<qsizetype>(0, lines_.size() - 8)).join(u" | "); }

private:
    void readLines()
    {
        while (process_.canReadLine()) {
            lines_ << QString::fromUtf8(process_.readLine()).trimmed();
            times_ << clock_.elapsed();
        }
        if (process_.state() == QProcess::NotRunning) {
            const QByteArray rest = process_.readAll().trimmed();
            if (!rest.isEmpty()) {
                lines_ << QString::fromUtf8(rest);
                times_ << clock_.elapsed();
            }
        }
    }

    QProcess process_;
    QElapsedTimer clock_;
    QStringList lines_;
    QList<qint64> times_;
};

bool isHidden(const QString& relativePath)
{
    const QStringList parts = relativePath.split(QLatin1Char('/'));
    return std::any_of(parts.begin(), parts.end(), [](const QString& p) { return p.startsWith(QLatin1Char('.')); });
}

// Relative path -> SHA-256 of every file under root (hidden ones included).
QMap<QString, QByteArray> hashTree(const QString& root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            out.insert(QDir(root).relativeFilePath(path),
                       QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256));
    }
    return out;
}

QMap<QString, QByteArray> visibleOnly(const QMap<QString, QByteArray>& tree)
{
    QMap<QString, QByteArray> out;
    for (auto it = tree.begin(); it != tree.end(); ++it)
        if (!isHidden(it.key()))
            out.insert(it.key(), it.value());
    return out;
}

QString digestOf(MainWindow& w) { return awaitJob(w.bridge()->weightDigest().result).value_or(QStringLiteral("?")); }

}  // namespace

class TestKill : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killDuringEdits();
    void killDuringRecovery();
    void killBeforeTheOfferIsAnswered();
    void killDuringSessionSaves();
    void killDuringExports();
    void killDuringStatisticsCacheWrites();
    void sourceModelUntouched();

public:
    static void initMain() { isolateEnvironment(); }

private:
    void recoverAndCompare(int atLeast, int atMost, int* recovered);
    bool digestsMatchReference(const Child& c);
    int delayUpTo(qint64 ms) { return int(rng_.bounded(quint32(std::max<qint64>(1, ms)))); }

    QTemporaryDir base_;
    QString model_;  // the copy of the tiny fixture every child edits
    QString cache_;  // the statistics cache the reference run filled
    QMap<QString, QByteArray> modelFiles_;
    QMap<QString, QByteArray> referenceCache_;
    QMap<QString, QByteArray> referenceExport_;
    QVector<QString> digests_;  // [n]: the weights after the first n planned edits
    qint64 coldEditMs_ = 0;     // the first edit with an empty statistics cache
    qint64 editMs_ = 0;         // a later edit (median)
    QRandomGenerator rng_;
};

void TestKill::initTestCase()
{
    QVERIFY(base_.isValid());
    quint32 seed = qgetenv("LANCET_KILL_SEED").toUInt();
    if (!seed)
        seed = QRandomGenerator::global()->generate() | 1u;
    rng_.seed(seed);
    qInfo("kill moments: LANCET_KILL_SEED=%u", seed);

    model_ = base_.filePath(QStringLiteral("models/tiny-gpt2"));
    QVERIFY(QDir().mkpath(model_));
    for (const QFileInfo& f : QDir(tinyModel()).entryInfoList(QDir::Files))
        QVERIFY(QFile::copy(f.filePath(), model_ + QLatin1Char('/') + f.fileName()));
    modelFiles_ = hashTree(model_);
    QVERIFY(!modelFiles_.isEmpty());
    cache_ = base_.filePath(QStringLiteral("cache"));
    qputenv("LANCET_CACHE_DIR", cache_.toUtf8());  // children inherit it; the recovering window reads it too

    // The uninterrupted reference: its digests are what every kill must come back to.
    Child c(QStringLiteral("edit"), {{QStringLiteral("LANCET_KILL_MODEL"), model_},
                                     {QStringLiteral("LANCET_KILL_EDITS"), QString::number(kReferenceEdits)},
                                     {QStringLiteral("LANCET_KILL_EXIT"), QStringLiteral("1")}});
    QVERIFY2(c.waitForLine(QStringLiteral("idle")), qPrintable(c.transcript()));
    QVERIFY2(c.finishedCleanly(), qPrintable(c.transcript()));
    digests_ = {c.lines().at(c.indexOf(QStringLiteral("ready "))).section(u' ', 1)};
    QList<qint64> durations;
    for (int n = 1; n <= kReferenceEdits; ++n) {
        const QString prefix = QStringLiteral("edit %1 ").arg(n);
        digests_ << c.lines().at(c.indexOf(prefix)).section(u' ', 2);
        if (n > 1)
            durations << c.at(prefix) - c.at(QStringLiteral("edit %1 ").arg(n - 1));
    }
    // Every edit changes the weights.
    QCOMPARE(QSet<QString>(digests_.begin(), digests_.end()).size(), kReferenceEdits + 1);
    coldEditMs_ = c.at(QStringLiteral("edit 1 ")) - c.at(QStringLiteral("ready"));
    std::sort(durations.begin(), durations.end());
    editMs_ = durations.at(durations.size() / 2);
    referenceCache_ = visibleOnly(hashTree(cache_));
    QCOMPARE(referenceCache_.size(), 2);  // one statistics file per edited layer
    qInfo("reference: first edit %lld ms (statistics computed and cached), later edits %lld ms", coldEditMs_, editMs_);
}

bool TestKill::digestsMatchReference(const Child& c)
{
    for (const QString& line : c.lines())
        if (line.startsWith(QLatin1String("edit ")) &&
            line.section(u' ', 2) != digests_.value(line.section(u' ', 1, 1).toInt()))
            return false;
    return true;
}

// A fresh window after a kill: the recovery is offered, holds atLeast to
// atMost planned edits, and recovering gives the reference weights.
void TestKill::recoverAndCompare(int atLeast, int atMost, int* recovered)
{
    MainWindow w;
    w.show();
    StartupOptions options;
    options.modelPath = model_;
    QSignalSpy loaded(&w, &MainWindow::modelLoaded);
    w.startup(options);
    QVERIFY(w.autosave()->previousRunCrashed());
    Session s;
    QVERIFY(w.autosave()->recoverySession(&s));
    const int n = int(s.edits.size());
    QVERIFY2(n >= atLeast && n <= atMost,
             qPrintable(QStringLiteral("%1 edits to recover, %2 to %3 expected").arg(n).arg(atLeast).arg(atMost)));
    for (int i = 0; i < n; ++i) {
        QCOMPARE(qstr(s.edits[i].subject), plannedEdit(i + 1).subject);
        QCOMPARE(qstr(s.edits[i].target_new), plannedEdit(i + 1).target);
    }
    // The offer outlives the model's opening: the user sees it once the window is up.
    QVERIFY(loaded.wait(kEngineTimeoutMs) || !loaded.isEmpty());
    QVERIFY2(
        w.messageBar()->isShowing() && w.messageBar()->text().contains(QStringLiteral("did not shut down cleanly")),
        qPrintable(w.messageBar()->text()));
    QSignalSpy restored(&w, &MainWindow::sessionRestored);
    QTest::mouseClick(w.messageBar()->actionButton(0), Qt::LeftButton);
    QVERIFY(restored.wait(kEngineTimeoutMs) || !restored.isEmpty());
    QCOMPARE(restored.first().at(0).toInt(), n);
    QCOMPARE(restored.first().at(1).toInt(), n);
    QCOMPARE(w.editController()->appliedCount(), n);
    QCOMPARE(digestOf(w), digests_.value(n));
    w.setConfirmOnClose(false);
    QVERIFY(w.close());  // a clean shutdown: the next child starts without a recovery
    *recovered = n;
}

void TestKill::killDuringEdits()
{
    for (int run = 0; run < 3; ++run) {
        const int after = run + 1;
        Child c(QStringLiteral("edit"), {{QStringLiteral("LANCET_KILL_MODEL"), model_},
                                         {QStringLiteral("LANCET_KILL_EDITS"), QString::number(kReferenceEdits - 1)}});
        QVERIFY2(c.waitForLine(QStringLiteral("edit %1 ").arg(after)), qPrintable(c.transcript()));
        const int delay = delayUpTo(editMs_ * 6 / 5);
        c.readFor(delay);
        QVERIFY2(c.killNow(), qPrintable(c.transcript()));
        const int printed = c.count(QStringLiteral("edit "));
        QVERIFY2(digestsMatchReference(c), qPrintable(c.transcript()));
        int recovered = -1;
        recoverAndCompare(printed, printed + 1, &recovered);
        if (QTest::currentTestFailed())
            return;
        qInfo("edit kill %d: after edit %d + %d ms; %d edits done, %d recovered", run + 1, after, delay, printed,
              recovered);
    }
}

void TestKill::killDuringRecovery()
{
    // A crash with edits to recover...
    Child first(QStringLiteral("edit"), {{QStringLiteral("LANCET_KILL_MODEL"), model_},
                                         {QStringLiteral("LANCET_KILL_EDITS"), QString::number(kReferenceEdits - 1)}});
    QVERIFY2(first.waitForLine(QStringLiteral("edit 3 ")), qPrintable(first.transcript()));
    QVERIFY2(first.killNow(), qPrintable(first.transcript()));
    const int printed = first.count(QStringLiteral("edit "));
    // ...then another while they are recovered (the model opening, the edits replaying).
    Child second(QStringLiteral("recover"), {{QStringLiteral("LANCET_KILL_MODEL"), model_}});
    QVERIFY2(second.waitForLine(QStringLiteral("recovering ")), qPrintable(second.transcript()));
    const int n = second.lines().at(second.indexOf(QStringLiteral("recovering "))).section(u' ', 1).toInt();
    QVERIFY2(n == printed || n == printed + 1, qPrintable(second.transcript()));
    // Killed while the second of the (at least three) edits replays.
    QVERIFY2(second.waitForLine(QStringLiteral("replayed 1")), qPrintable(second.transcript()));
    const int delay = delayUpTo(second.at(QStringLiteral("replayed 1")) - second.at(QStringLiteral("recovering ")));
    second.readFor(delay);
    QVERIFY2(second.killNow(), qPrintable(second.transcript()));
    const bool replayed = second.indexOf(QStringLiteral("recovered ")) >= 0;
    if (replayed)
        QCOMPARE(second.lines().at(second.indexOf(QStringLiteral("recovered "))),
                 QStringLiteral("recovered %1 %2").arg(n).arg(digests_.value(n)));
    int recovered = -1;
    recoverAndCompare(n, n, &recovered);
    if (QTest::currentTestFailed())
        return;
    qInfo("recovery kill: %d edits to recover, killed %d ms after the first was replayed (%d replayed), %d recovered",
          n, delay, second.count(QStringLiteral("replayed ")), recovered);
}

void TestKill::killBeforeTheOfferIsAnswered()
{
    Child first(QStringLiteral("edit"), {{QStringLiteral("LANCET_KILL_MODEL"), model_},
                                         {QStringLiteral("LANCET_KILL_EDITS"), QString::number(kReferenceEdits - 1)}});
    QVERIFY2(first.waitForLine(QStringLiteral("edit 2 ")), qPrintable(first.transcript()));
    QVERIFY2(first.killNow(), qPrintable(first.transcript()));
    const int printed = first.count(QStringLiteral("edit "));
    // The next start shows the offer and dies before anyone answers it.
    Child second(QStringLiteral("edit"), {{QStringLiteral("LANCET_KILL_MODEL"), model_},
                                          {QStringLiteral("LANCET_KILL_EDITS"), QStringLiteral("0")}});
    QVERIFY2(second.waitForLine(QStringLiteral("ready")), qPrintable(second.transcript()));
    const int delay = delayUpTo(300);
    second.readFor(delay);
    QVERIFY2(second.killNow(), qPrintable(second.transcript()));
    int recovered = -1;
    recoverAndCompare(printed, printed + 1, &recovered);
    if (QTest::currentTestFailed())
        return;
    qInfo("offer kill: %d edits done, the next start killed %d ms after it was up, %d recovered", printed, delay,
          recovered);
}

void TestKill::killDuringSessionSaves()
{
    for (int run = 0; run < 3; ++run) {
        const QString dir = base_.filePath(QStringLiteral("sessions/run-%1").arg(run));
        const QString path = dir + QStringLiteral("/work.lancet-session.json");
        Child c(QStringLiteral("session"),
                {{QStringLiteral("LANCET_KILL_MODEL"), model_}, {QStringLiteral("LANCET_KILL_SESSION"), path}});
        // The first run is killed around the very first save (the file may not exist yet).
        QVERIFY2(c.waitForLine(run == 0 ? QStringLiteral("edit 1 ") : QStringLiteral("save %1").arg(run * 5)),
                 qPrintable(c.transcript()));
        const int delay = delayUpTo(run == 0 ? 20 : 150);
        c.readFor(delay);
        QVERIFY2(c.killNow(), qPrintable(c.transcript()));
        const int saved = c.count(QStringLiteral("save "));
        const QStringList leftovers = QDir(dir).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral(".json."));
        qInfo("session kill %d: %d ms after %s; %d saves done, %d temporary file(s) left", run + 1, delay,
              run == 0 ? "the edit" : "a save", saved, int(leftovers.size()));
        if (!QFile::exists(path)) {
            QCOMPARE(saved, 0);
            continue;
        }
        Session s;
        QString error;
        QVERIFY2(Session::load(path, &s, &error), qPrintable(error));
        QVERIFY2(
            s.prompt == QStringLiteral("save %1").arg(saved) || s.prompt == QStringLiteral("save %1").arg(saved + 1),
            qPrintable(QStringLiteral("\"%1\" after %2 saves").arg(s.prompt).arg(saved)));
        QCOMPARE(s.edits.size(), 1);
        QCOMPARE(qstr(s.edits[0].subject), plannedEdit(1).subject);
        if (run == 2) {
            // And it reopens to the saved weights.
            MainWindow w;
            w.show();
            QSignalSpy restored(&w, &MainWindow::sessionRestored);
            QVERIFY(w.openSession(path));
            QVERIFY(restored.wait(kEngineTimeoutMs) || !restored.isEmpty());
            QCOMPARE(restored.first().at(0).toInt(), 1);
            QCOMPARE(digestOf(w), digests_.value(1));
        }
    }
}

void TestKill::killDuringExports()
{
    for (int run = 0; run < 3; ++run) {
        const QString out = base_.filePath(QStringLiteral("exports/run-%1").arg(run));
        Child c(QStringLiteral("export"), {{QStringLiteral("LANCET_KILL_MODEL"), model_},
                                           {QStringLiteral("LANCET_KILL_EXPORT_DIR"), out},
                                           {QStringLiteral("LANCET_KILL_EXPORTS"), QStringLiteral("4")}});
        QVERIFY2(c.waitForLine(QStringLiteral("export 1")), qPrintable(c.transcript()));
        QVERIFY2(digestsMatchReference(c), qPrintable(c.transcript()));
        const qint64 exportMs = c.at(QStringLiteral("export 1")) - c.at(QStringLiteral("edit 1 "));
        const int delay = delayUpTo(exportMs * 2);
        c.readFor(delay);
        QVERIFY2(c.killNow(), qPrintable(c.transcript()));
        const int exported = c.count(QStringLiteral("export "));

        if (referenceExport_.isEmpty()) {
            // Completed before the kill: it must load with the edited weights.
            const QString first = out + QStringLiteral("/export-1");
            lancet::app::EngineBridge bridge;
            QSignalSpy finished(&bridge, &lancet::app::EngineBridge::jobFinished);
            const quint64 id = bridge.loadModel(first);
            QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, kEngineTimeoutMs));
            QCOMPARE(finished.first().at(0).toULongLong(), id);
            QCOMPARE(awaitJob(bridge.weightDigest().result).value_or(QString()), digests_.value(1));
            referenceExport_ = hashTree(first);
        }
        int complete = 0, staging = 0;
        for (const QString& name : QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
            if (name.startsWith(QLatin1Char('.'))) {
                ++staging;  // hidden and never under the final name: not taken for an export
                continue;
            }
            const int n = name.section(u'-', 1).toInt();
            QVERIFY2(name == QStringLiteral("export-%1").arg(n) && n >= 1 && n <= exported + 1, qPrintable(name));
            QVERIFY2(hashTree(out + QLatin1Char('/') + name) == referenceExport_,
                     qPrintable(QStringLiteral("%1 is not a complete export").arg(name)));
            ++complete;
        }
        QVERIFY(complete >= exported);
        qInfo("export kill %d: %d ms after export 1; %d exports done, %d complete folders, %d staging left", run + 1,
              delay, exported, complete, staging);
    }
}

void TestKill::killDuringStatisticsCacheWrites()
{
    for (int run = 0; run < 3; ++run) {
        // An empty cache: the first edit computes layer 0's statistics and writes them.
        const QString cache = base_.filePath(QStringLiteral("cache-kill-%1").arg(run));
        const QList<QPair<QString, QString>> env{{QStringLiteral("LANCET_KILL_MODEL"), model_},
                                                 {QStringLiteral("LANCET_CACHE_DIR"), cache},
                                                 {QStringLiteral("LANCET_KILL_EDITS"), QStringLiteral("1")}};
        Child c(QStringLiteral("edit"), env);
        QVERIFY2(c.waitForLine(QStringLiteral("ready")), qPrintable(c.transcript()));
        // The statistics take about the first half of that edit (measured: the
        // file appears 45-55% in): kills land before, around and after its write.
        const int delay = delayUpTo(coldEditMs_ * 4 / 5);
        c.readFor(delay);
        QVERIFY2(c.killNow(), qPrintable(c.transcript()));
        const QMap<QString, QByteArray> left = hashTree(cache);
        const QMap<QString, QByteArray> visible = visibleOnly(left);
        for (auto it = visible.begin(); it != visible.end(); ++it)
            QVERIFY2(referenceCache_.value(it.key()) == it.value(),
                     qPrintable(QStringLiteral("%1 is not a complete statistics file").arg(it.key())));
        qInfo("statistics kill %d: %d ms into the first edit; %d cache file(s) complete, %d temporary", run + 1, delay,
              int(visible.size()), int(left.size() - visible.size()));

        // The next run edits with whatever the kill left, and agrees with the reference.
        Child next(QStringLiteral("edit"),
                   env + QList<QPair<QString, QString>>{{QStringLiteral("LANCET_KILL_EXIT"), QStringLiteral("1")}});
        QVERIFY2(next.waitForLine(QStringLiteral("idle")), qPrintable(next.transcript()));
        QVERIFY2(next.finishedCleanly(), qPrintable(next.transcript()));
        QVERIFY2(digestsMatchReference(next) && next.count(QStringLiteral("edit ")) == 1,
                 qPrintable(next.transcript()));
        const QMap<QString, QByteArray> after = visibleOnly(hashTree(cache));
        QCOMPARE(after.size(), 1);  // layer 0's, written whole by this run or the killed one
        QCOMPARE(after.first(), referenceCache_.value(after.firstKey()));
    }
}

void TestKill::sourceModelUntouched() { QCOMPARE(hashTree(model_), modelFiles_); }

int main(int argc, char** argv)
{
    const QByteArray mode = qgetenv(kChildModeEnv);
    if (!mode.isEmpty()) {
#ifdef __linux__
        prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives a parent that failed or timed out
#endif
        // A child: the parent's HOME (the same autosave and settings), not a new one.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LancetTests"));
        QCoreApplication::setApplicationName(QStringLiteral("lancet-gui-tests"));
        QApplication app(argc, argv);
        return child::run(QString::fromLatin1(mode));
    }
    TestKill::initMain();
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestKill test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "test_kill.moc"
