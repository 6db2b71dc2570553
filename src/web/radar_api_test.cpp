// /api/v1/radars and /api/v1/authors through the route table, without a socket: radars made,
// read, changed and deleted; feeds with score, signals and why, paged without repeats; votes and
// seen papers; who may write; and the errors, each naming what was wrong.
#include "web/radar_api.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "radarsvc/test_corpus.h"
#include "tests/support/fixtures.h"
#include "web/routes.h"

namespace ah::web {
namespace {

using nlohmann::json;

class RadarApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite(db());
    ASSERT_TRUE(s.has_value()) << s.error().message;
    ASSERT_TRUE((*s)->upsert(radarsvc::testing::topic_corpus()).has_value());
  }
  std::filesystem::path db() const { return dir_.path() / "papers.db"; }
  static radarsvc::ServiceOptions service_options() {
    radarsvc::ServiceOptions o;
    o.index.vectors.enabled = false;
    o.index.phrase_min_df = 1;
    return o;
  }
  Response send(const std::string& method, const std::string& target, const std::string& body = "",
                std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request r = Request::from_target(target, method);
    r.body = body;
    if (!body.empty() || method == "POST" || method == "PATCH") {
      r.headers.emplace_back("content-type", "application/json");
    }
    r.headers.emplace_back("host", "127.0.0.1:8080");
    for (auto& h : headers) r.headers.push_back(std::move(h));
    return router_.handle(r);
  }
  json ok(const std::string& method, const std::string& target, const std::string& body = "",
          int status = 200) {
    Response r = send(method, target, body);
    EXPECT_EQ(r.status, status) << method << " " << target << ": " << r.body;
    return json::parse(r.body, nullptr, false);
  }
  // The error's code and message of a refused request.
  std::pair<int, std::string> refused(const std::string& method, const std::string& target,
                                      const std::string& body = "") {
    Response r = send(method, target, body);
    const json j = json::parse(r.body, nullptr, false);
    return {r.status, j.is_object() ? j["error"]["message"].get<std::string>() : r.body};
  }

  ah::testing::TempDir dir_;
  StorePool readers_{
      [this] { return store::open_sqlite(db(), store::SqliteOptions::read_only_mode()); }, 2};
  StorePool writers_{[this] { return store::open_sqlite(db()); }, 2};
  radarsvc::RadarService service_{service_options()};
  Api api_{readers_, ApiOptions{}};
  RadarApi radars_{writers_, readers_, service_, RadarApiOptions{}};
  catalogue::CatalogueFile catalogue_{dir_.path() / "sources.toml"};
  SourcesApi sources_{catalogue_, readers_, SourcesApiOptions{}};
  Router router_{api_, sources_, radars_, {}, RouterOptions{}};
};

TEST_F(RadarApiTest, ARadarIsMadeReadChangedAndDeleted) {
  const json made = ok("POST", "/api/v1/radars",
                       R"({"name": "Attention", "keywords": ["sparse attention"],
                           "seeds": ["2401.00001", "2401.00002v1"], "description": "长上下文"})",
                       201);
  const json& radar = made["radar"];
  EXPECT_EQ(radar["name"], "Attention");
  EXPECT_EQ(radar["user"], "local");
  ASSERT_EQ(radar["seeds"].size(), 2u);
  EXPECT_EQ(radar["seeds"][0]["id"], "2401.00001");
  EXPECT_EQ(radar["seeds"][1]["id"], "2401.00002");
  EXPECT_EQ(radar["description"], "长上下文");
  const std::string id = radar["id"].dump();
  EXPECT_EQ(ok("GET", "/api/v1/radars/" + id)["radar"], radar);
  EXPECT_EQ(ok("GET", "/api/v1/radars/attention")["radar"], radar);
  EXPECT_EQ(ok("GET", "/api/v1/radars")["radars"], json::array({radar}));

  const json changed = ok("PATCH", "/api/v1/radars/Attention",
                          R"({"name": "Long context", "excludes": ["survey"], "seeds": []})");
  EXPECT_EQ(changed["radar"]["name"], "Long context");
  EXPECT_EQ(changed["radar"]["excludes"], json::array({"survey"}));
  EXPECT_EQ(changed["radar"]["keywords"], radar["keywords"]) << "keys not given are kept";
  EXPECT_TRUE(changed["radar"]["seeds"].empty());
  EXPECT_EQ(changed["radar"]["revision"], 2);

  EXPECT_EQ(ok("DELETE", "/api/v1/radars/" + id)["deleted"], "Long context");
  EXPECT_EQ(refused("GET", "/api/v1/radars/" + id).first, 404);
}

