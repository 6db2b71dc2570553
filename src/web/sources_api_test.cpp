// /api/v1/sources through the route table, without a socket: the catalogue in a temporary file,
// coverage in a real store, the access rule on the write routes.
#include "web/sources_api.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "tests/support/fixtures.h"
#include "web/routes.h"

namespace ah::web {
namespace {

using nlohmann::json;

class SourcesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::open_sqlite(db()).has_value());
    options_.changed = [this] { ++changes_; };
    options_.unavailable = [](catalogue::Kind k) {
      return k == catalogue::Kind::arxiv ? "" : "not built here";
    };
  }
  std::filesystem::path db() const { return dir_.path() / "papers.db"; }
  // Who may edit, as `serve --source-edits` sets it: for the routes and for GET's "writable".
  // The next call builds the router and the handlers again with it.
  void allow_edits(SourceEdits edits) {
    edits_ = edits;
    options_.edits = edits;
    router_.reset();
    sources_.reset();
  }

  Router& router() {
    if (!router_) {
      sources_ = std::make_unique<SourcesApi>(file_, pool_, options_);
      router_ = std::make_unique<Router>(api_, *sources_, std::span<const Asset>(),
                                         RouterOptions{edits_});
    }
    return *router_;
  }

  Response call(const std::string& method, const std::string& target, std::string body = "",
                std::string peer = "127.0.0.1") {
    Request r = Request::from_target(target, method);
    r.peer = std::move(peer);
    r.body = std::move(body);
    if (!r.body.empty()) r.headers.emplace_back("content-type", "application/json");
    return router().handle(r);
  }

  void save_coverage(const std::string& name, const coverage::Coverage& c) {
    auto store = store::open_sqlite(db());
    ASSERT_TRUE(store);
    ASSERT_TRUE(coverage::save(**store, name, c));
  }

  ah::testing::TempDir dir_;
  catalogue::CatalogueFile file_{dir_.path() / "conf" / "sources.toml"};
  StorePool pool_{[this] {
                    store::SqliteOptions o;
                    o.read_only = true;
                    return store::open_sqlite(db(), o);
                  },
                  2};
  Api api_{pool_, ApiOptions{}};
  SourcesApiOptions options_;
  SourceEdits edits_ = SourceEdits::loopback;
  std::atomic<int> changes_{0};
  std::unique_ptr<SourcesApi> sources_;
  std::unique_ptr<Router> router_;
};

TEST_F(SourcesApiTest, ListsTheDefaultCatalogueWithStatusesWithoutWritingIt) {
  coverage::Coverage c;
  const auto t = *core::parse_utc_time("2026-03-02T06:00:00Z");
  coverage::record_start(c, t);
  coverage::RunOutcome o;
  o.records = 7;
  o.requests = 1;
  o.complete = true;
  coverage::record_finish(c, o, t, t + std::chrono::minutes(1));
  save_coverage("arxiv", c);

  Response r = call("GET", "/api/v1/sources");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  json body = json::parse(r.body);
  EXPECT_FALSE(std::filesystem::exists(file_.path())) << "reading writes nothing";
  EXPECT_GE(body["sources"].size(), 60u);
  EXPECT_EQ(body["writable"], true);
  EXPECT_EQ(body["harvesting"], false);
  EXPECT_TRUE(body["catalogue_error"].is_null());
  json arxiv, nature;
  for (const json& s : body["sources"]) {
    if (s["name"] == "arxiv") arxiv = s;
    if (s["name"] == "nature.crossref") nature = s;
  }
  ASSERT_TRUE(arxiv.is_object());
  EXPECT_EQ(arxiv["status"]["health"], "ok");
  EXPECT_EQ(arxiv["status"]["last_run"]["records"], 7);
  EXPECT_EQ(arxiv["status"]["last_success"], "2026-03-02T06:01:00Z");
  EXPECT_EQ(nature["status"]["health"], "unavailable");
  EXPECT_EQ(nature["status"]["reason"], "not built here");
  EXPECT_EQ(nature["issns"], json({"0028-0836", "1476-4687"}));

  Response far = call("GET", "/api/v1/sources", "", "203.0.113.9");
  EXPECT_EQ(json::parse(far.body)["writable"], false);
  EXPECT_EQ(call("HEAD", "/api/v1/sources").status, 200);
}

TEST_F(SourcesApiTest, ShowsWhatTheSchedulerSays) {
  options_.live = [] {
    std::map<std::string, coverage::Live> m;
    m["arxiv"].running = true;
    m["arxiv"].next_due = *core::parse_utc_time("2026-03-03T05:30:00Z");
    m["biorxiv"].unavailable = "the biorxiv harvester is not built in this binary yet";
    return m;
  };
  json body = json::parse(call("GET", "/api/v1/sources").body);
  EXPECT_EQ(body["harvesting"], true);
  EXPECT_EQ(body["summary"]["running"], 1);
  for (const json& s : body["sources"]) {
    if (s["name"] == "arxiv") {
      EXPECT_EQ(s["status"]["running"], true);
      EXPECT_EQ(s["status"]["next_due"], "2026-03-03T05:30:00Z");
    }
    if (s["name"] == "biorxiv") {
      EXPECT_EQ(s["status"]["health"], "unavailable");
    }
  }
}

