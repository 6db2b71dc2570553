// The HTTP API end to end: `academichub serve` runs as a child process on a free loopback port
// over a database imported from the project's fixtures; real responses are checked against
// api/openapi.json, and the server's limits (request size, many kept-alive connections,
// security headers, graceful stop) are exercised over real sockets.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "tests/openapi_validator.h"
#include "tests/support/cli_runner.h"
#include "tests/support/fixtures.h"
#include "tests/support/server_process.h"
#include "web/assets.h"
#include "web/params.h"

namespace ah {
namespace {

using ah::testing::own_fixture;
using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;

// `academichub --db DB serve --listen 127.0.0.1:0 EXTRA...` in the background (see
// tests/support/server_process.h).
class ServerProcess : public ah::testing::ServerProcess {
 public:
  ServerProcess(const std::filesystem::path& db, const std::filesystem::path& dir,
                std::vector<std::string> extra = {})
      : ah::testing::ServerProcess(AH_CLI_BINARY, db, dir, std::move(extra)) {}
};

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ah::testing::TempDir();
    auto r = ah::testing::run_cli(
        AH_CLI_BINARY,
        {"--db", db().string(), "import", own_fixture("harvest").string(),
         own_fixture("arxiv").string(), own_fixture("pubmed/retracted_article.xml").string(),
         own_fixture("pubmed/harvest").string(), own_fixture("s2/batch_with_null.json").string()},
        dir_->path());
    ASSERT_NE(r.out.find("total: "), std::string::npos) << r.out << r.err;
    // The server's catalogue of sources lives here, never in the user's configuration.
    setenv("ACADEMICHUB_SOURCES_FILE", sources_file().c_str(), 1);
    server_ = new ServerProcess(db(), dir_->path(), {"--keep-alive", "2"});
    openapi_ = new ah::testing::OpenApiDocument(AH_OPENAPI_FILE);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete openapi_;
    delete dir_;
  }
  static std::filesystem::path db() { return dir_->path() / "api.db"; }
  static std::filesystem::path sources_file() { return dir_->path() / "sources.toml"; }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_connection_timeout(seconds(5));
    c.set_read_timeout(seconds(10));
    return c;
  }
  // GET `target`; expects `status` and a body valid under the document's schema for it.
  static json get_valid(const std::string& target, int status) {
    auto c = client();
    return valid(c.Get(target), "get", target, status);
  }
  // `method` (lower-case) `target` with a JSON `body` and `headers`; checked as get_valid does.
  static json send_valid(const std::string& method, const std::string& target,
                         const std::string& body, int status, httplib::Headers headers = {}) {
    auto c = client();
    httplib::Result res = method == "post"    ? c.Post(target, headers, body, "application/json")
                          : method == "patch" ? c.Patch(target, headers, body, "application/json")
                                              : c.Delete(target, headers);
    return valid(std::move(res), method, target, status);
  }
  static json valid(httplib::Result res, const std::string& method, const std::string& target,
                    int status) {
    EXPECT_TRUE(res) << method << " " << target;
    if (!res) return {};
    EXPECT_EQ(res->status, status) << method << " " << target << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << target;
    json body = json::parse(res->body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << target << ": " << res->body;
    const std::string path = target.substr(0, target.find('?'));
    const json* schema = openapi_->response_schema(path, res->status, method);
    EXPECT_NE(schema, nullptr) << "api/openapi.json does not describe " << res->status << " of "
                               << path;
    if (schema) {
      for (const std::string& p : openapi_->validate(body, *schema)) {
        ADD_FAILURE() << target << ": " << p;
      }
    }
    return body;
  }

  static inline ah::testing::TempDir* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline ah::testing::OpenApiDocument* openapi_ = nullptr;
};

TEST_F(Api, PrintsItsAddressFirst) {
  EXPECT_TRUE(server_->first_line().starts_with("academichub: serving http://127.0.0.1:"))
      << server_->first_line();
}

// `n` values "prefix0", "prefix1", ... joined by `sep`.
std::string many(std::string_view prefix, int n, std::string_view sep) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += (i ? std::string(sep) : std::string()) + std::string(prefix) + std::to_string(i);
  }
  return out;
}

