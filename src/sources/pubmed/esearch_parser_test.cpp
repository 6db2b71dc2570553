#include "sources/pubmed/esearch_parser.h"

#include <gtest/gtest.h>

#include "tests/support/fixtures.h"

namespace ah::sources::pubmed {
namespace {

using ah::testing::own_fixture;
using ah::testing::read_file;

TEST(PubmedEsearchParser, ReadsTheHistoryServerAnswer) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "pubmed/esearch_usehistory_webenv.xml");
  auto r = parse_esearch(read_file(path), "esearch");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->count, 42249);
  EXPECT_EQ(r->retmax, 100);
  EXPECT_EQ(r->retstart, 0);
  EXPECT_EQ(r->query_key, "1");
  EXPECT_EQ(r->webenv, "MCID_6927d6e7fee3e90f880ec190");
  ASSERT_EQ(r->ids.size(), 100u);
  EXPECT_EQ(r->ids.front(), "41297076");
  EXPECT_EQ(r->ids.back(), "41296368");
  EXPECT_TRUE(r->error.empty());
  EXPECT_TRUE(r->not_found.empty());
  EXPECT_NE(r->query_translation.find("[Date - Entry]"), std::string::npos);
}

TEST(PubmedEsearchParser, ReadsTheJsonFormWithCountsAsStrings) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "pubmed/esearch_pubmed_retmode_json.json");
  auto r = parse_esearch(read_file(path), "esearch.json");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->count, 1834);
  EXPECT_EQ(r->retmax, 50);
  EXPECT_EQ(r->ids.size(), 50u);
  EXPECT_EQ(r->ids.front(), "36006759");
  EXPECT_TRUE(r->webenv.empty());  // searched without usehistory
  EXPECT_TRUE(r->error.empty());
}

TEST(PubmedEsearchParser, AnErrorListIsReportedButTheSearchRan) {
  auto r = parse_esearch(read_file(own_fixture("pubmed/esearch_errorlist.xml")), "esearch");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->count, 0);
  EXPECT_TRUE(r->error.empty());
  EXPECT_EQ(r->not_found, std::vector<std::string>{"phrase not found: zzznotajournal[ta]"});
  EXPECT_EQ(r->warnings, std::vector<std::string>{"output message: No items found."});

  auto json = parse_esearch(
      R"({"esearchresult":{"count":"0","retmax":"0","retstart":"0","idlist":[],
          "errorlist":{"phrasesnotfound":["zzz"],"fieldsnotfound":[]}}})",
      "esearch.json");
  ASSERT_TRUE(json.has_value()) << json.error().message;
  EXPECT_EQ(json->not_found, std::vector<std::string>{"phrasesnotfound: zzz"});
}

TEST(PubmedEsearchParser, AFailedSearchCarriesItsMessage) {
  for (auto [body, message] : {
           std::pair{read_file(own_fixture("pubmed/esearch_error.json")),
                     "Invalid query: unbalanced parentheses"},
           std::pair{std::string("<eSearchResult><ERROR>Search Backend failed</ERROR>"
                                 "</eSearchResult>"),
                     "Search Backend failed"},
           std::pair{
               std::string(R"({"error":"API key invalid","api-key":"SECRET","type":"invalid"})"),
               "API key invalid"},
       }) {
    auto r = parse_esearch(body, "esearch");
    ASSERT_TRUE(r.has_value()) << body << ": " << r.error().message;
    EXPECT_EQ(r->error, message) << body;
  }
}

TEST(PubmedEsearchParser, SomethingElseIsBadUpstreamData) {
  for (const char* body : {"<html><body>Bad gateway</body></html>", "{\"unrelated\": 1}",
                           "<eSearchResult><Count>many</Count></eSearchResult>", "[1, 2]"}) {
    auto r = parse_esearch(body, "esearch page");
    ASSERT_FALSE(r.has_value()) << body;
    EXPECT_EQ(r.error().code, ErrorCode::bad_upstream_data) << body;
    EXPECT_NE(r.error().message.find("esearch page"), std::string::npos) << r.error().message;
  }
}

}  // namespace
}  // namespace ah::sources::pubmed
