// What the web API asks of every backend: keyset paging of the newest-first order, the venue
// filter, negated-only texts, searches without a count, the last harvest in stats, and
// suggestions. Run against every backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "search/query.h"
#include "store/store_test_backends.h"

namespace ah::store {
namespace {

using core::Paper;

std::string fmt_id(int n) {
  std::string digits = std::to_string(n);
  return "2403." + std::string(5 - digits.size(), '0') + digits;
}

Paper paper(int n, std::string published, std::vector<std::string> authors,
            std::vector<std::string> categories, std::string journal_ref = "",
            std::string title = "") {
  Paper p;
  p.arxiv_id = fmt_id(n);
  p.version = 1;
  p.title = p.title_display = title.empty() ? "Paper " + std::to_string(n) : title;
  p.abstract = p.abstract_display = "An abstract about models.";
  for (std::string& a : authors) p.authors.push_back({std::move(a), ""});
  p.categories = std::move(categories);
  p.published = std::move(published);
  p.journal_ref = std::move(journal_ref);
  p.source = core::source::kArxivOai;
  return p;
}

// Papers 1..8, newest last (paper n published on day n of March 2024).
std::vector<Paper> corpus() {
  return {
      paper(1, "2024-03-01", {"Simeng Zhang", "Ana Lee"}, {"cs.CL", "cs.LG"},
            "Phys. Rev. D 76, 013009 (2007)"),
      paper(2, "2024-03-02", {"simeng zhang"}, {"cs.CL"}, "", "Diffusion of heat"),
      paper(3, "2024-03-03", {"Wei Liu"}, {"math.AG"}, "Phys. Rev. Lett. 99 (2007) 1"),
      paper(4, "2024-03-04", {"Simeng Zhang"}, {"cs.LG", "stat.ML"},
            "Transactions on Machine Learning Research (2025)"),
      paper(5, "2024-03-05", {"Simon Park"}, {"hep-th"}, "", "Diffusion in string theory"),
      paper(6, "2024-03-06", {"Ana Lee"}, {"cs.CL"}, "Phys. Rev. D 80, 1 (2009)"),
      paper(7, "2024-03-07", {"Wei Liu", "Simeng Zhang"}, {"cs.CV"}),
      paper(8, "2024-03-08", {"Ana Lee"}, {"cs.CL", "cs.AI"}, "", "Diffusion models"),
  };
}

class BrowseStore : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    put(corpus());
  }

  // Paper numbers of a result, in order.
  static std::vector<int> numbers(const SearchResult& r) {
    std::vector<int> out;
    for (const SearchHit& h : r.hits) out.push_back(std::stoi(h.paper.arxiv_id.substr(5)));
    return out;
  }

  SearchResult must_search(const search::SearchRequest& request) {
    auto r = store_->search(request);
    EXPECT_TRUE(r.has_value()) << r.error().message;
    return r.value_or(SearchResult{});
  }

  // Follows next_after from the first page to the end; returns every page's paper numbers.
  std::vector<std::vector<int>> all_pages(search::SearchRequest request,
                                          const std::function<void(int page)>& between = {}) {
    std::vector<std::vector<int>> pages;
    for (int page = 0; page < 20; ++page) {
      SearchResult r = must_search(request);
      pages.push_back(numbers(r));
      if (!r.next_after) break;
      request.after = r.next_after;
      if (between) between(page);
    }
    return pages;
  }
};

search::SearchRequest newest(int limit) {
  search::SearchRequest r;
  r.sort = search::Sort::newest;
  r.limit = limit;
  return r;
}

