// The API handlers without a socket: a Request in, a Response out, over a real SQLite store.
#include "web/api.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "json/paper_json.h"
#include "tests/support/fixtures.h"
#include "web/cursor.h"
#include "web/routes.h"

namespace ah::web {
namespace {

using nlohmann::json;

store::SqliteOptions read_only() {
  store::SqliteOptions o;
  o.read_only = true;
  return o;
}

core::Paper paper(int n, std::string date, std::vector<std::string> authors,
                  std::vector<std::string> categories, std::string title,
                  std::string journal_ref = "") {
  core::Paper p;
  p.arxiv_id = "2606." + std::string(5 - std::to_string(n).size(), '0') + std::to_string(n);
  p.version = 2;
  p.title = p.title_display = std::move(title);
  p.abstract = p.abstract_display = "We study sparse attention in $\\alpha$-models.";
  for (std::string& a : authors) p.authors.push_back({std::move(a), ""});
  p.categories = std::move(categories);
  p.published = date + "T00:00:00Z";
  p.journal_ref = std::move(journal_ref);
  p.source = n % 2 ? core::source::kArxivOai : core::source::kArxivRss;
  p.abs_url = "https://arxiv.org/abs/" + p.arxiv_id;
  if (n == 3) p.doi = "10.1000/xyz.3";
  return p;
}

// Papers 1..12, paper n published on 2026-06-n (newest: 12).
std::vector<core::Paper> corpus() {
  std::vector<core::Paper> out;
  for (int n = 1; n <= 12; ++n) {
    const std::string day = "2026-06-" + std::string(n < 10 ? "0" : "") + std::to_string(n);
    std::vector<std::string> authors = {n % 3 == 0 ? "Simeng Zhang" : "Wei Liu"};
    if (n % 4 == 0) authors.push_back("Ana Lee");
    out.push_back(paper(n, day, authors, {n % 2 ? "cs.CL" : "math.AG", "cs.LG"},
                        n == 5 ? "Diffusion for text" : "Paper number " + std::to_string(n),
                        n == 7 ? "Phys. Rev. D 76, 013009 (2007)" : ""));
  }
  return out;
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite(db());
    ASSERT_TRUE(s.has_value()) << s.error().message;
    const std::vector<core::Paper> papers = corpus();
    const std::vector<store::StateEntry> state = {{"arxiv-rss:cs.CL", "x"}};
    ASSERT_TRUE((*s)->upsert(papers, state).has_value());
  }
  std::filesystem::path db() const { return dir_.path() / "papers.db"; }

  // GET target through the router; the body parsed as JSON.
  json get(const std::string& target, int expected_status = 200) {
    Response r = router_.handle(Request::from_target(target));
    EXPECT_EQ(r.status, expected_status) << target << ": " << r.body;
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8") << target;
    auto body = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << r.body;
    return body;
  }
  static std::vector<std::string> ids(const json& page) {
    std::vector<std::string> out;
    for (const json& p : page["papers"]) out.push_back(p["id"].get<std::string>().substr(5));
    return out;
  }
  // Follows next_cursor to the end, collecting ids.
  std::vector<std::string> walk(const std::string& target) {
    std::vector<std::string> all;
    std::string cursor;
    for (int i = 0; i < 50; ++i) {
      json page = get(target + (cursor.empty() ? "" : "&cursor=" + cursor));
      for (const std::string& id : ids(page)) all.push_back(id);
      if (page["next_cursor"].is_null()) break;
      cursor = page["next_cursor"].get<std::string>();
    }
    return all;
  }

