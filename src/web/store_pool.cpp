#include "web/store_pool.h"

#include <fmt/format.h>

namespace ah::web {

StorePool::StorePool(Opener open, std::size_t max_open)
    : open_(std::move(open)), max_open_(max_open == 0 ? 1 : max_open) {}

StorePool::Lease::~Lease() {
  if (store_) pool_->give_back(std::move(store_));
}

Result<StorePool::Lease> StorePool::acquire(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    if (!idle_.empty()) {
      std::unique_ptr<store::PaperStore> s = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(s));
    }
    if (count_ < max_open_) {
      ++count_;
      lock.unlock();  // opening a database takes a while: let other threads go on
      auto opened = open_();
      if (!opened) {
        lock.lock();
        --count_;
        returned_.notify_one();
        return std::unexpected(opened.error());
      }
      return Lease(*this, std::move(*opened));
    }
    if (returned_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        count_ >= max_open_) {
      return fail(ErrorCode::unavailable,
                  fmt::format("busy: no database connection was free within {} ms", wait.count()));
    }
  }
}

void StorePool::give_back(std::unique_ptr<store::PaperStore> store) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(store));
  }
  returned_.notify_one();
}

std::size_t StorePool::open_count() const {
  std::lock_guard lock(mutex_);
  return count_;
}

}  // namespace ah::web
