// Time as the scheduler sees it: the wall clock (cadences are times of day in UTC, next-due times
// are stored and outlive the process) and a wait that ends early when something happens (a run
// finished, the catalogue changed, the server is stopping). Tests substitute a fake clock, so
// the scheduler runs days of cadences in milliseconds. Implementations are thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace ah::sched {

using TimePoint = std::chrono::system_clock::time_point;

// A flag that wakes a waiting scheduler. signal() from any thread; the waiter takes it.
class Wakeup {
 public:
  void signal();
  // Waits until `deadline` (a real-time deadline) or a signal; returns whether it was signalled,
  // and clears the signal.
  bool wait_until(TimePoint deadline);
  // Clears and returns the signal without waiting.
  bool take();

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool signalled_ = false;  // guarded by mutex_
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() = 0;
  // Returns at `deadline` or earlier, when `wake` is signalled.
  virtual void wait_until(TimePoint deadline, Wakeup& wake) = 0;
};

// The system's real-time clock; waits of at most a minute at a time, so that a change of the
// wall clock (NTP, suspend) is noticed within a minute.
std::unique_ptr<Clock> make_system_clock();

}  // namespace ah::sched
