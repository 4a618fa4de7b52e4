#include "percent_ticker.h"

#include <cmath>

namespace lancet::widgets {

QString PercentTicker::getTickLabel(double tick, const QLocale& locale, QChar, int)
{
    const double percent = 100.0 * tick;
    // Whole percents unless the axis is zoomed into very small probabilities.
    const int decimals = std::abs(percent - std::round(percent)) < 1e-9 ? 0 : percent < 1 ? 2 : 1;
    return locale.toString(percent, 'f', decimals) + QLatin1Char('%');
}

}  // namespace lancet::widgets
