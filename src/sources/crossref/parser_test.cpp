// The Crossref parser on every recording in ../shared/fixtures/crossref and on the hand-written
// answers in tests/fixtures/crossref (see its README).
#include "sources/crossref/parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "tests/support/fixtures.h"

namespace ah::sources::crossref {
namespace {

using ah::testing::own_fixture;
using ah::testing::read_file;
using core::NoticeKind;
using core::Relation;
using core::RelationType;
using core::WorkType;

ParseResult parse_file(const std::filesystem::path& path) {
  auto parsed = parse_crossref(read_file(path), path.filename().string());
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().message);
  return parsed ? std::move(*parsed) : ParseResult{};
}

const core::Paper* by_doi(const ParseResult& r, std::string_view doi) {
  for (const core::Paper& p : r.papers) {
    if (p.doi == doi) return &p;
  }
  return nullptr;
}

TEST(CrossrefParser, ReadsASingleWorkFieldByField) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "crossref/work_single_plos.json");
  ParseResult r = parse_file(file);
  ASSERT_EQ(r.papers.size(), 1u);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.info.answer, Answer::records);
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.source, core::source::kCrossref);
  EXPECT_EQ(p.doi, "10.1371/journal.pone.0033693");
  EXPECT_EQ(p.source_id, p.doi);
  EXPECT_EQ(p.title_display,
            "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in "
            "the Basal Ganglia of Mice");
  ASSERT_GE(p.authors.size(), 3u);
  EXPECT_EQ(p.authors[0].name, "Shankar Sadasivan");
  EXPECT_EQ(p.authors[1].name, "Brooks B. Pond");
  EXPECT_TRUE(p.authors[0].affiliation.empty());
  EXPECT_EQ(p.venue, "PLoS ONE");
  EXPECT_EQ(p.venue_short, "PLoS ONE");
  EXPECT_EQ(p.volume, "7");
  EXPECT_EQ(p.issue, "3");
  EXPECT_EQ(p.pages, "e33693");
  EXPECT_EQ(p.publisher, "Public Library of Science (PLoS)");
  EXPECT_EQ(p.issns, std::vector<std::string>{"1932-6203"});
  EXPECT_EQ(p.type, WorkType::article);
  EXPECT_EQ(p.language, "en");
  EXPECT_EQ(p.published, "2012-03-21");
  EXPECT_EQ(p.updated, "2025-03-23T19:53:43Z");
  EXPECT_EQ(p.license, "http://creativecommons.org/licenses/by/4.0/");
  EXPECT_EQ(p.abs_url, "https://dx.plos.org/10.1371/journal.pone.0033693");
  EXPECT_EQ(p.pdf_url, "") << "its only link is content-type unspecified";
  EXPECT_EQ(p.abstract, "");
  ASSERT_EQ(p.relations.size(), 1u);
  EXPECT_EQ(p.relations[0],
            (Relation{RelationType::updated_by,
                      {"doi", "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda"},
                      NoticeKind::correction,
                      "2012-05-08"}));
  EXPECT_FALSE(p.retracted) << "a correction is not a retraction";
}

