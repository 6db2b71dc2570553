// A counting gate that admits at most `limit` holders at once and lets waiters in strictly in
// arrival order. The server passes every request through it: with one thread per connection,
// 64 busy connections on two cores would otherwise share the CPU in scheduler time slices and
// some requests would wait many slices; first come, first served keeps the latency of each close
// to the queue's length times the work per request. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace ah::web {

class FairGate {
 public:
  explicit FairGate(std::size_t limit) : limit_(limit == 0 ? 1 : limit) {}
  FairGate(const FairGate&) = delete;
  FairGate& operator=(const FairGate&) = delete;

  // Blocks until the caller may go in; every enter() needs one leave().
  void enter();
  void leave();
  // Callers blocked in enter() now.
  std::size_t waiting();

  // RAII: enter() on construction, leave() on destruction.
  class Pass {
   public:
    explicit Pass(FairGate& gate) : gate_(gate) { gate_.enter(); }
    ~Pass() { gate_.leave(); }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    FairGate& gate_;
  };

 private:
  struct Waiter {
    std::condition_variable wake;
    bool admitted = false;  // guarded by mutex_
  };

  const std::size_t limit_;
  std::mutex mutex_;
  // Guarded by mutex_:
  std::size_t inside_ = 0;
  std::deque<Waiter*> queue_;  // oldest first
};

}  // namespace ah::web