TEST_P(BrowseStore, KeysetPagesVisitEveryPaperOnceAndSayWhenDone) {
  struct Case {
    const char* name;
    std::function<void(search::SearchRequest&)> edit;
    std::vector<std::vector<int>> pages;
  };
  const std::vector<Case> cases = {
      {"NoFilter", nullptr, {{8, 7, 6}, {5, 4, 3}, {2, 1}}},
      {"ExactPages", [](auto& r) { r.limit = 4; }, {{8, 7, 6, 5}, {4, 3, 2, 1}}},
      {"Category", [](auto& r) { r.filters.categories = {"cs.CL"}; }, {{8, 6, 2}, {1}}},
      {"Dates",
       [](auto& r) {
         r.filters.since = "2024-03-02";
         r.filters.until = "2024-03-06";
       },
       {{6, 5, 4}, {3, 2}}},
      {"WithoutCount", [](auto& r) { r.count_total = false; }, {{8, 7, 6}, {5, 4, 3}, {2, 1}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    search::SearchRequest r = newest(3);
    if (c.edit) c.edit(r);
    EXPECT_EQ(all_pages(r), c.pages);
  }
}

TEST_P(BrowseStore, ANewPaperDoesNotMakeTheNextPageRepeatOne) {
  search::SearchRequest r = newest(3);
  r.count_total = false;
  int added = 0;
  auto pages = all_pages(r, [&](int) {
    // A paper newer than all arrives, and one older than all: only the older one is still ahead.
    put({paper(20 + added, "2024-04-01", {"New Author"}, {"cs.CL"}),
         paper(30 + added, "2023-01-01", {"Old Author"}, {"cs.CL"})});
    ++added;
  });
  std::vector<int> seen;
  for (const auto& p : pages) seen.insert(seen.end(), p.begin(), p.end());
  std::set<int> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size()) << "a paper repeated";
  EXPECT_EQ(pages.front(), (std::vector<int>{8, 7, 6}));
  EXPECT_FALSE(unique.contains(20)) << "a paper newer than the first page came back";
  EXPECT_TRUE(unique.contains(30)) << "an older paper that arrived meanwhile is still ahead";
}

TEST_P(BrowseStore, VenueMatchesASubstringOfTheJournalReference) {
  struct Case {
    const char* name;
    std::vector<std::string> venues;
    std::function<void(search::SearchRequest&)> edit;
    std::vector<int> expected;
  };
  const std::vector<Case> cases = {
      {"Substring", {"Phys. Rev. D"}, nullptr, {6, 1}},
      {"CaseInsensitive", {"phys. rev."}, nullptr, {6, 3, 1}},
      {"AnyOf", {"Lett", "machine learning"}, nullptr, {4, 3}},
      {"WithCategory", {"Phys. Rev."}, [](auto& r) { r.filters.categories = {"cs"}; }, {6, 1}},
      {"WithAuthor", {"Phys"}, [](auto& r) { r.filters.authors = {"Wei Liu"}; }, {3}},
      {"WithDates", {"Phys"}, [](auto& r) { r.filters.until = "2024-03-05"; }, {3, 1}},
      {"WithText",
       {"Phys"},
       [](auto& r) { r.text = search::parse_query("abstract")->text; },
       {6, 3, 1}},
      {"NoMatch", {"Nature"}, nullptr, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    search::SearchRequest r = newest(10);
    r.filters.venues = c.venues;
    if (c.edit) c.edit(r);
    SearchResult result = must_search(r);
    EXPECT_EQ(numbers(result), c.expected);
    EXPECT_EQ(result.total, static_cast<std::int64_t>(c.expected.size()));
    EXPECT_FALSE(result.next_after);
  }
}

TEST_P(BrowseStore, NegatedTermsAloneMeanEveryPaperButThose) {
  search::SearchRequest r = newest(10);
  r.text = search::TextQuery{{{search::Term{search::Field::title, {"diffusion"}, false, true}}}};
  EXPECT_EQ(numbers(must_search(r)), (std::vector<int>{7, 6, 4, 3, 1}));
  r.filters.venues = {"Phys"};
  EXPECT_EQ(numbers(must_search(r)), (std::vector<int>{6, 3, 1}));
  // Paged: the pages still follow one another.
  search::SearchRequest paged = newest(2);
  paged.text = r.text;
  EXPECT_EQ(all_pages(paged), (std::vector<std::vector<int>>{{7, 6}, {4, 3}, {1}}));
}

TEST_P(BrowseStore, AfterNeedsTheNewestFirstOrder) {
  auto r = search::parse_query("abstract");
  ASSERT_TRUE(r.has_value());
  r->after = 1;
  auto result = store_->search(*r);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
  r->sort = search::Sort::newest;
  EXPECT_TRUE(store_->search(*r).has_value());
}

TEST_P(BrowseStore, StatsTellWhenTheHarvestLastWroteItsState) {
  auto before = store_->stats();
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->last_harvest, "");
  put({paper(9, "2024-03-09", {"X"}, {"cs.CL"})}, {{"arxiv-rss:cs.CL", "etag"}});
  auto after = store_->stats();
  ASSERT_TRUE(after.has_value());
  ASSERT_EQ(after->last_harvest.size(), 20u) << after->last_harvest;  // 2026-11-26T15:25:33Z
  EXPECT_EQ(after->last_harvest[10], 'T');
  EXPECT_EQ(after->last_harvest.back(), 'Z');
}

TEST_P(BrowseStore, SuggestsAuthorsCategoriesAndVenuesWithCounts) {
  using Want = std::vector<std::pair<std::string, std::int64_t>>;
  struct Case {
    const char* name;
    SuggestKind kind;
    const char* prefix;
    int limit;
    Want expected;
  };
  const std::vector<Case> cases = {
      // Case variants of a name count together under one spelling.
      {"Author", SuggestKind::author, "sim", 10, {{"Simeng Zhang", 4}, {"Simon Park", 1}}},
      {"AuthorLimit", SuggestKind::author, "SIM", 1, {{"Simeng Zhang", 4}}},
      // Shorter than the index's prefixes: looked for among the newest papers' authors.
      {"AuthorShortPrefix",
       SuggestKind::author,
       "Si",
       10,
       {{"Simeng Zhang", 4}, {"Simon Park", 1}}},
      {"AuthorTwoWords", SuggestKind::author, "simeng z", 10, {{"Simeng Zhang", 4}}},
      {"AuthorLastName", SuggestKind::author, "lee", 10, {{"Ana Lee", 3}}},
      {"AuthorNone", SuggestKind::author, "zzz", 10, {}},
      {"AuthorEmptyPrefix", SuggestKind::author, "", 10, {}},
      {"Categories",
       SuggestKind::category,
       "cs",
       10,
       {{"cs.CL", 4}, {"cs.LG", 2}, {"cs.AI", 1}, {"cs.CV", 1}}},
      {"CategoryCase", SuggestKind::category, "CS.c", 10, {{"cs.CL", 4}, {"cs.CV", 1}}},
      {"EveryCategory", SuggestKind::category, "", 3, {{"cs.CL", 4}, {"cs.LG", 2}, {"cs.AI", 1}}},
      {"Venues", SuggestKind::venue, "phys", 10, {{"Phys. Rev. D", 2}, {"Phys. Rev. Lett.", 1}}},
      {"VenueWords",
       SuggestKind::venue,
       "transactions on",
       10,
       {{"Transactions on Machine Learning Research", 1}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto got = store_->suggest(c.kind, c.prefix, c.limit);
    ASSERT_TRUE(got.has_value()) << got.error().message;
    Want values;
    for (const Suggestion& s : *got) values.emplace_back(s.value, s.papers);
    EXPECT_EQ(values, c.expected);
  }
  auto bad = store_->suggest(SuggestKind::author, "a", 0);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Backends, BrowseStore, ::testing::ValuesIn(kBackends), backend_name);

}  // namespace
}  // namespace ah::store
