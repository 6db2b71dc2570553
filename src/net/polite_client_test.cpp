#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "net/http_client.h"
#include "tests/support/fake_clock.h"

namespace ah::net {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Response status(int code, std::optional<seconds> retry_after = std::nullopt) {
  Response r;
  r.status = code;
  r.body = "ok";
  r.retry_after = retry_after;
  return r;
}

// Answers from a script (the last entry repeats) and records when each call started.
class ScriptedClient final : public HttpClient {
 public:
  ScriptedClient(ah::testing::FakeClock& clock, std::vector<Result<Response>> script)
      : clock_(clock), script_(std::move(script)) {}

  Result<Response> send(const Request& request) override {
    urls.push_back(request.url);
    starts.push_back(clock_.now());
    const std::size_t i = std::min(urls.size() - 1, script_.size() - 1);
    return script_[i];
  }

  std::vector<std::string> urls;
  std::vector<std::chrono::steady_clock::time_point> starts;

 private:
  ah::testing::FakeClock& clock_;
  std::vector<Result<Response>> script_;
};

Request at(std::string url) {
  Request request;
  request.url = std::move(url);
  return request;
}

PolitenessOptions options(milliseconds min_interval = seconds(3)) {
  PolitenessOptions o;
  o.min_interval = min_interval;
  o.max_retries = 5;
  o.backoff_base = seconds(1);
  o.backoff_cap = seconds(5);
  o.max_retry_after = seconds(600);
  return o;
}

Result<Response> dropped() {
  return std::unexpected(Error{
      ErrorCode::unavailable,
      "h.org: connection dropped after 5 bytes (transfer closed with 10 bytes remaining)", true});
}

TEST(PoliteClient, SpacesEachHostByItsOwnRule) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(200)});
  PolitenessOptions o = options(seconds(3));
  o.hosts["api.crossref.org"] = HostRule{milliseconds(334), 3};
  auto client = make_polite_client(inner, clock, o);
  const auto t0 = clock.now();
  ASSERT_TRUE(client->get(at("https://api.crossref.org/works?rows=1")));
  ASSERT_TRUE(client->get(at("https://api.crossref.org/works?rows=2")));
  ASSERT_TRUE(client->get(at("https://export.arxiv.org/api/query")));
  ASSERT_TRUE(client->get(at("https://export.arxiv.org/api/query?start=10")));
  ASSERT_EQ(inner.starts.size(), 4u);
  EXPECT_EQ(inner.starts[1] - t0, milliseconds(334));        // Crossref's rule
  EXPECT_EQ(inner.starts[3] - inner.starts[2], seconds(3));  // the default for other hosts
}

TEST(PoliteClient, KeepsAtMostTheHostsLimitOfRequestsInFlight) {
  // An inner client that blocks until released and records how many calls overlap.
  class Blocking final : public HttpClient {
   public:
    Result<Response> send(const Request&) override {
      std::unique_lock lock(mutex);
      ++inside;
      most = std::max(most, inside);
      ++started;
      changed.notify_all();
      changed.wait(lock, [&] { return open; });
      --inside;
      return status(200);
    }
    std::mutex mutex;
    std::condition_variable changed;
    int inside = 0, most = 0, started = 0;
    bool open = false;
  } inner;
  ah::testing::FakeClock clock;
  PolitenessOptions o = options(milliseconds(0));
  o.hosts["h.org"] = HostRule{milliseconds(0), 2};
  auto client = make_polite_client(inner, clock, o);
  std::vector<std::thread> callers;
  for (int i = 0; i < 5; ++i) {
    callers.emplace_back([&] { ASSERT_TRUE(client->get(at("https://h.org/x"))); });
  }
  {
    std::unique_lock lock(inner.mutex);
    ASSERT_TRUE(inner.changed.wait_for(lock, seconds(10), [&] { return inner.started >= 2; }));
  }
  std::this_thread::sleep_for(milliseconds(100));  // a third caller would have entered by now
  {
    std::lock_guard lock(inner.mutex);
    EXPECT_EQ(inner.inside, 2);
    inner.open = true;
  }
  inner.changed.notify_all();
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(inner.most, 2);
  EXPECT_EQ(inner.started, 5);
}

TEST(PoliteClient, KnowsThePublishedLimitsOfTheHostsItHarvests) {
  const auto rules = default_host_rules();
  EXPECT_EQ(rules.at("export.arxiv.org").min_interval, seconds(3));
  EXPECT_EQ(rules.at("api.crossref.org").max_concurrent, 3);
  EXPECT_LE(rules.at("api.crossref.org").min_interval, milliseconds(334));
  EXPECT_GE(rules.at("api.crossref.org").min_interval, milliseconds(333));
  EXPECT_EQ(rules.at("eutils.ncbi.nlm.nih.gov").min_interval, milliseconds(334));
}

TEST(PoliteClient, SpacesRequestsToTheSameHost) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(200)});
  auto client = make_polite_client(inner, clock, options(seconds(3)));
  ASSERT_TRUE(client->get(at("https://h.org/a")));
  ASSERT_TRUE(client->get(at("https://h.org/b")));
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(3000)));
  ASSERT_EQ(inner.starts.size(), 2u);
  EXPECT_GE(inner.starts[1] - inner.starts[0], seconds(3));
}