TEST(CrossrefParser, ReadsAJournalWorkListWithJatsAbstractsAndPreprintLinks) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "crossref/journal_works_filter_type_fish.json");
  ParseResult r = parse_file(file);
  EXPECT_EQ(r.papers.size(), 20u);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.info.total_results, 230);
  EXPECT_EQ(r.info.items_per_page, 20);
  EXPECT_EQ(r.info.next_cursor, "");
  for (const core::Paper& p : r.papers) {
    EXPECT_EQ(p.venue, "PeerJ") << p.doi;
    EXPECT_EQ(p.type, WorkType::article) << p.doi;
    EXPECT_EQ(p.published.size(), 10u) << p.doi;
    // No tags left ("p < 0.01" is text).
    EXPECT_EQ(p.abstract.find("<jats"), std::string::npos) << p.doi << ": " << p.abstract;
    EXPECT_EQ(p.abstract.find("</"), std::string::npos) << p.doi << ": " << p.abstract;
    EXPECT_EQ(p.title.find("<i>"), std::string::npos) << p.doi << ": " << p.title;
    EXPECT_FALSE(p.authors.empty()) << p.doi;
  }
  const core::Paper* fo = by_doi(r, "10.7717/peerj.3811");
  ASSERT_NE(fo, nullptr);
  EXPECT_TRUE(fo->abstract.starts_with("Life science ontologies play an important role"))
      << fo->abstract;
  EXPECT_EQ(fo->pdf_url, "https://peerj.com/articles/3811.pdf");
  EXPECT_EQ(fo->pages, "e3811");
  EXPECT_EQ(fo->authors[0].affiliation,
            "Institute of Biological Sciences, Faculty of Science, University of Malaya, Kuala "
            "Lumpur, Malaysia");
  // has-preprint links records; has-review is not a relation AcademicHub keeps.
  ASSERT_EQ(fo->relations.size(), 1u);
  EXPECT_EQ(fo->relations[0].type, RelationType::has_preprint);
  EXPECT_EQ(fo->relations[0].target, (core::Identifier{"doi", "10.7287/peerj.preprints.3020"}));

  const core::Paper* threadfin = by_doi(r, "10.7717/peerj.14688");
  ASSERT_NE(threadfin, nullptr);
  EXPECT_EQ(threadfin->title,
            "Feeding habits of four-finger threadfin fish, Eleutheronema tetradactylum, and its "
            "diet interaction with co-existing fish species in the coastal waters of Thailand");
  const core::Paper* tracking = by_doi(r, "10.7717/peerj.13031");
  ASSERT_NE(tracking, nullptr);
  EXPECT_EQ(tracking->authors[0].orcid, "0000-0003-0472-915X");
  EXPECT_EQ(tracking->authors[1].orcid, "");
  const core::Paper* old = by_doi(r, "10.7717/peerj.638");
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(old->license, "") << "no license given";
  EXPECT_EQ(old->pdf_url, "") << "only an unspecified link";
}

TEST(CrossrefParser, ReadsACursorPageOfMixedTypes) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "crossref/works_cursor_first_page.json");
  ParseResult r = parse_file(file);
  EXPECT_EQ(r.papers.size(), 20u);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.info.total_results, 454);
  EXPECT_TRUE(r.info.next_cursor.starts_with("DnF1ZXJ5VGhlbkZldGNoJAAAAAFNehByFlV1U25D"));
  std::map<std::string, WorkType> types;
  for (const core::Paper& p : r.papers) types[p.doi] = p.type;
  EXPECT_EQ(types["10.1007/978-1-4842-6700-4_5"], WorkType::chapter);
  EXPECT_EQ(types["10.1007/springerreference_66110"], WorkType::chapter);
  EXPECT_EQ(types["10.1109/afrcon.2009.5308146"], WorkType::proceedings);
  EXPECT_EQ(types["10.32614/cran.package.diffviewer"], WorkType::dataset);
  EXPECT_EQ(types["10.1117/1.jei.28.6.063006"], WorkType::article);
  EXPECT_EQ(types["10.59350/7mtwq-q3661"], WorkType::other) << "posted-content, subtype other";

  // Dates as precise as given, and none where Crossref has [[null]].
  EXPECT_EQ(by_doi(r, "10.1007/978-1-4842-6700-4_5")->published, "2020-11-13")
      << "online (a day) before print (a year)";
  EXPECT_EQ(by_doi(r, "10.1016/b978-155860700-2.50014-8")->published, "2002");
  EXPECT_EQ(by_doi(r, "10.1109/afrcon.2009.5308146")->published, "2009-09");
  EXPECT_EQ(by_doi(r, "10.1007/978-1-4302-0197-7_9")->published, "");
  EXPECT_EQ(by_doi(r, "10.1117/1.jei.28.6.063006")->published, "2019-12-03");

  const core::Paper* blog = by_doi(r, "10.59350/7mtwq-q3661");
  EXPECT_EQ(blog->venue, "Front Matter") << "the institution of a posted-content";
  EXPECT_EQ(blog->authors[0].orcid, "0000-0001-7542-0286");
  EXPECT_EQ(blog->abstract,
            "In addition to this Swing-based screenshot of JChemPaint , here's a SWT widget in "
            "action (lower right corner):");
  const core::Paper* cran = by_doi(r, "10.32614/cran.package.diffviewer");
  EXPECT_EQ(cran->venue, "CRAN: Contributed Packages");
  ASSERT_EQ(cran->authors.size(), 3u);
  EXPECT_EQ(cran->authors[0].name, "Hadley Wickham");
}

