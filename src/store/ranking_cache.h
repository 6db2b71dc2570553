// Relevance rankings shared by the store connections of one process (the web server's pool).
//
// A relevance search scores up to thousands of matches (~9 ms for a frequent word at 1M papers);
// the next page of the same query, or the same query from another reader, would score them all
// again, within a time budget that may cover a different part of the store, so that pages could
// overlap or skip papers. With a cache, a query is ranked once (its first 1,000 places) until
// the data changes, and all of its pages come from that one ranking.
//
// Invalidation: a connection that finds the data changed (SQLite's data_version, checked at the
// start of every search) calls invalidate() before it looks anything up, which empties the cache
// and starts a new generation; a ranking computed in an older generation is not stored (a search
// that began before the change cannot put back what it saw). Thread-safe; bounded to
// `max_entries` rankings (when full, the oldest half is dropped).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace ah::store {

class RankingCache {
 public:
  struct Ranked {
    std::int64_t id;  // the backend's paper key
    double score;
  };
  struct Entry {
    std::vector<Ranked> ranked;  // best first
    bool whole = false;          // `ranked` holds every match, not only the first places
    std::int64_t total = 0;
    bool total_exact = true;
  };

  explicit RankingCache(std::size_t max_entries = 512) : max_entries_(max_entries) {}

  // The ranking stored under `key`, or null. Shared, not copied: a hit costs a lookup.
  std::shared_ptr<const Entry> find(const std::string& key) const;
  // Stores `entry` unless the cache was invalidated since generation() returned `generation`.
  void put(const std::string& key, Entry entry, std::uint64_t generation);
  std::uint64_t generation() const;
  void invalidate();
  std::size_t size() const;

 private:
  const std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> entries_;
  std::deque<std::string> order_;  // keys, oldest first
};

}  // namespace ah::store
