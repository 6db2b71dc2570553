#include "sources/pubmed/efetch_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "tests/support/fixtures.h"

namespace ah::sources::pubmed {
namespace {

using ah::testing::own_fixture;
using ah::testing::read_file;
using core::Identifier;
using core::NoticeKind;
using core::Relation;
using core::RelationType;
using core::WorkType;

EfetchResult parse_file(const std::filesystem::path& path) {
  auto r = parse_efetch(read_file(path), path.filename().string());
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
  return r ? std::move(*r) : EfetchResult{};
}

const core::Paper* by_pmid(const ParseResult& r, std::string_view pmid) {
  for (const core::Paper& p : r.papers) {
    if (p.source_id == pmid) return &p;
  }
  return nullptr;
}

bool has_id(const core::Paper& p, const char* scheme, const char* value) {
  return std::find(p.other_ids.begin(), p.other_ids.end(), Identifier{scheme, value}) !=
         p.other_ids.end();
}

TEST(PubmedEfetchParser, ReadsTheTwoArticleRecordingFieldByField) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "pubmed/efetch_pubmed_2_articles.xml");
  EfetchResult r = parse_file(path);
  ASSERT_EQ(r.parsed.papers.size(), 2u);
  EXPECT_TRUE(r.parsed.rejected.empty());
  EXPECT_FALSE(r.parsed.truncated.has_value());
  EXPECT_EQ(r.parsed.info.answer, Answer::records);

  const core::Paper& a = r.parsed.papers[0];
  EXPECT_EQ(a.source, core::source::kPubmed);
  EXPECT_EQ(a.source_id, "12091962");
  EXPECT_EQ(a.other_ids, (std::vector<Identifier>{{"pmid", "12091962"}}));
  EXPECT_EQ(a.doi, "");
  EXPECT_EQ(a.title, "The treatment of AIDS behind the walls of correctional facilities.");
  EXPECT_EQ(a.abstract, "");
  ASSERT_EQ(a.authors.size(), 1u);
  EXPECT_EQ(a.authors[0].name, "J Michael Olivero");
  EXPECT_EQ(a.venue, "Social justice (San Francisco, Calif.)");
  EXPECT_EQ(a.venue_short, "Soc Justice");
  EXPECT_EQ(a.issns, std::vector<std::string>{"1043-1578"});
  EXPECT_EQ(a.volume, "17");
  EXPECT_EQ(a.issue, "1");
  EXPECT_EQ(a.pages, "113-125");
  EXPECT_EQ(a.published, "1990-03-01");  // <Season>Spring</Season>
  EXPECT_EQ(a.updated, "2007-11-15");    // DateRevised
  EXPECT_EQ(a.type, WorkType::review);   // Journal Article + Review
  EXPECT_FALSE(a.retracted);
  EXPECT_EQ(a.language, "en");
  EXPECT_TRUE(a.categories.empty());  // MeSH headings are not categories
  EXPECT_EQ(a.abs_url, "https://pubmed.ncbi.nlm.nih.gov/12091962/");

  const core::Paper& b = r.parsed.papers[1];
  EXPECT_EQ(b.source_id, "9997");
  EXPECT_EQ(b.doi, "10.1016/0005-2795(76)90109-4");
  EXPECT_EQ(b.title_display,
            "Magnetic studies of Chromatium flavocytochrome C552. A mechanism for heme-flavin "
            "interaction.");
  EXPECT_TRUE(b.abstract.starts_with("Electron paramagnetic resonance and magnetic"));
  EXPECT_EQ(b.authors[0].name, "T C Strekas");
  EXPECT_EQ(b.venue, "Biochimica et biophysica acta");
  EXPECT_EQ(b.issns, std::vector<std::string>{"0006-3002"});
  EXPECT_EQ(b.volume, "446");
  EXPECT_EQ(b.pages, "179-191");
  EXPECT_EQ(b.published, "1976-09-28");
  EXPECT_EQ(b.updated, "2019-06-09");
  EXPECT_EQ(b.type, WorkType::article);
}

