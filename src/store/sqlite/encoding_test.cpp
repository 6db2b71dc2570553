// Tests of the SQLite backend's tags encoding at the sizes real records reach.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "store/sqlite/encoding.h"

namespace ah::store::sqlite {
namespace {

TEST(TagsText, KeepsTheFirstOccurrenceOfEachTokenInOrder) {
  struct Case {
    std::vector<std::string> categories;
    std::vector<std::string> authors;
    std::string expect;
  };
  const std::vector<Case> cases = {
      {{"cs.CL", "cs.AI"}, {}, "zccs0cl9 zacs9 zccs0ai9"},
      {{}, {"A. Smith", "B. Jones", "a smith", "A. Smith"}, "zua0smith9 zub0jones9"},
      {{"hep-th", "hep-th"}, {"X Y", "", "X Y"}, "zchep1th9 zahep1th9 zux0y9"},
  };
  for (const Case& c : cases) {
    std::vector<core::Author> authors;
    for (const std::string& name : c.authors) authors.push_back({name, ""});
    EXPECT_EQ(tags_text(c.categories, authors, {}), c.expect) << c.expect;
  }
}

TEST(TagsText, IsLinearInTheNumberOfAuthors) {
  // 300,000 distinct names (and each once more): a pairwise de-duplication took over a minute
  // here; a linear one takes well under a second even on a loaded machine.
  std::vector<core::Author> authors;
  for (int i = 0; i < 300'000; ++i) authors.push_back({"Author" + std::to_string(i) + " Name", ""});
  for (int i = 0; i < 300'000; i += 1000)
    authors.push_back({"author" + std::to_string(i) + " name", ""});
  const auto start = std::chrono::steady_clock::now();
  const std::string tags = tags_text({"hep-ex"}, authors, {"arxiv-api"});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 10.0);
  EXPECT_EQ(std::count(tags.begin(), tags.end(), ' ') + 1, 300'000 + 3);
  EXPECT_TRUE(tags.starts_with("zchep1ex9 zahep1ex9 zuauthor00name9 zuauthor10name9"));
  EXPECT_TRUE(tags.ends_with("zuauthor2999990name9 zsarxiv1api9"));
}

}  // namespace
}  // namespace ah::store::sqlite
