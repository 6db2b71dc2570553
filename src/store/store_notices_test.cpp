// Notice-only papers (core::is_notice_only: corrections, retractions, records that `update`
// another work) among normal papers: every listing, search and count leaves them out and their
// totals agree with their pages; a lookup by identifier still finds them, and the work they
// update shows them in its status. Comments and replies are listed. Run against every backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "search/query.h"
#include "store/store_test_backends.h"

namespace ah::store {
namespace {

using core::Paper;

constexpr const char* kVenue = "Journal of Examples";

Paper crossref(std::string doi, std::string title, std::string published) {
  Paper p;
  p.doi = std::move(doi);
  p.source_id = p.doi;
  p.title = p.title_display = std::move(title);
  p.abstract = p.abstract_display = "Attention over long documents.";
  p.authors = {{"Ana Lee", ""}, {"Wei Zhang", ""}};
  p.published = std::move(published);
  p.venue = kVenue;
  p.type = core::WorkType::article;
  p.source = core::source::kCrossref;
  return p;
}

Paper notice(std::string doi, core::WorkType type, std::string title, std::string published,
             std::string updated_doi, core::NoticeKind kind) {
  Paper p = crossref(std::move(doi), std::move(title), std::move(published));
  p.type = type;
  p.relations.push_back(
      {core::RelationType::updates, {"doi", std::move(updated_doi)}, kind, p.published});
  return p;
}

Paper arxiv(std::string id, std::string title, std::string published) {
  Paper p;
  p.arxiv_id = std::move(id);
  p.version = 1;
  p.title = p.title_display = std::move(title);
  p.abstract = p.abstract_display = "Attention over long documents.";
  p.authors = {{"Ana Lee", ""}};
  p.categories = {"cs.CL"};
  p.published = std::move(published);
  p.source = core::source::kArxivOai;
  return p;
}

Paper with_type(Paper p, core::WorkType type) {
  p.type = type;
  return p;
}

// Two articles, an arXiv paper, a comment, and three notices: a correction of the first article,
// a retraction of the second, and a record its source did not type that names the first as the
// work it corrects (Crossref update-to). Four listed papers; two share a day with a notice.
std::vector<Paper> corpus() {
  return {
      crossref("10.5555/jex.1", "Sparse attention for long documents", "2024-03-01"),
      crossref("10.5555/jex.2", "Dense retrieval with sparse attention", "2024-03-02"),
      arxiv("2403.00003", "Sparse attention in speech", "2024-03-03"),
      with_type(
          crossref("10.5555/jex.4", "Comment on sparse attention for long documents", "2024-03-04"),
          core::WorkType::comment),
      notice("10.5555/jex.901", core::WorkType::correction,
             "Correction: Sparse attention for long documents", "2024-03-04", "10.5555/jex.1",
             core::NoticeKind::correction),
      notice("10.5555/jex.902", core::WorkType::retraction,
             "Retraction notice: Dense retrieval with sparse attention", "2024-03-03",
             "10.5555/jex.2", core::NoticeKind::retraction),
      notice("10.5555/jex.903", core::WorkType::unknown,
             "Corrigendum: Sparse attention for long documents", "2024-03-05", "10.5555/jex.1",
             core::NoticeKind::correction),
  };
}

class NoticeListings : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    put(corpus());
  }

  SearchResult must_search(const search::SearchRequest& request) {
    auto r = store_->search(request);
    EXPECT_TRUE(r.has_value()) << r.error().message;
    return r.value_or(SearchResult{});
  }

  SearchResult must_query(std::string_view query, search::Sort sort) {
    auto request = search::parse_query(query);
    EXPECT_TRUE(request.has_value()) << request.error().message;
    if (!request) return {};
    request->sort = sort;
    return must_search(*request);
  }

  // Each hit's DOI, or its arXiv id when it has no DOI, in order.
  static std::vector<std::string> names(const SearchResult& r) {
    std::vector<std::string> out;
    for (const SearchHit& h : r.hits) {
      out.push_back(h.paper.doi.empty() ? h.paper.arxiv_id : h.paper.doi);
    }
    return out;
  }

