#include "problems_dock.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lancet::gui {

namespace {
constexpr int kMaxEntries = 200;

QIcon severityIcon(Severity severity)
{
    QStyle* style = QApplication::style();
    switch (severity) {
    case Severity::Error: return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Severity::Warning: return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Severity::Info: break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}
}  // namespace

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error: return ProblemsDock::tr("Error");
    case Severity::Warning: return ProblemsDock::tr("Warning");
    case Severity::Info: break;
    }
    return ProblemsDock::tr("Info");
}

void revealWidget(QWidget* widget)
{
    if (!widget)
        return;
    // Walk up: show hidden docks, switch tabs and stacked pages to the widget.
    QWidget* child = widget;
    for (QWidget* w = widget->parentWidget(); w; child = w, w = w->parentWidget()) {
        if (auto* dock = qobject_cast<QDockWidget*>(w)) {
            dock->show();
            dock->raise();
        } else if (auto* stack = qobject_cast<QStackedWidget*>(w)) {
            if (stack->indexOf(child) >= 0)
                stack->setCurrentWidget(child);
        } else if (auto* scroll = qobject_cast<QScrollArea*>(w)) {
            scroll->ensureWidgetVisible(widget);  // a small screen scrolls panels (scroll_box.h)
        }
    }
    if (auto* dock = qobject_cast<QDockWidget*>(widget)) {
        dock->show();
        dock->raise();
    }
    widget->show();
    // A panel takes no focus itself: give it to its first focusable child.
    QWidget* focus = widget;
    if (widget->focusPolicy() == Qt::NoFocus) {
        const QList<QWidget*> children = widget->findChildren<QWidget*>();
        for (QWidget* c : children) {
            if (c->isVisibleTo(widget) && c->isEnabled() && (c->focusPolicy() & Qt::TabFocus)) {
                focus = c;
                break;
            }
        }
    }
    focus->setFocus(Qt::OtherFocusReason);
    if (QWidget* window = widget->window())
        window->activateWindow();
}

ProblemsDock::ProblemsDock(QWidget* parent) : QDockWidget(tr("Problems"), parent)
{
    setObjectName(u"problemsDock"_s);
    auto* body = new QWidget(this);
    tree_ = new QTreeWidget(body);
    tree_->setObjectName(u"problemsTree"_s);
    tree_->setColumnCount(3);
    tree_->setHeaderLabels({tr("Severity"), tr("Problem"), tr("Time")});
    tree_->setRootIsDecorated(false);
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    tree_->setWordWrap(false);
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    tree_->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(false);
    tree_->setToolTip(tr("Errors and warnings from the engine and the workbench. "
                         "Double-click an entry to jump to the part of the window concerned."));

    jump_ = new QToolButton(body);
    jump_->setObjectName(u"problemsJump"_s);
    jump_->setText(tr("Jump to"));
    jump_->setToolTip(tr("Show and focus the part of the window this problem is about"));
    jump_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    clear_ = new QToolButton(body);
    clear_->setText(tr("Clear"));
    clear_->setToolTip(tr("Forget every entry"));
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(jump_);
    buttons->addWidget(clear_);
    buttons->addStretch(1);
    auto* layout = new QHBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(tree_, 1);
    layout->addLayout(buttons);
    setWidget(body);

    connect(tree_, &QTreeWidget::itemDoubleClicked, this,
            [this](QTreeWidgetItem* item) { jumpTo(tree_->indexOfTopLevelItem(item)); });
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this] { updateButtons(); });
    connect(jump_, &QToolButton::clicked, this, [this] {
        if (QTreeWidgetItem* item = tree_->currentItem())
            jumpTo(tree_->indexOfTopLevelItem(item));
    });
    connect(clear_, &QToolButton::clicked, this, &ProblemsDock::clearAll);
    updateTitle();
    updateButtons();
}

