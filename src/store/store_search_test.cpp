// PaperStore::search behaviour over a small corpus, run against every backend.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "search/limits.h"
#include "search/query.h"
#include "store/store_test_backends.h"

namespace ah::store {
namespace {

using core::Paper;

Paper paper(const char* id, const char* title, const char* abstract,
            std::vector<core::Author> authors, std::vector<std::string> categories,
            const char* published, const char* source = core::source::kArxivOai) {
  Paper p;
  p.arxiv_id = id;
  p.version = 1;
  p.title = p.title_display = title;
  p.abstract = p.abstract_display = abstract;
  p.authors = std::move(authors);
  p.categories = std::move(categories);
  p.published = published;
  p.source = source;
  return p;
}

// The corpus: ids 1..6 (2401.0000N), dates increase with N except 6 (undated announcement).
std::vector<Paper> corpus() {
  return {
      paper("2401.00001", "Quantum error correction", "Stabilizer codes protect qubits.",
            {{"Maria Garcia", ""}}, {"quant-ph"}, "2021-01-01T00:00:00Z"),
      paper("2401.00002", "Diffusion models for images",
            "Sparse priors and attention help denoising.", {{"Wei Zhang", ""}}, {"cs.CV"},
            "2022-03-03T00:00:00Z"),
      paper("2401.00003", "Efficient transformers",
            "We survey sparse attention mechanisms for long inputs.", {{"John Smith", ""}},
            {"cs.LG"}, "2023-06-01T00:00:00Z", core::source::kArxivRss),
      paper("2401.00004", "Sparse attention for long documents",
            "Efficient transformers scale to long documents.",
            {{"Simeng Zhang", ""}, {"Ana Lee", ""}}, {"cs.CL", "cs.LG"}, "2024-01-10T00:00:00Z"),
      paper("2401.00005", "Transformer models in string theory",
            "Neural networks meet the landscape.", {{"Piotr Nowak", ""}}, {"hep-th", "cs.LG"},
            "2024-05-05T00:00:00Z"),
      paper("2401.00006", "Graph neural networks", "Message passing on graphs.",
            {{"Lena Schrödinger", ""}}, {"cs.LG"}, ""),
  };
}

struct SearchCase {
  const char* name;
  const char* query;                                 // the query language
  std::function<void(search::SearchRequest&)> edit;  // filters, sort, paging
  std::vector<int> expected;                         // paper numbers, in order
  bool ordered = true;                               // false: compare as sets
  long total = -1;                                   // -1: expected.size()
};

class SearchStore : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::vector<Paper> papers = corpus();
    papers[5].announced = "2024-06-01";
    put(papers);
  }

  // An empty query is a request without text (filters only).
  std::vector<int> run(const SearchCase& c, SearchResult* result = nullptr) {
    auto request = *c.query ? search::parse_query(c.query) : search::SearchRequest{};
    EXPECT_TRUE(request.has_value()) << request.error().message;
    if (!request) return {};
    if (c.edit) c.edit(*request);
    auto r = store_->search(*request);
    EXPECT_TRUE(r.has_value()) << r.error().message;
    if (!r) return {};
    std::vector<int> numbers;
    for (const auto& hit : r->hits) numbers.push_back(std::stoi(hit.paper.arxiv_id.substr(5)));
    if (result) *result = *r;
    return numbers;
  }
};