TEST(PoliteClient, CountsTimeAlreadyPassedTowardsTheSpacing) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(200)});
  auto client = make_polite_client(inner, clock, options(seconds(3)));
  ASSERT_TRUE(client->get(at("https://h.org/a")));
  clock.advance(seconds(1));
  ASSERT_TRUE(client->get(at("https://h.org/b")));
  clock.advance(seconds(5));
  ASSERT_TRUE(client->get(at("https://h.org/c")));
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(2000)));
}

TEST(PoliteClient, DoesNotDelayRequestsToOtherHosts) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(200)});
  auto client = make_polite_client(inner, clock, options(seconds(3)));
  ASSERT_TRUE(client->get(at("https://a.org/x")));
  ASSERT_TRUE(client->get(at("https://b.org/x")));
  ASSERT_TRUE(client->get(at("https://a.org:8443/x")));  // another port is another host
  EXPECT_THAT(clock.sleeps(), IsEmpty());
}

class RetryAfterStatus : public ::testing::TestWithParam<int> {};

TEST_P(RetryAfterStatus, SleepsExactlyRetryAfterThenSucceeds) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(GetParam(), seconds(10)), status(200)});
  auto client = make_polite_client(inner, clock, options(seconds(3)));
  auto response = client->get(at("https://export.arxiv.org/oai2?verb=Identify"));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(10'000)));
  EXPECT_EQ(inner.urls.size(), 2u);
}

TEST_P(RetryAfterStatus, UsesBackoffWhenRetryAfterIsMissing) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(GetParam()), status(GetParam()), status(200)});
  auto client = make_polite_client(inner, clock, options(milliseconds(0)));
  ASSERT_TRUE(client->get(at("https://h.org/x")));
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(1000), milliseconds(2000)));
}

TEST_P(RetryAfterStatus, GivesUpWithRateLimitedAfterMaxRetries) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(GetParam(), seconds(1))});
  PolitenessOptions o = options(milliseconds(0));
  o.max_retries = 2;
  auto client = make_polite_client(inner, clock, o);
  auto response = client->get(at("https://h.org/x"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::rate_limited);
  EXPECT_THAT(response.error().message, HasSubstr("h.org"));
  EXPECT_THAT(response.error().message, HasSubstr(std::to_string(GetParam())));
  EXPECT_EQ(inner.urls.size(), 3u);
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(1000), milliseconds(1000)));
}

TEST_P(RetryAfterStatus, GivesUpAtOnceWhenRetryAfterExceedsTheMaximum) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(GetParam(), seconds(900)), status(200)});
  auto client = make_polite_client(inner, clock, options());
  auto response = client->get(at("https://h.org/x"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::rate_limited);
  EXPECT_THAT(response.error().message, HasSubstr("h.org"));
  EXPECT_THAT(response.error().message, HasSubstr("900 s"));
  EXPECT_EQ(inner.urls.size(), 1u);
  EXPECT_THAT(clock.sleeps(), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(TooManyRequestsAndUnavailable, RetryAfterStatus,
                         ::testing::Values(429, 503));

TEST(PoliteClient, ReturnsA429ToACallerThatAsksAndHoldsTheHostBackByItsRetryAfter) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(429, seconds(7)), status(200)});
  auto client = make_polite_client(inner, clock, options(milliseconds(0)));
  Request request = at("https://api.openalex.org/works");
  request.return_429 = true;
  auto first = client->get(request);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->status, 429);
  EXPECT_EQ(inner.urls.size(), 1u) << "not retried";
  EXPECT_THAT(clock.sleeps(), IsEmpty());
  ASSERT_TRUE(client->get(request));
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(7'000))) << "the next request waited";
}

TEST(PoliteClient, AReturned429WithARetryAfterBeyondTheMaximumHoldsNothingBack) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(429, seconds(36'000)), status(200)});
  auto client = make_polite_client(inner, clock, options(milliseconds(0)));
  Request request = at("https://api.openalex.org/works");
  request.return_429 = true;
  auto first = client->get(request);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 429);
  ASSERT_TRUE(client->get(at("https://api.openalex.org/works")));
  EXPECT_THAT(clock.sleeps(), IsEmpty()) << "a day's wait is the caller's to decide";
}

TEST(PoliteClient, BacksOffByDoublingUpToTheCapOnServerErrors) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(500)});
  auto client = make_polite_client(inner, clock, options(milliseconds(0)));
  auto response = client->get(at("https://h.org/x"));
  ASSERT_TRUE(response) << "other 5xx end as the last response, not an error";
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(inner.urls.size(), 6u);
  EXPECT_THAT(clock.sleeps(),
              ElementsAre(milliseconds(1000), milliseconds(2000), milliseconds(4000),
                          milliseconds(5000), milliseconds(5000)));
}

