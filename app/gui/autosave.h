// Autosave and crash recovery. The session is written to
// AppDataLocation/autosave.lancet-session.json every minute and after every
// edit. A marker file exists while the workbench runs and is removed on a
// clean shutdown: finding it at start means the last run crashed, and its
// autosave is offered back (or, when that run crashed too before the offer was
// answered and had no edit of its own, the earlier crash's). A lock file keeps
// a second instance from taking over (or offering to recover) the first one's autosave.
#pragma once

#include "session.h"

#include <QObject>

#include <functional>
#include <memory>

class QLockFile;
class QTimer;

namespace lancet::gui {

class Autosave : public QObject {
    Q_OBJECT

public:
    explicit Autosave(QObject* parent = nullptr);
    ~Autosave() override;

    // Takes the instance lock, notes whether the last run crashed, writes the
    // marker and starts the timer. False (and autosave stays off) when another
    // instance holds the lock.
    bool begin();
    bool active() const { return active_; }
    bool previousRunCrashed() const { return crashed_; }
    // A crash left an autosave with something in it.
    bool hasRecovery() const;
    bool recoverySession(Session* out) const;
    void discardRecovery();

    void setSnapshot(std::function<Session()> snapshot) { snapshot_ = std::move(snapshot); }
    void setInterval(int ms);
    int interval() const;
    bool saveNow();
    // Removes the marker and releases the lock (the next start is not a recovery).
    void markCleanShutdown();

    QString directory() const;
    QString autosavePath() const;
    QString markerPath() const;
    QString recoveryPath() const;  // the crashed run's autosave, set aside

Q_SIGNALS:
    void saved(const QString& path);
    void failed(const QString& message);

private:
    std::function<Session()> snapshot_;
    std::unique_ptr<QLockFile> lock_;
    QTimer* timer_ = nullptr;
    bool active_ = false;
    bool crashed_ = false;
};

}  // namespace lancet::gui
