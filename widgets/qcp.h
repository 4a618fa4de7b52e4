// Include QCustomPlot through this header, never <qcustomplot.h> directly.
//
// qcustomplot.h (2.1) is written with the Qt keywords `signals`, `slots`,
// `emit` and `foreach`, which lancet_qt_policy switches off (QT_NO_KEYWORDS).
// We map them to their Q_ macros for the duration of the include only, so our
// own code still cannot use the bare keywords.
#pragma once

#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
