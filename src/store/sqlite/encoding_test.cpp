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

// A row's sources change without its categories and authors: retag_sources gives what tags_text
// gives for the new sources, whatever the row's sources were, with or without the tick and
// notice tokens, and out of the place an older AcademicHub appended one to.
TEST(TagsText, RetaggingSourcesGivesWhatTheSameTagsWithThoseSourcesWouldBe) {
  const std::vector<std::string> categories = {"cs.CL", "cs.AI"};
  const std::vector<core::Author> authors = {{"Ana Lee", ""}, {"Wei Zhang", ""}};
  struct Case {
    std::vector<std::string> before, after;
  };
  const Case cases[] = {
      {{"arxiv-rss"}, {"arxiv-api", "arxiv-rss"}},
      {{}, {"crossref"}},
      {{"arxiv-oai", "crossref"}, {"arxiv-oai"}},
      {{"arxiv-oai"}, {}},
  };
  for (const Case& c : cases) {
    for (const bool tick : {false, true}) {
      for (const bool notice : {false, true}) {
        SCOPED_TRACE(::testing::Message()
                     << c.after.size() << " sources, tick " << tick << ", notice " << notice);
        const std::string want = tags_text(categories, authors, c.after, tick, notice);
        EXPECT_EQ(retag_sources(tags_text(categories, authors, c.before, tick, notice), c.after),
                  want);
        // A source token appended at the end, after the tick and notice tokens.
        const std::string appended =
            tags_text(categories, authors, {}, tick, notice) + " " + source_token("pubmed");
        EXPECT_EQ(retag_sources(appended, c.after), want);
      }
    }
  }
  EXPECT_EQ(retag_sources("", {"crossref"}), "zscrossref9");
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
