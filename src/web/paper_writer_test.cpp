// The API's direct paper writer against the contract it must equal byte for byte:
// json::to_json(paper).dump() (with invalid UTF-8 replaced), over the project's recorded arXiv
// files and hand-made edge cases.
#include "web/paper_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json/paper_json.h"
#include "sources/arxiv/atom_parser.h"
#include "sources/arxiv/oai_parser.h"
#include "sources/arxiv/rss_parser.h"
#include "tests/support/fixtures.h"

namespace ah::web {
namespace {

using ah::testing::own_fixture;

std::string reference(const core::Paper& p, std::optional<double> score = std::nullopt) {
  nlohmann::json j = ah::json::to_json(p);
  if (score) j["score"] = *score;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string written(const core::Paper& p, std::optional<double> score = std::nullopt) {
  std::string out;
  append_paper_json(out, p, score);
  return out;
}

std::vector<core::Paper> recorded_papers() {
  std::vector<core::Paper> out;
  struct File {
    const char* path;
    Result<sources::ParseResult> (*parse)(std::string_view, std::string_view);
  };
  for (const File& f : {File{"harvest/api_page_start0.xml", sources::arxiv::parse_atom},
                        File{"harvest/api_page_start2.xml", sources::arxiv::parse_atom},
                        File{"harvest/oai_arxivraw_page1.xml", sources::arxiv::parse_oai},
                        File{"harvest/oai_arxivraw_page2.xml", sources::arxiv::parse_oai},
                        File{"arxiv/oai_dc.xml", sources::arxiv::parse_oai},
                        File{"arxiv/oai_bad_records.xml", sources::arxiv::parse_oai},
                        File{"arxiv/atom_bad_records.xml", sources::arxiv::parse_atom},
                        File{"arxiv/rss_cs_CL_cs_AI.xml", sources::arxiv::parse_rss}}) {
    auto r = f.parse(ah::testing::read_file(own_fixture(f.path)), f.path);
    EXPECT_TRUE(r.has_value()) << f.path;
    if (r) out.insert(out.end(), r->papers.begin(), r->papers.end());
  }
  return out;
}

TEST(PaperWriter, WritesTheSameBytesAsTheSharedJsonForm) {
  std::vector<core::Paper> papers = recorded_papers();
  ASSERT_GT(papers.size(), 10u);
  for (const core::Paper& p : papers) {
    EXPECT_EQ(written(p), reference(p)) << p.arxiv_id;
    EXPECT_EQ(written(p, 3.25), reference(p, 3.25)) << p.arxiv_id;
  }
}

TEST(PaperWriter, EdgeCasesMatchToo) {
  core::Paper p;
  p.doi = "10.1000/x\"y";
  p.title = "Quotes \" backslash \\ tab\t newline\n bell\x07 del\x7f unit\x1f";
  p.abstract = "Invalid: \xff \xc3 \xe2\x82 \xed\xa0\x80 \xf0\x9f\x98 end \xc3";
  p.abstract_display = "Valid: é € 😀 中文 $\\alpha$ </script><script>";
  p.authors = {{"Ana", "MIT; \"CERN\""}, {"", ""}};
  p.other_ids = {{"pmid", "123"}};
  p.versions = {{1, "", ""}, {2, "2024-01-01T00:00:00Z", "12kb"}};
  for (double score : {0.0, 1.0 / 3.0, 12.5, 1e-7})
    EXPECT_EQ(written(p, score), reference(p, score));
  EXPECT_EQ(written(p), reference(p));
  core::Paper empty;
  EXPECT_EQ(written(empty), reference(empty));
}

TEST(PaperWriter, MergedPapersMatchToo) {
  core::Paper p;
  p.paper_id = 1234567;
  p.arxiv_id = "2203.05061";
  p.doi = "10.5555/amia.2022.972";
  p.other_ids = {{"doi", "10.1101/008326"}, {"pmid", "37128372"}};
  p.authors = {{"Sonish Sivarajkumar", "Pitt", "0000-0001-2345-6789"},
               {"Yanshan Wang", "", "x\"y"}};
  p.venue = "AMIA \"Annual\" Symposium";
  p.venue_short = "AMIA Annu Symp Proc";
  p.volume = "2022";
  p.issue = "1";
  p.pages = "972-981";
  p.publisher = "AMIA";
  p.type = core::WorkType::expression_of_concern;
  p.records = {{1, "arxiv-oai", "2203.05061", "2026-12-01T00:00:00Z", ""},
               {2, "pubmed", "37128372", "", "/data/\xff.xml"}};
  p.history = {{"2022-03-10", "posted", "arXiv", "arxiv-oai"}, {"", "retracted", "", ""}};
  for (core::PaperStatus status :
       {core::PaperStatus{},
        core::PaperStatus{true, true, true, {"10.1/a", "10.1/b"}, "retracted", ""},
        core::PaperStatus{false, false, false, {}, "published", "2023-04-29"}}) {
    p.status = status;
    EXPECT_EQ(written(p), reference(p));
    EXPECT_EQ(written(p, 0.5), reference(p, 0.5));
  }
  core::Paper only_pmid;
  only_pmid.other_ids = {{"pmid", "1"}};
  EXPECT_EQ(written(only_pmid), reference(only_pmid));
  core::Paper only_uid;
  only_uid.paper_id = 5;
  EXPECT_EQ(written(only_uid), reference(only_uid));
}

TEST(PaperWriter, StringsAreEscapedAsJson) {
  struct Case {
    std::string_view in;
    std::string_view out;
  };
  for (const Case& c : {Case{"plain", "\"plain\""}, Case{"a\"b\\c", R"("a\"b\\c")"},
                        Case{std::string_view("\x01\n", 2), R"("\u0001\n")"},
                        Case{"\xff", "\"\xEF\xBF\xBD\""}, Case{"\xe2\x82x", "\"\xEF\xBF\xBDx\""}}) {
    std::string out;
    append_json_string(out, c.in);
    EXPECT_EQ(out, c.out);
  }
}

}  // namespace
}  // namespace ah::web
