#include "sources/arxiv/detect.h"

#include <gtest/gtest.h>

#include "tests/support/fixtures.h"

namespace ah::sources::arxiv {
namespace {

struct DetectCase {
  const char* head;
  const char* file_name;
  Format format;
};

TEST(DetectFormat, RecognisesTheRootElementOrJsonLines) {
  for (DetectCase c : {
           DetectCase{"<?xml version='1.0'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", "",
                      Format::atom},
           DetectCase{"\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- c --><OAI-PMH xmlns=\"x\">", "a.xml",
                      Format::oai_pmh},
           DetectCase{"<!DOCTYPE rss><rss version=\"2.0\"><channel>", "", Format::rss},
           DetectCase{"<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\">", "", Format::atom},
           DetectCase{"  {\"id\": \"0704.0001\"", "x.json", Format::jsonl},
           DetectCase{"", "2025-03-18.jsonl", Format::jsonl},
           DetectCase{"", "page.xml", Format::unknown},
           DetectCase{"<html><body><h1>Retry after 10 seconds</h1>", "oai.xml", Format::unknown},
           DetectCase{"<?xml version='1.0'?><fee", "", Format::unknown},  // head too short
           DetectCase{"[1, 2]", "a.jsonl", Format::unknown},
       }) {
    EXPECT_EQ(detect_format(c.head, c.file_name), c.format) << c.head;
  }
}

TEST(DetectFormat, NamesEachFormat) {
  EXPECT_EQ(to_string(Format::atom), "atom");
  EXPECT_EQ(to_string(Format::oai_pmh), "oai-pmh");
  EXPECT_EQ(to_string(Format::rss), "rss");
  EXPECT_EQ(to_string(Format::jsonl), "jsonl");
  EXPECT_EQ(to_string(Format::unknown), "unknown");
}

Format detect_file(const std::filesystem::path& path) {
  std::string bytes = testing::read_file(path);
  return detect_format(std::string_view(bytes).substr(0, 4096), path.filename().string());
}

TEST(DetectFormat, RecognisesEveryRecordedArxivFile) {
  AH_SHARED_FIXTURE_OR_SKIP(api_dir, "arxiv-api");
  const std::filesystem::path shared = api_dir.parent_path();
  struct Case {
    const char* relative;
    Format format;
  };
  for (Case c :
       {Case{"arxiv-api/empty_id_list_0000.0000.xml", Format::atom},
        Case{"arxiv-api/error_400_incorrect_id_format.xml", Format::atom},
        Case{"arxiv-api/legacy2016_search_au_del_maestro.xml", Format::atom},
        Case{"arxiv-api/query_all_testing_start10_max10.xml", Format::atom},
        Case{"arxiv-oai/error_503_retry_after.html", Format::unknown},
        Case{"arxiv-oai/error_noRecordsMatch_bad_set.xml", Format::oai_pmh},
        Case{"arxiv-oai/listrecords_arXivRaw_resumptiontoken.xml", Format::oai_pmh},
        Case{"arxiv-oai/listrecords_arXiv_from_until_complete.xml", Format::oai_pmh},
        Case{"arxiv-bulk/daily_arxiv_crawl_2025-03-18.jsonl", Format::jsonl},
        Case{"arxiv-bulk/kaggle_arxiv-metadata-oai-snapshot_head200.jsonl", Format::jsonl}}) {
    EXPECT_EQ(detect_file(shared / c.relative), c.format) << c.relative;
  }
}

TEST(DetectFormat, RecognisesOwnFixtures) {
  EXPECT_EQ(detect_file(testing::own_fixture("arxiv/rss_cs_CL_cs_AI.xml")), Format::rss);
  EXPECT_EQ(detect_file(testing::own_fixture("arxiv/oai_dc.xml")), Format::oai_pmh);
  EXPECT_EQ(detect_file(testing::own_fixture("arxiv/atom_bad_records.xml")), Format::atom);
  EXPECT_EQ(detect_file(testing::own_fixture("arxiv/captcha.html")), Format::unknown);
  EXPECT_EQ(detect_file(testing::own_fixture("arxiv/jsonl_mixed_2024-01-16.jsonl")), Format::jsonl);
}

}  // namespace
}  // namespace ah::sources::arxiv
