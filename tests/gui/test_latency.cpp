// The GUI thread never waits on the model: while a causal trace streams its
// cells, a 10 ms timer on the GUI thread keeps ticking (no gap over 100 ms).
#include "gui_test_util.h"

#include "prompt_panel.h"
#include "trace_panel.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QSpinBox>
#include <QTimer>
#include <QtTest>

using namespace lancet::gui;
using namespace lancet::gui::test;
using lancet::app::EngineBridge;

class TestLatency : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eventLoopKeepsTickingDuringATrace();
    void eventLoopKeepsTickingWhileTyping();

public:
    static void initMain() { isolateEnvironment(); }

private:
    std::unique_ptr<MainWindow> w_;
};

namespace {
// Records the longest gap between ticks of a 10 ms timer.
struct GapMeter {
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = -1;
    qint64 maxGap = 0;
    int ticks = 0;
    void start(QObject* context)
    {
        timer.setInterval(10);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, context, [this] {
            const qint64 now = clock.elapsed();
            if (last >= 0)
                maxGap = std::max(maxGap, now - last);
            last = now;
            ++ticks;
        });
        clock.start();
        timer.start();
    }
    void stop() { timer.stop(); }
};
constexpr qint64 kMaxGapMs = 100;
}  // namespace

void TestLatency::initTestCase()
{
    w_ = std::make_unique<MainWindow>();
    w_->show();
    QVERIFY(openTinyModel(*w_));
    w_->promptPanel()->setPrompt(kPrompt);
    QTest::qWait(300);
}

void TestLatency::eventLoopKeepsTickingDuringATrace()
{
    TracePanel* panel = w_->tracePanel();
    panel->subjectEdit()->setText(kSubject);
    // Enough samples for a trace of a few seconds on the tiny model.
    panel->samplesSpin()->setValue(3000);
    int chunks = 0;
    const QMetaObject::Connection counting =
        connect(w_->bridge(), &EngineBridge::traceChunk, this, [&chunks] { ++chunks; });
    QSignalSpy ended(panel, &TracePanel::traceEnded);

    GapMeter meter;
    meter.start(this);
    QElapsedTimer wall;
    wall.start();
    QVERIFY(w_->trace() != 0);
    // Let it stream for a while (at most 6 s), then stop it.
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty() || wall.elapsed() > 6000, kEngineTimeoutMs);
    if (ended.isEmpty()) {
        w_->cancelRunning();
        QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), kEngineTimeoutMs);
    }
    meter.stop();
    disconnect(counting);
    qInfo("trace ran %lld ms, %d chunks, %d ticks, longest gap %lld ms", wall.elapsed(), chunks, meter.ticks,
          meter.maxGap);
    QVERIFY2(chunks > 0, "the trace streamed nothing");
    QVERIFY(meter.ticks > 20);
    QVERIFY2(meter.maxGap <= kMaxGapMs,
             qPrintable(QStringLiteral("the GUI thread stalled for %1 ms during a trace").arg(meter.maxGap)));
}

void TestLatency::eventLoopKeepsTickingWhileTyping()
{
    // Predictions on every pause in typing: still no stall.
    GapMeter meter;
    meter.start(this);
    QLineEdit* edit = w_->promptPanel()->promptEdit();
    edit->clear();
    for (const QChar c : kPrompt) {
        edit->insert(QString(c));
        QTest::qWait(c == QLatin1Char(' ') ? 200 : 20);
    }
    QTest::qWait(500);
    meter.stop();
    qInfo("typing: %d ticks, longest gap %lld ms", meter.ticks, meter.maxGap);
    QVERIFY2(meter.maxGap <= kMaxGapMs,
             qPrintable(QStringLiteral("the GUI thread stalled for %1 ms while typing").arg(meter.maxGap)));
}

QTEST_MAIN(TestLatency)
#include "test_latency.moc"