TEST_F(Api, EveryAnswerFollowsTheOpenApiDocument) {
  struct Case {
    std::string target;
    int status;
  };
  const std::vector<Case> cases = {
      {"/api/v1/health", 200},
      {"/api/v1/feed", 200},
      {"/api/v1/feed?limit=2&category=cs&source=arxiv&since=2024-01-01&until=2024-12-31", 200},
      {"/api/v1/feed?author=Simeng+Zhang&author=Ada+Lovelace&keyword=attention&exclude=zzz", 200},
      {"/api/v1/feed?venue=Phys", 200},
      {"/api/v1/feed?limit=0", 400},
      {"/api/v1/feed?since=2024-13-01", 400},
      {"/api/v1/feed?cursor=bogus", 400},
      {"/api/v1/search?q=attention", 200},
      {"/api/v1/search?q=attention&sort=newest&limit=1", 200},
      {"/api/v1/search?q=%22unclosed", 400},
      {"/api/v1/search", 400},
      {"/api/v1/search?q=%E2%80%94", 400},
      {"/api/v1/search?q=attention%20%E2%80%94%20sparse", 200},
      {"/api/v1/search?q=" + many("w", 40, "%20"), 400},
      {"/api/v1/feed?" + many("author=a", 21, "&"), 400},
      {"/api/v1/papers/2403.00011", 200},
      {"/api/v1/papers/2403.00011v1", 200},
      {"/api/v1/papers/2403.99999", 404},
      {"/api/v1/papers/nonsense", 400},
      {"/api/v1/suggest?kind=author&prefix=sim", 200},
      {"/api/v1/suggest?kind=category&prefix=cs", 200},
      {"/api/v1/suggest?kind=venue&prefix=phys", 200},
      {"/api/v1/suggest?kind=people", 400},
      {"/api/v1/stats", 200},
      {"/api/v1/sources", 200},
      {"/api/v1/sources/arxiv", 200},
      {"/api/v1/sources/no-such-source", 404},
  };
  for (const Case& c : cases) get_valid(c.target, c.status);
}

// The catalogue over HTTP: every source of the default with its status, and the edits a local
// operator makes, each answer valid under the document; the file keeps its comments.
TEST_F(Api, SourcesAreListedAndALocalOperatorEditsThem) {
  json list = get_valid("/api/v1/sources", 200);
  EXPECT_GE(list["sources"].size(), 60u);
  EXPECT_EQ(list["writable"], true) << "the test connects over loopback";
  EXPECT_EQ(list["harvesting"], false);
  EXPECT_EQ(list["summary"]["total"], list["sources"].size());
  for (const json& s : list["sources"]) {
    // Every kind has its harvester in this binary: a source is waiting for its first run.
    EXPECT_EQ(s["status"]["health"], s["enabled"] == true ? "pending" : "disabled") << s.dump();
  }

  const std::string entry =
      R"({"name": "api-test.feed", "kind": "feed", "every": "2h",
          "url": "https://journal.example.org/toc.xml", "venue": "Journal of Tests"})";
  json added = send_valid("post", "/api/v1/sources", entry, 201);
  EXPECT_EQ(added["source"]["host"], "journal.example.org");
  send_valid("post", "/api/v1/sources", entry, 409);
  send_valid("post", "/api/v1/sources", R"({"name": "x", "kind": "crossref", "issns": ["1"]})",
             400);
  json off = send_valid("patch", "/api/v1/sources/api-test.feed", R"({"enabled": false})", 200);
  EXPECT_EQ(off["source"]["status"]["health"], "disabled");
  send_valid("patch", "/api/v1/sources/api-test.feed", R"({"venue": "x"})", 400);
  send_valid("patch", "/api/v1/sources/nope", R"({"enabled": true})", 404);
  EXPECT_EQ(get_valid("/api/v1/sources/api-test.feed", 200)["source"]["enabled"], false);
  const std::string text = ah::testing::read_file(sources_file());
  EXPECT_NE(text.find("# AcademicHub's sources"), std::string::npos) << "comments kept";
  EXPECT_NE(text.find("name = \"api-test.feed\""), std::string::npos);
  EXPECT_EQ(send_valid("delete", "/api/v1/sources/api-test.feed", "", 200)["removed"],
            "api-test.feed");
  send_valid("delete", "/api/v1/sources/api-test.feed", "", 404);
}