TEST(CrossrefParser, ResourceNotFoundIsAnErrorAnswer) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "crossref/error_404_resource_not_found.txt");
  ParseResult r = parse_file(file);
  EXPECT_TRUE(r.papers.empty());
  EXPECT_EQ(r.info.answer, Answer::error);
  EXPECT_EQ(r.info.error_code, "resource-not-found");
  EXPECT_EQ(r.info.error_message, "Resource not found.");
}

TEST(CrossrefParser, ValidationFailureIsAnErrorAnswerWithEachMessage) {
  ParseResult r = parse_file(own_fixture("crossref/validation_failure.json"));
  EXPECT_TRUE(r.papers.empty());
  EXPECT_EQ(r.info.answer, Answer::error);
  EXPECT_EQ(r.info.error_code, "parameter-not-allowed");
  EXPECT_EQ(r.info.error_message,
            "This route does not support field query parameters; Integer specified as 2000 but "
            "must be a positive integer less than or equal to 1000.");
}

TEST(CrossrefParser, PostedContentPreprintLinksToItsArticle) {
  ParseResult r = parse_file(own_fixture("crossref/posted_content_preprint.json"));
  ASSERT_EQ(r.papers.size(), 1u);
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.type, WorkType::preprint);
  EXPECT_EQ(p.title, "Remapping of place cells: a two-photon study");
  EXPECT_EQ(p.venue, "bioRxiv");
  EXPECT_EQ(p.published, "2025-11-03") << "posted";
  EXPECT_EQ(p.abstract, "Place cells remap when the arena changes. We record CA1 in 12 mice.");
  ASSERT_EQ(p.authors.size(), 2u);
  EXPECT_EQ(p.authors[0].name, "Mary Somerville") << "sequence: first goes first";
  EXPECT_EQ(p.authors[0].orcid, "0000-0002-1825-0097");
  EXPECT_EQ(p.authors[0].affiliation, "Lab A; Institute B");
  EXPECT_EQ(p.authors[1].name, "Ada Byron");
  EXPECT_EQ(p.license, "http://creativecommons.org/licenses/by-nc/4.0/");
  EXPECT_EQ(p.abs_url, "http://biorxiv.org/lookup/doi/10.5555/2025.11.01.123456");
  ASSERT_EQ(p.relations.size(), 1u);
  EXPECT_EQ(p.relations[0], (Relation{RelationType::is_preprint_of,
                                      {"doi", "10.5555/jneurosci.2026.0042"},
                                      NoticeKind::none,
                                      ""}));
  EXPECT_TRUE(core::links_records(p.relations[0].type));
}

TEST(CrossrefParser, ARetractionNoticeIsARetractionThatUpdatesItsTarget) {
  ParseResult r = parse_file(own_fixture("crossref/retraction_notice_update_to.json"));
  ASSERT_EQ(r.papers.size(), 1u);
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.type, WorkType::retraction);
  EXPECT_TRUE(core::is_notice(p.type));
  EXPECT_FALSE(p.retracted) << "the notice itself is not retracted";
  EXPECT_TRUE(p.authors.empty());
  EXPECT_EQ(p.venue_short, "J Ex");
  EXPECT_EQ(p.issns, std::vector<std::string>{"1234-5679"});
  ASSERT_EQ(p.relations.size(), 1u);
  EXPECT_EQ(p.relations[0], (Relation{RelationType::updates,
                                      {"doi", "10.5555/jex.2024.0007"},
                                      NoticeKind::retraction,
                                      "2026-01-19"}));
  EXPECT_FALSE(core::links_records(p.relations[0].type));
}

