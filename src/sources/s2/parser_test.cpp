#include "sources/s2/parser.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/fixtures.h"

namespace ah::sources::s2 {
namespace {

using ah::testing::own_fixture;
using ah::testing::read_file;
using core::Identifier;
using core::WorkType;

Document parse_file(const std::filesystem::path& path) {
  auto r = parse_document(read_file(path), path.filename().string());
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
  return r ? std::move(*r) : Document{};
}

TEST(S2Parser, ReadsABatchAnswerWithNullsForUnknownIds) {
  Document d = parse_file(own_fixture("s2/batch_with_null.json"));
  EXPECT_EQ(d.kind, Kind::papers);
  EXPECT_EQ(d.missing, (std::vector<std::size_t>{1, 3}));
  ASSERT_EQ(d.papers.papers.size(), 2u);
  EXPECT_TRUE(d.papers.rejected.empty());

  const core::Paper& p = d.papers.papers[0];
  EXPECT_EQ(p.source, core::source::kSemanticScholar);
  EXPECT_EQ(p.source_id, "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
  EXPECT_EQ(p.other_ids,
            (std::vector<Identifier>{{"s2", "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"},
                                     {"s2corpus", "260000001"},
                                     {"pmid", "39000001"},
                                     {"pmcid", "PMC9900001"},
                                     {"mag", "3000000001"}}));
  EXPECT_EQ(p.doi, "10.5555/example.2024.1");
  EXPECT_EQ(p.arxiv_id, "2401.01234");
  EXPECT_EQ(p.title, "Poetical Science of Retrieval");
  EXPECT_EQ(p.abstract, "We study $\\alpha$-stable retrieval with engines.");
  EXPECT_EQ(p.venue, "Nature Methods");
  EXPECT_EQ(p.volume, "21");
  EXPECT_EQ(p.pages, "112-125");
  EXPECT_EQ(p.issns, (std::vector<std::string>{"1548-7091", "1548-7105"}));
  EXPECT_EQ(p.published, "2024-01-15");
  ASSERT_EQ(p.authors.size(), 2u);
  EXPECT_EQ(p.authors[0].name, "Ada Lovelace");
  EXPECT_EQ(p.authors[0].ids, (std::vector<Identifier>{{"s2", "1723755"}}));
  EXPECT_EQ(p.authors[1].name, "C. Babbage");
  EXPECT_TRUE(p.authors[1].ids.empty());
  EXPECT_EQ(p.type, WorkType::review);
  EXPECT_EQ(p.abs_url,
            "https://www.semanticscholar.org/paper/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
  EXPECT_EQ(p.pdf_url, "https://example.org/paper.pdf");
  EXPECT_EQ(p.license, "CCBY");
  EXPECT_TRUE(p.categories.empty());  // fieldsOfStudy are not categories

  const core::Paper& q = d.papers.papers[1];
  EXPECT_EQ(q.doi, "10.48550/arxiv.2402.00002");
  EXPECT_EQ(q.arxiv_id, "2402.00002");  // from the arXiv DOI
  EXPECT_EQ(q.abstract, "");
  EXPECT_EQ(q.published, "2024-01-01");  // the year alone
  EXPECT_EQ(q.type, WorkType::unknown);
  EXPECT_EQ(q.pdf_url, "https://arxiv.org/pdf/2402.00002");  // finalize's arXiv default
}

TEST(S2Parser, ReadsAnAuthorSearchPage) {
  Document d = parse_file(own_fixture("s2/author_search.json"));
  EXPECT_EQ(d.kind, Kind::authors);
  EXPECT_EQ(d.total, 2);
  EXPECT_EQ(d.offset, 0);
  EXPECT_EQ(d.next, 2);
  ASSERT_EQ(d.authors.size(), 2u);
  const Author& a = d.authors[0];
  EXPECT_EQ(a.author_id, "1723755");
  EXPECT_EQ(a.name, "Ada Lovelace");
  EXPECT_EQ(a.affiliations, (std::vector<std::string>{"Analytical Engine Lab", "Royal Society"}));
  EXPECT_EQ(a.paper_count, 59);
  EXPECT_EQ(a.citation_count, 13236);
  EXPECT_EQ(a.h_index, 22);
  EXPECT_EQ(a.orcid, "0000-0002-1825-0097");
  EXPECT_EQ(a.dblp, (std::vector<std::string>{"Ada Lovelace", "A. Lovelace"}));
  EXPECT_EQ(a.url, "https://www.semanticscholar.org/author/1723755");
  EXPECT_EQ(d.authors[1].homepage, "https://example.org/~ada");
  EXPECT_TRUE(d.authors[1].affiliations.empty());

  Document one = parse_file(own_fixture("s2/author.json"));
  EXPECT_EQ(one.kind, Kind::authors);
  ASSERT_EQ(one.authors.size(), 1u);
  EXPECT_EQ(one.authors[0].paper_count, 59);
}

TEST(S2Parser, ReadsErrorObjects) {
  Document e = parse_file(own_fixture("s2/error_429.json"));
  EXPECT_EQ(e.kind, Kind::error);
  EXPECT_EQ(e.error_code, "429");
  EXPECT_TRUE(e.error_message.starts_with("Too Many Requests.")) << e.error_message;

  auto bad = parse_document(R"({"error": "Unrecognized or unsupported fields: [bogus]"})", "x");
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->kind, Kind::error);
  EXPECT_EQ(bad->error_code, "error");
  EXPECT_EQ(bad->error_message, "Unrecognized or unsupported fields: [bogus]");
}

TEST(S2Parser, ReadsTheRecordedRelevanceSearchPage) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "semanticscholar/paper_search_relevance_fullfields.json");
  Document d = parse_file(path);
  EXPECT_EQ(d.kind, Kind::papers);
  EXPECT_EQ(d.total, 11626);
  EXPECT_EQ(d.offset, 0);
  EXPECT_EQ(d.next, 50);
  EXPECT_EQ(d.papers.info.total_results, 11626);
  ASSERT_EQ(d.papers.papers.size(), 50u);
  EXPECT_TRUE(d.papers.rejected.empty());
  for (const core::Paper& p : d.papers.papers) {
    EXPECT_EQ(p.source, core::source::kSemanticScholar);
    EXPECT_EQ(p.source_id.size(), 40u);
    EXPECT_EQ(p.other_ids.front(), (Identifier{"s2", p.source_id}));
    EXPECT_FALSE(p.title.empty());
    EXPECT_EQ(p.published.size(), 10u) << p.source_id;
    EXPECT_TRUE(p.abs_url.starts_with("https://www.semanticscholar.org/paper/")) << p.abs_url;
  }