  ah::testing::TempDir dir_;
  StorePool pool_{[this] { return store::open_sqlite(db(), read_only()); }, 4};
  Api api_{pool_, ApiOptions{}};
  Router router_{api_, {}};
};

TEST_F(ApiTest, HealthSaysOk) { EXPECT_EQ(get("/api/v1/health"), json({{"status", "ok"}})); }

TEST_F(ApiTest, FeedIsNewestFirstWithPapersAsTheCliPrintsThem) {
  json page = get("/api/v1/feed?limit=3");
  EXPECT_EQ(ids(page), (std::vector<std::string>{"00012", "00011", "00010"}));
  ASSERT_TRUE(page["next_cursor"].is_string());
  EXPECT_FALSE(page.contains("total"));
  auto stored = store::open_sqlite(db());
  ASSERT_TRUE(stored.has_value());
  auto p12 = (*stored)->get("2606.00012");
  ASSERT_TRUE(p12.has_value() && p12->has_value());
  EXPECT_EQ(page["papers"][0], ah::json::to_json(**p12));
}

TEST_F(ApiTest, FeedCursorWalksEveryPaperOnceThenEnds) {
  std::vector<std::string> all = walk("/api/v1/feed?limit=5");
  EXPECT_EQ(all.size(), 12u);
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), 12u);
  EXPECT_EQ(all.front(), "00012");
  EXPECT_EQ(all.back(), "00001");
  // Exactly a multiple of the page: the last full page already says there is no more.
  json whole = get("/api/v1/feed?limit=12");
  EXPECT_TRUE(whole["next_cursor"].is_null());
}

TEST_F(ApiTest, FeedFiltersOrWithinAKindAndAcrossKinds) {
  struct Case {
    const char* query;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"author=Simeng+Zhang", {"00012", "00009", "00006", "00003"}},
      {"author=Simeng+Zhang&author=Ana+Lee",
       {"00012", "00009", "00008", "00006", "00004", "00003"}},
      {"author=Ana+Lee&category=cs.CL", {}},
      {"author=Ana+Lee&category=math", {"00012", "00008", "00004"}},
      {"keyword=diffusion", {"00005"}},
      {"keyword=diffusion&keyword=%22number+1%22", {"00005", "00001"}},
      {"exclude=number", {"00005"}},
      {"exclude=diffusion&since=2026-06-04&until=2026-06-06", {"00006", "00004"}},
      {"category=cs.CL&source=arxiv-oai&until=2026-06-05", {"00005", "00003", "00001"}},
      {"source=arxiv-rss&since=2026-06-10", {"00012", "00010"}},
      {"source=arxiv&since=2026-06-11", {"00012", "00011"}},
      {"venue=phys.+rev.", {"00007"}},
      {"venue=nature", {}},
  };
  for (const Case& c : cases) {
    json page = get(std::string("/api/v1/feed?limit=50&") + c.query);
    EXPECT_EQ(ids(page), c.expected) << c.query;
    EXPECT_TRUE(page["next_cursor"].is_null()) << c.query;
  }
}

TEST_F(ApiTest, BadParametersGet400NamingTheParameter) {
  struct Case {
    std::string target;
    std::string parameter;
  };
  for (const Case& c :
       {Case{"/api/v1/feed?limit=0", "limit"}, Case{"/api/v1/feed?limit=101", "limit"},
        Case{"/api/v1/feed?since=2026-6-1", "since"}, Case{"/api/v1/feed?until=soon", "until"},
        Case{"/api/v1/feed?cursor=nonsense", "cursor"},
        Case{"/api/v1/search?q=x&cursor=" + encode_cursor({Cursor::Kind::keyset, 1}), "cursor"},
        Case{"/api/v1/search", "q"}, Case{"/api/v1/search?q=%22unclosed", "q"},
        Case{"/api/v1/search?q=x&sort=oldest", "sort"}, Case{"/api/v1/suggest?prefix=a", "kind"},
        Case{"/api/v1/suggest?kind=journal", "kind"},
        Case{"/api/v1/suggest?kind=author&limit=51", "limit"},
        Case{"/api/v1/papers/not-an-id", "id"}}) {
    json body = get(c.target, 400);
    EXPECT_EQ(body["error"]["code"], "invalid_argument") << c.target;
    EXPECT_TRUE(body["error"]["message"].get<std::string>().starts_with(c.parameter + ": "))
        << c.target << ": " << body;
  }
}

// The one rule of search::parse_query, which the command line follows too.
TEST_F(ApiTest, AQueryWithoutWordsGets400NamingQ) {
  for (const char* q : {"", "%20%20%20", "*", "-", "%E2%80%94", "%E2%80%94%20%E2%86%92%20%E2%84%A2",
                        "OR", "%22%22", "-x", "-x%20-%22y%20z%22", "%E3%80%80"}) {
    const std::string target = std::string("/api/v1/search?q=") + q;
    json body = get(target, 400);
    EXPECT_EQ(body["error"]["code"], "invalid_argument") << target;
    EXPECT_TRUE(body["error"]["message"].get<std::string>().starts_with("q: ")) << target << body;
  }
}

