#include "web/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <vector>

namespace ah::web {
namespace {

using std::chrono::seconds;

TEST(WorkerPool, RunsJobsInTheOrderTheyWerePosted) {
  WorkerPool pool(1);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.post([released, &started] {  // holds the only thread
    started.set_value();
    released.wait();
  }));
  started.get_future().wait();
  std::mutex m;
  std::vector<int> order;
  std::promise<void> all_done;
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(pool.post([&, i] {
      std::lock_guard lock(m);
      order.push_back(i);
      if (i == 19) all_done.set_value();
    }));
  }
  EXPECT_EQ(pool.queued(), 20u);
  release.set_value();
  ASSERT_EQ(all_done.get_future().wait_for(seconds(10)), std::future_status::ready);
  std::vector<int> expected(20);
  for (int i = 0; i < 20; ++i) expected[i] = i;
  std::lock_guard lock(m);
  EXPECT_EQ(order, expected);
}

TEST(WorkerPool, RunsAtMostItsThreadsAtOnce) {
  WorkerPool pool(3);
  std::atomic<int> inside{0}, most{0}, done{0};
  std::promise<void> finished;
  for (int i = 0; i < 30; ++i) {
    pool.post([&] {
      const int now = ++inside;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      --inside;
      if (++done == 30) finished.set_value();
    });
  }
  ASSERT_EQ(finished.get_future().wait_for(seconds(20)), std::future_status::ready);
  EXPECT_LE(most.load(), 3);
  EXPECT_GE(most.load(), 2) << "the threads ran one after the other";
}

TEST(WorkerPool, StopFinishesTheRunningJobAndDropsTheQueuedOnes) {
  WorkerPool pool(1);
  std::promise<void> started;
  std::atomic<bool> release{false}, ran_second{false};
  auto token = std::make_shared<int>(0);  // dropped jobs release their captures
  pool.post([&] {
    started.set_value();
    while (!release) std::this_thread::yield();
  });
  pool.post([&, token] { ran_second = true; });
  started.get_future().wait();
  std::thread stopper([&] { pool.stop(); });
  // stop() has dropped the queue (the second job) once nothing is queued while the first still
  // runs; only then is the first let go. (A fixed sleep here lost the race on a loaded machine:
  // the first job ended and the second started before stop() ran.)
  const auto deadline = std::chrono::steady_clock::now() + seconds(20);
  while (pool.queued() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const bool dropped = pool.queued() == 0;
  release = true;
  stopper.join();  // returned only after the running job ended
  ASSERT_TRUE(dropped) << "stop() never took the queue";
  EXPECT_FALSE(ran_second);
  EXPECT_EQ(token.use_count(), 1);
  EXPECT_FALSE(pool.post([] {})) << "refused after stop()";
}

}  // namespace
}  // namespace ah::web