  const core::Paper& first = d.papers.papers[0];
  EXPECT_EQ(first.source_id, "39d8cc728d5c5cd477d128a3a73f265e2d94780a");
  EXPECT_EQ(first.doi, "10.1109/soli54607.2021.9672398");
  EXPECT_EQ(first.other_ids[1], (Identifier{"s2corpus", "245946929"}));
  EXPECT_EQ(first.venue,
            "International Conference on Service Operations and Logistics, and "
            "Informatics");
  EXPECT_EQ(first.pages, "1-6");
  EXPECT_EQ(first.published, "2021-12-11");
  EXPECT_EQ(first.type, WorkType::proceedings);  // JournalArticle + Conference
  ASSERT_EQ(first.authors.size(), 5u);
  EXPECT_EQ(first.authors[0].name, "Moh. Arie Hasan");
  EXPECT_EQ(first.authors[0].ids, (std::vector<Identifier>{{"s2", "1657365531"}}));
  EXPECT_EQ(first.pdf_url, "");  // openAccessPdf with an empty url

  // Pages written across lines, and the PubMed and PMC ids.
  const core::Paper& focus = d.papers.papers[9];
  EXPECT_EQ(focus.pages, "E7");
  EXPECT_EQ(focus.volume, "52 4");
  const core::Paper& imaging = d.papers.papers[4];
  EXPECT_EQ(imaging.other_ids,
            (std::vector<Identifier>{{"s2", "cb991711d64f4d92ca339b95d037b3e40b0e2bac"},
                                     {"s2corpus", "249285072"},
                                     {"pmid", "35654878"},
                                     {"pmcid", "PMC9582109"}}));
  EXPECT_EQ(imaging.pages, "1120-1130");
  // The same work as PubMed 37128372 (efetch_pubmed_50_articles.xml) and arXiv 2203.05061.
  const core::Paper& prompt = d.papers.papers[32];
  EXPECT_EQ(prompt.arxiv_id, "2203.05061");
  EXPECT_EQ(prompt.doi, "10.48550/arxiv.2203.05061");
  EXPECT_EQ(prompt.other_ids[2], (Identifier{"pmid", "37128372"}));
  // A year alone, no abstract, no journal.
  const core::Paper& bare = d.papers.papers[5];
  EXPECT_EQ(bare.published, "2020-01-01");
  EXPECT_EQ(bare.abstract, "");
  EXPECT_EQ(bare.venue, "");
}

TEST(S2Parser, ReadsEverySharedRecording) {
  struct Case {
    const char* file;
    Kind kind;
    std::size_t papers;
  };
  for (const Case& c : {Case{"author_papers_offset0.json", Kind::papers, 100},
                        Case{"error_404_paper_not_found.json", Kind::error, 0},
                        Case{"paper_search_empty.json", Kind::papers, 0},
                        Case{"paper_search_relevance_fullfields.json", Kind::papers, 50}}) {
    auto dir = ah::testing::shared_fixtures_dir();
    if (!dir) GTEST_SKIP() << "../shared/fixtures is absent";
    Document d = parse_file(*dir / "semanticscholar" / c.file);
    EXPECT_EQ(d.kind, c.kind) << c.file;
    EXPECT_EQ(d.papers.papers.size(), c.papers) << c.file;
    EXPECT_TRUE(d.papers.rejected.empty()) << c.file;
  }
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(*ah::testing::shared_fixtures_dir() /
                                                           "semanticscholar")) {
    ++files;
    EXPECT_TRUE(parse_document(read_file(e.path()), e.path().string()).has_value()) << e.path();
  }
  EXPECT_EQ(files, 4) << "a new recording: add it to the table above";