TEST_F(RadarApiTest, TheFeedExplainsEachPaperAndPagesWithoutRepeats) {
  ok("POST", "/api/v1/radars", R"({"name": "qec", "seeds": ["2401.00301"]})", 201);
  std::set<std::string> shown;
  std::string cursor;
  for (int page = 0; page < 20; ++page) {
    const json feed =
        ok("GET", "/api/v1/radars/qec/feed?limit=7" + (cursor.empty() ? "" : "&cursor=" + cursor));
    for (const json& p : feed["papers"]) {
      EXPECT_TRUE(shown.insert(p["id"]).second) << p["id"];
      for (const char* key : {"score", "signals", "contributions", "why", "title", "paper_id"}) {
        EXPECT_TRUE(p.contains(key)) << key;
      }
      for (const char* signal : {"taste", "semantic", "bm25", "authors", "priors", "recency"}) {
        EXPECT_TRUE(p["signals"][signal].is_number()) << signal;
      }
      ASSERT_FALSE(p["why"].empty()) << p["id"];
      for (const json& why : p["why"]) {
        for (const char* key :
             {"kind", "values", "papers", "counts", "weights", "titles", "text"}) {
          EXPECT_TRUE(why.contains(key)) << key;
        }
      }
    }
    if (page == 0) {
      // The best papers are the seed's topic, explained by its authors.
      EXPECT_TRUE(feed["papers"][0]["id"].get<std::string>().starts_with("2401.003"));
      EXPECT_EQ(feed["papers"][0]["why"][0]["kind"], "seed_author");
      ok("POST", "/api/v1/radars/qec/votes", R"({"paper": "2401.00105", "vote": "down"})");
    }
    if (feed["next_cursor"].is_null()) break;
    cursor = feed["next_cursor"];
  }
  EXPECT_EQ(shown.size(), 38u) << "all but the seed and the 👎";
  EXPECT_FALSE(shown.contains("2401.00301"));
  EXPECT_FALSE(shown.contains("2401.00105"));
}

TEST_F(RadarApiTest, VotesAndSeenPapersShapeTheNextFeed) {
  ok("POST", "/api/v1/radars", R"({"name": "r", "keywords": ["protein"]})", 201);
  const json first = ok("GET", "/api/v1/radars/r/feed?limit=3");
  ASSERT_EQ(first["papers"].size(), 3u);
  const std::string a = first["papers"][0]["id"], b = first["papers"][1]["id"],
                    c = first["papers"][2]["id"];
  const json voted =
      ok("POST", "/api/v1/radars/r/votes", R"({"paper": ")" + a + R"(", "vote": "down"})");
  EXPECT_EQ(voted["vote"], "down");
  EXPECT_TRUE(voted["retrain_ms"].is_number()) << "the index is built: retrained at once";
  EXPECT_EQ(ok("GET", "/api/v1/radars/r/votes")["votes"][0]["id"], a);
  const json seen =
      ok("POST", "/api/v1/radars/r/seen", R"({"papers": [")" + b + R"("], "state": "dismissed"})");
  EXPECT_EQ(seen["marked"], 1);
  ok("POST", "/api/v1/radars/r/seen", R"({"papers": [")" + c + R"("], "state": "read"})");
  const json all = ok("GET", "/api/v1/radars/r/feed?limit=1000");
  for (const json& p : all["papers"]) {
    EXPECT_NE(p["id"], a);
    EXPECT_NE(p["id"], b);
    EXPECT_NE(p["id"], c);
  }
  EXPECT_EQ(all["papers"].size(), 37u);
  ok("POST", "/api/v1/radars/r/votes", R"({"paper": ")" + a + R"(", "vote": "clear"})");
  EXPECT_TRUE(ok("GET", "/api/v1/radars/r/votes")["votes"].empty());
}

TEST_F(RadarApiTest, AuthorsOffersThePeopleBehindAName) {
  const json people = ok("GET", "/api/v1/authors?name=author3%20lead");
  ASSERT_EQ(people["people"].size(), 1u);
  const json& p = people["people"][0];
  EXPECT_EQ(p["name"], "Author3 Lead");
  EXPECT_EQ(p["ids"], json::array({"orcid:0000-0002-1825-0097"}));
  EXPECT_EQ(p["papers"], 10);
  EXPECT_EQ(p["recent"].size(), 5u);
  EXPECT_TRUE(ok("GET", "/api/v1/authors?name=Nobody%20Here")["people"].empty());
}

