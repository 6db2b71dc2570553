#include "sched/stop.h"

#include <gtest/gtest.h>

#include <thread>

namespace ah::sched {
namespace {

class CountingClient final : public net::HttpClient {
 public:
  Result<net::Response> send(const net::Request&) override {
    ++sent;
    net::Response r;
    r.status = 200;
    return r;
  }
  int sent = 0;
};

TEST(StopGate, PassesRequestsUntilStopThenRefusesWithoutRetry) {
  CountingClient inner;
  std::stop_source stop;
  auto gate = make_stop_gate(inner, stop.get_token());
  net::Request request;
  request.url = "https://example.org/";
  ASSERT_TRUE(gate->send(request));
  EXPECT_EQ(inner.sent, 1);
  stop.request_stop();
  auto refused = gate->send(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);
  EXPECT_FALSE(refused.error().transient) << "a politeness layer must not retry it";
  EXPECT_EQ(inner.sent, 1);
}

TEST(StoppableClock, SleepsEndWhenStopIsRequested) {
  std::stop_source stop;
  auto clock = make_stoppable_clock(stop.get_token());
  const auto t0 = std::chrono::steady_clock::now();
  clock->sleep_for(std::chrono::milliseconds(20));
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(20));

  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stop.request_stop();
  });
  const auto t1 = std::chrono::steady_clock::now();
  clock->sleep_for(std::chrono::minutes(10));
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - t1, std::chrono::seconds(30));
  const auto t2 = std::chrono::steady_clock::now();
  clock->sleep_for(std::chrono::minutes(10));  // already stopped: returns at once
  EXPECT_LT(std::chrono::steady_clock::now() - t2, std::chrono::seconds(30));
}

}  // namespace
}  // namespace ah::sched