  AH_SHARED_FIXTURE_OR_SKIP(papers_path, "semanticscholar/author_papers_offset0.json");
  Document page = parse_file(papers_path);
  EXPECT_EQ(page.offset, 0);
  EXPECT_EQ(page.next, 100);
  EXPECT_FALSE(page.total.has_value());
  EXPECT_EQ(page.papers.papers[0].title_display,
            "SARS-CoV-2 hijacks p38\xCE\xB2/MAPK11 to promote virus replication");

  AH_SHARED_FIXTURE_OR_SKIP(error_path, "semanticscholar/error_404_paper_not_found.json");
  Document error = parse_file(error_path);
  EXPECT_EQ(error.error_code, "error");
  EXPECT_EQ(error.error_message, "Paper with id 0 not found");
}

TEST(S2Parser, ImportReadsPapersAndNamesAuthorsAndErrorsOnce) {
  auto papers = parse_papers(read_file(own_fixture("s2/batch_with_null.json")), "batch.json");
  ASSERT_TRUE(papers.has_value()) << papers.error().message;
  EXPECT_EQ(papers->papers.size(), 2u);

  auto authors = parse_papers(read_file(own_fixture("s2/author_search.json")), "authors.json");
  ASSERT_FALSE(authors.has_value());
  EXPECT_EQ(authors.error().code, ErrorCode::bad_upstream_data);
  EXPECT_EQ(authors.error().message,
            "authors.json: Semantic Scholar authors, not paper records (academichub s2 authors "
            "looks authors up)");

  auto error = parse_papers(read_file(own_fixture("s2/error_429.json")), "e.json");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->info.answer, Answer::error);
  EXPECT_EQ(error->info.error_code, "429");
}

TEST(S2Parser, RejectsPapersWithoutIdOrTitleAndNonAnswers) {
  auto d = parse_document(R"({"data": [{"paperId": "nothex", "title": "x"},
                                       {"paperId": "0f40b1f08821e22e859c6050916cec3667778613"}]})",
                          "page.json");
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->papers.rejected.size(), 2u);
  EXPECT_EQ(d->papers.rejected[0].where, "page.json: paper 1");
  EXPECT_EQ(d->papers.rejected[0].message, "no paperId");
  EXPECT_EQ(d->papers.rejected[1].where,
            "page.json: paper 2 (id 0f40b1f08821e22e859c6050916cec3667778613)");
  EXPECT_EQ(d->papers.rejected[1].message, "no title");

  for (const char* body : {"<html>busy</html>", "{\"unrelated\": 1}", "42", "{\"data\": 3}"}) {
    auto r = parse_document(body, "answer");
    ASSERT_FALSE(r.has_value()) << body;
    EXPECT_EQ(r.error().code, ErrorCode::bad_upstream_data);
    EXPECT_TRUE(r.error().message.starts_with("answer: ")) << r.error().message;
  }
}

}  // namespace
}  // namespace ah::sources::s2