  // Every page of `request`, `limit` at a time, followed by next_after; each page's total (of
  // the papers from its position on) is checked against what this and the later pages hold.
  std::vector<std::string> all_pages(search::SearchRequest request, int limit) {
    request.limit = limit;
    std::vector<std::string> out;
    std::vector<std::pair<std::int64_t, size_t>> totals;  // a page's total, papers before it
    for (int page = 0; page < 20; ++page) {
      SearchResult r = must_search(request);
      totals.emplace_back(r.total, out.size());
      for (std::string& n : names(r)) out.push_back(std::move(n));
      if (!r.next_after) break;
      request.after = r.next_after;
    }
    for (const auto& [total, before] : totals) {
      EXPECT_EQ(total, static_cast<std::int64_t>(out.size() - before));
    }
    return out;
  }
};

const std::vector<std::string> kListedNewestFirst = {"10.5555/jex.4", "2403.00003", "10.5555/jex.2",
                                                     "10.5555/jex.1"};

TEST_P(NoticeListings, DayListingLeavesOutCorrectionsAndRetractions) {
  struct Case {
    const char* day;
    std::vector<std::string> listed;  // a notice of that day is not
  };
  for (const Case& c : {Case{"2024-03-03", {"2403.00003"}},     // and a retraction
                        Case{"2024-03-04", {"10.5555/jex.4"}},  // and a correction
                        Case{"2024-03-05", {}},                 // an untyped corrigendum
                        Case{"2024-03-01", {"10.5555/jex.1"}}}) {
    SCOPED_TRACE(c.day);
    search::SearchRequest day;
    day.filters.since = day.filters.until = std::string(c.day);
    day.sort = search::Sort::newest;
    SearchResult r = must_search(day);
    EXPECT_EQ(names(r), c.listed);
    EXPECT_EQ(r.total, static_cast<std::int64_t>(c.listed.size()));
    EXPECT_TRUE(r.total_exact);
  }
}

TEST_P(NoticeListings, BrowseListsNoNoticeAndItsTotalsAgreeWithItsPages) {
  search::SearchRequest browse;
  browse.sort = search::Sort::newest;
  SearchResult all = must_search(browse);
  EXPECT_EQ(names(all), kListedNewestFirst);
  EXPECT_EQ(all.total, 4);
  for (int limit : {1, 2, 3}) {
    SCOPED_TRACE(limit);
    EXPECT_EQ(all_pages(browse, limit), kListedNewestFirst);
  }
  // Offset paging: the last page is as full as the total says.
  browse.limit = 3;
  browse.offset = 3;
  SearchResult last = must_search(browse);
  EXPECT_EQ(names(last), (std::vector<std::string>{"10.5555/jex.1"}));
  EXPECT_EQ(last.total, 4);
}

TEST_P(NoticeListings, FiltersListNoNotice) {
  struct Case {
    const char* name;
    std::function<void(search::SearchRequest&)> filter;
    std::vector<std::string> listed;
  };
  const std::vector<std::string> journal = {"10.5555/jex.4", "10.5555/jex.2", "10.5555/jex.1"};
  const Case cases[] = {
      {"venue", [](search::SearchRequest& r) { r.filters.venues = {"journal of examples"}; },
       journal},
      {"author", [](search::SearchRequest& r) { r.filters.authors = {"Wei Zhang"}; }, journal},
      {"source", [](search::SearchRequest& r) { r.filters.sources = {"crossref"}; }, journal},
      {"dates",
       [](search::SearchRequest& r) {
         r.filters.since = "2024-03-03", r.filters.until = "2024-03-05";
       },
       {"10.5555/jex.4", "2403.00003"}},
      // A text of negated terms only: every paper but those, read from the rows.
      {"negated text",
       [](search::SearchRequest& r) {
         r.text.clauses = {{search::Term{search::Field::any, {"speech"}, false, true}}};
       },
       journal},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    search::SearchRequest request;
    request.sort = search::Sort::newest;
    c.filter(request);
    SearchResult r = must_search(request);
    EXPECT_EQ(names(r), c.listed);
    EXPECT_EQ(r.total, static_cast<std::int64_t>(c.listed.size()));
    EXPECT_EQ(all_pages(request, 1), c.listed);
  }
}

