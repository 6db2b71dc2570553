// The route table and what every response carries: security headers, 404/405 shapes, the
// page's files with their types and caching, and the page that says the UI was not built.
#include "web/routes.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/fixtures.h"

namespace ah::web {
namespace {

const Asset kFakeAssets[] = {
    {"/assets/index-abc123.js", "text/javascript; charset=utf-8", "console.log(1)"},
    {"/assets/katex-x.woff2", "font/woff2", std::string_view("wOF2\0\1", 6)},
    {"/boot.js", "text/javascript; charset=utf-8", "boot()"},
    {"/index.html", "text/html; charset=utf-8", "<!doctype html><title>AcademicHub</title>"},
};

store::SqliteOptions read_only() {
  store::SqliteOptions o;
  o.read_only = true;
  return o;
}

class RoutesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(store::open_sqlite(db()).has_value()); }
  std::filesystem::path db() const { return dir_.path() / "papers.db"; }
  Response get(const std::string& target, const Router& router, std::string method = "GET") {
    return router.handle(Request::from_target(target, std::move(method)));
  }

  ah::testing::TempDir dir_;
  StorePool pool_{[this] { return store::open_sqlite(db(), read_only()); }, 2};
  Api api_{pool_, ApiOptions{}};
  Router built_{api_, kFakeAssets};
  Router unbuilt_{api_, {}};
};

TEST_F(RoutesTest, EveryResponseCarriesTheSecurityHeaders) {
  for (const char* target :
       {"/", "/?author=x", "/boot.js", "/assets/index-abc123.js", "/api/v1/health",
        "/api/v1/feed?limit=0", "/api/v1/nope", "/missing.txt", "/api/v1/papers/2401.00001"}) {
    for (const Router* router : {&built_, &unbuilt_}) {
      Response r = get(target, *router);
      EXPECT_EQ(r.header("Content-Security-Policy"), kContentSecurityPolicy) << target;
      EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << target;
      EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer") << target;
      EXPECT_EQ(r.header("X-Frame-Options"), "DENY") << target;
    }
  }
  EXPECT_NE(std::string(kContentSecurityPolicy).find("script-src 'self';"), std::string::npos);
}

TEST_F(RoutesTest, ServesThePageAndItsFilesWithTypesAndCaching) {
  struct Case {
    const char* target;
    const char* type;
    const char* cache;
    std::string_view body;
  };
  for (const Case& c :
       {Case{"/", "text/html; charset=utf-8", "no-cache", kFakeAssets[3].body},
        Case{"/?author=Simeng%20Zhang&q=x", "text/html; charset=utf-8", "no-cache",
             kFakeAssets[3].body},
        Case{"/index.html", "text/html; charset=utf-8", "no-cache", kFakeAssets[3].body},
        Case{"/boot.js", "text/javascript; charset=utf-8", "no-cache", "boot()"},
        Case{"/assets/index-abc123.js", "text/javascript; charset=utf-8",
             "public, max-age=31536000, immutable", "console.log(1)"},
        Case{"/assets/katex-x.woff2", "font/woff2", "public, max-age=31536000, immutable",
             kFakeAssets[1].body}}) {
    Response r = get(c.target, built_);
    EXPECT_EQ(r.status, 200) << c.target;
    EXPECT_EQ(r.content_type, c.type) << c.target;
    EXPECT_EQ(r.header("Cache-Control"), c.cache) << c.target;
    EXPECT_EQ(r.body, c.body) << c.target;
  }
  Response head = get("/boot.js", built_, "HEAD");
  EXPECT_EQ(head.status, 200);
  for (const char* missing : {"/assets/other.js", "/index", "/../index.html", "/boot.js/x"}) {
    EXPECT_EQ(get(missing, built_).status, 404) << missing;
  }
}

TEST_F(RoutesTest, WithoutTheBuiltUiThePageSaysHowToBuildIt) {
  Response r = get("/", unbuilt_);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("npm run build"), std::string::npos);
  EXPECT_EQ(get("/boot.js", unbuilt_).status, 404);
  EXPECT_EQ(get("/api/v1/health", unbuilt_).status, 200) << "the API works without the UI";
}

TEST_F(RoutesTest, UnknownEndpointsAndMethodsGetJsonErrors) {
  Response unknown = get("/api/v1/nope", built_);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(nlohmann::json::parse(unknown.body)["error"]["code"], "not_found");
  EXPECT_EQ(get("/api/v1x/feed", built_).status, 404);
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    Response r = get("/api/v1/feed", built_, method);
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(r.header("Allow"), "GET, HEAD");
    EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "method_not_allowed");
  }
}

TEST_F(RoutesTest, TheEmbeddedPageIsCompleteWhenBuilt) {
  auto assets = embedded_assets();
  if (assets.empty()) GTEST_SKIP() << "web/dist was not built when this binary was";
  EXPECT_TRUE(std::is_sorted(assets.begin(), assets.end(),
                             [](const Asset& a, const Asset& b) { return a.path < b.path; }));
  bool index = false, js = false, css = false, font = false;
  for (const Asset& a : assets) {
    index |= a.path == "/index.html" && a.content_type == "text/html; charset=utf-8";
    js |= a.path.ends_with(".js") && a.content_type == "text/javascript; charset=utf-8";
    css |= a.path.ends_with(".css") && a.content_type == "text/css; charset=utf-8";
    font |= a.path.ends_with(".woff2") && a.content_type == "font/woff2";
    EXPECT_FALSE(a.body.empty()) << a.path;
  }
  EXPECT_TRUE(index && js && css && font);
  Router real(api_, assets);
  Response page = get("/", real);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace ah::web
