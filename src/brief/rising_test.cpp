#include "brief/rising.h"

#include <gtest/gtest.h>

namespace ah::brief {
namespace {

double z(double now, double n_now, double before, double n_before) {
  return log_odds_z(now, n_now, before, n_before, kPriorWeight * (now + before),
                    kPriorWeight * (n_now + n_before));
}

TEST(LogOddsZ, IsPositiveForAWordUsedMoreNowAndSymmetric) {
  EXPECT_GT(z(50, 1000, 10, 1000), 1.96);
  EXPECT_LT(z(10, 1000, 50, 1000), -1.96);
  EXPECT_NEAR(z(50, 1000, 10, 1000), -z(10, 1000, 50, 1000), 1e-9);
  EXPECT_NEAR(z(20, 1000, 20, 1000), 0.0, 1e-9);
}

TEST(LogOddsZ, NeedsMoreEvidenceForRareWords) {
  // The same ratio (5 to 1) is weaker evidence with fewer uses.
  EXPECT_LT(z(5, 1000, 1, 1000), z(50, 1000, 10, 1000));
  // Equal shares of sets of different sizes do not rise.
  EXPECT_NEAR(z(20, 1000, 40, 2000), 0.0, 0.05);
}

}  // namespace
}  // namespace ah::brief
