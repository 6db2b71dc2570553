#include "net/retry_after.h"

#include <gtest/gtest.h>

namespace ah::net {
namespace {

using std::chrono::seconds;

constexpr std::time_t kNow = 1445412480;  // Wed, 21 Oct 2015 07:28:00 GMT

struct RetryAfterCase {
  std::string value;
  std::optional<seconds> expected;
};

class ParseRetryAfter : public ::testing::TestWithParam<RetryAfterCase> {};

TEST_P(ParseRetryAfter, ReadsDelaySecondsAndHttpDates) {
  EXPECT_EQ(parse_retry_after(GetParam().value, kNow), GetParam().expected) << GetParam().value;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseRetryAfter,
    ::testing::Values(RetryAfterCase{"10", seconds(10)}, RetryAfterCase{" 120 ", seconds(120)},
                      RetryAfterCase{"0", seconds(0)},
                      RetryAfterCase{"Wed, 21 Oct 2015 07:28:10 GMT", seconds(10)},  // IMF-fixdate
                      RetryAfterCase{"Wednesday, 21-Oct-15 07:29:00 GMT", seconds(60)},  // RFC 850
                      RetryAfterCase{"Wed Oct 21 07:28:05 2015", seconds(5)},            // asctime
                      RetryAfterCase{"Wed, 21 Oct 2015 07:00:00 GMT", seconds(0)},       // past
                      RetryAfterCase{"99999999999999999999", seconds(365LL * 24 * 3600)},
                      RetryAfterCase{"", std::nullopt}, RetryAfterCase{"soon", std::nullopt},
                      RetryAfterCase{"-5", std::nullopt}, RetryAfterCase{"1.5", std::nullopt}));

}  // namespace
}  // namespace ah::net