TEST_F(RadarApiTest, BadRequestsAreRefusedNamingWhatIsWrong) {
  ok("POST", "/api/v1/radars", R"({"name": "r"})", 201);
  struct Case {
    std::string method, target, body;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {"POST", "/api/v1/radars", "not json", 400, "body:"},
      {"POST", "/api/v1/radars", R"({"keywords": ["x"]})", 400, "name:"},
      {"POST", "/api/v1/radars", R"({"name": "s", "colour": "red"})", 400, "colour:"},
      {"POST", "/api/v1/radars", R"({"name": "s", "keywords": "x"})", 400, "keywords:"},
      {"POST", "/api/v1/radars", R"({"name": "s", "seeds": ["2401.99999"]})", 400, "2401.99999"},
      {"POST", "/api/v1/radars", R"({"name": "R"})", 409, "already"},
      {"POST", "/api/v1/radars", R"({"name": "123"})", 400, "all digits"},
      {"GET", "/api/v1/radars/r/feed?limit=0", "", 400, "limit:"},
      {"GET", "/api/v1/radars/r/feed?limit=1001", "", 400, "limit:"},
      {"GET", "/api/v1/radars/r/feed?view=month", "", 400, "view:"},
      {"GET", "/api/v1/radars/r/feed?since=2024-99-01", "", 400, "since"},
      {"GET", "/api/v1/radars/r/feed?cursor=nope", "", 400, "cursor:"},
      {"GET", "/api/v1/radars/nope/feed", "", 404, "nope"},
      {"POST", "/api/v1/radars/r/votes", R"({"paper": "2401.00001", "vote": "meh"})", 400, "vote:"},
      {"POST", "/api/v1/radars/r/votes", R"({"paper": "2401.99999", "vote": "up"})", 400,
       "2401.99999"},
      {"POST", "/api/v1/radars/r/seen", R"({"papers": [], "state": "read"})", 400, "papers:"},
      {"POST", "/api/v1/radars/r/seen", R"({"papers": ["2401.00001"], "state": "shown"})", 400,
       "state:"},
      {"POST", "/api/v1/radars/r", R"({})", 405, "POST"},
      {"GET", "/api/v1/authors", "", 400, "name:"},
  };
  for (const Case& c : cases) {
    const auto [status, message] = refused(c.method, c.target, c.body);
    EXPECT_EQ(status, c.status) << c.method << " " << c.target << " " << c.body << ": " << message;
    EXPECT_NE(message.find(c.message), std::string::npos) << c.target << ": " << message;
  }
}

TEST_F(RadarApiTest, AReferenceLibraryAddsTheStoredPapersAsSeeds) {
  ok("POST", "/api/v1/radars", R"({"name": "lib", "seeds": ["2401.00001"]})", 201);
  const std::string bib =
      "@article{a, title={Known}, eprint={2401.00001}, archivePrefix={arXiv}}\n"
      "@article{b, title={Also known}, eprint={2401.00102}, archivePrefix={arXiv}}\n"
      "@article{c, title={Not in the store at all}, year={1999}}\n";
  const json imported = ok("POST", "/api/v1/radars/lib/seeds",
                           json{{"file", "library.bib"}, {"text", bib}}.dump());
  EXPECT_EQ(imported["file"], "library.bib");
  EXPECT_EQ(imported["references"], 3);
  EXPECT_EQ(imported["matched"], 2);
  EXPECT_EQ(imported["added"], 1) << "2401.00001 was a seed already";
  ASSERT_EQ(imported["unmatched"].size(), 1u);
  EXPECT_EQ(imported["unmatched"][0], "Not in the store at all");
  ASSERT_EQ(imported["radar"]["seeds"].size(), 2u);
  EXPECT_EQ(imported["radar"]["seeds"][1]["id"], "2401.00102");
  // Stored: the radar read back has the seed, and its feed leaves it out.
  EXPECT_EQ(ok("GET", "/api/v1/radars/lib")["radar"]["seeds"].size(), 2u);
  for (const json& p : ok("GET", "/api/v1/radars/lib/feed?limit=50")["papers"]) {
    EXPECT_NE(p["id"], "2401.00102");
  }

  struct Case {
    std::string target, body;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {"/api/v1/radars/lib/seeds", json{{"file", "x.bib"}, {"text", "no references here"}}.dump(),
       400, "x.bib"},
      {"/api/v1/radars/lib/seeds", json{{"file", "x.json"}, {"text", "[{"}}.dump(), 400,
       "x.json: line 1"},
      {"/api/v1/radars/lib/seeds", json{{"file", "x.bib"}, {"text", ""}}.dump(), 400, "empty"},
      {"/api/v1/radars/lib/seeds", json{{"text", bib}}.dump(), 400, "file:"},
      {"/api/v1/radars/lib/seeds", json{{"file", "x.bib"}}.dump(), 400, "text:"},
      {"/api/v1/radars/nope/seeds", json{{"file", "x.bib"}, {"text", bib}}.dump(), 404, "nope"},
  };
  for (const Case& c : cases) {
    const auto [status, message] = refused("POST", c.target, c.body);
    EXPECT_EQ(status, c.status) << c.body << ": " << message;
    EXPECT_NE(message.find(c.message), std::string::npos) << c.body << ": " << message;
  }
  EXPECT_EQ(send("GET", "/api/v1/radars/lib/seeds").status, 405);
}

