#include "json/paper_json.h"

#include <gtest/gtest.h>

namespace ah::json {
namespace {

TEST(PaperJson, TheIdIsTheBestIdentifierThePaperHas) {
  core::Paper p;
  EXPECT_EQ(display_id(p), "");
  p.paper_id = 42;
  EXPECT_EQ(display_id(p), "ah:42");
  p.other_ids = {{"s2", "0123456789abcdef0123456789abcdef01234567"}, {"pmid", "25349395"}};
  EXPECT_EQ(display_id(p), "pmid:25349395");
  p.doi = "10.1073/pnas.1414271111";
  EXPECT_EQ(display_id(p), "10.1073/pnas.1414271111");
  p.arxiv_id = "1406.0001";
  EXPECT_EQ(display_id(p), "1406.0001");
}

TEST(PaperJson, MergedFieldsHaveTheirShapes) {
  core::Paper p;
  p.doi = "10.1371/journal.pone.0033693";
  nlohmann::json j = to_json(p);
  EXPECT_TRUE(j["paper_id"].is_null());
  EXPECT_TRUE(j["type"].is_null());
  EXPECT_TRUE(j["venue"].is_null());
  EXPECT_EQ(j["records"], nlohmann::json::array());
  EXPECT_EQ(j["status"], (nlohmann::json{{"retracted", false},
                                         {"corrected", false},
                                         {"concern", false},
                                         {"notices", nlohmann::json::array()},
                                         {"updated", nullptr}}));
  p.paper_id = 9;
  p.type = core::WorkType::expression_of_concern;
  p.venue = "PLoS ONE";
  p.records = {{3, "crossref", "10.1371/journal.pone.0033693", "2026-12-01T00:00:00Z", ""},
               {4, "pubmed", "22448263", "", "/data/pubmed.xml"}};
  p.history = {{"2012-03-21", "published", "PLoS ONE", "crossref"}, {"", "corrected", "", ""}};
  p.status = {.corrected = true,
              .notice_dois = {"10.1371/annotation/c76da2c1"},
              .update_kind = "corrected",
              .update_date = "2012-05-08"};
  p.authors = {{"Ana", "", "0000-0002-1825-0097"}};
  j = to_json(p);
  EXPECT_EQ(j["paper_id"], 9);
  EXPECT_EQ(j["type"], "expression-of-concern");
  EXPECT_EQ(j["venue"], "PLoS ONE");
  EXPECT_EQ(j["records"][0], (nlohmann::json{{"source", "crossref"},
                                             {"source_id", "10.1371/journal.pone.0033693"},
                                             {"fetched_at", "2026-12-01T00:00:00Z"}}));
  EXPECT_EQ(j["records"][1]["fetched_from"], "/data/pubmed.xml");
  EXPECT_TRUE(j["records"][1]["fetched_at"].is_null());
  EXPECT_EQ(
      j["history"][1],
      (nlohmann::json{
          {"date", nullptr}, {"kind", "corrected"}, {"label", nullptr}, {"source", nullptr}}));
  EXPECT_EQ(j["status"]["updated"],
            (nlohmann::json{{"kind", "corrected"}, {"date", "2012-05-08"}}));
  EXPECT_EQ(j["status"]["notices"][0], "10.1371/annotation/c76da2c1");
  EXPECT_EQ(j["authors"][0]["orcid"], "0000-0002-1825-0097");
}

}  // namespace
}  // namespace ah::json
