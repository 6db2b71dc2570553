#include "sources/biorxiv/details_parser.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/fixtures.h"

namespace ah::sources::biorxiv {
namespace {

using core::Author;
using core::PaperVersion;
using core::Relation;
using core::RelationType;

ParseResult parse_file(const std::filesystem::path& path) {
  auto result = parse_details(testing::read_file(path), path.filename().string());
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? std::move(*result) : ParseResult{};
}

const core::Paper* find(const ParseResult& r, std::string_view doi) {
  auto it = std::find_if(r.papers.begin(), r.papers.end(),
                         [&](const core::Paper& p) { return p.doi == doi; });
  return it == r.papers.end() ? nullptr : &*it;
}

TEST(BiorxivDetailsParser, CollapsesTheVersionsOfADoiIntoOneRecord) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "biorxiv/details_biorxiv_doi_2_versions.json");
  ParseResult r = parse_file(path);
  EXPECT_EQ(r.info.answer, Answer::records);
  EXPECT_EQ(r.info.total_results, std::nullopt) << "a DOI lookup's message has no paging";
  ASSERT_EQ(r.papers.size(), 1u);
  EXPECT_TRUE(r.rejected.empty());
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.source, core::source::kBiorxiv);
  EXPECT_EQ(p.source_id, "10.1101/2021.09.30.462652");
  EXPECT_EQ(p.doi, "10.1101/2021.09.30.462652");
  EXPECT_EQ(p.arxiv_id, "");
  EXPECT_EQ(p.venue, "bioRxiv");
  EXPECT_EQ(p.type, core::WorkType::preprint);
  EXPECT_EQ(p.title,
            "Are Machines-learning Methods More Efficient than Humans in Triaging Literature for "
            "Systematic Reviews?");
  EXPECT_TRUE(p.abstract.starts_with("Systematic literature reviews provide rigorous"));
  EXPECT_EQ(p.versions, (std::vector<PaperVersion>{{1, "2021-09-30", ""}, {2, "2022-09-05", ""}}));
  EXPECT_EQ(p.version, 2);
  EXPECT_EQ(p.published, "2021-09-30");
  EXPECT_EQ(p.version_date, "2022-09-05");
  EXPECT_EQ(p.updated, "2022-09-05");
  EXPECT_EQ(p.license, "cc_by");
  EXPECT_EQ(p.categories, (std::vector<std::string>{"bioinformatics"}));
  EXPECT_EQ(p.abs_url, "https://www.biorxiv.org/content/10.1101/2021.09.30.462652v2");
  EXPECT_EQ(p.pdf_url, "https://www.biorxiv.org/content/10.1101/2021.09.30.462652v2.full.pdf");
  EXPECT_TRUE(p.relations.empty()) << "published: NA";
  EXPECT_EQ(p.authors, (std::vector<Author>{{"S. Abogunrin", ""},
                                            {"Luisa Queiros", "Hoffmann-La Roche Ltd"},
                                            {"M. Bednarski", ""},
                                            {"M. Sumner", ""},
                                            {"D. Baehrens", ""},
                                            {"A. Witzmann", ""}}));
}