TEST(PubmedEfetchParser, ReadsEveryRecordOfTheFiftyArticleRecording) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "pubmed/efetch_pubmed_50_articles.xml");
  EfetchResult r = parse_file(path);
  ASSERT_EQ(r.parsed.papers.size(), 50u);
  EXPECT_TRUE(r.parsed.rejected.empty());
  int with_doi = 0, with_pmc = 0, with_orcid = 0, structured = 0;
  for (const core::Paper& p : r.parsed.papers) {
    EXPECT_EQ(p.source, core::source::kPubmed);
    EXPECT_TRUE(has_id(p, "pmid", p.source_id.c_str())) << p.source_id;
    EXPECT_FALSE(p.title.empty()) << p.source_id;
    EXPECT_EQ(p.published.size(), 10u) << p.source_id;
    EXPECT_FALSE(p.venue.empty()) << p.source_id;
    EXPECT_EQ(p.language, "en") << p.source_id;
    // Titles and abstracts hold no tags: markup was converted.
    EXPECT_EQ(p.title.find('<'), std::string::npos) << p.source_id;
    EXPECT_EQ(p.abstract.find("<sup>"), std::string::npos) << p.source_id;
    with_doi += p.doi.empty() ? 0 : 1;
    with_pmc += std::any_of(p.other_ids.begin(), p.other_ids.end(),
                            [](const Identifier& i) { return i.scheme == "pmcid"; });
    with_orcid += std::any_of(p.authors.begin(), p.authors.end(),
                              [](const core::Author& a) { return !a.orcid.empty(); });
    structured += p.abstract.find("\n\nMETHODS: ") != std::string::npos;
  }
  EXPECT_GE(with_doi, 45);
  EXPECT_GE(with_pmc, 10);
  EXPECT_GE(with_orcid, 5);
  EXPECT_GE(structured, 10);

  // Inline <sup> in the title.
  const core::Paper* m6a = by_pmid(r.parsed, "38303423");
  ASSERT_NE(m6a, nullptr);
  EXPECT_TRUE(m6a->title.starts_with("MTTLm6A: A multi-task transfer learning approach"))
      << m6a->title;
  EXPECT_EQ(m6a->doi, "10.3934/mbe.2024013");  // ELocationID; no reference DOI leaks in
  EXPECT_EQ(m6a->issns, (std::vector<std::string>{"1551-0018", "1547-1063"}));  // + ISSNLinking

  // A structured abstract with labels, and the medRxiv preprint it updates.
  const core::Paper* ptsd = by_pmid(r.parsed, "36509356");
  ASSERT_NE(ptsd, nullptr);
  EXPECT_TRUE(ptsd->abstract.starts_with("BACKGROUND: Maternal mental disorders"))
      << ptsd->abstract;
  EXPECT_NE(ptsd->abstract.find("\n\nOBJECTIVE: This study aimed"), std::string::npos);
  EXPECT_NE(ptsd->abstract.find("\n\nSTUDY DESIGN: Overall"), std::string::npos);
  EXPECT_NE(ptsd->abstract.find("p=8.90e-04"), std::string::npos);
  EXPECT_EQ(ptsd->relations,
            (std::vector<Relation>{
                {RelationType::has_preprint, {"pmid", "36093354"}, NoticeKind::none, ""},
                {RelationType::has_preprint,
                 {"doi", "10.1101/2022.08.30.22279394"},
                 NoticeKind::none,
                 ""}}));
  EXPECT_EQ(ptsd->pages, "100834");

  // News, with a PMC id and an author with an umlaut from a character reference.
  const core::Paper* news = by_pmid(r.parsed, "36506906");
  ASSERT_NE(news, nullptr);
  EXPECT_EQ(news->type, WorkType::editorial);
  EXPECT_TRUE(has_id(*news, "pmcid", "PMC9721134"));
  EXPECT_EQ(news->authors[0].name, "Rouven M\xC3\xB6ller");
  EXPECT_EQ(news->published, "2022-12-05");  // ArticleDate (Electronic) before PubDate 2023 Feb
  EXPECT_EQ(news->issns, std::vector<std::string>{"1062-9769"});

  // A comment: no relation for CommentOn (comments are not notices of correction).
  const core::Paper* comment = by_pmid(r.parsed, "36550327");
  ASSERT_NE(comment, nullptr);
  EXPECT_EQ(comment->type, WorkType::comment);
  EXPECT_TRUE(comment->relations.empty());
  EXPECT_EQ(comment->issns, (std::vector<std::string>{"1534-4681", "1068-9265"}));

  // A proceedings year before a later e-publication: the issue's year is the first public date.
  const core::Paper* late = by_pmid(r.parsed, "38654755");
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(late->published, "2022-01-01");
}