// The rules that keep other sites and proxies from editing sources, over a real socket (the
// address rule itself is tested in src/web/access_test.cpp: every test here connects from
// loopback).
TEST_F(Api, SourceEditsAreRefusedThroughProxiesAndFromOtherOrigins) {
  const std::string entry = R"({"name": "refused", "kind": "pubmed", "term": "t"})";
  send_valid("post", "/api/v1/sources", entry, 403, {{"X-Forwarded-For", "203.0.113.5"}});
  send_valid("post", "/api/v1/sources", entry, 403, {{"Origin", "https://evil.example"}});
  send_valid("delete", "/api/v1/sources/arxiv", "", 403, {{"Host", "evil.example"}});
  auto c = client();
  auto form = c.Post("/api/v1/sources", entry, "text/plain");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
  auto put = c.Put("/api/v1/sources", entry, "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  EXPECT_EQ(put->get_header_value("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(get_valid("/api/v1/sources/refused", 404)["error"]["code"], "not_found");
}

// The radars over HTTP, every answer valid under the document: made, fed, voted, seen, changed,
// deleted; and the people behind an author's name.
TEST_F(Api, RadarsFollowTheOpenApiDocument) {
  json made = send_valid(
      "post", "/api/v1/radars",
      R"({"name": "api-radar", "keywords": ["attention"], "seeds": ["2403.00011"]})", 201);
  EXPECT_EQ(made["radar"]["seeds"][0]["id"], "2403.00011");
  send_valid("post", "/api/v1/radars", R"({"name": "api-radar"})", 409);
  send_valid("post", "/api/v1/radars", R"({"name": "x", "seeds": ["2403.99999"]})", 400);
  send_valid("post", "/api/v1/radars", R"({"name": "x"})", 403,
             {{"Origin", "https://evil.example"}});
  get_valid("/api/v1/radars", 200);
  get_valid("/api/v1/radars/api-radar", 200);
  get_valid("/api/v1/radars/nope", 404);
  json feed = get_valid("/api/v1/radars/api-radar/feed?limit=5", 200);
  for (const json& p : feed["papers"]) EXPECT_NE(p["id"], "2403.00011") << "the seed";
  if (!feed["next_cursor"].is_null()) {
    get_valid("/api/v1/radars/api-radar/feed?limit=5&cursor=" +
                  feed["next_cursor"].get<std::string>(),
              200);
  }
  get_valid("/api/v1/radars/api-radar/feed?view=today&limit=1000", 200);
  get_valid("/api/v1/radars/api-radar/feed?limit=1001", 400);
  get_valid("/api/v1/radars/api-radar/feed?view=month", 400);
  json voted = send_valid("post", "/api/v1/radars/api-radar/votes",
                          R"({"paper": "pmid:39100001", "vote": "up"})", 200);
  EXPECT_EQ(voted["vote"], "up");
  EXPECT_TRUE(voted["retrain_ms"].is_number());
  send_valid("post", "/api/v1/radars/api-radar/votes", R"({"paper": "x", "vote": "up"})", 400);
  EXPECT_EQ(get_valid("/api/v1/radars/api-radar/votes", 200)["votes"].size(), 1u);
  send_valid("post", "/api/v1/radars/api-radar/seen",
             R"({"papers": ["2403.00011"], "state": "read"})", 200);
  json imported = send_valid(
      "post", "/api/v1/radars/api-radar/seeds",
      json{{"file", "lib.ris"}, {"text", "TY  - JOUR\nTI  - Not here\nPY  - 1901\nER  - \n"}}.dump(),
      200);
  EXPECT_EQ(imported["references"], 1);
  EXPECT_EQ(imported["added"], 0);
  send_valid("post", "/api/v1/radars/api-radar/seeds",
             json{{"file", "lib.ris"}, {"text", "nothing"}}.dump(), 400);
  json changed =
      send_valid("patch", "/api/v1/radars/api-radar", R"({"excludes": ["survey"]})", 200);
  EXPECT_EQ(changed["radar"]["excludes"], json::array({"survey"}));
  get_valid("/api/v1/authors?name=Simeng+Zhang", 200);
  get_valid("/api/v1/authors", 400);
  send_valid("delete", "/api/v1/radars/api-radar", "", 200);
  send_valid("delete", "/api/v1/radars/api-radar", "", 404);
}

TEST_F(Api, EveryPathOfTheDocumentIsServed) {
  std::set<std::string> served;
  for (const char* target :
       {"/api/v1/health", "/api/v1/feed", "/api/v1/search?q=x", "/api/v1/papers/2403.00011",
        "/api/v1/suggest?kind=author", "/api/v1/stats", "/api/v1/sources", "/api/v1/sources/arxiv",
        "/api/v1/radars", "/api/v1/radars/x", "/api/v1/radars/x/feed", "/api/v1/radars/x/votes",
        "/api/v1/radars/x/seen", "/api/v1/radars/x/seeds", "/api/v1/authors?name=x", "/", "/boot.js", "/assets/x.js",
        // Exercised against a fake LLM in tests/briefings_api_test.cpp and notes_api_test.cpp.
        "/api/v1/briefings", "/api/v1/briefings/x", "/api/v1/papers/x/tldr",
        "/api/v1/papers/x/translation"}) {
    std::string path(target);
    served.insert(openapi_->match_path(path.substr(0, path.find('?'))));
  }
  for (const auto& [path, item] : openapi_->raw()["paths"].items()) {
    EXPECT_TRUE(served.contains(path)) << path << " is documented but not exercised here";
  }
  EXPECT_FALSE(served.contains(""));
}

// This server has no LLM: a paper's notes say so, as the document describes.
TEST_F(Api, WithoutAnLlmAPapersNotesSaySo) {
  for (const std::string note : {"tldr?lang=zh", "translation"}) {
    const json post = send_valid("post", "/api/v1/papers/2403.00011/" + note, "{}", 503);
    EXPECT_EQ(post["error"]["code"], "llm_unavailable");
    const json get = get_valid("/api/v1/papers/2403.00011/" + note, 404);
    EXPECT_EQ(get["error"]["code"], "not_found");
  }
}

// The log keeps the names of the parameters the API reads (web/params.h) and hides others: every
// query parameter the document describes must be one of them, or its name would be hidden.
TEST_F(Api, TheLogKnowsEveryDocumentedQueryParameter) {
  std::set<std::string> documented;
  auto collect = [&](const json& parameter) {
    if (parameter.value("in", "") == "query") documented.insert(parameter["name"]);
  };
  for (const auto& [name, parameter] : openapi_->raw()["components"]["parameters"].items()) {
    collect(parameter);
  }
  for (const auto& [path, item] : openapi_->raw()["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      for (const json& parameter : operation.value("parameters", json::array())) {
        if (!parameter.contains("$ref")) collect(parameter);
      }
    }
  }
  EXPECT_GT(documented.size(), 10u);
  for (const std::string& name : documented) {
    EXPECT_NE(std::find(std::begin(web::kParameterNames), std::end(web::kParameterNames), name),
              std::end(web::kParameterNames))
        << name << " is documented but web::kParameterNames does not list it";
  }
}