TEST(PoliteClient, BackoffNeverUndercutsTheSpacing) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(502), status(200)});
  auto client = make_polite_client(inner, clock, options(seconds(3)));
  ASSERT_TRUE(client->get(at("https://h.org/x")));
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(3000)));
}

TEST(PoliteClient, ReturnsClientErrorsWithoutRetrying) {
  for (int code : {400, 403, 404, 410}) {
    ah::testing::FakeClock clock;
    ScriptedClient inner(clock, {status(code), status(200)});
    auto client = make_polite_client(inner, clock, options());
    auto response = client->get(at("https://h.org/x"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, code);
    EXPECT_EQ(inner.urls.size(), 1u) << code;
    EXPECT_THAT(clock.sleeps(), IsEmpty());
  }
}

TEST(PoliteClient, RetriesADroppedConnection) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {dropped(), status(200)});
  auto client = make_polite_client(inner, clock, options(milliseconds(0)));
  auto response = client->get(at("https://h.org/x"));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(1000)));
}

TEST(PoliteClient, ReturnsTheLastFailureWhenDroppedConnectionsPersist) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {dropped()});
  PolitenessOptions o = options(milliseconds(0));
  o.max_retries = 2;
  auto client = make_polite_client(inner, clock, o);
  auto response = client->get(at("https://h.org/x"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_THAT(response.error().message, HasSubstr("connection dropped"));
  EXPECT_EQ(inner.urls.size(), 3u);
}

TEST(PoliteClient, DoesNotRetryRefusedConnectionsOrUnknownHosts) {
  for (const char* cause : {"h.org: connection refused", "h.org: could not resolve host"}) {
    ah::testing::FakeClock clock;
    ScriptedClient inner(clock, {fail(ErrorCode::unavailable, cause), status(200)});
    auto client = make_polite_client(inner, clock, options());
    auto response = client->get(at("https://h.org/x"));
    ASSERT_FALSE(response);
    EXPECT_EQ(response.error().message, cause);
    EXPECT_EQ(inner.urls.size(), 1u);
  }
}

TEST(PoliteClient, DecidesToRetryOnTheTransientFlagNotOnTheMessage) {
  struct Case {
    std::string message;
    bool transient;
    std::size_t attempts;
  };
  for (const Case& c : {Case{"h.org: connection dropped after 5 bytes", false, 1},
                        Case{"h.org: something new went wrong", true, 2}}) {
    ah::testing::FakeClock clock;
    ScriptedClient inner(
        clock,
        {std::unexpected(Error{ErrorCode::unavailable, c.message, c.transient}), status(200)});
    auto client = make_polite_client(inner, clock, options());
    auto response = client->get(at("https://h.org/x"));
    EXPECT_EQ(inner.urls.size(), c.attempts) << c.message;
    EXPECT_EQ(response.has_value(), c.transient) << c.message;
  }
}

TEST(PoliteClient, ZeroMaxRetriesDisablesRetrying) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(503, seconds(1)), status(200)});
  PolitenessOptions o = options();
  o.max_retries = 0;
  auto client = make_polite_client(inner, clock, o);
  auto response = client->get(at("https://h.org/x"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(inner.urls.size(), 1u);
}

TEST(PoliteClient, LogsOneLinePerAttemptWithTheUrlRedacted) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(503, seconds(10)), status(200)});
  std::vector<std::string> lines;
  PolitenessOptions o = options();
  o.log = [&](std::string_view line) { lines.emplace_back(line); };
  auto client = make_polite_client(inner, clock, o);
  ASSERT_TRUE(client->get(at("https://h.org/works?api_key=SECRET&page=2")));
  EXPECT_THAT(lines,
              ElementsAre("GET https://h.org/works?api_key=***&page=2 -> 503 (retry in 10 s)",
                          "GET https://h.org/works?api_key=***&page=2 -> 200 (2 bytes)"));
  EXPECT_EQ(inner.urls[0], "https://h.org/works?api_key=SECRET&page=2") << "only logs are redacted";
}

TEST(PoliteClient, RejectsARelativeUrlWithoutCallingUpstream) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(200)});
  auto client = make_polite_client(inner, clock, options());
  auto response = client->get(at("h.org/x"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::invalid_argument);
  EXPECT_THAT(inner.urls, IsEmpty());
}

TEST(HttpClientStreaming, ByDefaultHandsTheWholeBodyOverAsOnePieceAfterTheHead) {
  ah::testing::FakeClock clock;
  ScriptedClient inner(clock, {status(200)});
  auto polite = make_polite_client(inner, clock, options());
  std::vector<std::string> events;
  StreamCallbacks callbacks;
  callbacks.on_head = [&](const Response& head) {
    events.push_back("head " + std::to_string(head.status) + " '" + head.body + "'");
    return true;
  };
  callbacks.on_body = [&](std::string_view piece) {
    events.push_back("body " + std::string(piece));
    return true;
  };
  auto response = polite->send_streaming(at("https://example.org/x"), callbacks);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "");
  EXPECT_THAT(events, ElementsAre("head 200 ''", "body ok"));
}

}  // namespace
}  // namespace ah::net
