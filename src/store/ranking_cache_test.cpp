// RankingCache: generations, invalidation and its bound.
#include "store/ranking_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace ah::store {
namespace {

RankingCache::Entry entry(std::int64_t id) {
  RankingCache::Entry e;
  e.ranked = {{id, 1.5}};
  e.whole = true;
  e.total = 1;
  return e;
}

TEST(RankingCache, KeepsARankingUntilInvalidated) {
  RankingCache cache;
  cache.put("q", entry(7), cache.generation());
  auto hit = cache.find("q");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->ranked.front().id, 7);
  EXPECT_EQ(cache.find("other"), nullptr);
  cache.invalidate();
  EXPECT_EQ(cache.find("q"), nullptr);
}

TEST(RankingCache, RefusesARankingFromBeforeAnInvalidation) {
  RankingCache cache;
  const auto started = cache.generation();  // a search begins on the old data
  cache.invalidate();                       // another connection sees new data
  cache.put("q", entry(7), started);        // the old search finishes
  EXPECT_EQ(cache.find("q"), nullptr);
  cache.put("q", entry(8), cache.generation());
  auto hit = cache.find("q");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->ranked.front().id, 8);
}

TEST(RankingCache, DropsTheOldestHalfWhenFull) {
  RankingCache cache(4);
  for (int i = 0; i < 5; ++i) cache.put(std::to_string(i), entry(i), cache.generation());
  EXPECT_LE(cache.size(), 4u);
  EXPECT_EQ(cache.find("0"), nullptr);
  EXPECT_NE(cache.find("4"), nullptr);
}

}  // namespace
}  // namespace ah::store
