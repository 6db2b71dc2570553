#include "sched/clock.h"

#include <algorithm>
#include <utility>

namespace ah::sched {

void Wakeup::signal() {
  {
    std::lock_guard lock(mutex_);
    signalled_ = true;
  }
  cv_.notify_all();
}

bool Wakeup::wait_until(TimePoint deadline) {
  std::unique_lock lock(mutex_);
  cv_.wait_until(lock, deadline, [this] { return signalled_; });
  return std::exchange(signalled_, false);
}

bool Wakeup::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(signalled_, false);
}

namespace {

class SystemClock final : public Clock {
 public:
  TimePoint now() override { return std::chrono::system_clock::now(); }
  void wait_until(TimePoint deadline, Wakeup& wake) override {
    const TimePoint cap = now() + std::chrono::minutes(1);
    (void)wake.wait_until(std::min(deadline, cap));
  }
};

}  // namespace

std::unique_ptr<Clock> make_system_clock() { return std::make_unique<SystemClock>(); }

}  // namespace ah::sched