std::vector<SearchCase> search_cases() {
  using R = search::SearchRequest;
  return {
      {"TitleMatchRanksAboveAbstractMatch", "attention", nullptr, {4, 3, 2}},
      {"WordsMatchAnywhere", "sparse attention", nullptr, {4, 3, 2}},
      {"PhraseNeedsAdjacentWords", "\"sparse attention\"", nullptr, {4, 3}},
      {"StemmingFindsOtherForms", "transformer", nullptr, {3, 5, 4}, false},
      {"PrefixMatches", "transf*", nullptr, {3, 4, 5}, false},
      {"TitleField", "ti:efficient", nullptr, {3}},
      {"AbstractField", "abs:efficient", nullptr, {4}},
      {"AuthorWord", "au:zhang", nullptr, {2, 4}, false},
      {"AuthorPhrase", "au:\"simeng zhang\"", nullptr, {4}},
      {"AuthorWithoutDiacritics", "au:schrodinger", nullptr, {6}},
      {"AuthorFilter", "", [](R& r) { r.filters.authors = {"Wei Zhang"}; }, {2}},
      {"AuthorFilterIgnoresCaseAccentsAndPunctuation",
       "",
       [](R& r) { r.filters.authors = {"lena  SCHRODINGER."}; },
       {6}},
      {"AuthorFilterIsOneWholeName",
       "",
       [](R& r) { r.filters.authors = {"Zhang Ana"}; },
       {}},  // adjacent across two authors
      {"AuthorFilterIsNotPartOfALongerName",
       "",
       [](R& r) { r.filters.authors = {"Simeng Zhang Lee"}; },
       {}},
      {"AuthorFilterOfOneWordMatchesItInAnyName",
       "",
       [](R& r) { r.filters.authors = {"Zhang"}; },
       {4, 2}},
      {"AuthorFiltersTogetherMeanCoauthors",
       "",
       [](R& r) {
         r.filters.authors = {"Ana Lee", "Simeng Zhang"};
       },
       {4}},
      {"Negation", "attention -diffusion", nullptr, {4, 3}},
      {"Or", "quantum OR diffusion", nullptr, {1, 2}, false},
      {"OrInsideAnd", "sparse quantum OR attention", nullptr, {4, 3, 2}, false},
      {"CategoryExact", "cat:cs.LG transformers", nullptr, {3, 4, 5}, false},
      {"CategoryCaseInsensitive", "cat:CS.lg", nullptr, {6, 5, 4, 3}},
      {"CategoryArchive", "cat:cs", nullptr, {6, 5, 4, 3, 2}},
      {"CategoryArchiveStar", "cat:cs.*", nullptr, {6, 5, 4, 3, 2}},
      {"CategoryWithoutSubject", "cat:hep-th", nullptr, {5}},
      {"CategoriesAnyOf", "cat:quant-ph OR cat:cs.CV", nullptr, {2, 1}},
      {"SinceFilter", "attention", [](R& r) { r.filters.since = "2023-01-01"; }, {4, 3}},
      {"UntilFilter", "attention", [](R& r) { r.filters.until = "2022-12-31"; }, {2}},
      {"DateRangeOnly",
       "",
       [](R& r) {
         r.filters.since = "2022";
         r.filters.until = "2023-06";
       },
       {3, 2}},
      {"AnnouncedStandsInForPublished", "", [](R& r) { r.filters.since = "2024-06-01"; }, {6}},
      {"SourceExact", "", [](R& r) { r.filters.sources = {core::source::kArxivRss}; }, {3}},
      {"SourcePrefix", "", [](R& r) { r.filters.sources = {"arxiv"}; }, {6, 5, 4, 3, 2, 1}},
      {"SortNewest", "attention", [](R& r) { r.sort = search::Sort::newest; }, {4, 3, 2}},
      {"EmptyQueryNewestFirst", "", nullptr, {6, 5, 4, 3, 2, 1}},
      {"Paging",
       "",
       [](R& r) {
         r.offset = 1;
         r.limit = 2;
       },
       {5, 4},
       true,
       6},
      {"PagingRelevance",
       "attention",
       [](R& r) {
         r.offset = 1;
         r.limit = 1;
       },
       {3},
       true,
       3},
      {"NoMatch", "xylophone", nullptr, {}},
      {"KeywordsAreWords", "NOT OR NEAR", nullptr, {}},
      {"NegatedWithCategory", "-diffusion cat:cs", nullptr, {6, 5, 4, 3}},
  };
}

TEST_P(SearchStore, FindsRanksAndFilters) {
  for (const SearchCase& c : search_cases()) {
    SCOPED_TRACE(c.name);
    SearchResult result;
    std::vector<int> got = run(c, &result);
    std::vector<int> expected = c.expected;
    if (!c.ordered) {
      std::sort(got.begin(), got.end());
      std::sort(expected.begin(), expected.end());
    }
    EXPECT_EQ(got, expected) << c.query;
    EXPECT_EQ(result.total, c.total >= 0 ? c.total : static_cast<long>(c.expected.size()));
    EXPECT_TRUE(result.total_exact);
  }
}

