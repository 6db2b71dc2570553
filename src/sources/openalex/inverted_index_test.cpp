#include "sources/openalex/inverted_index.h"

#include <gtest/gtest.h>

namespace ah::sources::openalex {
namespace {

TEST(OpenalexInvertedIndex, JoinsWordsInPositionOrder) {
  EXPECT_EQ(rebuild_abstract({{2, "again."}, {0, "Hello"}, {1, "world"}}), "Hello world again.");
}

TEST(OpenalexInvertedIndex, SkipsMissingPositionsAndIgnoresNegativeOnes) {
  EXPECT_EQ(rebuild_abstract({{0, "one"}, {5, "six"}, {-1, "never"}, {2, "three"}}),
            "one three six");
}

TEST(OpenalexInvertedIndex, APositionClaimedTwiceKeepsTheFirstWordGiven) {
  EXPECT_EQ(rebuild_abstract({{1, "b"}, {0, "a"}, {1, "c"}}), "a b");
}

TEST(OpenalexInvertedIndex, EmptyIndexGivesEmptyText) { EXPECT_EQ(rebuild_abstract({}), ""); }

TEST(OpenalexInvertedIndex, KeepsAtMostTheFirstMaxWordsOfAHugeIndex) {
  std::vector<WordAt> words;
  for (std::int64_t k = 0; k < static_cast<std::int64_t>(kMaxAbstractWords) + 5; ++k) {
    words.push_back({k * 1'000'000'000, "w"});  // huge positions allocate nothing
  }
  const std::string text = rebuild_abstract(std::move(words));
  EXPECT_EQ(text.size(), 2 * kMaxAbstractWords - 1);
}

}  // namespace
}  // namespace ah::sources::openalex
