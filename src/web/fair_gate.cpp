#include "web/fair_gate.h"

namespace ah::web {

void FairGate::enter() {
  std::unique_lock lock(mutex_);
  if (inside_ < limit_ && queue_.empty()) {
    ++inside_;
    return;
  }
  Waiter me;
  queue_.push_back(&me);
  me.wake.wait(lock, [&] { return me.admitted; });
}

void FairGate::leave() {
  std::lock_guard lock(mutex_);
  if (queue_.empty()) {
    --inside_;
    return;
  }
  // Hand the place straight to the oldest waiter (inside_ stays the same), so a newcomer
  // cannot overtake it.
  Waiter* next = queue_.front();
  queue_.pop_front();
  next->admitted = true;
  next->wake.notify_one();
}

std::size_t FairGate::waiting() {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

}  // namespace ah::web