TEST_F(ApiTest, SymbolsInAQuerySeparateWords) {
  const std::vector<std::string> plain = ids(get("/api/v1/search?q=number+paper&limit=50"));
  ASSERT_EQ(plain.size(), 11u);
  for (const char* q :
       {"number%20%E2%80%94%20paper", "number+%E2%86%92+paper", "number+paper+%E2%84%A2",
        "number+paper+%C2%B1", "number+%F0%9F%98%80+paper", "number%E3%80%80paper"}) {
    EXPECT_EQ(ids(get(std::string("/api/v1/search?q=") + q + "&limit=50")), plain) << q;
  }
}

// Every way a request grows the store's full-text expression is bounded, with a 400 that names
// the parameter and the limit, never a 500 (126 terms or 94 exclusions failed inside SQLite).
TEST_F(ApiTest, OversizedQueriesAndFiltersGet400NamingTheLimit) {
  auto many = [](size_t n, std::string_view prefix, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += fmt::format("{}{}{}", i ? sep : "", prefix, i);
    return out;
  };
  struct Case {
    std::string target;
    std::string message;  // the start of the error message
  };
  for (const Case& c : {
           Case{"/api/v1/search?q=" + many(126, "w", "+"),
                "q: query: too many terms (126), at most 32"},
           Case{"/api/v1/search?q=x+" + many(94, "-n", "+"), "q: query: too many terms (95)"},
           Case{"/api/v1/search?q=" + many(33, "pre", "*+") + "*", "q: query: too many terms (33)"},
           Case{"/api/v1/search?q=" + many(5, "pre", "*+") + "*",
                "q: query: too many prefix* terms (5), at most 4"},
           Case{"/api/v1/search?q=%22" + std::string(1000, 'a') + "%22",
                "q: query: too long (1002 bytes), at most 1000"},
           Case{"/api/v1/feed?" + many(21, "author=a", "&"),
                "author: too many values (21), at most 20"},
           Case{"/api/v1/feed?" + many(21, "keyword=k", "&"), "keyword: too many values (21)"},
           Case{"/api/v1/feed?" + many(100, "exclude=e", "&"), "exclude: too many values (100)"},
           Case{"/api/v1/feed?" + many(21, "category=c", "&"), "category: too many values (21)"},
           Case{"/api/v1/feed?" + many(21, "source=s", "&"), "source: too many values (21)"},
           Case{"/api/v1/search?q=x&" + many(21, "venue=v", "&"), "venue: too many values (21)"},
           Case{"/api/v1/feed?author=" + std::string(201, 'a'),
                "author: a value of 201 bytes, at most 200"},
       }) {
    json body = get(c.target, 400);
    EXPECT_EQ(body["error"]["code"], "invalid_argument") << c.target.substr(0, 80);
    EXPECT_TRUE(body["error"]["message"].get<std::string>().starts_with(c.message))
        << c.target.substr(0, 80) << ": " << body;
  }
  // At the limits, everything at once: an answer, not an error.
  const std::string largest = "/api/v1/search?q=numb*+pap*+numb*+pap*+" + many(28, "number", "+") +
                              "&" + many(20, "author=a", "&") + "&" + many(19, "keyword=k", "&") +
                              "&keyword=number&" + many(20, "exclude=e", "&") + "&" +
                              many(19, "category=c", "&") + "&category=cs&" +
                              many(19, "source=s", "&") + "&source=arxiv";
  for (const char* sort : {"relevance", "newest"}) {
    json page = get(largest + "&sort=" + sort + "&" + many(20, "venue=v", "&"));
    EXPECT_TRUE(page["papers"].empty()) << "no venue matches";
  }
  json feed =
      get("/api/v1/feed?" + many(19, "author=a", "&") + "&author=Simeng+Zhang&" +
          many(20, "exclude=e", "&") + "&" + many(19, "keyword=k", "&") + "&keyword=number");
  EXPECT_EQ(ids(feed), (std::vector<std::string>{"00012", "00009", "00006", "00003"}));
}