// serve asks the LLM for a Chinese description's English terms when a radar is made or its
// description edited (on_description), never while it ranks.
TEST_F(RadarApiTest, ANewOrEditedDescriptionIsHandedOnBeforeTheRadarIsLearned) {
  std::vector<std::string> handed;
  RadarApiOptions options;
  options.on_description = [&](std::string_view d) { handed.emplace_back(d); };
  RadarApi radars{writers_, readers_, service_, options};
  Router router{api_, sources_, radars, {}, RouterOptions{}};
  auto call = [&](const std::string& method, const std::string& target, const std::string& body) {
    Request r = Request::from_target(target, method);
    r.body = body;
    r.headers = {{"content-type", "application/json"}, {"host", "127.0.0.1:8080"}};
    return router.handle(r).status;
  };
  EXPECT_EQ(call("POST", "/api/v1/radars", R"({"name": "zh", "description": "稀疏注意力"})"), 201);
  EXPECT_EQ(call("POST", "/api/v1/radars", R"({"name": "none"})"), 201);
  EXPECT_EQ(call("PATCH", "/api/v1/radars/zh", R"({"keywords": ["x"]})"), 200);
  EXPECT_EQ(call("PATCH", "/api/v1/radars/zh", R"({"description": "稀疏注意力"})"), 200);
  EXPECT_EQ(call("PATCH", "/api/v1/radars/zh", R"({"description": "长上下文"})"), 200);
  EXPECT_EQ(call("GET", "/api/v1/radars/zh/feed", ""), 200);
  EXPECT_EQ(handed, (std::vector<std::string>{"稀疏注意力", "长上下文"}));
}

TEST_F(RadarApiTest, OnlyTheSeedsRouteTakesUploads) {
  EXPECT_TRUE(router_.takes_upload("POST", "/api/v1/radars/lib/seeds"));
  EXPECT_TRUE(router_.takes_upload("POST", "/api/v1/radars/a/b/seeds"));
  EXPECT_FALSE(router_.takes_upload("POST", "/api/v1/radars/seeds"));
  EXPECT_FALSE(router_.takes_upload("POST", "/api/v1/radars/lib/votes"));
  EXPECT_FALSE(router_.takes_upload("GET", "/api/v1/radars/lib/seeds"));
  EXPECT_FALSE(router_.takes_upload("POST", "/api/v1/radars"));
  EXPECT_FALSE(router_.takes_upload("POST", "/radars/lib/seeds"));
}

TEST_F(RadarApiTest, OtherSitesCannotChangeRadars) {
  Response cross =
      send("POST", "/api/v1/radars", R"({"name": "x"})", {{"origin", "https://evil.example"}});
  EXPECT_EQ(cross.status, 403);
  Request form = Request::from_target("/api/v1/radars", "POST");
  form.body = R"({"name": "x"})";
  form.headers = {{"content-type", "text/plain"}, {"host", "127.0.0.1:8080"}};
  EXPECT_EQ(router_.handle(form).status, 415);
  Response same =
      send("POST", "/api/v1/radars", R"({"name": "x"})", {{"origin", "http://127.0.0.1:8080"}});
  EXPECT_EQ(same.status, 201) << same.body;
}

}  // namespace
}  // namespace ah::web
