// The field precedence table, field by field, on records modelled on the recordings in
// ../shared/fixtures (an arXiv preprint, its PubMed, Crossref and OpenAlex records).
#include "identity/merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

namespace ah::identity {
namespace {

using core::Paper;

Record arxiv_record() {
  Paper p;
  p.source = core::source::kArxivOai;
  p.arxiv_id = "2203.05061";
  p.version = 2;
  p.versions = {{1, "2022-03-10T02:47:29Z", "120kb"}, {2, "2022-06-01T10:00:00Z", "124kb"}};
  p.version_date = "2022-06-01T10:00:00Z";
  p.published = "2022-03-10T02:47:29Z";
  p.title = p.title_display =
      "HealthPrompt: A Zero-shot Learning Paradigm for Clinical Natural Language Processing";
  p.abstract = p.abstract_display = "Deep learning algorithms are dependent on the availability.";
  p.authors = {{"Sonish Sivarajkumar", "University of Pittsburgh"}, {"Yanshan Wang", ""}};
  p.categories = {"cs.CL", "cs.AI"};
  p.comment = "Accepted by AMIA 2022";
  p.journal_ref = "AMIA Annu Symp Proc. 2022";
  p.license = "http://creativecommons.org/licenses/by/4.0/";
  p.abs_url = "https://arxiv.org/abs/2203.05061";
  p.pdf_url = "https://arxiv.org/pdf/2203.05061";
  p.type = core::WorkType::preprint;
  return Record{11, p};
}

Record pubmed_record() {
  Paper p;
  p.source = core::source::kPubmed;
  p.source_id = "37128372";
  p.other_ids = {{"pmid", "37128372"}, {"pmcid", "PMC10148313"}};
  p.title = p.title_display =
      "HealthPrompt: A Zero-shot Learning Paradigm for Clinical Natural Language Processing.";
  p.abstract = p.abstract_display = "OBJECTIVE: Clinical NLP without labels. METHODS: Prompts.";
  p.authors = {{"Sonish Sivarajkumar", "", "0000-0001-2345-6789"},
               {"Yanshan Wang", "Department of Health Information Management"}};
  p.venue = "AMIA Annual Symposium proceedings";
  p.venue_short = "AMIA Annu Symp Proc";
  p.volume = "2022";
  p.pages = "972-981";
  p.issns = {"1942-597X"};
  p.published = "2023-04-29";
  p.type = core::WorkType::article;
  p.language = "en";
  return Record{12, p};
}

Record crossref_record() {
  Paper p;
  p.source = core::source::kCrossref;
  p.source_id = "10.5555/amia.2022.972";
  p.doi = "10.5555/amia.2022.972";
  p.title = p.title_display =
      "HealthPrompt: A Zero-shot Learning Paradigm for Clinical Natural Language Processing";
  p.authors = {{"Sonish Sivarajkumar", ""}, {"Yanshan Wang", ""}, {"Third Author", ""}};
  p.authors[1].ids = {{"openalex", "A5023888391"}};
  p.venue = "AMIA Annual Symposium Proceedings";
  p.volume = "2022";
  p.issue = "1";
  p.publisher = "American Medical Informatics Association";
  p.published = "2023-04-29";
  p.updated = "2023-05-02T10:00:00Z";
  p.type = core::WorkType::proceedings;
  p.relations = {{core::RelationType::has_preprint, {"arxiv", "2203.05061"}}};
  return Record{13, p};
}

Merged merge_of(std::vector<Record> records) { return merge_records(records); }

std::int64_t source_of(const Merged& m, std::string_view field) {
  for (const auto& [name, id] : m.paper.field_sources) {
    if (name == field) return id;
  }
  return -1;
}

TEST(MergeRecords, EachFieldComesFromTheFamilyTheTableNames) {
  const Merged m = merge_of({arxiv_record(), pubmed_record(), crossref_record()});
  const Paper& p = m.paper;
  struct Row {
    const char* field;
    std::int64_t record;  // which record the field came from
    std::function<void()> check;
  };
  const Row rows[] = {
      {"title", 13, [&] { EXPECT_EQ(p.title.back(), 'g') << "Crossref's, not PubMed's"; }},
      {"abstract", 12, [&] { EXPECT_TRUE(p.abstract.starts_with("OBJECTIVE")); }},
      {"venue", 13, [&] { EXPECT_EQ(p.venue, "AMIA Annual Symposium Proceedings"); }},
      {"venue_short", 12, [&] { EXPECT_EQ(p.venue_short, "AMIA Annu Symp Proc"); }},
      {"volume", 13, [&] { EXPECT_EQ(p.volume, "2022"); }},
      {"issue", 13, [&] { EXPECT_EQ(p.issue, "1"); }},
      {"pages", 12, [&] { EXPECT_EQ(p.pages, "972-981") << "Crossref gave none"; }},
      {"publisher", 13,
       [&] { EXPECT_EQ(p.publisher, "American Medical Informatics Association"); }},
      {"issns", 12, [&] { EXPECT_EQ(p.issns, std::vector<std::string>{"1942-597X"}); }},
      {"language", 12, [&] { EXPECT_EQ(p.language, "en"); }},
      {"type", 13, [&] { EXPECT_EQ(p.type, core::WorkType::proceedings); }},
      {"doi", 13, [&] { EXPECT_EQ(p.doi, "10.5555/amia.2022.972"); }},
      {"arxiv_id", 11, [&] { EXPECT_EQ(p.arxiv_id, "2203.05061"); }},
      {"categories", 11, [&] { EXPECT_EQ(p.categories.front(), "cs.CL"); }},
      {"versions", 11, [&] { EXPECT_EQ(p.version, 2); }},
      {"comment", 11, [&] { EXPECT_EQ(p.comment, "Accepted by AMIA 2022"); }},
      {"journal_ref", 11, [&] { EXPECT_EQ(p.journal_ref, "AMIA Annu Symp Proc. 2022"); }},
      {"license", 11, [&] { EXPECT_TRUE(p.license.find("by/4.0") != std::string::npos); }},
      {"abs_url", 11, [&] { EXPECT_EQ(p.abs_url, "https://arxiv.org/abs/2203.05061"); }},
      {"authors", 13, [&] { EXPECT_EQ(p.authors.size(), 3u) << "the richest list"; }},
      {"published", 11, [&] { EXPECT_EQ(p.published, "2022-03-10T02:47:29Z") << "the earliest"; }},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(source_of(m, r.field), r.record) << r.field;
    r.check();
  }
  EXPECT_EQ(p.updated, "2023-05-02T10:00:00Z") << "the latest";
  EXPECT_EQ(p.source, core::source::kCrossref) << "the primary record's";
  EXPECT_EQ(m.primary, 2u);
  EXPECT_EQ(p.other_ids,
            (std::vector<core::Identifier>{{"pmcid", "PMC10148313"}, {"pmid", "37128372"}}));
  ASSERT_EQ(p.relations.size(), 1u);
}

TEST(MergeRecords, AuthorsGainOrcidsIdsAndAffiliationsFromTheOtherRecords) {
  const Paper p = merge_of({arxiv_record(), pubmed_record(), crossref_record()}).paper;
  ASSERT_EQ(p.authors.size(), 3u);
  EXPECT_EQ(p.authors[0].orcid, "0000-0001-2345-6789") << "from PubMed";
  EXPECT_EQ(p.authors[0].affiliation, "University of Pittsburgh") << "from arXiv, the first";
  EXPECT_EQ(p.authors[1].ids, (std::vector<core::Identifier>{{"openalex", "A5023888391"}}));
  EXPECT_EQ(p.authors[2].name, "Third Author");
}

TEST(MergeRecords, ThePreprintsAbstractWhenTheJournalGivesNone) {
  Record pubmed = pubmed_record();
  pubmed.content.abstract = pubmed.content.abstract_display = "";
  const Paper p = merge_of({crossref_record(), arxiv_record(), pubmed}).paper;
  EXPECT_EQ(p.abstract, "Deep learning algorithms are dependent on the availability.");
}

TEST(MergeRecords, AJournalDoiBeatsAnArxivDoi) {
  Record s2;
  s2.id = 20;
  s2.content.source = core::source::kSemanticScholar;
  s2.content.doi = "10.48550/arxiv.2203.05061";
  s2.content.title = "HealthPrompt";
  EXPECT_EQ(merge_of({s2, arxiv_record()}).paper.doi, "10.48550/arxiv.2203.05061");
  EXPECT_EQ(merge_of({s2, arxiv_record(), crossref_record()}).paper.doi, "10.5555/amia.2022.972");
}

TEST(MergeRecords, TheOrderOfTheRecordsDoesNotMatter) {
  std::vector<Record> records = {arxiv_record(), pubmed_record(), crossref_record()};
  const Paper first = merge_records(records).paper;
  const auto by_id = [](const Record& a, const Record& b) { return a.id < b.id; };
  std::sort(records.begin(), records.end(), by_id);
  do {
    EXPECT_EQ(merge_records(records).paper, first);
  } while (std::next_permutation(records.begin(), records.end(), by_id));
}

TEST(MergeRecords, TheMergeOfOneRecordIsThatRecord) {
  for (Record r : {arxiv_record(), pubmed_record(), crossref_record()}) {
    r.content.source_id.clear();
    std::sort(r.content.other_ids.begin(), r.content.other_ids.end());
    Paper merged = merge_records(std::span(&r, 1)).paper;
    merged.field_sources.clear();
    merged.history.clear();
    merged.status = {};
    EXPECT_EQ(merged, r.content) << r.content.source;
  }
}

TEST(MergeRecords, APreprintDoiStaysAnIdentifierBesideTheJournalDoi) {
  Record biorxiv;
  biorxiv.id = 5;
  biorxiv.content.source = core::source::kBiorxiv;
  biorxiv.content.doi = "10.1101/008326";
  biorxiv.content.title = "PMCE: efficient inference of expressive models of cancer evolution";
  biorxiv.content.published = "2014-08-26";
  biorxiv.content.relations = {
      {core::RelationType::is_preprint_of, {"doi", "10.1093/bioinformatics/btab717"}}};
  Record journal;
  journal.id = 6;
  journal.content.source = core::source::kCrossref;
  journal.content.doi = "10.1093/bioinformatics/btab717";
  journal.content.title = "PMCE: efficient inference of expressive models of cancer evolution";
  journal.content.published = "2021-10-20";
  journal.content.venue = "Bioinformatics";
  const Paper p = merge_of({biorxiv, journal}).paper;
  EXPECT_EQ(p.doi, "10.1093/bioinformatics/btab717");
  EXPECT_EQ(p.other_ids, (std::vector<core::Identifier>{{"doi", "10.1101/008326"}}));
  EXPECT_EQ(p.published, "2014-08-26");
}

TEST(EarlierDate, AFullDayBeatsAMonthAndTheEarlierDayWins) {
  const std::string day = "2022-03-10", time = "2022-03-10T02:47:29Z", year = "2021",
                    later = "2022-04-01", none;
  EXPECT_EQ(earlier_date(day, later), day);
  EXPECT_EQ(earlier_date(later, day), day);
  EXPECT_EQ(earlier_date(year, later), later) << "a year alone does not say it came first";
  EXPECT_EQ(earlier_date(day, time), time) << "the same day: the precise form";
  EXPECT_EQ(earlier_date(time, day), time);
  EXPECT_EQ(earlier_date(none, year), year);
  for (const std::string no_day : {"2022-02-30", "2021-02-29", "2022-00-15"}) {
    EXPECT_EQ(earlier_date(no_day, later), later) << no_day << " is no day";
    EXPECT_EQ(earlier_date(later, no_day), later) << no_day << " is no day";
  }
}

}  // namespace
}  // namespace ah::identity