TEST_P(SearchStore, HitsCarryWholePapersAndScores) {
  SearchCase c{"", "attention", nullptr, {}};
  SearchResult result;
  run(c, &result);
  ASSERT_EQ(result.hits.size(), 3u);
  const Paper& top = result.hits[0].paper;
  EXPECT_EQ(top.title, "Sparse attention for long documents");
  ASSERT_EQ(top.authors.size(), 2u);
  EXPECT_EQ(top.authors[1].name, "Ana Lee");
  EXPECT_EQ(top.categories, (std::vector<std::string>{"cs.CL", "cs.LG"}));
  ASSERT_EQ(top.versions.size(), 1u);
  EXPECT_GT(result.hits[0].score, result.hits[1].score);
  EXPECT_GT(result.hits[2].score, 0);
}

TEST_P(SearchStore, ScoresFollowTheWordsRarityAsPapersArrive) {
  // A word on more papers weighs less (BM25's IDF): the same paper scores lower once many new
  // papers use its word, also when the store has searched for that word before (and scores as a
  // connection that never searched does).
  SearchCase c{"", "quantum", [](search::SearchRequest& r) { r.limit = 50; }, {}};
  SearchResult before;
  run(c, &before);
  ASSERT_EQ(before.hits.size(), 1u);
  std::vector<Paper> more;
  for (int i = 0; i < 30; ++i) {
    more.push_back(paper(fmt::format("2402.{:05}", i + 1).c_str(), "Quantum walks",
                         "On graphs.", {{"Ana Lee", ""}}, {"quant-ph"}, "2020-01-01T00:00:00Z"));
  }
  put(more);
  SearchResult after;
  run(c, &after);
  ASSERT_EQ(after.hits.size(), 31u);
  double first_paper = -1;
  for (const SearchHit& h : after.hits) {
    if (h.paper.arxiv_id == "2401.00001") first_paper = h.score;
  }
  ASSERT_GT(first_paper, 0) << "the first paper is among the hits";
  EXPECT_LT(first_paper, before.hits[0].score);
  // Nothing remembered from the first search: a fresh connection scores the same.
  auto fresh = GetParam().open(dir_.path());
  ASSERT_TRUE(fresh.has_value()) << fresh.error().message;
  auto request = search::parse_query("quantum");
  ASSERT_TRUE(request.has_value());
  request->limit = 50;
  auto again = (*fresh)->search(*request);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  ASSERT_EQ(again->hits.size(), after.hits.size());
  for (size_t i = 0; i < after.hits.size(); ++i) {
    EXPECT_EQ(again->hits[i].paper.arxiv_id, after.hits[i].paper.arxiv_id);
    EXPECT_DOUBLE_EQ(again->hits[i].score, after.hits[i].score);
  }
}

TEST_P(SearchStore, UpdatedTextIsFoundAndOldTextIsNot) {
  Paper p = corpus()[0];
  p.version = 2;
  p.title = p.title_display = "Topological codes";
  EXPECT_EQ(put({p}).updated, 1);
  SearchCase old_words{"", "ti:quantum", nullptr, {}};
  EXPECT_TRUE(run(old_words).empty());
  SearchCase new_words{"", "topological", nullptr, {}};
  EXPECT_EQ(run(new_words), std::vector<int>{1});
  // A new source of unchanged content makes the paper match that source's filter.
  Paper again = p;
  again.source = core::source::kArxivSnapshot;
  EXPECT_EQ(put({again}).unchanged, 1);
  SearchCase by_source{
      "",
      "",
      [](search::SearchRequest& r) { r.filters.sources = {core::source::kArxivSnapshot}; },
      {}};
  EXPECT_EQ(run(by_source), std::vector<int>{1});
}

