#include "store/ranking_cache.h"

#include <algorithm>

namespace ah::store {

std::shared_ptr<const RankingCache::Entry> RankingCache::find(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

void RankingCache::put(const std::string& key, Entry entry, std::uint64_t generation) {
  std::lock_guard lock(mutex_);
  if (generation != generation_ || max_entries_ == 0) return;
  auto [it, fresh] =
      entries_.insert_or_assign(key, std::make_shared<const Entry>(std::move(entry)));
  if (!fresh) return;
  order_.push_back(key);
  if (entries_.size() > max_entries_) {
    const std::size_t drop = std::max<std::size_t>(1, order_.size() / 2);
    for (std::size_t i = 0; i < drop; ++i) {
      entries_.erase(order_.front());
      order_.pop_front();
    }
  }
}

std::uint64_t RankingCache::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

void RankingCache::invalidate() {
  std::lock_guard lock(mutex_);
  ++generation_;
  entries_.clear();
  order_.clear();
}

std::size_t RankingCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace ah::store
