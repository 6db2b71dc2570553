#include "sources/openalex/works_parser.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/fixtures.h"

namespace ah::sources::openalex {
namespace {

using core::Identifier;
using core::Relation;
using core::RelationType;
using core::WorkType;

ParseResult parse_file(const std::filesystem::path& path) {
  auto result = parse_works(testing::read_file(path), path.filename().string());
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? std::move(*result) : ParseResult{};
}

const core::Paper* find(const ParseResult& r, std::string_view source_id) {
  auto it = std::find_if(r.papers.begin(), r.papers.end(),
                         [&](const core::Paper& p) { return p.source_id == source_id; });
  return it == r.papers.end() ? nullptr : &*it;
}

TEST(OpenalexWorksParser, ReadsThePnasWorkFieldByField) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "openalex/work_single_by_doi_pnas.json");
  ParseResult r = parse_file(path);
  ASSERT_EQ(r.papers.size(), 1u);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.info.answer, Answer::records);
  EXPECT_EQ(r.info.total_results, std::nullopt);
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.source, core::source::kOpenalex);
  EXPECT_EQ(p.source_id, "W2109415576");
  EXPECT_EQ(p.doi, "10.1073/pnas.1414271111");
  EXPECT_EQ(p.arxiv_id, "");
  EXPECT_EQ(p.other_ids, (std::vector<Identifier>{{"pmid", "25349395"},
                                                  {"pmcid", "PMC4234579"},
                                                  {"openalex", "W2109415576"},
                                                  {"mag", "2109415576"}}));
  EXPECT_EQ(p.title,
            "Developing functional musculoskeletal tissues through hypoxia and lysyl "
            "oxidase-induced collagen cross-linking");
  EXPECT_EQ(p.title_display, p.title);
  EXPECT_TRUE(p.abstract.starts_with(
      "Significance The inadequate mechanical properties of engineered tissues have prevented "
      "related therapies from clinical translation. Collagen cross-links"))
      << p.abstract;
  EXPECT_TRUE(p.abstract.ends_with(
      "The methods developed here work across a spectrum of collagen-rich tissues and are "
      "clinically applicable."))
      << p.abstract;
  EXPECT_EQ(std::count(p.abstract.begin(), p.abstract.end(), ' '), 125) << "126 words";
  EXPECT_EQ(p.published, "2014-10-27");
  EXPECT_EQ(p.updated, "2025-07-31T20:13:18Z");
  EXPECT_EQ(p.language, "en");
  EXPECT_EQ(p.type, WorkType::article);
  EXPECT_FALSE(p.retracted);
  EXPECT_EQ(p.venue, "Proceedings of the National Academy of Sciences");
  EXPECT_EQ(p.issns, (std::vector<std::string>{"0027-8424", "1091-6490"}));
  EXPECT_EQ(p.publisher, "National Academy of Sciences");
  EXPECT_EQ(p.volume, "111");
  EXPECT_EQ(p.issue, "45");
  EXPECT_EQ(p.pages, "");  // biblio has no pages
  EXPECT_EQ(p.abs_url, "https://doi.org/10.1073/pnas.1414271111");
  EXPECT_EQ(p.pdf_url, "");  // best_oa_location has no PDF
  EXPECT_EQ(p.license, "");
  // Its other locations (Europe PMC, eScholarship, PMC, PubMed) name no record of their own.
  EXPECT_TRUE(p.relations.empty());
  EXPECT_TRUE(p.categories.empty());

  ASSERT_EQ(p.authors.size(), 5u);
  EXPECT_EQ(p.authors[0].name, "Eleftherios Makris");
  EXPECT_EQ(p.authors[0].orcid, "0000-0003-4136-4620");
  EXPECT_EQ(p.authors[0].ids, (std::vector<Identifier>{{"openalex", "A5004589339"}}));
  EXPECT_EQ(p.authors[0].affiliation, "Departments of Biomedical Engineering and.")
      << "no institution: the raw affiliation string";
  EXPECT_EQ(p.authors[1].name, "Donald J. Responte");
  EXPECT_EQ(p.authors[1].orcid, "");
  EXPECT_EQ(p.authors[4].name, "Kyriacos A. Athanasiou");
  EXPECT_EQ(p.authors[4].affiliation, "University of California, Davis")
      << "institutions' names win over the raw strings";
  EXPECT_EQ(p.fetched_at, "");
}