TEST_P(NoticeListings, SearchByAWordOfANoticesTitleFindsNoNotice) {
  struct Case {
    const char* query;
    std::set<std::string> found;
  };
  for (const Case& c : {
           Case{"correction", {}},
           Case{"retraction", {}},
           Case{"corrigendum", {}},
           Case{"ti:sparse", {"10.5555/jex.1", "10.5555/jex.2", "2403.00003", "10.5555/jex.4"}},
           Case{"\"sparse attention for long documents\"", {"10.5555/jex.1", "10.5555/jex.4"}},
           Case{"comment", {"10.5555/jex.4"}},
           Case{"sparse -speech", {"10.5555/jex.1", "10.5555/jex.2", "10.5555/jex.4"}},
       }) {
    for (search::Sort sort : {search::Sort::relevance, search::Sort::newest}) {
      SCOPED_TRACE(std::string(c.query) + (sort == search::Sort::newest ? " newest" : ""));
      SearchResult r = must_query(c.query, sort);
      const std::vector<std::string> got = names(r);
      EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), c.found);
      EXPECT_EQ(got.size(), c.found.size()) << "no paper twice";
      EXPECT_EQ(r.total, static_cast<std::int64_t>(c.found.size()));
    }
  }
}

// A request that keeps notices (a citation resolved by its title) finds them on every path:
// text by relevance and newest first, a day without text, a venue, negated terms only; and its
// totals count them.
TEST_P(NoticeListings, ARequestThatKeepsNoticesFindsThemOnEveryPath) {
  struct Case {
    const char* name;
    std::function<void(search::SearchRequest&)> shape;
    std::set<std::string> found;
  };
  const Case cases[] = {
      {"title words by relevance",
       [](search::SearchRequest& r) {
         r.text.clauses = {{search::Term{search::Field::title, {"retraction"}, false, false}}};
       },
       {"10.5555/jex.902"}},
      {"title words newest first",
       [](search::SearchRequest& r) {
         r.text.clauses = {{search::Term{search::Field::title, {"documents"}, false, false}}};
         r.sort = search::Sort::newest;
       },
       {"10.5555/jex.1", "10.5555/jex.4", "10.5555/jex.901", "10.5555/jex.903"}},
      {"a day",
       [](search::SearchRequest& r) {
         r.filters.since = r.filters.until = "2024-03-04";
         r.sort = search::Sort::newest;
       },
       {"10.5555/jex.4", "10.5555/jex.901"}},
      {"a venue",
       [](search::SearchRequest& r) {
         r.filters.venues = {"journal of examples"};
         r.filters.since = "2024-03-03";
         r.sort = search::Sort::newest;
       },
       {"10.5555/jex.4", "10.5555/jex.901", "10.5555/jex.902", "10.5555/jex.903"}},
      {"negated terms only",
       [](search::SearchRequest& r) {
         r.text.clauses = {{search::Term{search::Field::any, {"speech"}, false, true}}};
         r.sort = search::Sort::newest;
       },
       {"10.5555/jex.1", "10.5555/jex.2", "10.5555/jex.4", "10.5555/jex.901", "10.5555/jex.902",
        "10.5555/jex.903"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    search::SearchRequest request;
    c.shape(request);
    request.notices = search::Notices::keep;
    SearchResult r = must_search(request);
    const std::vector<std::string> got = names(r);
    EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), c.found);
    EXPECT_EQ(got.size(), c.found.size()) << "no paper twice";
    EXPECT_EQ(r.total, static_cast<std::int64_t>(c.found.size()));
    // The same request as a listing makes it leaves every notice out.
    request.notices = search::Notices::leave_out;
    for (const std::string& n : names(must_search(request))) {
      EXPECT_EQ(n.find("jex.9"), std::string::npos) << n;
    }
  }
}

TEST_P(NoticeListings, ANoticeIsFoundByItsIdentifierAndItsWorkShowsIt) {
  const Paper correction = must_get("10.5555/jex.901");
  EXPECT_EQ(correction.type, core::WorkType::correction);
  EXPECT_EQ(correction.title, "Correction: Sparse attention for long documents");
  EXPECT_EQ(must_get("10.5555/jex.902").type, core::WorkType::retraction);
  EXPECT_EQ(must_get("10.5555/jex.903").doi, "10.5555/jex.903");

  const Paper corrected = must_get("10.5555/jex.1");
  EXPECT_TRUE(corrected.status.corrected);
  EXPECT_NE(std::find(corrected.status.notice_dois.begin(), corrected.status.notice_dois.end(),
                      "10.5555/jex.901"),
            corrected.status.notice_dois.end());
  const Paper retracted = must_get("10.5555/jex.2");
  EXPECT_TRUE(retracted.status.retracted);
  EXPECT_EQ(retracted.status.notice_dois, (std::vector<std::string>{"10.5555/jex.902"}));
}

