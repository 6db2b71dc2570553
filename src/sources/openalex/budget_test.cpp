#include "sources/openalex/budget.h"

#include <gtest/gtest.h>

namespace ah::sources::openalex {
namespace {

TEST(OpenalexBudget, DollarHeadersGiveRequestsLeftAtThisRequestsCost) {
  Budget b = read_budget({{"x-ratelimit-limit-usd", "1"},
                          {"x-ratelimit-remaining-usd", "0.099"},
                          {"x-ratelimit-cost-usd", "0.001"},
                          {"x-ratelimit-reset", "3600"}});
  EXPECT_TRUE(b.known());
  EXPECT_EQ(b.requests_left(), 99);
  EXPECT_FALSE(b.spent());
  EXPECT_EQ(b.reset_seconds, 3600);
  EXPECT_EQ(b.describe(), "$0.099 of $1 left today ($0.001 a request), resets in 3600 s");
}

TEST(OpenalexBudget, CreditHeadersAreReadWhenNoDollarsAreGiven) {
  Budget b = read_budget({{"x-ratelimit-limit", "100000"},
                          {"x-ratelimit-remaining", "25"},
                          {"x-ratelimit-credits-used", "10"}});
  EXPECT_EQ(b.requests_left(), 2);
  EXPECT_EQ(b.describe(), "25 of 100000 credits left today (10 a request)");
  EXPECT_EQ(read_budget({{"x-ratelimit-remaining", "7"}}).requests_left(), 7);
}

TEST(OpenalexBudget, SpentWhenLessThanOneRequestIsLeft) {
  struct Case {
    std::map<std::string, std::string> headers;
    bool spent;
  };
  const Case cases[] = {
      {{{"x-ratelimit-remaining", "0"}}, true},
      {{{"x-ratelimit-remaining-usd", "0.0004"}, {"x-ratelimit-cost-usd", "0.001"}}, true},
      {{{"x-ratelimit-remaining-usd", "0"}}, true},
      {{{"x-ratelimit-remaining-usd", "0"}, {"x-ratelimit-cost-required-usd", "0.001"}}, true},
      {{{"x-ratelimit-remaining", "1"}}, false},
      {{}, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(read_budget(c.headers).spent(), c.spent) << read_budget(c.headers).describe();
  }
}

TEST(OpenalexBudget, IgnoresValuesThatAreNotNumbers) {
  Budget b = read_budget({{"x-ratelimit-remaining", "lots"},
                          {"x-ratelimit-remaining-usd", ""},
                          {"x-ratelimit-reset", "1767225600"}});  // an epoch time, not seconds
  EXPECT_FALSE(b.known());
  EXPECT_EQ(b.requests_left(), std::nullopt);
  EXPECT_FALSE(b.spent());
  EXPECT_EQ(b.describe(), "no budget headers");
}

}  // namespace
}  // namespace ah::sources::openalex