TEST_P(SearchStore, PaperMovedByANewDateIsFoundOnce) {
  Paper p = corpus()[5];  // undated until now: sorted by its announcement
  p.published = "2019-07-01T00:00:00Z";
  EXPECT_EQ(put({p}).updated, 1);
  SearchCase by_text{"", "\"graph neural\"", nullptr, {}};
  SearchResult result;
  EXPECT_EQ(run(by_text, &result), std::vector<int>{6});
  EXPECT_EQ(result.total, 1);
  SearchCase in_2019{"", "", [](search::SearchRequest& r) { r.filters.until = "2019"; }, {}};
  EXPECT_EQ(run(in_2019), std::vector<int>{6});
  auto stats = store_->stats();
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->papers, 6);
  EXPECT_EQ(stats->oldest_published, "2019-07-01T00:00:00Z");
}

TEST_P(SearchStore, SeesWritesOfAnotherConnection) {
  SearchCase all{"", "", nullptr, {}};
  EXPECT_EQ(run(all).size(), 6u);
  auto other = GetParam().open(dir_.path());
  ASSERT_TRUE(other.has_value()) << other.error().message;
  Paper p = corpus()[0];
  p.arxiv_id = "2401.00007";
  p.title = p.title_display = "Quantum annealing";
  p.published = "2025-01-01T00:00:00Z";
  ASSERT_TRUE((*other)->upsert(std::vector<Paper>{p}).has_value());
  SearchResult result;
  std::vector<int> got = run(all, &result);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got.front(), 7);
  EXPECT_EQ(result.total, 7);
  SearchCase quantum{"", "quantum", nullptr, {}};
  EXPECT_EQ(run(quantum, &result).size(), 2u);
  EXPECT_EQ(result.total, 2);
}

TEST_P(SearchStore, RejectsRequestsOutOfRange) {
  for (auto edit : std::vector<std::function<void(search::SearchRequest&)>>{
           [](auto& r) { r.limit = 0; }, [](auto& r) { r.limit = 1001; },
           [](auto& r) { r.offset = -1; }, [](auto& r) { r.filters.since = "01/02/2024"; },
           [](auto& r) { r.filters.categories = {""}; }}) {
    search::SearchRequest r;
    edit(r);
    auto result = store_->search(r);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument) << result.error().message;
  }
}

// Dashes, arrows, symbols and emoji separate words as ASCII punctuation does, in the query as in
// the index: "model — attention" finds what "model attention" finds.
TEST_P(SearchStore, SymbolsSeparateWordsAsPunctuationDoes) {
  put({paper("2401.00007", "Model — attention → everywhere™", "Symbols ± emoji 😀 in text.",
             {{"Ana Lee", ""}}, {"cs.CL"}, "2024-07-01T00:00:00Z")});
  struct Case {
    const char* query;
    const char* same_as;
    std::vector<int> expected;
  };
  for (const Case& c : {
           Case{"model — attention", "model attention", {7, 2}},
           Case{"model → attention", "model attention", {7, 2}},
           Case{"model ™ attention", "model attention", {7, 2}},
           Case{"model ± attention", "model attention", {7, 2}},
           Case{"model 😀 attention", "model attention", {7, 2}},
           Case{"model\u3000attention ×", "model attention", {7, 2}},
           Case{"model—attention", "\"model attention\"", {7}},
           Case{"\"model — attention\"", "\"model attention\"", {7}},
           Case{"\"attention → everywhere\"", "\"attention everywhere\"", {7}},
           Case{"ti:everywhere™", "ti:everywhere", {7}},
           Case{"abs:\"symbols ± emoji 😀\"", "abs:\"symbols emoji\"", {7}},
           Case{"sparse — attention", "sparse attention", {4, 3, 2}},
       }) {
    SCOPED_TRACE(c.query);
    std::vector<int> got = run(SearchCase{"", c.query, nullptr, {}});
    EXPECT_EQ(got, run(SearchCase{"", c.same_as, nullptr, {}}));
    std::sort(got.begin(), got.end());
    std::vector<int> expected = c.expected;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(got, expected);
  }
}

