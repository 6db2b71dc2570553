// PaperStore behaviour, run against every backend (sqlite; postgres when configured).
#include <gtest/gtest.h>

#include <functional>

#include "store/store_test_backends.h"

namespace ah::store {
namespace {

using core::Paper;
using Store = StoreTest;

// ---- records ----------------------------------------------------------------------------------

Paper paper(std::string id, int version, std::string title, std::string abstract = "An abstract.") {
  Paper p;
  p.arxiv_id = std::move(id);
  p.version = version;
  p.title = p.title_display = std::move(title);
  p.abstract = p.abstract_display = std::move(abstract);
  p.authors = {{"Ana Lee", "MIT"}, {"John Smith", ""}};
  p.categories = {"cs.CL", "cs.LG"};
  p.published = "2024-01-10T12:00:00Z";
  p.version_date =
      version == 1 ? p.published : "2024-02-0" + std::to_string(version) + "T00:00:00Z";
  p.source = core::source::kArxivOai;
  return p;
}

std::string describe(const UpsertCounts& c) {
  return "inserted=" + std::to_string(c.inserted) + " updated=" + std::to_string(c.updated) +
         " unchanged=" + std::to_string(c.unchanged) + " rejected=" + std::to_string(c.rejected);
}

// ---- upsert -----------------------------------------------------------------------------------

struct UpsertCase {
  const char* name;
  std::vector<Paper> before;  // stored first, each in its own batch
  Paper incoming;
  const char* counts;                       // describe() of the incoming batch's counts
  std::function<void(const Paper&)> check;  // on get(incoming id or doi) afterwards
  const char* lookup = "2401.00001";
};

Paper with(Paper p, const std::function<void(Paper&)>& edit) {
  edit(p);
  return p;
}

std::vector<UpsertCase> upsert_cases() {
  const Paper v1 = paper("2401.00001", 1, "Old title");
  const Paper v2 = paper("2401.00001", 2, "New title");
  return {
      {"Inserted",
       {},
       v1,
       "inserted=1 updated=0 unchanged=0 rejected=0",
       [](const Paper& p) {
         EXPECT_EQ(p.title, "Old title");
         EXPECT_EQ(p.authors.size(), 2u);
         EXPECT_EQ(p.authors[0].affiliation, "MIT");
         EXPECT_EQ(p.categories, (std::vector<std::string>{"cs.CL", "cs.LG"}));
         ASSERT_EQ(p.versions.size(), 1u);
         EXPECT_EQ(p.versions[0].version, 1);
       }},
      {"SameAgainIsUnchanged",
       {v1},
       v1,
       "inserted=0 updated=0 unchanged=1 rejected=0",
       [](const Paper& p) { EXPECT_EQ(p.title, "Old title"); }},
      {"SameDataFromAnotherSourceIsUnchanged",
       {v1},
       with(v1, [](Paper& p) { p.source = core::source::kArxivSnapshot; }),
       "inserted=0 updated=0 unchanged=1 rejected=0",
       [](const Paper& p) { EXPECT_EQ(p.source, core::source::kArxivOai); }},
      {"NewerVersionUpdatesAndKeepsHistory",
       {v1},
       v2,
       "inserted=0 updated=1 unchanged=0 rejected=0",
       [](const Paper& p) {
         EXPECT_EQ(p.version, 2);
         EXPECT_EQ(p.title, "New title");
         ASSERT_EQ(p.versions.size(), 2u);
         EXPECT_EQ(p.versions[0].version, 1);
         EXPECT_EQ(p.versions[0].date, "2024-01-10T12:00:00Z");
         EXPECT_EQ(p.versions[1].version, 2);
       }},
      {"OlderVersionIgnoredButHistoryRecorded",
       {v2},
       v1,
       "inserted=0 updated=0 unchanged=1 rejected=0",
       [](const Paper& p) {
         EXPECT_EQ(p.version, 2);
         EXPECT_EQ(p.title, "New title");
         ASSERT_EQ(p.versions.size(), 2u);
         EXPECT_EQ(p.versions[0].version, 1);
         EXPECT_EQ(p.versions[0].date, "2024-01-10T12:00:00Z");
       }},
      {"SameVersionMergesNonEmptyFields",
       {with(v1, [](Paper& p) { p.comment = "10 pages"; })},
       with(v1,
            [](Paper& p) {
              p.comment.clear();
              p.authors.clear();
              p.journal_ref = "Phys. Rev. D 1 (2024)";
              p.source = core::source::kArxivApi;
            }),
       "inserted=0 updated=1 unchanged=0 rejected=0",
       [](const Paper& p) {
         EXPECT_EQ(p.comment, "10 pages");
         EXPECT_EQ(p.journal_ref, "Phys. Rev. D 1 (2024)");
         EXPECT_EQ(p.authors.size(), 2u);
         EXPECT_EQ(p.source, core::source::kArxivApi);
       }},
      {"UnknownVersionOnlyFillsEmptyFields",
       {v2},
       with(v2,
            [](Paper& p) {
              p.version = 0;
              p.versions.clear();
              p.title = p.title_display = "Some other title";
              p.doi = "10.1000/filled";
            }),
       "inserted=0 updated=1 unchanged=0 rejected=0",
       [](const Paper& p) {
         EXPECT_EQ(p.title, "New title");
         EXPECT_EQ(p.version, 2);
         EXPECT_EQ(p.doi, "10.1000/filled");
       }},
      {"RejectedWithoutIdentity",
       {},
       with(v1,
            [](Paper& p) {
              p.arxiv_id.clear();
              p.doi.clear();
            }),
       "inserted=0 updated=0 unchanged=0 rejected=1",
       nullptr},
      {"DoiRecordLaterGainsItsArxivId",
       {with(v1,
             [](Paper& p) {
               p.arxiv_id.clear();
               p.version = 0;
               p.doi = "10.1000/abc";
             })},
       with(v1, [](Paper& p) { p.doi = "10.1000/abc"; }),
       "inserted=0 updated=1 unchanged=0 rejected=0",
       [](const Paper& p) {
         EXPECT_EQ(p.arxiv_id, "2401.00001");
         EXPECT_EQ(p.doi, "10.1000/abc");
       },
       "10.1000/ABC"},
      {"OtherIdentifiersAccumulate",
       {with(v1,
             [](Paper& p) {
               p.other_ids = {{"pmid", "123"}};
             })},
       with(v1,
            [](Paper& p) {
              p.other_ids = {{"openalex", "W9"}};
            }),
       "inserted=0 updated=1 unchanged=0 rejected=0",
       [](const Paper& p) {
         EXPECT_EQ(p.other_ids,
                   (std::vector<core::Identifier>{{"openalex", "W9"}, {"pmid", "123"}}));
       }},
      {"PublishedDateChangeMovesThePaper",
       {with(v1,
             [](Paper& p) {
               p.published.clear();
               p.announced = "2024-03-01";
             })},
       with(v1, [](Paper& p) { p.announced = "2024-03-01"; }),
       "inserted=0 updated=1 unchanged=0 rejected=0",
       [](const Paper& p) {
         EXPECT_EQ(p.published, "2024-01-10T12:00:00Z");
         EXPECT_EQ(p.authors.size(), 2u) << "children follow the moved row";
         EXPECT_EQ(p.categories.size(), 2u);
       }},
  };
}

TEST_P(Store, UpsertOutcomes) {
  for (const UpsertCase& c : upsert_cases()) {
    SCOPED_TRACE(c.name);
    ah::testing::TempDir dir;
    auto opened = GetParam().open(dir.path());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    std::swap(store_, *opened);
    for (const Paper& p : c.before) put({p});
    UpsertCounts counts = put({c.incoming});
    EXPECT_EQ(describe(counts), c.counts);
    if (c.check) c.check(must_get(c.lookup));
    auto again = store_->upsert(std::vector<Paper>{c.incoming});
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->inserted + again->updated, 0) << "re-importing is idempotent";
    store_.reset();
  }
}

TEST_P(Store, StoredRecordReadsBackFieldForField) {
  Paper p = paper("2401.00002", 3, "Title $x^2$", "Abstract\nwith lines.");
  p.title_display = "Title $x^2$ (display)";
  p.doi = "10.1000/xyz";
  p.other_ids = {{"openalex", "W1"}, {"pmid", "42"}};
  p.comment = "c";
  p.journal_ref = "j";
  p.report_no = "r";
  p.license = "http://creativecommons.org/licenses/by/4.0/";
  p.submitter = "Ana Lee";
  p.updated = "2024-02-03T00:00:00Z";
  p.announced = "2024-01-11";
  p.versions = {
      {1, "2024-01-10T12:00:00Z", "10kb"}, {2, "", "11kb"}, {3, "2024-02-03T00:00:00Z", "12kb"}};
  p.abs_url = "https://arxiv.org/abs/2401.00002";
  p.pdf_url = "https://arxiv.org/pdf/2401.00002";
  p.announce_type = "replace";
  put({p});
  core::Paper got = must_get("2401.00002");
  EXPECT_GT(got.paper_id, 0);
  ASSERT_EQ(got.records.size(), 1u);
  EXPECT_EQ(got.records[0].source_id, "2401.00002");
  // The store-filled fields aside, the paper is the record.
  got.paper_id = 0;
  got.records.clear();
  got.history.clear();
  got.status = {};
  got.field_sources.clear();
  EXPECT_EQ(got, p);
}

TEST_P(Store, GetAcceptsIdAndDoiForms) {
  Paper p = paper("2401.00003", 2, "T");
  p.doi = "10.1000/xyz";
  put({p, with(paper("hep-th/9901001", 1, "Old style"), [](Paper&) {})});
  for (const char* form : {"2401.00003", "2401.00003v2", "2401.00003v1", "arXiv:2401.00003",
                           "https://arxiv.org/abs/2401.00003v2", "10.1000/xyz", "10.1000/XYZ",
                           "https://doi.org/10.1000/xyz", "doi:10.1000/xyz"}) {
    EXPECT_EQ(must_get(form).arxiv_id, "2401.00003") << form;
  }
  EXPECT_EQ(must_get("hep-th/9901001v1").title, "Old style");
  auto absent = store_->get("2401.99999");
  ASSERT_TRUE(absent.has_value());
  EXPECT_FALSE(absent->has_value());
  auto absent_doi = store_->get("10.1000/none");
  ASSERT_TRUE(absent_doi.has_value());
  EXPECT_FALSE(absent_doi->has_value());
  auto bad = store_->get("hello world");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
}

TEST_P(Store, StateIsWrittenWithThePapers) {
  put({paper("2401.00004", 1, "T")}, {{"arxiv-oai:cs:token", "726959|1001"}, {"other", "x"}});
  auto v = store_->get_state("arxiv-oai:cs:token");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value_or(""), "726959|1001");
  ASSERT_TRUE(store_->put_state(std::vector<StateEntry>{{"other", ""}}).has_value());
  auto gone = store_->get_state("other");
  ASSERT_TRUE(gone.has_value());
  EXPECT_FALSE(gone->has_value()) << "an empty value deletes the key";
}

