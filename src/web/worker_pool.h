// A fixed pool of threads that runs posted jobs strictly in the order they were posted (one FIFO
// queue), at most `threads` at once. The server runs its handlers here, off the I/O threads, so a
// slow handler never stalls the connections; first come, first served keeps each request's latency
// close to the queue's length times the work per request. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ah::web {

class WorkerPool {
 public:
  using Job = std::move_only_function<void()>;

  // Starts `threads` threads (at least 1).
  explicit WorkerPool(std::size_t threads);
  // stop(), then joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job` behind every job posted before it. Returns false (and drops the job) once stop()
  // was called. A job must not throw (it is a bug: the process terminates).
  bool post(Job job);

  // Lets the running jobs finish and drops the queued ones (destroying them on the calling thread);
  // later posts are refused. Returns once no job runs any more. Idempotent; not from a job of this
  // pool.
  void stop();

  std::size_t threads() const { return threads_.size(); }
  // Jobs posted and not started yet.
  std::size_t queued() const;

 private:
  void work();

  mutable std::mutex mutex_;
  std::condition_variable wake_;  // a job was posted, or stop()
  std::condition_variable idle_;  // a job ended (stop() waits for running_ == 0)
  // Guarded by mutex_:
  std::deque<Job> queue_;  // oldest first
  std::size_t running_ = 0;
  bool stopping_ = false;

  std::vector<std::jthread> threads_;  // last: started after the state above exists
};

}  // namespace ah::web
