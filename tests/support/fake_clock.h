// A net::Clock for tests: time stands still except when sleep_for advances it, and every sleep
// is recorded. Thread-safe (one mutex), so it can sit under a client shared by threads.
#pragma once

#include <chrono>
#include <mutex>
#include <vector>

#include "net/http_client.h"

namespace ah::testing {

class FakeClock final : public net::Clock {
 public:
  std::chrono::steady_clock::time_point now() override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void sleep_for(std::chrono::milliseconds duration) override {
    std::lock_guard lock(mutex_);
    sleeps_.push_back(duration);
    now_ += duration;
  }
  // Moves time forward without recording a sleep (time spent elsewhere).
  void advance(std::chrono::milliseconds duration) {
    std::lock_guard lock(mutex_);
    now_ += duration;
  }
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
  }

 private:
  mutable std::mutex mutex_;
  // Both guarded by mutex_. Starts an hour in so "before the first request" is representable.
  std::chrono::steady_clock::time_point now_ =
      std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace ah::testing