TEST(CrossrefParser, AWorkRetractedByRetractionWatchIsFlaggedWithOneRelationPerNotice) {
  ParseResult r = parse_file(own_fixture("crossref/work_updated_by_retraction_watch.json"));
  ASSERT_EQ(r.papers.size(), 1u);
  const core::Paper& p = r.papers[0];
  EXPECT_TRUE(p.retracted);
  EXPECT_EQ(p.type, WorkType::article) << "a retracted article stays an article";
  EXPECT_EQ(p.published, "2024-02-14") << "online (a day) before print (a month)";
  EXPECT_EQ(p.pages, "7-19");
  EXPECT_EQ(p.issns, (std::vector<std::string>{"1234-5679", "2345-6787"}));
  EXPECT_EQ(p.license, "http://creativecommons.org/licenses/by/4.0/") << "the vor license";
  EXPECT_EQ(p.pdf_url, "https://example.org/jex/0007.pdf");
  ASSERT_EQ(p.authors.size(), 2u);
  EXPECT_EQ(p.authors[1].name, "The Widget Consortium");
  EXPECT_EQ(p.abstract,
            "Background\n\nWidgets with k parts.\n\nResults\n\nThe gain is $\\sqrt{k}$ and H2O is "
            "wet.");
  EXPECT_EQ(p.relations,
            (std::vector<Relation>{
                {RelationType::updated_by,
                 {"doi", "10.5555/jex.2024.corr1"},
                 NoticeKind::correction,
                 "2024-06-01"},
                {RelationType::updated_by,
                 {"doi", "10.5555/jex.2026.retr1"},
                 NoticeKind::retraction,
                 "2026-01-19"},
                {RelationType::has_preprint, {"arxiv", "2401.01234"}, NoticeKind::none, ""},
            }));
}

TEST(CrossrefParser, RejectsWorksWithoutDoiOrTitleAndKeepsTheRest) {
  const std::string list = R"({"status":"ok","message-type":"work-list","message":{
    "items":[{"DOI":"10.5555/a","title":["A"]},{"title":["No DOI"]},{"DOI":"10.5555/c"},
             {"DOI":"not-a-doi","title":["C"]}],"total-results":4,"items-per-page":4}})";
  auto r = parse_crossref(list, "page.json");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->papers.size(), 1u);
  ASSERT_EQ(r->rejected.size(), 3u);
  EXPECT_EQ(r->rejected[0].where, "page.json: item 2");
  EXPECT_EQ(r->rejected[0].message, "no DOI");
  EXPECT_EQ(r->rejected[1].where, "page.json: item 3 (id 10.5555/c)");
  EXPECT_EQ(r->rejected[1].message, "no title");
  EXPECT_EQ(r->rejected[2].message, "not a DOI: 'not-a-doi'");
}

TEST(CrossrefParser, TellsNoticesByTitleWhenTheDepositNamesNoUpdate) {
  auto r = parse_crossref(
      R"({"status":"ok","message-type":"work","message":{"DOI":"10.5555/x","type":"journal-article","title":["Author Correction: Widgets"]}})",
      "w.json");
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->papers.size(), 1u);
  EXPECT_EQ(r->papers[0].type, WorkType::correction);
}

TEST(CrossrefParser, RefusesWhatIsNotAWorkAnswer) {
  struct Case {
    std::string body, expect;
  };
  for (const Case& c : {
           Case{"<html><body>Bad gateway</body></html>", "not valid JSON"},
           Case{R"({"status":"ok","message-type":"work-list","message":{"items":[)",
                "not valid JSON (byte"},
           Case{R"({"status":"ok","message-type":"journal","message":{"title":"PeerJ"}})",
                "a Crossref 'journal' answer, not works"},
           Case{R"({"unrelated":true})", "not a Crossref answer"},
       }) {
    auto r = parse_crossref(c.body, "x.json");
    ASSERT_FALSE(r.has_value()) << c.body;
    EXPECT_EQ(r.error().code, ErrorCode::bad_upstream_data);
    EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
    EXPECT_TRUE(r.error().message.starts_with("x.json: ")) << r.error().message;
  }
}

}  // namespace
}  // namespace ah::sources::crossref