TEST_F(SourcesApiTest, AddsChangesAndRemovesSourcesFromLoopback) {
  // Every kind harvestable, as in the built-in factory (sched::builtin_harvesters).
  options_.unavailable = [](catalogue::Kind) { return std::string(); };
  const std::string entry =
      R"({"name": "my-feed", "kind": "feed", "title": "Mine", "every": "2h",
          "url": "https://journal.example.org/toc.xml", "venue": "Journal of Examples"})";
  Response added = call("POST", "/api/v1/sources", entry);
  ASSERT_EQ(added.status, 201) << added.body;
  json a = json::parse(added.body);
  EXPECT_EQ(a["source"]["name"], "my-feed");
  EXPECT_EQ(a["source"]["every"], "2h");
  EXPECT_EQ(a["source"]["host"], "journal.example.org");
  EXPECT_EQ(a["source"]["status"]["health"], "pending");
  EXPECT_EQ(a["file_rewritten"], false);
  EXPECT_EQ(changes_, 1);
  const std::string text = ah::testing::read_file(file_.path());
  EXPECT_NE(text.find("# AcademicHub's sources"), std::string::npos) << "default comments kept";
  EXPECT_NE(text.find("name = \"my-feed\""), std::string::npos);

  Response again = call("POST", "/api/v1/sources", entry);
  EXPECT_EQ(again.status, 409);
  Response bad = call("POST", "/api/v1/sources",
                      R"({"name": "x", "kind": "crossref", "issns": ["0028-0837"]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(json::parse(bad.body)["error"]["message"].get<std::string>().find("key 'issns'"),
            std::string::npos);

  Response off = call("PATCH", "/api/v1/sources/my-feed", R"({"enabled": false})");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(json::parse(off.body)["source"]["enabled"], false);
  EXPECT_EQ(json::parse(off.body)["source"]["status"]["health"], "disabled");
  EXPECT_EQ(call("PATCH", "/api/v1/sources/my-feed", R"({"title": "x"})").status, 400);
  EXPECT_EQ(call("PATCH", "/api/v1/sources/my-feed", R"({"enabled": "no"})").status, 400);
  EXPECT_EQ(call("PATCH", "/api/v1/sources/nope", R"({"enabled": true})").status, 404);

  Response one = call("GET", "/api/v1/sources/my-feed");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(json::parse(one.body)["source"]["title"], "Mine");
  EXPECT_EQ(call("GET", "/api/v1/sources/nope").status, 404);

  Response removed = call("DELETE", "/api/v1/sources/my-feed");
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(json::parse(removed.body)["removed"], "my-feed");
  EXPECT_EQ(call("DELETE", "/api/v1/sources/my-feed").status, 404);
  EXPECT_EQ(call("GET", "/api/v1/sources/my-feed").status, 404);
  EXPECT_EQ(changes_, 3);
}

TEST_F(SourcesApiTest, WritesAreRefusedFromElsewhereAndWhenOff) {
  const std::string entry = R"({"name": "x", "kind": "pubmed", "term": "t"})";
  EXPECT_EQ(call("POST", "/api/v1/sources", entry, "192.0.2.7").status, 403);
  EXPECT_EQ(call("DELETE", "/api/v1/sources/arxiv", "", "192.0.2.7").status, 403);
  EXPECT_EQ(call("PATCH", "/api/v1/sources/arxiv", R"({"enabled": false})", "192.0.2.7").status,
            403);
  EXPECT_FALSE(std::filesystem::exists(file_.path()));
  EXPECT_EQ(changes_, 0);

  allow_edits(SourceEdits::off);
  EXPECT_EQ(call("POST", "/api/v1/sources", entry).status, 403);
  EXPECT_EQ(call("PATCH", "/api/v1/sources/arxiv", R"({"enabled": false})").status, 403);
  EXPECT_EQ(call("DELETE", "/api/v1/sources/arxiv").status, 403);
  EXPECT_EQ(json::parse(call("GET", "/api/v1/sources").body)["writable"], false);
  EXPECT_FALSE(std::filesystem::exists(file_.path()));
  EXPECT_EQ(changes_, 0);
}

TEST_F(SourcesApiTest, MethodsTheRoutesDoNotTakeGet405WithAllow) {
  Response put = call("PUT", "/api/v1/sources", "{}");
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.header("Allow"), "GET, HEAD, POST");
  Response post = call("POST", "/api/v1/sources/arxiv", "{}");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.header("Allow"), "GET, HEAD, PATCH, DELETE");
  EXPECT_EQ(call("POST", "/api/v1/feed", "{}").header("Allow"), "GET, HEAD");
}

TEST_F(SourcesApiTest, AnInvalidFileIsReportedByNameWithTheLastGoodSources) {
  ASSERT_TRUE(file_.ensure_exists());
  ASSERT_EQ(call("GET", "/api/v1/sources").status, 200);
  std::ofstream(file_.path(), std::ios::app) << "\n[[source]]\nname = \"broken\"\n";
  Response r = call("GET", "/api/v1/sources");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = json::parse(r.body);
  const std::string error = body["catalogue_error"];
  EXPECT_NE(error.find("sources.toml:"), std::string::npos) << error;
  EXPECT_NE(error.find("source 'broken': key 'kind': missing"), std::string::npos) << error;
  EXPECT_EQ(error.find(dir_.path().string()), std::string::npos) << "no directory: " << error;
  EXPECT_GE(body["sources"].size(), 60u);
}

TEST_F(SourcesApiTest, WithoutSourcesTheRoutesAre404) {
  Router plain(api_, {});
  EXPECT_EQ(plain.handle(Request::from_target("/api/v1/sources")).status, 404);
}

}  // namespace
}  // namespace ah::web
