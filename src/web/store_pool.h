// A pool of PaperStore connections shared by the server's worker threads. A PaperStore is used
// from one thread at a time, so each request borrows one (a Lease) and gives it back; stores are
// opened lazily, up to a maximum, and reused (SQLite in WAL mode lets them read concurrently).
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/error.h"
#include "store/paper_store.h"

namespace ah::web {

class StorePool {
 public:
  using Opener = std::function<Result<std::unique_ptr<store::PaperStore>>()>;

  // `open` makes a new store (called without the pool's lock held); at most `max_open` (>= 1)
  // stores exist at once.
  StorePool(Opener open, std::size_t max_open);
  StorePool(const StorePool&) = delete;
  StorePool& operator=(const StorePool&) = delete;

  // A borrowed store, given back to the pool when the lease is destroyed.
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<store::PaperStore> store)
        : pool_(&pool), store_(std::move(store)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    store::PaperStore& operator*() const { return *store_; }
    store::PaperStore* operator->() const { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<store::PaperStore> store_;
  };

  // Borrows an idle store, opens a new one when none is idle and fewer than max_open exist, or
  // waits up to `wait` for one to be given back. Errors: unavailable when none came in time;
  // whatever `open` returns.
  Result<Lease> acquire(std::chrono::milliseconds wait);

  std::size_t open_count() const;  // stores that exist (idle or lent)

 private:
  void give_back(std::unique_ptr<store::PaperStore> store);

  Opener open_;
  const std::size_t max_open_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  // Guarded by mutex_:
  std::vector<std::unique_ptr<store::PaperStore>> idle_;
  std::size_t count_ = 0;  // idle + lent + being opened
};

}  // namespace ah::web