TEST_P(Store, FailedBatchLeavesNeitherPapersNorState) {
  put({paper("2401.00005", 1, "Kept")}, {{"cursor", "1"}});
  // The empty state key fails after the papers were written: the whole batch rolls back.
  auto r = store_->upsert(
      std::vector<Paper>{paper("2401.00006", 1, "Lost"), paper("2401.00005", 2, "Lost too")},
      std::vector<StateEntry>{{"cursor", "2"}, {"", "x"}});
  ASSERT_FALSE(r.has_value());
  auto lost = store_->get("2401.00006");
  ASSERT_TRUE(lost.has_value());
  EXPECT_FALSE(lost->has_value());
  EXPECT_EQ(must_get("2401.00005").title, "Kept");
  EXPECT_EQ(store_->get_state("cursor").value_or(std::nullopt).value_or(""), "1");
  // The store still works after the rollback.
  EXPECT_EQ(put({paper("2401.00006", 1, "Now")}).inserted, 1);
}

TEST_P(Store, StatsCountPapersVersionsAuthorsSourcesAndCategories) {
  Paper a = paper("2401.00007", 2, "A");
  a.versions = {{1, "2023-05-01T00:00:00Z", ""}};
  a.published = "2023-05-01T00:00:00Z";
  Paper b = paper("2401.00008", 1, "B");
  b.categories = {"hep-th"};
  b.source = core::source::kArxivRss;
  b.published = "2024-06-01T00:00:00Z";
  Paper c = paper("2401.00009", 1, "C");
  put({a, b, c}, {{"k", "v"}});
  auto s = store_->stats();
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->papers, 3);
  EXPECT_EQ(s->versions, 4);
  EXPECT_EQ(s->authors, 6);
  EXPECT_EQ(s->by_source[core::source::kArxivOai], 2);
  EXPECT_EQ(s->by_source[core::source::kArxivRss], 1);
  ASSERT_EQ(s->top_categories.size(), 2u);
  EXPECT_EQ(s->top_categories[0], (std::pair<std::string, std::int64_t>{"cs.CL", 2}));
  EXPECT_EQ(s->oldest_published, "2023-05-01T00:00:00Z");
  EXPECT_EQ(s->newest_published, "2024-06-01T00:00:00Z");
  EXPECT_EQ(s->state["k"], "v");
  EXPECT_GT(s->database_bytes, 0);
}

TEST_P(Store, ReopenKeepsDataAndOptimizeIsSafe) {
  put({paper("2401.00010", 1, "Persistent")});
  ASSERT_TRUE(store_->optimize().has_value());
  store_.reset();
  auto again = GetParam().open(dir_.path());
  ASSERT_TRUE(again.has_value()) << again.error().message;
  store_ = std::move(*again);
  EXPECT_EQ(must_get("2401.00010").title, "Persistent");
  EXPECT_EQ(put({paper("2401.00011", 1, "More")}).inserted, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, Store, ::testing::ValuesIn(kBackends), backend_name);

}  // namespace
}  // namespace ah::store