TEST_P(NoticeListings, APaperThatBecomesANoticeLeavesTheListingsAndComesBack) {
  // The arXiv paper's record comes again, now typed as an erratum.
  Paper erratum = arxiv("2403.00003", "Sparse attention in speech", "2024-03-03");
  erratum.type = core::WorkType::erratum;
  erratum.updated = "2024-04-01";
  put({erratum});
  search::SearchRequest browse;
  browse.sort = search::Sort::newest;
  SearchResult r = must_search(browse);
  EXPECT_EQ(names(r),
            (std::vector<std::string>{"10.5555/jex.4", "10.5555/jex.2", "10.5555/jex.1"}));
  EXPECT_EQ(r.total, 3);
  EXPECT_EQ(must_query("speech", search::Sort::relevance).total, 0);
  EXPECT_EQ(must_get("2403.00003").type, core::WorkType::erratum);

  // And a paper that stops being one comes back.
  erratum.type = core::WorkType::preprint;
  erratum.updated = "2024-05-01";
  put({erratum});
  EXPECT_EQ(names(must_search(browse)), kListedNewestFirst);
  EXPECT_EQ(must_search(browse).total, 4);
  EXPECT_EQ(must_query("speech", search::Sort::relevance).total, 1);
}

// One update that both moves a paper to another day and makes it a notice (and one that undoes
// both): each day's count, and the total, follow (paper_days counts papers and notices by day).
TEST_P(NoticeListings, APaperMovedToAnotherDayAsItBecomesANoticeLeavesBothDaysRight) {
  auto day_total = [&](const char* day) {
    search::SearchRequest r;
    r.filters.since = r.filters.until = std::string(day);
    r.sort = search::Sort::newest;
    return must_search(r).total;
  };
  search::SearchRequest browse;
  browse.sort = search::Sort::newest;
  Paper moved = crossref("10.5555/jex.1", "Sparse attention for long documents", "2024-03-06");
  moved.type = core::WorkType::correction;
  put({moved});
  EXPECT_EQ(day_total("2024-03-01"), 0);
  EXPECT_EQ(day_total("2024-03-06"), 0) << "a notice on its new day";
  EXPECT_EQ(must_search(browse).total, 3);

  Paper back = crossref("10.5555/jex.1", "Sparse attention for long documents", "2024-03-01");
  put({back});
  EXPECT_EQ(day_total("2024-03-01"), 1);
  EXPECT_EQ(day_total("2024-03-06"), 0);
  EXPECT_EQ(must_search(browse).total, 4);
}

TEST_P(NoticeListings, SuggestionsCountTheListedPapers) {
  auto venues = store_->suggest(SuggestKind::venue, "journal of ex", 10);
  if (!venues && venues.error().code == ErrorCode::unavailable) {
    GTEST_SKIP() << "this backend offers no suggestions";
  }
  ASSERT_TRUE(venues.has_value()) << venues.error().message;
  ASSERT_EQ(venues->size(), 1u);
  EXPECT_EQ((*venues)[0].papers, 3) << "the venue filter lists three";
  auto authors = store_->suggest(SuggestKind::author, "wei zh", 10);
  ASSERT_TRUE(authors.has_value()) << authors.error().message;
  ASSERT_EQ(authors->size(), 1u);
  EXPECT_EQ((*authors)[0].papers, 3) << "the author filter lists three";
}

TEST_P(NoticeListings, StatsCountEveryStoredPaper) {
  auto stats = store_->stats();
  ASSERT_TRUE(stats.has_value()) << stats.error().message;
  EXPECT_EQ(stats->papers, 7) << "notices are stored papers; only listings leave them out";
}

INSTANTIATE_TEST_SUITE_P(Backends, NoticeListings, ::testing::ValuesIn(kBackends), backend_name);

}  // namespace
}  // namespace ah::store