TEST(OpenalexWorksParser, ReadsEveryWorkOfTheRecordedSearchPage) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "openalex/works_search_filter_dates_50.json");
  ParseResult r = parse_file(path);
  EXPECT_EQ(r.papers.size(), 50u);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_TRUE(r.capped.empty());
  EXPECT_EQ(r.info.total_results, 65899);
  EXPECT_EQ(r.info.items_per_page, 50);
  EXPECT_EQ(r.info.resumption_token, "") << "paged by number: no cursor";
  for (const core::Paper& p : r.papers) {
    EXPECT_TRUE(p.source_id.starts_with("W")) << p.source_id;
    EXPECT_FALSE(p.title_display.empty()) << p.source_id;
    EXPECT_FALSE(p.doi.empty()) << p.source_id;
    EXPECT_FALSE(p.authors.empty()) << p.source_id;
    EXPECT_NE(p.type, WorkType::unknown) << p.source_id;
  }
  const core::Paper* first = find(r, "W4327510205");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->venue, "Journal of NELTA");
  EXPECT_EQ(first->pages, "202-212");
  EXPECT_EQ(first->issue, "1-2");
  EXPECT_EQ(first->authors[0].orcid, "0000-0002-3723-640X");

  // A journal article whose arXiv preprint is one of its locations: the two records link.
  const core::Paper* article = find(r, "W4315645596");
  ASSERT_NE(article, nullptr);
  EXPECT_EQ(article->doi, "10.18280/isi.270614");
  EXPECT_EQ(article->venue, "Ingénierie des systèmes d information");
  EXPECT_EQ(article->relations,
            (std::vector<Relation>{{RelationType::has_preprint, {"arxiv", "2308.11589"}}}));

  // arXiv's own record in OpenAlex: the arXiv id comes from its DOI; its locations are itself.
  const core::Paper* preprint = find(r, "W4313483589");
  ASSERT_NE(preprint, nullptr);
  EXPECT_EQ(preprint->type, WorkType::preprint);
  EXPECT_EQ(preprint->doi, "10.48550/arxiv.2301.00236");
  EXPECT_EQ(preprint->arxiv_id, "2301.00236");
  EXPECT_EQ(preprint->venue, "arXiv");
  EXPECT_EQ(preprint->abs_url, "http://arxiv.org/abs/2301.00236");
  EXPECT_EQ(preprint->pdf_url, "https://arxiv.org/pdf/2301.00236");
  EXPECT_EQ(preprint->license, "cc-by");
  EXPECT_TRUE(preprint->relations.empty());

  const core::Paper* editorial = find(r, "W4313333446");
  ASSERT_NE(editorial, nullptr);
  EXPECT_EQ(editorial->type, WorkType::editorial);
  EXPECT_EQ(editorial->abstract, "") << "no abstract_inverted_index";
  EXPECT_EQ(find(r, "W4320925772")->type, WorkType::review);
}

TEST(OpenalexWorksParser, AnHtmlErrorPageIsAnErrorNotAnEmptyAnswer) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "openalex/error_404_not_found.html");
  auto r = parse_works(testing::read_file(path), "error_404_not_found.html");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(r.error().message.find("error_404_not_found.html: not JSON"), std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find("404 Not Found"), std::string::npos) << r.error().message;
}

TEST(OpenalexWorksParser, LinksAJournalArticleToItsArxivPreprintAndOtherCopies) {
  ParseResult r = parse_file(testing::own_fixture("openalex/work_arxiv_and_journal.json"));
  ASSERT_EQ(r.papers.size(), 1u);
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.source_id, "W4390000001");
  EXPECT_EQ(p.doi, "10.1038/s41592-024-02201-0");
  EXPECT_EQ(p.other_ids, (std::vector<Identifier>{{"pmid", "38700001"},
                                                  {"pmcid", "PMC11000001"},
                                                  {"openalex", "W4390000001"},
                                                  {"mag", "4390000001"}}))
      << "mag given as a number";
  EXPECT_EQ(p.venue, "Nature Methods");
  EXPECT_EQ(p.issns, (std::vector<std::string>{"1548-7091", "1548-7105"}));
  EXPECT_EQ(p.publisher, "Nature Portfolio");
  EXPECT_EQ(p.volume, "21");
  EXPECT_EQ(p.issue, "5");
  EXPECT_EQ(p.pages, "812-820");
  EXPECT_EQ(p.type, WorkType::article);
  EXPECT_EQ(p.abs_url, "https://doi.org/10.1038/s41592-024-02201-0");
  EXPECT_EQ(p.pdf_url, "https://arxiv.org/pdf/2401.01234") << "best_oa_location's PDF";
  EXPECT_EQ(p.license, "cc-by") << "the primary location has none: best_oa_location's";
  EXPECT_EQ(p.updated, "2025-03-01T10:20:30Z");
  EXPECT_EQ(p.abstract, "Adaptive optics corrects aberrations in deep tissue. We image in vivo.")
      << "position 9 is missing";
  EXPECT_EQ(p.relations,
            (std::vector<Relation>{{RelationType::has_preprint, {"arxiv", "2401.01234"}},
                                   {RelationType::same_as, {"doi", "10.5281/zenodo.100001"}}}));
  ASSERT_EQ(p.authors.size(), 2u);
  EXPECT_EQ(p.authors[0].name, "Ada Lovelace");
  EXPECT_EQ(p.authors[0].orcid, "0000-0002-1825-0097");
  EXPECT_EQ(p.authors[0].affiliation, "University of London; Royal Institution");
  EXPECT_EQ(p.authors[1].name, "Charles Babbage") << "no display name: the raw name";
  EXPECT_EQ(p.authors[1].ids, (std::vector<Identifier>{{"openalex", "A5000000002"}}));
  EXPECT_EQ(p.authors[1].affiliation, "Trinity College, Cambridge; Lucasian Chair");
}

