// An axis ticker for probabilities in [0, 1] that labels ticks as percentages
// ("20%" rather than "0.2"), matching the percentages printed on the bars.
#pragma once

#include "qcp.h"

namespace lancet::widgets {

class PercentTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;
};

}  // namespace lancet::widgets