// Every way a request grows the full-text expression, each at the limit the API and the command
// line allow (search/limits.h), at once: the search runs (it failed inside SQLite with more than
// 125 phrases or ~94 exclusions), and a request beyond the limits is refused as bad input.
TEST_P(SearchStore, TheLargestAllowedRequestRunsAndALargerOneIsRefused) {
  std::string query;
  for (size_t i = 0; i < search::kMaxPrefixTerms / 2; ++i) query += "atten* sparse* ";
  for (size_t i = search::kMaxPrefixTerms; i < search::kMaxQueryTerms; ++i) query += "attention ";
  auto request = search::parse_query(query);
  ASSERT_TRUE(request.has_value()) << request.error().message;
  auto& clauses = request->text.clauses;
  ASSERT_EQ(clauses.size(), search::kMaxQueryTerms);
  std::vector<search::Term> authors, keywords;
  for (size_t i = 0; i < search::kMaxFilterValues; ++i) {
    const std::string n = std::to_string(i);
    authors.push_back(search::Term{search::Field::author, {"simeng", "zhang" + n}, false, false});
    keywords.push_back(search::Term{search::Field::title, {"attention"}, false, false});
    keywords.push_back(search::Term{search::Field::abstract, {"attention"}, false, false});
    clauses.push_back({search::Term{search::Field::title, {"excluded" + n}, false, true}});
    clauses.push_back({search::Term{search::Field::abstract, {"excluded" + n}, false, true}});
    request->filters.categories.push_back(i ? "x" + n : "cs.CL");
    request->filters.sources.push_back(i ? "x" + n : "arxiv");
  }
  authors.front().words = {"simeng", "zhang"};
  clauses.push_back(std::move(authors));
  clauses.push_back(std::move(keywords));
  for (size_t i = 0; i < search::kMaxFilterValues; ++i) {
    request->filters.venues.push_back(i ? "Journal " + std::to_string(i) : "Phys. Rev.");
  }
  Paper published = paper("2401.00008", "Sparse attention, published", "Long documents.",
                          {{"Simeng Zhang", ""}}, {"cs.CL"}, "2024-08-01T00:00:00Z");
  published.journal_ref = "Phys. Rev. D 1, 2 (2024)";
  put({published});
  for (search::Sort sort : {search::Sort::relevance, search::Sort::newest}) {
    request->sort = sort;
    auto r = store_->search(*request);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    ASSERT_EQ(r->hits.size(), 1u);
    EXPECT_EQ(r->hits[0].paper.arxiv_id, "2401.00008");
  }
  // A word and as many exclusions as fit (FTS5's parser overflowed on ~94 nested NOTs), and only
  // exclusions (every paper but these).
  search::SearchRequest excluding;
  for (size_t i = 0; i + 1 < search::kMaxRequestTerms; ++i) {
    excluding.text.clauses.push_back(
        {search::Term{search::Field::any, {"excluded" + std::to_string(i)}, false, true}});
  }
  excluding.text.clauses.push_back({search::Term{search::Field::any, {"sparse"}, false, false}});
  auto sparse = store_->search(excluding);
  ASSERT_TRUE(sparse.has_value()) << sparse.error().message;
  EXPECT_EQ(sparse->total, 4);
  excluding.text.clauses.back().front() =
      search::Term{search::Field::any, {"excluded"}, false, true};
  auto all = store_->search(excluding);
  ASSERT_TRUE(all.has_value()) << all.error().message;
  EXPECT_EQ(all->total, 7);
  // One more term than the limit is the caller's mistake, not the store's failure; so is one more
  // prefix term.
  excluding.filters.authors.push_back("Ana Lee");
  auto refused = store_->search(excluding);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument) << refused.error().message;
  search::SearchRequest prefixes;
  for (size_t i = 0; i <= search::kMaxPrefixTerms; ++i) {
    prefixes.text.clauses.push_back({search::Term{search::Field::any, {"spar"}, true, false}});
  }
  auto too_many = store_->search(prefixes);
  ASSERT_FALSE(too_many.has_value());
  EXPECT_EQ(too_many.error().code, ErrorCode::invalid_argument) << too_many.error().message;
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchStore, ::testing::ValuesIn(kBackends), backend_name);

}  // namespace
}  // namespace ah::store
