#include "sources/common/detect.h"

#include <gtest/gtest.h>

#include "tests/support/fixtures.h"

namespace ah::sources {
namespace {

struct DetectCase {
  const char* head;
  const char* file_name;
  Format format;
};

TEST(DetectFormat, RecognisesTheRootElementOrJsonLines) {
  for (DetectCase c : {
           DetectCase{"<?xml version='1.0'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                      "xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">",
                      "", Format::atom},
           DetectCase{"\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- c --><OAI-PMH xmlns=\"x\">", "a.xml",
                      Format::oai_pmh},
           DetectCase{"<!DOCTYPE rss><rss version=\"2.0\"><channel><title>cs.CL updates on "
                      "arXiv.org</title>",
                      "", Format::rss},
           DetectCase{"<rss version=\"2.0\"><channel><title>TAXON</title>", "",
                      Format::journal_feed},
           DetectCase{"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">", "",
                      Format::journal_feed},
           DetectCase{"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>PLOS Biology</title>", "",
                      Format::journal_feed},
           DetectCase{"<?xml version=\"1.0\"?><!DOCTYPE PubmedArticleSet><PubmedArticleSet>", "",
                      Format::pubmed},
           DetectCase{"<eSearchResult><Count>1</Count>", "", Format::pubmed_esearch},
           DetectCase{"{\"status\":\"ok\",\"message-type\":\"work-list\"", "", Format::crossref},
           DetectCase{"{\n  \"meta\": {\"count\": 3},\n  \"results\": [", "", Format::openalex},
           DetectCase{"{\"id\":\"https://openalex.org/W2109415576\",\"doi\"", "", Format::openalex},
           DetectCase{"{\"messages\": [{\"status\": \"ok\"}], \"collection\": [", "",
                      Format::biorxiv},
           DetectCase{"{\"header\": {\"type\": \"esearch\"}, \"esearchresult\": {", "",
                      Format::pubmed_esearch},
           DetectCase{"{\"total\": 1, \"data\": [{\"paperId\": \"ab\"", "",
                      Format::semantic_scholar},
           DetectCase{"[{\"paperId\": \"ab\"}, null]", "", Format::semantic_scholar},
           DetectCase{"{\"error\":\"Paper with id 0 not found\"}", "", Format::semantic_scholar},
           DetectCase{"{\"error\": \"Invalid query parameters error.\", \"message\": \"x\"}", "",
                      Format::openalex},
           DetectCase{"<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\" "
                      "xmlns:arxiv=\"http://arxiv.org/schemas/atom\">",
                      "", Format::atom},
           DetectCase{"  {\"id\": \"0704.0001\", \"submitter\": \"x\"}\n{\"id\": \"0704.0002\"",
                      "x.json", Format::jsonl},
           DetectCase{"", "2025-03-18.jsonl", Format::jsonl},
           DetectCase{"", "page.xml", Format::unknown},
           DetectCase{"<html><body><h1>Retry after 10 seconds</h1>", "oai.xml", Format::html},
           DetectCase{"<!DOCTYPE html>\n\n<html>", "feed.xml", Format::html},
           DetectCase{"{\"unrelated\": true}", "x.json", Format::unknown},
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
  EXPECT_EQ(to_string(Format::crossref), "crossref");
  EXPECT_EQ(to_string(Format::pubmed_esearch), "pubmed-esearch");
  EXPECT_EQ(to_string(Format::semantic_scholar), "semantic-scholar");
  EXPECT_EQ(to_string(Format::journal_feed), "journal-feed");
  EXPECT_EQ(to_string(Format::html), "html");
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
        Case{"arxiv-oai/error_503_retry_after.html", Format::html},
        Case{"arxiv-oai/error_noRecordsMatch_bad_set.xml", Format::oai_pmh},
        Case{"arxiv-oai/listrecords_arXivRaw_resumptiontoken.xml", Format::oai_pmh},
        Case{"arxiv-oai/listrecords_arXiv_from_until_complete.xml", Format::oai_pmh},
        Case{"arxiv-bulk/daily_arxiv_crawl_2025-03-18.jsonl", Format::jsonl},
        Case{"arxiv-bulk/kaggle_arxiv-metadata-oai-snapshot_head200.jsonl", Format::jsonl}}) {
    EXPECT_EQ(detect_file(shared / c.relative), c.format) << c.relative;
  }
}

// Every recorded file of the other sources, by folder: each is its folder's format, except the
// error answers that are not of it (a 404 page in text or HTML).
TEST(DetectFormat, RecognisesEveryRecordedFileOfTheOtherSources) {
  AH_SHARED_FIXTURE_OR_SKIP(crossref_dir, "crossref");
  const std::filesystem::path shared = crossref_dir.parent_path();
  struct Case {
    const char* relative;
    Format format;
  };
  for (Case c : {
           Case{"crossref/error_404_resource_not_found.txt", Format::unknown},
           Case{"crossref/journal_works_filter_type_fish.json", Format::crossref},
           Case{"crossref/work_single_plos.json", Format::crossref},
           Case{"crossref/works_cursor_first_page.json", Format::crossref},
           Case{"pubmed/efetch_pubmed_2_articles.xml", Format::pubmed},
           Case{"pubmed/efetch_pubmed_50_articles.xml", Format::pubmed},
           Case{"pubmed/esearch_pubmed_retmode_json.json", Format::pubmed_esearch},
           Case{"pubmed/esearch_usehistory_webenv.xml", Format::pubmed_esearch},
           Case{"openalex/error_404_not_found.html", Format::html},
           Case{"openalex/work_single_by_doi_pnas.json", Format::openalex},
           Case{"openalex/works_search_filter_dates_50.json", Format::openalex},
           Case{"biorxiv/details_biorxiv_doi_2_versions.json", Format::biorxiv},
           Case{"biorxiv/details_biorxiv_interval_2020_2022_cursor0.json", Format::biorxiv},
           Case{"biorxiv/details_medrxiv_interval_2020_2022_cursor0.json", Format::biorxiv},
           Case{"semanticscholar/author_papers_offset0.json", Format::semantic_scholar},
           Case{"semanticscholar/error_404_paper_not_found.json", Format::semantic_scholar},
           Case{"semanticscholar/paper_search_empty.json", Format::semantic_scholar},
           Case{"semanticscholar/paper_search_relevance_fullfields.json", Format::semantic_scholar},
           Case{"journal-rss/elsevier_sciencedirect_mpe_rss2.xml", Format::journal_feed},
           Case{"journal-rss/nature_current_issue_rss1_rdf.xml", Format::journal_feed},
           Case{"journal-rss/oup_zoolinnean_current_issue_rss2.xml", Format::journal_feed},
           Case{"journal-rss/wiley_taxon_toc_rss2.xml", Format::journal_feed},
           Case{"other/oup_feed_validate_user_captcha.html", Format::html},
           Case{"other/pubmed_search_rss2.xml", Format::journal_feed},
       }) {
    EXPECT_EQ(detect_file(shared / c.relative), c.format) << c.relative;
  }
}

TEST(DetectFormat, RecognisesOwnFixtures) {
  EXPECT_EQ(detect_file(testing::own_fixture("arxiv/rss_cs_CL_cs_AI.xml")), Format::rss);
  EXPECT_EQ(detect_file(testing::own_fixture("arxiv/oai_dc.xml")), Format::oai_pmh);
  EXPECT_EQ(detect_file(testing::own_fixture("arxiv/atom_bad_records.xml")), Format::atom);
  EXPECT_EQ(detect_file(testing::own_fixture("arxiv/captcha.html")), Format::html);
  EXPECT_EQ(detect_file(testing::own_fixture("arxiv/jsonl_mixed_2024-01-16.jsonl")), Format::jsonl);
}

}  // namespace
}  // namespace ah::sources
