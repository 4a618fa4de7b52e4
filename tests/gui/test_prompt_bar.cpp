// The prompt bar: the top-k chart fills as the user types; requests are
// debounced and only the latest one is shown.
#include "gui_test_util.h"

#include "prompt_panel.h"
#include "topk_bar_chart.h"

#include <QLineEdit>
#include <QtTest>

using namespace lancet::gui;
using namespace lancet::gui::test;
using lancet::app::EngineBridge;
using lancet::app::JobKind;

class TestPromptBar : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void typingFillsTheChart();
    void onlyTheLatestPromptIsShown();
    void staleResultIsDropped();
    void clearingThePromptClearsTheChart();
    void tooLongPromptIsAWarningNotAStorm();
    void pieceOfACharacterReadsAsBytes();

public:
    static void initMain() { isolateEnvironment(); }

private:
    std::unique_ptr<MainWindow> w_;
};

void TestPromptBar::initTestCase()
{
    w_ = std::make_unique<MainWindow>();
    w_->show();
    QVERIFY(openTinyModel(*w_));
}

void TestPromptBar::typingFillsTheChart()
{
    PromptPanel* bar = w_->promptPanel();
    QCOMPARE(bar->debounceMs(), 150);
    QLineEdit* edit = bar->promptEdit();
    edit->setFocus();
    QSignalSpy shown(bar, &PromptPanel::predictionShown);
    QTest::keyClicks(edit, kPrompt);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toString() == kPrompt, kEngineTimeoutMs);
    QCOMPARE(bar->chart()->rowTokens().size(), 10);
    QCOMPARE(bar->topTokens().size(), 10);
    double previous = 1.0;
    for (double p : bar->topProbs()) {
        QVERIFY(p > 0.0 && p <= previous);
        previous = p;
    }
    QVERIFY2(bar->statusText().startsWith(QStringLiteral("10 ")), qPrintable(bar->statusText()));  // ten prompt tokens
}

void TestPromptBar::onlyTheLatestPromptIsShown()
{
    PromptPanel* bar = w_->promptPanel();
    QLineEdit* edit = bar->promptEdit();
    edit->clear();
    QTest::qWait(300);
    int predicts = 0;
    const QMetaObject::Connection counting =
        connect(w_->bridge(), &EngineBridge::jobStarted, this, [&predicts](quint64, JobKind kind) {
            predicts += kind == JobKind::Predict ? 1 : 0;
        });
    QSignalSpy shown(bar, &PromptPanel::predictionShown);
    const QString text = QStringLiteral("The Eiffel Tower is in the city of");
    QTest::keyClicks(edit, text, Qt::NoModifier, 5);  // faster than the debounce
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kEngineTimeoutMs);
    QTest::qWait(400);
    disconnect(counting);
    // Debounced: far fewer requests than keystrokes, and only the final prompt shown.
    QVERIFY2(predicts < text.size() / 2, qPrintable(QString::number(predicts)));
    for (const QList<QVariant>& args : std::as_const(shown))
        QCOMPARE(args.at(0).toString(), text);
}

void TestPromptBar::staleResultIsDropped()
{
    // Two requests back to back: the first one's answer must never reach the chart.
    PromptPanel* bar = w_->promptPanel();
    QSignalSpy shown(bar, &PromptPanel::predictionShown);
    bar->setPrompt(QStringLiteral("Paris is the capital of"));
    bar->refresh();
    const quint64 first = bar->latestRequest();
    bar->setPrompt(QStringLiteral("Rome is the capital of"));
    bar->refresh();
    QVERIFY(bar->latestRequest() > first);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kEngineTimeoutMs);
    QTest::qWait(400);
    for (const QList<QVariant>& args : std::as_const(shown))
        QCOMPARE(args.at(0).toString(), QStringLiteral("Rome is the capital of"));
}

void TestPromptBar::clearingThePromptClearsTheChart()
{
    PromptPanel* bar = w_->promptPanel();
    bar->promptEdit()->clear();
    QTRY_VERIFY(bar->chart()->rowTokens().isEmpty());
}

void TestPromptBar::tooLongPromptIsAWarningNotAStorm()
{
    // The tiny model's context is 64 tokens.
    PromptPanel* bar = w_->promptPanel();
    QString longPrompt;
    for (int i = 0; i < 80; ++i)
        longPrompt += QStringLiteral(" word");
    QSignalSpy failed(bar, &PromptPanel::predictionFailed);
    bar->setPrompt(longPrompt);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kEngineTimeoutMs);
    bar->setPrompt(longPrompt + QStringLiteral(" more"));
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 2, kEngineTimeoutMs);
    QCOMPARE(countOf(w_->problemsDock(), Severity::Error), 0);
    QCOMPARE(w_->problemsDock()->count(), 1);  // one entry, updated in place
    QVERIFY(w_->problemsDock()->textAt(0).contains(QStringLiteral("context")));
    // Fixed: the warning goes away.
    bar->setPrompt(kPrompt);
    QTRY_VERIFY_WITH_TIMEOUT(w_->problemsDock()->count() == 0, kEngineTimeoutMs);
}

// A candidate that is a byte piece of a Chinese character (GPT-2's byte-level
// vocabulary has 256 of them) was a bar labelled "�", several alike. It reads
// as its bytes, and clicking it offers no target (it is not text).
void TestPromptBar::pieceOfACharacterReadsAsBytes()
{
    PromptPanel* bar = w_->promptPanel();
    const QString prompt = QStringLiteral("台");  // the tiny model's top-1 after it is such a piece
    QSignalSpy shown(bar, &PromptPanel::predictionShown);
    bar->setPrompt(prompt);
    QTRY_VERIFY_WITH_TIMEOUT(bar->shownPrompt() == prompt, kEngineTimeoutMs);
    const QStringList rows = bar->chart()->rowTokens();
    int pieces = 0;
    for (int i = 0; i < rows.size(); ++i) {
        QVERIFY2(!rows[i].contains(QChar::ReplacementCharacter), qPrintable(rows.join(u'|')));
        if (!rows[i].contains(QLatin1String("\\x")))
            continue;
        ++pieces;
        QVERIFY(bar->topTokens().value(i).contains(QChar::ReplacementCharacter));  // the text stays the token's
        QSignalSpy activated(bar, &PromptPanel::tokenActivated);
        Q_EMIT bar->chart()->tokenActivated(i, rows[i]);
        QVERIFY(activated.isEmpty());
        QVERIFY2(bar->statusText().contains(QLatin1String("part of a character")), qPrintable(bar->statusText()));
    }
    QVERIFY2(pieces > 0, qPrintable(rows.join(u'|')));
}

QTEST_MAIN(TestPromptBar)
#include "test_prompt_bar.moc"
