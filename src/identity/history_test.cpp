// History and standing from records and notices, on records modelled on the recordings in
// ../shared/fixtures.
#include "identity/history.h"

#include <gtest/gtest.h>

namespace ah::identity {
namespace {

using core::HistoryEvent;
using core::Paper;

Record arxiv(std::int64_t id) {
  Record r{id, {}};
  r.content.source = core::source::kArxivOai;
  r.content.arxiv_id = "2511.01234";
  r.content.versions = {{1, "2025-11-03T18:00:00Z", ""},
                        {2, "2025-12-20T09:00:00Z", ""},
                        {3, "2026-02-11T12:00:00Z", ""}};
  r.content.published = "2025-11-03T18:00:00Z";
  return r;
}

Record journal(std::int64_t id, const char* source, const char* venue, const char* date) {
  Record r{id, {}};
  r.content.source = source;
  r.content.doi = "10.1038/s41592-026-01234-5";
  r.content.venue = venue;
  r.content.published = date;
  r.content.type = core::WorkType::article;
  return r;
}

std::string text(const std::vector<HistoryEvent>& events) {
  std::string out;
  for (const HistoryEvent& e : events) {
    if (!out.empty()) out += " -> ";
    out += e.kind + " " + e.label + " " + e.date.substr(0, 10) + " (" + e.source + ")";
  }
  return out;
}

TEST(History, ArxivVersionsThenTheJournal) {
  const std::vector<Record> records = {
      arxiv(1), journal(2, core::source::kCrossref, "Nature Methods", "2026-05-04"),
      journal(3, core::source::kPubmed, "Nature methods", "2026-05-01")};
  EXPECT_EQ(text(history_of(records)),
            "posted arXiv 2025-11-03 (arxiv-oai) -> version v2 2025-12-20 (arxiv-oai) -> "
            "version v3 2026-02-11 (arxiv-oai) -> published Nature Methods 2026-05-01 (crossref)");
}

TEST(History, EveryKindOfRecordAndNotice) {
  struct Case {
    const char* name;
    std::vector<Record> records;
    std::vector<Notice> notices;
    const char* history;
  };
  Record biorxiv{1, {}};
  biorxiv.content.source = core::source::kBiorxiv;
  biorxiv.content.doi = "10.1101/2021.09.30.462652";
  biorxiv.content.published = "2021-09-30";
  biorxiv.content.versions = {{1, "2021-09-30", ""}, {2, "2022-09-05", ""}};
  Record unversioned{2, {}};
  unversioned.content.source = core::source::kMedrxiv;
  unversioned.content.published = "2020-05-02";
  Record corrected = journal(3, core::source::kCrossref, "PLoS ONE", "2012-03-21");
  corrected.content.relations = {
      {core::RelationType::updated_by,
       {"doi", "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda"},
       core::NoticeKind::correction,
       "2012-05-08"}};
  Record flagged = journal(4, core::source::kOpenalex, "Cell", "2019-01-10");
  flagged.content.retracted = true;
  const Case cases[] = {
      {"bioRxiv versions",
       {biorxiv},
       {},
       "posted bioRxiv 2021-09-30 (biorxiv) -> version v2 2022-09-05 (biorxiv)"},
      {"a preprint without versions is posted at its date",
       {unversioned},
       {},
       "posted medRxiv 2020-05-02 (medrxiv)"},
      {"a correction named by the article's own record",
       {corrected},
       {},
       "published PLoS ONE 2012-03-21 (crossref) -> corrected "
       "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda 2012-05-08 (crossref)"},
      {"a retraction notice record",
       {journal(5, core::source::kCrossref, "Science", "2020-01-02")},
       {{core::NoticeKind::retraction, "10.1126/science.abc9999", "2021-06-01", "crossref"}},
       "published Science 2020-01-02 (crossref) -> retracted 10.1126/science.abc9999 2021-06-01 "
       "(crossref)"},
      {"a flag without a notice",
       {flagged},
       {},
       "published Cell 2019-01-10 (openalex) -> retracted   (openalex)"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(text(history_of(c.records, c.notices)), c.history) << c.name;
}

TEST(Status, FlagsNoticesAndTheUpdateMark) {
  struct Case {
    const char* name;
    std::vector<Record> records;
    std::vector<Notice> notices;
    core::PaperStatus status;
  };
  Record single_version = arxiv(1);
  single_version.content.versions.resize(1);
  const Case cases[] = {
      {"one version: nothing to mark", {single_version}, {}, {}},
      {"a revision marks the paper",
       {arxiv(1)},
       {},
       {.update_kind = "version", .update_date = "2026-02-11T12:00:00Z"}},
      {"publication marks it",
       {arxiv(1), journal(2, core::source::kCrossref, "Nature Methods", "2026-05-04")},
       {},
       {.update_kind = "published", .update_date = "2026-05-04"}},
      {"a retraction marks it and names the notice",
       {journal(2, core::source::kCrossref, "Nature Methods", "2026-05-04")},
       {{core::NoticeKind::retraction, "10.1038/retraction", "2026-09-01", "crossref"},
        {core::NoticeKind::expression_of_concern, "10.1038/eoc", "2026-07-01", "pubmed"}},
       {.retracted = true,
        .concern = true,
        .notice_dois = {"10.1038/eoc", "10.1038/retraction"},
        .update_kind = "retracted",
        .update_date = "2026-09-01"}},
      {"an erratum corrects",
       {journal(2, core::source::kCrossref, "Nature Methods", "2026-05-04")},
       {{core::NoticeKind::erratum, "10.1038/erratum", "", "pubmed"}},
       {.corrected = true, .notice_dois = {"10.1038/erratum"}}},
  };
  for (const Case& c : cases) {
    const auto history = history_of(c.records, c.notices);
    bool flagged = false;
    for (const Record& r : c.records) flagged = flagged || r.content.retracted;
    EXPECT_EQ(status_of(history, flagged), c.status) << c.name << ": " << text(history);
  }
}

TEST(Status, MergeRecordsFillsHistoryAndStatus) {
  const std::vector<Record> records = {
      arxiv(1), journal(2, core::source::kCrossref, "Nature Methods", "2026-05-04")};
  const Merged m = merge_records(records);
  EXPECT_EQ(m.paper.history.size(), 4u);
  EXPECT_EQ(m.paper.status.update_kind, "published");
  EXPECT_EQ(m.paper.published, "2025-11-03T18:00:00Z") << "its place in the feed stays";
}

}  // namespace
}  // namespace ah::identity