TEST(OpenalexWorksParser, FlagsARetractedWorkAndFallsBackToTheV3Abstract) {
  ParseResult r = parse_file(testing::own_fixture("openalex/work_retracted.json"));
  ASSERT_EQ(r.papers.size(), 1u);
  const core::Paper& p = r.papers[0];
  EXPECT_TRUE(p.retracted);
  EXPECT_EQ(p.abstract, "Cells grow.");
  EXPECT_EQ(p.pages, "301");
  EXPECT_EQ(p.venue, "Cell");
  EXPECT_EQ(p.issns, (std::vector<std::string>{"0092-8674", "1097-4172"}));
  EXPECT_TRUE(p.relations.empty());
  EXPECT_EQ(p.pdf_url, "");
}

TEST(OpenalexWorksParser, APageGivesItsCursorAndRejectsAWorkWithoutTitle) {
  ParseResult r = parse_file(testing::own_fixture("openalex/works_page_with_cursor.json"));
  EXPECT_EQ(r.info.total_results, 3);
  EXPECT_EQ(r.info.items_per_page, 2);
  EXPECT_EQ(r.info.resumption_token,
            "IlsxNzE2MjQ5NjAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzQzOTAwMDAwMTEnXSI=");
  ASSERT_EQ(r.papers.size(), 1u);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].where, "works_page_with_cursor.json: result 2 (id W4390000012)");
  EXPECT_EQ(r.rejected[0].message, "no title");

  // A preprint whose published version is another location: it is that article's preprint.
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.arxiv_id, "2402.00011");
  EXPECT_EQ(p.type, WorkType::preprint);
  EXPECT_EQ(p.publisher, "Cornell University");
  EXPECT_TRUE(p.issns.empty());
  EXPECT_EQ(
      p.relations,
      (std::vector<Relation>{{RelationType::is_preprint_of, {"doi", "10.1162/tacl_a_00999"}}}));
}

TEST(OpenalexWorksParser, AnErrorObjectIsAnErrorAnswerWithoutPapers) {
  ParseResult r = parse_file(testing::own_fixture("openalex/error_400_invalid_filter.json"));
  EXPECT_EQ(r.info.answer, Answer::error);
  EXPECT_EQ(r.info.error_code, "Invalid query parameters error.");
  EXPECT_NE(r.info.error_message.find("is not a valid value"), std::string::npos);
  EXPECT_TRUE(r.papers.empty());
}

TEST(OpenalexWorksParser, RefusesJsonThatIsNoOpenalexAnswer) {
  for (std::string_view text : {"[1, 2]", "{}", "{\"collection\": []}", "", "{\"id\": "}) {
    auto r = parse_works(text, "x.json");
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::bad_upstream_data) << text;
  }
}

TEST(OpenalexWorksParser, MapsEveryWorkType) {
  struct Case {
    std::string_view type, crossref;
    WorkType expected;
  };
  const Case cases[] = {
      {"article", "journal-article", WorkType::article},
      {"article", "proceedings-article", WorkType::proceedings},
      {"preprint", "posted-content", WorkType::preprint},
      {"review", "", WorkType::review},
      {"book-chapter", "", WorkType::chapter},
      {"book", "", WorkType::book},
      {"dataset", "", WorkType::dataset},
      {"editorial", "", WorkType::editorial},
      {"erratum", "", WorkType::erratum},
      {"retraction", "", WorkType::retraction},
      {"letter", "", WorkType::letter},
      {"paratext", "", WorkType::other},
      {"dissertation", "", WorkType::other},
      {"peer-review", "", WorkType::other},
      {"", "", WorkType::unknown},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(work_type(c.type, c.crossref), c.expected) << c.type << " / " << c.crossref;
  }
}

}  // namespace
}  // namespace ah::sources::openalex