TEST_F(Api, TheFeedPagesThroughEveryPaperOnce) {
  std::vector<std::string> ids;
  std::string cursor;
  for (int i = 0; i < 100; ++i) {
    json page =
        get_valid("/api/v1/feed?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor), 200);
    for (const json& p : page["papers"]) ids.push_back(p["id"]);
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
  }
  json stats = get_valid("/api/v1/stats", 200);
  EXPECT_EQ(static_cast<std::int64_t>(ids.size()), stats["papers"].get<std::int64_t>());
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "a paper repeated";
}

TEST_F(Api, APaperIsTheSameBytesAsTheCommandLinePrints) {
  for (const char* id : {"2403.00011", "2403.00011v1"}) {
    auto cli = ah::testing::run_cli(AH_CLI_BINARY, {"--db", db().string(), "show", id, "--json"},
                                    dir_->path());
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    auto c = client();
    auto res = c.Get(std::string("/api/v1/papers/") + id);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->body + "\n", cli.out);
  }
  // And the same objects inside a feed page.
  json page = get_valid("/api/v1/feed?limit=100", 200);
  for (const json& p : page["papers"]) {
    auto cli = ah::testing::run_cli(
        AH_CLI_BINARY, {"--db", db().string(), "show", p["id"].get<std::string>(), "--json"},
        dir_->path());
    ASSERT_EQ(cli.exit_code, 0) << p["id"] << cli.err;
    EXPECT_EQ(p, json::parse(cli.out)) << p["id"];
  }
}