QTreeWidgetItem* ProblemsDock::findItem(Severity severity, const QString& text, const QString& key) const
{
    for (auto it = meta_.cbegin(); it != meta_.cend(); ++it) {
        if (!key.isEmpty() ? it->key == key : (it->key.isEmpty() && it->severity == severity && it->text == text))
            return it.key();
    }
    return nullptr;
}

void ProblemsDock::report(Severity severity, const QString& text, QWidget* target, const QString& key)
{
    QTreeWidgetItem* item = findItem(severity, text, key);
    if (item) {
        Meta& m = meta_[item];
        m.occurrences = (m.text == text) ? m.occurrences + 1 : 1;
        m.severity = severity;
        m.text = text;
        m.target = target;
        // Most recent on top.
        tree_->takeTopLevelItem(tree_->indexOfTopLevelItem(item));
    } else {
        item = new QTreeWidgetItem;
        meta_.insert(item, Meta{key, severity, text, 1, target});
    }
    const Meta& m = meta_[item];
    item->setIcon(0, severityIcon(severity));
    item->setText(0, severityName(severity));
    item->setText(1, m.occurrences > 1 ? tr("%1 (×%2)").arg(text).arg(m.occurrences) : text);
    item->setToolTip(1, text);
    item->setText(2, QTime::currentTime().toString(u"HH:mm:ss"_s));
    tree_->insertTopLevelItem(0, item);
    while (tree_->topLevelItemCount() > kMaxEntries) {
        QTreeWidgetItem* last = tree_->takeTopLevelItem(tree_->topLevelItemCount() - 1);
        meta_.remove(last);
        delete last;
    }
    updateTitle();
    updateButtons();
}

void ProblemsDock::resolve(const QString& key)
{
    if (key.isEmpty())
        return;
    for (auto it = meta_.begin(); it != meta_.end(); ++it) {
        if (it->key == key) {
            QTreeWidgetItem* item = it.key();
            meta_.erase(it);
            delete item;
            updateTitle();
            updateButtons();
            return;
        }
    }
}

void ProblemsDock::clearAll()
{
    tree_->clear();
    meta_.clear();
    updateTitle();
    updateButtons();
}

int ProblemsDock::count() const { return tree_->topLevelItemCount(); }

int ProblemsDock::countOf(Severity severity) const
{
    int n = 0;
    for (const Meta& m : meta_)
        n += m.severity == severity ? 1 : 0;
    return n;
}

Severity ProblemsDock::severityAt(int row) const { return meta_.value(tree_->topLevelItem(row)).severity; }
QString ProblemsDock::textAt(int row) const { return meta_.value(tree_->topLevelItem(row)).text; }
QString ProblemsDock::keyAt(int row) const { return meta_.value(tree_->topLevelItem(row)).key; }
int ProblemsDock::occurrencesAt(int row) const { return meta_.value(tree_->topLevelItem(row)).occurrences; }
QWidget* ProblemsDock::targetAt(int row) const { return meta_.value(tree_->topLevelItem(row)).target.data(); }

int ProblemsDock::rowOfKey(const QString& key) const
{
    for (int row = 0; row < count(); ++row)
        if (keyAt(row) == key)
            return row;
    return -1;
}

bool ProblemsDock::jumpTo(int row)
{
    QWidget* target = targetAt(row);
    if (!target)
        return false;
    revealWidget(target);
    return true;
}

void ProblemsDock::updateTitle()
{
    const int errors = countOf(Severity::Error);
    const int warnings = countOf(Severity::Warning);
    QString title = tr("Problems");
    if (errors + warnings > 0)
        title += tr(" (%1 errors, %2 warnings)").arg(errors).arg(warnings);
    setWindowTitle(title);
    Q_EMIT countsChanged(errors, warnings);
}

void ProblemsDock::updateButtons()
{
    QTreeWidgetItem* item = tree_->currentItem();
    jump_->setEnabled(item && meta_.value(item).target);
    clear_->setEnabled(count() > 0);
}

}  // namespace lancet::gui