TEST(PubmedEfetchParser, ReadsARetractedArticleWithItsNoticesAndMarkup) {
  EfetchResult r = parse_file(own_fixture("pubmed/retracted_article.xml"));
  ASSERT_EQ(r.parsed.papers.size(), 1u);
  const core::Paper& p = r.parsed.papers[0];
  EXPECT_EQ(p.source_id, "39000001");
  EXPECT_EQ(p.doi, "10.5555/nmeth.2024.0001");  // ArticleIdList, lower-cased; not the reference's
  EXPECT_EQ(p.other_ids, (std::vector<Identifier>{{"pmid", "39000001"}, {"pmcid", "PMC9900001"}}));
  EXPECT_EQ(p.title, "Mapping m6A sites with in situ sequencing in CO2-limited cells.");
  EXPECT_EQ(p.abstract,
            "BACKGROUND: N6-methyladenosine (m6A) marks Escherichia coli transcripts at rates near "
            "10^-3 per site.\n\n"
            "METHODS: We fit a model with error $\xCF\x83^{2}=\\frac{1}{n}$ and a cost of \\$5 per "
            "\\{sample\\}.\n\n"
            "Sites were reproducible across runs.");
  EXPECT_EQ(p.abstract_display,
            "BACKGROUND: N6-methyladenosine (m6A) marks Escherichia coli transcripts at rates near "
            "10^-3 per site.\n"
            "METHODS: We fit a model with error $\xCF\x83^{2}=\\frac{1}{n}$ and a cost of $5 per "
            "{sample}.\n"
            "Sites were reproducible across runs.");
  ASSERT_EQ(p.authors.size(), 3u);  // the ValidYN="N" entry is dropped
  EXPECT_EQ(p.authors[0].name, "Ada Lovelace");
  EXPECT_EQ(p.authors[0].orcid, "0000-0002-1825-0097");
  EXPECT_EQ(p.authors[0].affiliation,
            "Analytical Engine Lab, London, UK.; Royal Society, London, UK.");
  EXPECT_EQ(p.authors[1].name, "C Babbage Jr");
  EXPECT_EQ(p.authors[2].name, "The m6A Consortium");
  EXPECT_EQ(p.venue, "Nature methods");
  EXPECT_EQ(p.venue_short, "Nat Methods");
  EXPECT_EQ(p.issns, (std::vector<std::string>{"1548-7105", "1548-7091"}));
  EXPECT_EQ(p.pages, "112-125");
  EXPECT_EQ(p.published, "1998-12-01");  // MedlineDate "1998 Dec-1999 Jan"
  EXPECT_EQ(p.updated, "2025-03-04");
  EXPECT_EQ(p.type, WorkType::article);
  EXPECT_TRUE(p.retracted);
  EXPECT_EQ(
      p.relations,
      (std::vector<Relation>{
          {RelationType::updated_by, {"pmid", "39000002"}, NoticeKind::retraction, ""},
          {RelationType::updated_by,
           {"doi", "10.5555/nmeth.2025.0099"},
           NoticeKind::retraction,
           ""},
          {RelationType::updated_by, {"pmid", "39000003"}, NoticeKind::erratum, ""},
          {RelationType::has_preprint, {"pmid", "39000005"}, NoticeKind::none, ""},
          {RelationType::has_preprint, {"doi", "10.1101/1998.06.01.000001"}, NoticeKind::none, ""},
      }));
}

TEST(PubmedEfetchParser, ReadsNoticesBooksAndDeletionsAndRejectsARecordWithoutTitle) {
  EfetchResult r = parse_file(own_fixture("pubmed/retraction_notice.xml"));
  ASSERT_EQ(r.parsed.papers.size(), 3u);
  ASSERT_EQ(r.parsed.rejected.size(), 1u);
  EXPECT_EQ(r.parsed.rejected[0].where, "retraction_notice.xml: record 4 (id 39000007)");
  EXPECT_EQ(r.parsed.rejected[0].message, "no title");
  EXPECT_EQ(r.deleted, (std::vector<std::string>{"38000001", "38000002"}));

  const core::Paper& notice = r.parsed.papers[0];
  EXPECT_EQ(notice.type, WorkType::retraction);
  EXPECT_FALSE(notice.retracted);
  EXPECT_EQ(notice.doi, "10.5555/nmeth.2025.0099");
  EXPECT_EQ(notice.published, "2025-01-15");
  EXPECT_EQ(notice.pages, "300");
  EXPECT_EQ(notice.relations,
            (std::vector<Relation>{
                {RelationType::updates, {"pmid", "39000001"}, NoticeKind::retraction, ""},
                {RelationType::updates,
                 {"doi", "10.5555/nmeth.2024.0001"},
                 NoticeKind::retraction,
                 ""}}));

  const core::Paper& erratum = r.parsed.papers[1];
  EXPECT_EQ(erratum.type, WorkType::erratum);
  EXPECT_EQ(erratum.published, "1999-03-01");  // <Season>Spring</Season>
  EXPECT_EQ(erratum.language, "fr");
  EXPECT_TRUE(erratum.authors.empty());
  EXPECT_EQ(erratum.relations,
            (std::vector<Relation>{
                {RelationType::updates, {"pmid", "39000001"}, NoticeKind::erratum, ""}}));

  const core::Paper& chapter = r.parsed.papers[2];
  EXPECT_EQ(chapter.source_id, "39000006");
  EXPECT_EQ(chapter.type, WorkType::chapter);
  EXPECT_EQ(chapter.title, "Example Disease Overview");
  EXPECT_EQ(chapter.venue, "ExampleReviews\xC2\xAE");
  EXPECT_EQ(chapter.publisher, "University of Examples");
  EXPECT_EQ(chapter.published, "2001-03-05");
  ASSERT_EQ(chapter.authors.size(), 1u);  // editors are not authors
  EXPECT_EQ(chapter.authors[0].name, "Wanda Writer");
  EXPECT_EQ(chapter.abstract, "CLINICAL CHARACTERISTICS: Example disease is rare.");
}

