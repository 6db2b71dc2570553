#include "json/record_json.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace ah::json {
namespace {

core::Paper every_field() {
  core::Paper p;
  p.arxiv_id = "2203.05061";
  p.version = 2;
  p.doi = "10.5555/amia.2022.972";
  p.other_ids = {{"pmid", "37128372"}, {"doi", "10.1101/008326"}};
  p.title = "HealthPrompt: \"quoted\" \\ and \xC3\xA9";
  p.abstract = "OBJECTIVE: x.\nMETHODS: y.";
  p.title_display = "HealthPrompt (display)";
  p.abstract_display = "abstract display";
  p.authors = {{"Sonish Sivarajkumar", "Pitt", "0000-0001-2345-6789", {{"openalex", "A1"}}},
               {"Yanshan Wang", ""}};
  p.categories = {"cs.CL", "cs.AI"};
  p.comment = "c";
  p.journal_ref = "j";
  p.report_no = "r";
  p.license = "l";
  p.submitter = "s";
  p.published = "2022-03-10T02:47:29Z";
  p.version_date = "2022-06-01T10:00:00Z";
  p.updated = "2023-05-02T10:00:00Z";
  p.announced = "2022-03-11";
  p.versions = {{1, "2022-03-10T02:47:29Z", "120kb"}, {2, "", ""}};
  p.abs_url = "a";
  p.pdf_url = "p";
  p.venue = "AMIA";
  p.venue_short = "AMIA Annu Symp Proc";
  p.volume = "2022";
  p.issue = "1";
  p.pages = "972-981";
  p.publisher = "AMIA";
  p.issns = {"1942-597X"};
  p.type = core::WorkType::proceedings;
  p.language = "en";
  p.relations = {{core::RelationType::has_preprint, {"arxiv", "2203.05061"}},
                 {core::RelationType::updated_by,
                  {"doi", "10.1/c"},
                  core::NoticeKind::correction,
                  "2023-06-01"}};
  p.retracted = true;
  p.source = "crossref";
  p.announce_type = "new";
  p.source_id = "10.5555/amia.2022.972";
  p.fetched_at = "2026-12-01T00:00:00Z";
  p.fetched_from = "https://api.crossref.org/works/10.5555%2Famia.2022.972";
  return p;
}

TEST(RecordJson, EveryFieldReadsBack) {
  const core::Paper p = every_field();
  auto back = record_from_json(record_to_json(p));
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(*back, p);
  EXPECT_EQ(*record_from_json(record_to_json(core::Paper{})), core::Paper{});
}

TEST(RecordJson, LeavesStoreFilledFieldsOut) {
  core::Paper p = every_field();
  p.paper_id = 7;
  p.records = {{1, "crossref", "x", "", ""}};
  p.history = {{"2022-01-01", "posted", "arXiv", "arxiv-oai"}};
  p.status.retracted = true;
  p.field_sources = {{"title", 1}};
  EXPECT_EQ(*record_from_json(record_to_json(p)), every_field());
}

TEST(RecordJson, ADamagedBodyIsAnErrorNotACrash) {
  for (const char* bad : {"", "[]", "{\"title\": 3}", "{\"authors\": [{}]}",
                          "{\"relations\": [{\"t\": \"cites\", \"s\": \"doi\", \"v\": \"x\"}]}"}) {
    auto r = record_from_json(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::bad_upstream_data);
  }
}

TEST(RecordJson, DirectTextIsTheNlohmannTextByteForByte) {
  // Stored bodies must not change: record_to_json writes directly what nlohmann's dump gave.
  std::vector<core::Paper> cases{every_field(), core::Paper{}};
  const std::string strings[] = {
      "plain",
      "",
      "\"q\" \\ / \b\f\n\r\t",
      std::string("\x01\x1f\x7f nul:") + '\0' + "end",
      "\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBF",  // 2-, 3-, 4-byte, U+FFFF
      "bad \xC3",
      "overlong \xC0\xAF",
      "surrogate \xED\xA0\x80",
      "too high \xF4\x90\x80\x80",
      "cut \xE2\x82",
      "lone \x80 continuation",
  };
  for (const std::string& text : strings) {
    core::Paper p;
    p.title = text;
    p.authors = {{text, "", "", {}}, {"N", text, text, {{"orcid", text}}}};
    p.relations = {
        {core::RelationType::has_preprint, {"arxiv", text}},
        {core::RelationType::updates, {"doi", "10.1/x"}, core::NoticeKind::retraction, text}};
    p.versions = {{1, text, ""}, {0, "", text}};
    p.categories = {text, "cs.LG"};
    p.issns = {text};
    p.other_ids = {{"pmid", text}};
    p.version = 3;
    cases.push_back(std::move(p));
  }
  // Fields alone and in pairs, so that each key's place in the order is checked.
  const std::function<void(core::Paper&)> edits[] = {
      [](core::Paper& p) {
        p.abs_url = "a";
        p.abstract = "b";
        p.abstract_display = "c";
      },
      [](core::Paper& p) {
        p.announce_type = "new";
        p.announced = "2024";
        p.arxiv_id = "1";
      },
      [](core::Paper& p) {
        p.authors = {{"A", "", "", {}}};
        p.categories = {"x"};
      },
      [](core::Paper& p) {
        p.other_ids = {{"pmid", "1"}};
        p.issns = {"1"};
        p.issue = "2";
      },
      [](core::Paper& p) {
        p.venue = "V";
        p.venue_short = "v";
        p.version = 4;
      },
      [](core::Paper& p) {
        p.version_date = "d";
        p.versions = {{1, "", ""}};
        p.volume = "9";
      },
      [](core::Paper& p) {
        p.retracted = true;
        p.report_no = "r";
        p.relations = {};
      },
      [](core::Paper& p) {
        p.type = core::WorkType::article;
        p.title = "t";
        p.updated = "u";
      },
      [](core::Paper& p) {
        p.source = "s";
        p.source_id = "i";
        p.submitter = "m";
      },
  };
  for (const auto& edit : edits) {
    core::Paper p;
    edit(p);
    cases.push_back(std::move(p));
  }
  for (const core::Paper& p : cases) {
    EXPECT_EQ(record_to_json(p), record_to_json_nlohmann(p)) << record_to_json_nlohmann(p);
  }
}

}  // namespace
}  // namespace ah::json
