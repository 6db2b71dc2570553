#include "radar/recency.h"

#include <algorithm>
#include <cmath>

namespace ah::radar {

float recency(const FeatureIndex& index, Row row, int today, const RecencyOptions& options) {
  const int day = index.day(row);
  if (day == kNoDay || today == kNoDay) return 0;
  const double age = std::max(0, today - day);
  return static_cast<float>(std::exp(-age / std::max(1e-3, options.half_life_days) * std::log(2.0)));
}

}  // namespace ah::radar