TEST_F(ApiTest, SearchRanksCountsAndPagesWithOffsets) {
  json page = get("/api/v1/search?q=diffusion+OR+number&limit=4");
  EXPECT_EQ(page["total"], 12);
  EXPECT_EQ(page["total_exact"], true);
  EXPECT_EQ(ids(page).front(), "00005");  // the title match with the rarer word ranks first
  EXPECT_TRUE(page["papers"][0]["score"].is_number());
  std::vector<std::string> all = walk("/api/v1/search?q=diffusion+OR+number&limit=4");
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), 12u);
  json filtered = get("/api/v1/search?q=number&author=Simeng+Zhang&sort=newest");
  EXPECT_EQ(ids(filtered), (std::vector<std::string>{"00012", "00009", "00006", "00003"}));
  EXPECT_EQ(filtered["total"], 4);
  EXPECT_FALSE(filtered["papers"][0].contains("score"));
}

TEST_F(ApiTest, PaperByIdVersionOrDoiAnd404WhenAbsent) {
  for (const char* id :
       {"2606.00003", "2606.00003v1", "arXiv:2606.00003v2", "10.1000/xyz.3", "10.1000%2FXYZ.3"}) {
    json p = get(std::string("/api/v1/papers/") + id);
    EXPECT_EQ(p["id"], "2606.00003") << id;
    EXPECT_EQ(p["version"], 2) << id;
  }
  json missing = get("/api/v1/papers/2606.99999", 404);
  EXPECT_EQ(missing["error"]["code"], "not_found");
  EXPECT_NE(missing["error"]["message"].get<std::string>().find("2606.99999"), std::string::npos);
}

TEST_F(ApiTest, SuggestsAuthorsWithCountsCategoriesWithNamesAndVenues) {
  json authors = get("/api/v1/suggest?kind=author&prefix=sim");
  ASSERT_EQ(authors["suggestions"].size(), 1u) << authors;
  EXPECT_EQ(authors["suggestions"][0],
            json({{"value", "Simeng Zhang"}, {"label", "Simeng Zhang"}, {"count", 4}}));
  json categories = get("/api/v1/suggest?kind=category&prefix=cs");
  ASSERT_EQ(categories["suggestions"].size(), 2u) << categories;
  EXPECT_EQ(categories["suggestions"][0],
            json({{"value", "cs.LG"}, {"label", "Machine Learning"}, {"count", 12}}));
  EXPECT_EQ(categories["suggestions"][1]["label"], "Computation and Language");
  json by_name = get("/api/v1/suggest?kind=category&prefix=algebraic");
  ASSERT_EQ(by_name["suggestions"].size(), 1u);
  EXPECT_EQ(by_name["suggestions"][0]["value"], "math.AG");
  json venues = get("/api/v1/suggest?kind=venue&prefix=Phys");
  ASSERT_EQ(venues["suggestions"].size(), 1u);
  EXPECT_EQ(venues["suggestions"][0]["value"], "Phys. Rev. D");
  EXPECT_EQ(get("/api/v1/suggest?kind=author&prefix=")["suggestions"], json::array());
}

TEST_F(ApiTest, StatsSayHowManyHowNewAndWhenHarvested) {
  json s = get("/api/v1/stats");
  EXPECT_EQ(s["papers"], 12);
  EXPECT_EQ(s["newest_published"], "2026-06-12T00:00:00Z");
  ASSERT_TRUE(s["last_harvest"].is_string());
  EXPECT_EQ(s["last_harvest"].get<std::string>().size(), 20u);
  EXPECT_EQ(s["by_source"]["arxiv-oai"], 6);
  EXPECT_EQ(s["top_categories"][0]["label"], "Computation and Language");
  EXPECT_FALSE(s.contains("database")) << "no file paths in answers";
}

TEST_F(ApiTest, ABusyPoolAnswers503WithRetryAfter) {
  StorePool one([this] { return store::open_sqlite(db(), read_only()); }, 1);
  ApiOptions options;
  options.store_wait = std::chrono::milliseconds(20);
  std::vector<std::string> logged;
  options.log_error = [&](std::string_view line) { logged.emplace_back(line); };
  Api api(one, options);
  auto held = one.acquire(std::chrono::milliseconds(100));
  ASSERT_TRUE(held.has_value());
  Response r = api.feed(Request::from_target("/api/v1/feed"));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.header("Retry-After"), "1");
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "unavailable");
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_NE(logged[0].find("busy"), std::string::npos);
}

}  // namespace
}  // namespace ah::web