// A paper merged from a PubMed and a Semantic Scholar record (the import above) is one object, the
// same bytes as `show --json`, whichever of its identifiers names it.
TEST_F(Api, AMergedPaperIsFoundByAnyOfItsIdentifiers) {
  const json paper = get_valid("/api/v1/papers/pmid:39000001", 200);
  ASSERT_EQ(paper["records"].size(), 2u) << paper.dump();
  auto cli = ah::testing::run_cli(
      AH_CLI_BINARY, {"--db", db().string(), "show", "pmid:39000001", "--json"}, dir_->path());
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(paper, json::parse(cli.out));
  const std::vector<std::string> ids{"10.5555/Example.2024.1", "doi:10.5555%2Fexample.2024.1",
                                     "s2:a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
                                     "ah:" + paper["paper_id"].dump()};
  for (const std::string& id : ids) {
    SCOPED_TRACE(id);
    EXPECT_EQ(get_valid("/api/v1/papers/" + id, 200), paper);
  }
  EXPECT_EQ(get_valid("/api/v1/papers/pmid:1", 404)["error"]["code"], "not_found");
}

TEST_F(Api, BadParametersAreNamed) {
  for (auto [target, name] : {std::pair{"/api/v1/feed?limit=1000", "limit"},
                              std::pair{"/api/v1/feed?until=June", "until"},
                              std::pair{"/api/v1/search?q=a&sort=best", "sort"},
                              std::pair{"/api/v1/suggest?kind=author&limit=x", "limit"}}) {
    json body = get_valid(target, 400);
    EXPECT_EQ(body["error"]["code"], "invalid_argument");
    EXPECT_TRUE(body["error"]["message"].get<std::string>().starts_with(std::string(name) + ":"))
        << body;
  }
}

TEST_F(Api, EveryResponseCarriesTheSecurityHeaders) {
  auto c = client();
  std::vector<httplib::Result> results;
  results.push_back(c.Get("/"));
  results.push_back(c.Get("/?author=Simeng%20Zhang"));
  results.push_back(c.Get("/boot.js"));
  results.push_back(c.Get("/api/v1/feed"));
  results.push_back(c.Get("/api/v1/feed?limit=-1"));
  results.push_back(c.Get("/api/v1/none"));
  results.push_back(c.Get("/nothing-here"));
  results.push_back(c.Post("/api/v1/feed", "{}", "application/json"));
  results.push_back(c.Post("/api/v1/feed", std::string(200 * 1024, 'x'), "text/plain"));
  for (const auto& res : results) {
    ASSERT_TRUE(res);
    const std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << res->status;
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << res->status;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << res->status;
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer") << res->status;
  }
}