TEST(BiorxivDetailsParser, ReadsTheRecordedBiorxivIntervalPage) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "biorxiv/details_biorxiv_interval_2020_2022_cursor0.json");
  ParseResult r = parse_file(path);
  // The recording was cut to 50 of its 100 items (PROVENANCE.md): the message still says 100,
  // the page holds 50.
  EXPECT_EQ(r.info.cursor, 0);
  EXPECT_EQ(r.info.items_per_page, 50);
  EXPECT_EQ(r.info.total_results, 152918) << "a total given as a string";
  EXPECT_EQ(r.papers.size(), 40u) << "50 items of 40 DOIs";
  EXPECT_TRUE(r.rejected.empty());
  std::size_t linked = 0;
  for (const core::Paper& p : r.papers) {
    EXPECT_EQ(p.source, core::source::kBiorxiv);
    EXPECT_EQ(p.source_id, p.doi);
    EXPECT_FALSE(p.title_display.empty()) << p.doi;
    EXPECT_FALSE(p.authors.empty()) << p.doi;
    EXPECT_FALSE(p.versions.empty()) << p.doi;
    EXPECT_EQ(p.categories.size(), 1u) << p.doi;
    linked += p.relations.empty() ? 0 : 1;
  }
  EXPECT_EQ(linked, 23u);

  // An old-style DOI seen only at version 2: no first-posting date is known.
  const core::Paper* old_style = find(r, "10.1101/001768");
  ASSERT_NE(old_style, nullptr);
  EXPECT_EQ(old_style->published, "");
  EXPECT_EQ(old_style->version, 2);
  EXPECT_EQ(old_style->version_date, "2022-06-24");
  EXPECT_EQ(old_style->license, "cc_by_nc_nd");
  EXPECT_EQ(old_style->categories, (std::vector<std::string>{"systems biology"}));
  EXPECT_EQ(old_style->relations, (std::vector<Relation>{{RelationType::is_preprint_of,
                                                          {"doi", "10.1016/j.isci.2022.105906"}}}));
  ASSERT_EQ(old_style->authors.size(), 9u);
  EXPECT_EQ(old_style->authors[4].name, "D. L. I. Janzen");
  EXPECT_EQ(old_style->authors[8].name, "Alejandro Colman-Lerner");
  EXPECT_EQ(old_style->authors[8].affiliation,
            "IFIByNE, DFBMC, FCEN, UBA, Buenos Aires, Argentine");

  const core::Paper* two = find(r, "10.1101/008326");
  ASSERT_NE(two, nullptr);
  EXPECT_EQ(two->versions,
            (std::vector<PaperVersion>{{3, "2021-04-27", ""}, {4, "2021-10-01", ""}}));
  EXPECT_EQ(two->relations.size(), 1u) << "the same journal DOI on both versions, once";

  const core::Paper* unicode = find(r, "10.1101/010553");
  ASSERT_NE(unicode, nullptr);
  EXPECT_EQ(unicode->authors[1].name, "E. Saglıcan");
  EXPECT_EQ(unicode->authors[2].name, "H. M. Do\xCC\x88nertas") << "decomposed, as given";
  EXPECT_EQ(unicode->authors.back().name, "Mehmet Somel");
}

TEST(BiorxivDetailsParser, ReadsTheRecordedMedrxivIntervalPage) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "biorxiv/details_medrxiv_interval_2020_2022_cursor0.json");
  ParseResult r = parse_file(path);
  EXPECT_EQ(r.info.total_results, 47826);
  EXPECT_EQ(r.papers.size(), 49u);
  for (const core::Paper& p : r.papers) {
    EXPECT_EQ(p.source, core::source::kMedrxiv);
    EXPECT_EQ(p.venue, "medRxiv");
    EXPECT_TRUE(p.abs_url.starts_with("https://www.medrxiv.org/content/10.1101/")) << p.abs_url;
  }
  const core::Paper* first = find(r, "10.1101/2019.12.26.19014274");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->published, "2020-01-02");
  EXPECT_EQ(first->authors[0],
            (Author{"Masahiro Banno", "Department of Psychiatry, Seichiryo Hospital"}));
  const core::Paper* seen_at_v2 = find(r, "10.1101/2019.12.09.19014233");
  ASSERT_NE(seen_at_v2, nullptr);
  EXPECT_EQ(seen_at_v2->published, "2019-12-09") << "the posting date the DOI carries";
  const core::Paper* both = find(r, "10.1101/2019.12.26.19015917");
  ASSERT_NE(both, nullptr);
  EXPECT_EQ(both->versions.size(), 2u);
  EXPECT_EQ(both->published, "2020-01-02");
}

TEST(BiorxivDetailsParser, ReadsTheDoiPrefixOfDecember2025) {
  ParseResult r = parse_file(testing::own_fixture("biorxiv/details_new_doi_prefix.json"));
  ASSERT_EQ(r.papers.size(), 1u);
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.doi, "10.64898/2026.01.03.700123");
  EXPECT_EQ(p.source_id, "10.64898/2026.01.03.700123");
  EXPECT_EQ(p.published, "2026-01-05") << "version 1's date, not the DOI's";
  EXPECT_EQ(p.categories, (std::vector<std::string>{"developmental biology"}));
  EXPECT_EQ(p.authors[0],
            (Author{"Elly M. Tanaka", "Research Institute of Molecular Pathology (IMP)"}));
  EXPECT_EQ(p.abs_url, "https://www.biorxiv.org/content/10.64898/2026.01.03.700123v1");
  EXPECT_EQ(r.info.cursor, 0) << "a cursor given as a string";
  EXPECT_EQ(r.info.total_results, 1);
}