TEST(PubmedEfetchParser, ErrorAnswersSayWhetherTheHistoryWasLost) {
  struct Case {
    std::string body;
    const char* code;
    const char* message;
  };
  for (const Case& c : {
           Case{read_file(own_fixture("pubmed/efetch_history_error.xml")), "history",
                "Cannot retrieve history data. query_key: 1, WebEnv: MCID_expired, retstart: "
                "200, retmax: 200"},
           Case{"<eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>", "history",
                "Unable to obtain query #1"},
           Case{"<?xml version=\"1.0\"?>\n<ERROR>ID list is empty</ERROR>", "error",
                "ID list is empty"},
           Case{"{\"error\":\"API rate limit "
                "exceeded\",\"api-key\":\"SECRET-KEY\",\"count\":\"11\"}",
                "error", "API rate limit exceeded"},
       }) {
    auto r = parse_efetch(c.body, "efetch");
    ASSERT_TRUE(r.has_value()) << c.body << ": " << r.error().message;
    EXPECT_EQ(r->parsed.info.answer, Answer::error) << c.body;
    EXPECT_EQ(r->parsed.info.error_code, c.code) << c.body;
    EXPECT_EQ(r->parsed.info.error_message, c.message) << c.body;
    EXPECT_TRUE(r->parsed.papers.empty());
  }
}

TEST(PubmedEfetchParser, AnEmptySetIsAnEmptyListAndAnHtmlPageAnError) {
  auto empty = parse_efetch("<PubmedArticleSet></PubmedArticleSet>", "page");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->parsed.info.answer, Answer::records);
  EXPECT_TRUE(empty->parsed.papers.empty());

  auto html = parse_efetch("<html><body><h1>Service unavailable</h1></body></html>", "page 2");
  ASSERT_FALSE(html.has_value());
  EXPECT_EQ(html.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(html.error().message.find("page 2"), std::string::npos) << html.error().message;
}

TEST(PubmedEfetchParser, ADocumentCutShortKeepsTheRecordsBeforeTheCut) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "pubmed/efetch_pubmed_2_articles.xml");
  const std::string whole = read_file(path);
  const std::string cut =
      whole.substr(0, ah::testing::after_nth(whole, "</PubmedArticle>", 1) + 40);
  auto r = parse_efetch(cut, "cut.xml");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->parsed.papers.size(), 1u);
  ASSERT_TRUE(r->parsed.truncated.has_value());
  EXPECT_NE(r->parsed.truncated->message.find("kept the 1 complete record"), std::string::npos)
      << r->parsed.truncated->message;
}

TEST(PubmedEfetchParser, ParsesEverySharedEfetchRecording) {
  auto dir = ah::testing::shared_fixtures_dir();
  if (!dir) GTEST_SKIP() << "../shared/fixtures is absent";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(*dir / "pubmed")) {
    if (!entry.path().filename().string().starts_with("efetch")) continue;
    ++files;
    auto r = parse_pubmed(read_file(entry.path()), entry.path().string());
    ASSERT_TRUE(r.has_value()) << entry.path() << ": " << r.error().message;
    EXPECT_FALSE(r->papers.empty()) << entry.path();
    EXPECT_TRUE(r->rejected.empty()) << entry.path();
    EXPECT_FALSE(r->truncated.has_value()) << entry.path();
  }
  EXPECT_GE(files, 2);
}

}  // namespace
}  // namespace ah::sources::pubmed