TEST_F(Api, OversizedOrOtherRequestsAreRefusedWithJson) {
  auto c = client();
  auto big = c.Post("/api/v1/feed", std::string(200 * 1024, 'x'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(json::parse(big->body)["error"]["code"], "payload_too_large");
  auto c2 = client();
  auto long_uri = c2.Get("/api/v1/feed?author=" + std::string(20000, 'a'));
  ASSERT_TRUE(long_uri);
  EXPECT_EQ(long_uri->status, 414);
  EXPECT_EQ(json::parse(long_uri->body)["error"]["code"], "uri_too_long");
  auto c3 = client();
  auto post = c3.Post("/api/v1/feed", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  auto head = c3.Head("/api/v1/health");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
}

TEST_F(Api, ErrorsRevealNoPathsOrInternals) {
  auto c = client();
  for (const char* target : {"/api/v1/papers/nonsense", "/api/v1/papers/2403.99999",
                             "/api/v1/search?q=%22x", "/api/v1/none", "/api/v1/feed?cursor=%00"}) {
    auto res = c.Get(target);
    ASSERT_TRUE(res) << target;
    EXPECT_GE(res->status, 400);
    for (const std::string& leak :
         {db().string(), dir_->path().string(), std::string(".cpp"), std::string("std::"),
          std::string("sqlite"), std::string("Traceback")}) {
      EXPECT_EQ(res->body.find(leak), std::string::npos) << target << " leaks " << leak;
    }
  }
}

TEST_F(Api, ThePageAndItsFilesHaveTheirTypesAndCaching) {
  auto c = client();
  auto page = c.Get("/?q=attention");
  ASSERT_TRUE(page);
  const auto assets = web::embedded_assets();
  if (assets.empty()) {
    EXPECT_EQ(page->status, 503);
    EXPECT_NE(page->body.find("npm run build"), std::string::npos);
    GTEST_SKIP() << "web/dist was not built: only the 503 page is checked";
  }
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page->get_header_value("Cache-Control"), "no-cache");
  // Compressed with gzip even for browsers that offer brotli (httplib's brotli takes a quarter of
  // a second for KaTeX's script).
  httplib::Client raw("127.0.0.1", server_->port());
  raw.set_decompress(false);
  auto zipped = raw.Get("/", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(zipped);
  EXPECT_EQ(zipped->get_header_value("Content-Encoding"), "gzip");
  for (const web::Asset& a : assets) {
    if (!a.path.starts_with("/assets/")) continue;
    auto res = c.Get(std::string(a.path));
    ASSERT_TRUE(res) << a.path;
    EXPECT_EQ(res->status, 200) << a.path;
    EXPECT_EQ(res->get_header_value("Content-Type"), a.content_type) << a.path;
    EXPECT_EQ(res->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(res->body, a.body) << a.path;
    if (a.path.ends_with(".woff2")) {
      EXPECT_EQ(a.content_type, "font/woff2");
    }
  }
}

// httplib gives every open connection a worker until it closes: with too few workers, 64
// kept-alive clients would wait for each other's idle timeouts (seconds each).
TEST_F(Api, SixtyFourKeptAliveConnectionsAreServedAtOnce) {
  constexpr int kClients = 64, kRequests = 10;
  std::atomic<int> ok{0}, ready{0};
  const auto start = steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", server_->port());
      c.set_keep_alive(true);
      c.set_read_timeout(seconds(20));
      for (int r = 0; r < kRequests; ++r) {
        auto res = c.Get("/api/v1/feed?limit=2&category=cs");
        if (res && res->status == 200) ++ok;
        if (r == 0) {  // every client holds its connection open before going on
          ++ready;
          while (ready < kClients && steady_clock::now() - start < seconds(20)) {
            std::this_thread::sleep_for(milliseconds(1));
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, kClients * kRequests);
  EXPECT_LT(steady_clock::now() - start, seconds(4)) << "connections waited for one another";
}

TEST(ApiServer, StopsGracefullyOnSigtermWithAConnectionOpen) {
  ah::testing::TempDir dir;
  ServerProcess server(dir.path() / "empty.db", dir.path(), {"--keep-alive", "1"});
  httplib::Client c("127.0.0.1", server.port());
  c.set_keep_alive(true);
  auto res = c.Get("/api/v1/feed");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body), json::parse(R"({"papers": [], "next_cursor": null})"));
  kill(server.pid(), SIGTERM);
  EXPECT_EQ(server.wait_exit(seconds(5)), 0) << server.err();
  EXPECT_NE(server.err().find("stopped on signal"), std::string::npos) << server.err();
  // One log line per request, the query redacted.
  EXPECT_NE(server.err().find("GET /api/v1/feed 200"), std::string::npos) << server.err();
}

TEST(ApiServer, RefusesABadListenAddress) {
  ah::testing::TempDir dir;
  auto r = ah::testing::run_cli(
      AH_CLI_BINARY, {"--db", (dir.path() / "x.db").string(), "serve", "--listen", "nowhere"},
      dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--listen"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ah