TEST(BiorxivDetailsParser, NoPostsFoundIsAnEmptyAnswerNotAnError) {
  ParseResult r = parse_file(testing::own_fixture("biorxiv/details_no_posts_found.json"));
  EXPECT_EQ(r.info.answer, Answer::no_records);
  EXPECT_EQ(r.info.error_code, "no posts found");
  EXPECT_TRUE(r.papers.empty());
  EXPECT_TRUE(r.rejected.empty());
}

TEST(BiorxivDetailsParser, APublishedPreprintLinksToItsArticle) {
  ParseResult r = parse_file(testing::own_fixture("biorxiv/details_published_preprint.json"));
  ASSERT_EQ(r.papers.size(), 2u);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].where, "details_published_preprint.json: item 2");
  EXPECT_EQ(r.rejected[0].message, "no DOI");

  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.source, core::source::kMedrxiv);
  EXPECT_EQ(p.title, "Long COVID symptoms in a population cohort: a prospective study")
      << "the latest version's title";
  EXPECT_EQ(p.abstract, "Version two abstract.");
  EXPECT_EQ(p.published, "2024-03-02");
  EXPECT_EQ(p.version, 2);
  EXPECT_EQ(p.relations, (std::vector<Relation>{{RelationType::is_preprint_of,
                                                 {"doi", "10.1038/s41591-024-02900-1"}}}));
  EXPECT_EQ(p.authors, (std::vector<Author>{{"C. Okafor", ""},
                                            {"Anne N. De Silva", "University of Colombo"},
                                            {"Writing Group for the Cohort", ""},
                                            {"W. Li", ""},
                                            {"J. Kim", ""}}));

  // A corresponding author who is not in the list changes nothing; the server is read in any
  // case; a version-3-only record of a new-style DOI dates from its DOI.
  const core::Paper& q = r.papers[1];
  EXPECT_EQ(q.source, core::source::kMedrxiv);
  EXPECT_EQ(q.authors, (std::vector<Author>{{"J. Smith", ""}}));
  EXPECT_EQ(q.categories, (std::vector<std::string>{"epidemiology"}));
  EXPECT_EQ(q.published, "2024-03-01");
  EXPECT_EQ(q.pdf_url, "https://www.medrxiv.org/content/10.1101/2024.03.01.24303500v3.full.pdf");
}

TEST(BiorxivDetailsParser, ARecordWithoutVersionOneDatesFromARealDayItsDoiCarries) {
  struct Case {
    const char* doi;
    const char* published;
  };
  const Case cases[] = {
      {"10.1101/2024.02.29.000001", "2024-02-29"},
      {"10.1101/2024.02.30.000001", ""},  // no such day
      {"10.1101/2023.02.29.000001", ""},
      {"10.1101/2024.13.01.000001", ""},
      {"10.1101/001768", ""},  // an old-style DOI carries no date
  };
  for (const Case& c : cases) {
    const std::string answer =
        R"({"messages":[{"status":"ok"}],"collection":[{"title":"T","authors":"Li, W.","doi":")" +
        std::string(c.doi) + R"(","date":"2024-03-05","version":"2","server":"bioRxiv"}]})";
    auto r = parse_details(answer, "x.json");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    ASSERT_EQ(r->papers.size(), 1u) << c.doi;
    EXPECT_EQ(r->papers[0].published, c.published) << c.doi;
  }
}

TEST(BiorxivDetailsParser, AnUnknownStatusIsAnErrorAnswer) {
  auto r = parse_details(R"({"messages":[{"status":"Invalid server"}],"collection":[]})", "x");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->info.answer, Answer::error);
  EXPECT_EQ(r->info.error_code, "Invalid server");
}

TEST(BiorxivDetailsParser, RefusesWhatIsNoDetailsAnswer) {
  for (std::string_view text : {"<html><body>502 Bad Gateway</body></html>", "{}", "[]",
                                R"({"messages": [], "collection": {}})"}) {
    auto r = parse_details(text, "x.json");
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::bad_upstream_data);
  }
}

TEST(BiorxivDetailsParser, SplitsTheAuthorString) {
  EXPECT_EQ(split_authors("Durrieu, L.; Janzen,  D. L. I.;; COVID-19 Consortium; Smith,;"),
            (std::vector<Author>{{"L. Durrieu", ""},
                                 {"D. L. I. Janzen", ""},
                                 {"COVID-19 Consortium", ""},
                                 {"Smith", ""}}));
  EXPECT_TRUE(split_authors("").empty());
}

}  // namespace
}  // namespace ah::sources::biorxiv
