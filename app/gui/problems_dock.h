// The problems dock: every error and warning the workbench meets (a model
// that does not open, a failed job, a feature this build lacks) as one line
// with its severity, instead of a modal dialog per error. An entry can name
// the widget concerned; "Jump to" shows and focuses it.
//
// Repeats do not pile up: an entry with the same key (or, without a key, the
// same severity and text) is updated in place and counts its occurrences.
#pragma once

#include <QDateTime>
#include <QDockWidget>
#include <QHash>
#include <QPointer>
#include <QString>

class QTreeWidget;
class QTreeWidgetItem;
class QToolButton;

namespace lancet::gui {

enum class Severity { Error, Warning, Info };
QString severityName(Severity severity);

class ProblemsDock : public QDockWidget {
    Q_OBJECT

public:
    explicit ProblemsDock(QWidget* parent = nullptr);

    // Adds an entry, or updates the one with the same key (or same text).
    void report(Severity severity, const QString& text, QWidget* target = nullptr, const QString& key = QString());
    // Removes the entry with this key, if any (the problem went away).
    void resolve(const QString& key);
    void clearAll();

    int count() const;
    int countOf(Severity severity) const;
    Severity severityAt(int row) const;
    QString textAt(int row) const;
    QString keyAt(int row) const;
    int occurrencesAt(int row) const;
    QWidget* targetAt(int row) const;
    int rowOfKey(const QString& key) const;
    // Shows and focuses the widget of an entry (raising its dock or tab).
    bool jumpTo(int row);

    QTreeWidget* tree() const { return tree_; }

Q_SIGNALS:
    void countsChanged(int errors, int warnings);

private:
    struct Meta {
        QString key;
        Severity severity = Severity::Info;
        QString text;
        int occurrences = 1;
        QPointer<QWidget> target;
    };
    void updateTitle();
    void updateButtons();
    QTreeWidgetItem* findItem(Severity severity, const QString& text, const QString& key) const;

    QTreeWidget* tree_ = nullptr;
    QToolButton* jump_ = nullptr;
    QToolButton* clear_ = nullptr;
    QHash<QTreeWidgetItem*, Meta> meta_;
};

// Shows a widget that may sit in a hidden dock or a background tab, then focuses it.
void revealWidget(QWidget* widget);

}  // namespace lancet::gui
