#include "web/fair_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace ah::web {
namespace {

TEST(FairGate, AdmitsUpToItsLimitThenInArrivalOrder) {
  FairGate gate(2);
  gate.enter();
  gate.enter();  // full
  gate.leave();  // one place left for the first comer...
  gate.enter();  // ...taken again
  std::mutex m;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i) {
    threads.emplace_back([&, i] {
      FairGate::Pass pass(gate);
      std::lock_guard lock(m);
      order.push_back(i);
    });
    // The next thread starts only once this one waits, so arrival order is 0, 1, 2, ...
    while (gate.waiting() < static_cast<size_t>(i + 1)) std::this_thread::yield();
  }
  {
    std::lock_guard lock(m);
    EXPECT_TRUE(order.empty()) << "nobody gets in while the gate is full";
  }
  // Letting one in at a time (the other place stays taken) shows the order.
  gate.leave();
  for (auto& t : threads) t.join();
  gate.leave();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(gate.waiting(), 0u);
  gate.enter();  // empty again: admitted at once
  gate.leave();
}

}  // namespace
}  // namespace ah::web
