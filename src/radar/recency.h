// Signal 6, recency: newer papers first among equals. Exponential decay with the paper's age in
// days against the newest day of the request (or a given "today"):
//
//   normalised(p) = exp(-max(0, today - day(p)) / half_life_days * ln 2)
//
// Parameter: half_life_days = 7 (range 1..365): in the "last week" view, last Monday's paper
// weighs half of today's; in "everything", a year-old paper keeps nothing of this signal and
// stands on its content alone. Papers without a date get 0.
// Thread-safety: pure functions.
#pragma once

#include "radar/feature_index.h"

namespace ah::radar {

struct RecencyOptions {
  double half_life_days = 7.0;
};

float recency(const FeatureIndex& index, Row row, int today, const RecencyOptions& options);

}  // namespace ah::radar
