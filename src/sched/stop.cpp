#include "sched/stop.h"

#include <condition_variable>
#include <mutex>

namespace ah::sched {
namespace {

class StopGate final : public net::HttpClient {
 public:
  StopGate(net::HttpClient& inner, std::stop_token stop) : inner_(inner), stop_(std::move(stop)) {}

  Result<net::Response> send(const net::Request& request) override {
    if (stop_.stop_requested()) {
      return fail(ErrorCode::unavailable, "not sent: the server is stopping");
    }
    return inner_.send(request);
  }

 private:
  net::HttpClient& inner_;
  std::stop_token stop_;
};

class StoppableClock final : public net::Clock {
 public:
  explicit StoppableClock(std::stop_token stop) : stop_(std::move(stop)) {}

  std::chrono::steady_clock::time_point now() override { return std::chrono::steady_clock::now(); }

  void sleep_for(std::chrono::milliseconds duration) override {
    // condition_variable_any wakes on the stop token's request by itself.
    std::mutex mutex;
    std::condition_variable_any cv;
    std::unique_lock lock(mutex);
    cv.wait_for(lock, stop_, duration, [] { return false; });
  }

 private:
  std::stop_token stop_;
};

}  // namespace

std::unique_ptr<net::HttpClient> make_stop_gate(net::HttpClient& inner, std::stop_token stop) {
  return std::make_unique<StopGate>(inner, std::move(stop));
}

std::unique_ptr<net::Clock> make_stoppable_clock(std::stop_token stop) {
  return std::make_unique<StoppableClock>(std::move(stop));
}

}  // namespace ah::sched
