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
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->ranked.front().id, 7);
  EXPECT_FALSE(cache.find("other").has_value());
  cache.invalidate();
  EXPECT_FALSE(cache.find("q").has_value());
}

TEST(RankingCache, RefusesARankingFromBeforeAnInvalidation) {
  RankingCache cache;
  const auto started = cache.generation();  // a search begins on the old data
  cache.invalidate();                       // another connection sees new data
  cache.put("q", entry(7), started);        // the old search finishes
  EXPECT_FALSE(cache.find("q").has_value());
  cache.put("q", entry(8), cache.generation());
  EXPECT_EQ(cache.find("q")->ranked.front().id, 8);
}

TEST(RankingCache, DropsTheOldestHalfWhenFull) {
  RankingCache cache(4);
  for (int i = 0; i < 5; ++i) cache.put(std::to_string(i), entry(i), cache.generation());
  EXPECT_LE(cache.size(), 4u);
  EXPECT_FALSE(cache.find("0").has_value());
  EXPECT_TRUE(cache.find("4").has_value());
}

}  // namespace
}  // namespace ah::store
