// The pure pieces of the web module: request parsing, parameters, cursors, the status mapping,
// the log line and the category names.
#include "web/params.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "search/limits.h"
#include "web/categories.h"
#include "web/cursor.h"
#include "web/errors.h"
#include "web/server.h"

namespace ah::web {
namespace {

using search::Field;

TEST(Request, FromTargetDecodesPathAndRepeatedParameters) {
  Request r = Request::from_target(
      "/api/v1/papers/hep-th%2F9901001?author=Simeng+Zhang&author=Wei%20Liu&q=&x");
  EXPECT_EQ(r.path, "/api/v1/papers/hep-th/9901001");
  EXPECT_EQ(r.all("author"), (std::vector<std::string>{"Simeng Zhang", "Wei Liu"}));
  EXPECT_EQ(r.first("q"), std::optional<std::string>(""));
  EXPECT_EQ(r.first("x"), std::optional<std::string>(""));
  EXPECT_EQ(r.first("absent"), std::nullopt);
  EXPECT_EQ(percent_decode("100%", true), "100%");
  EXPECT_EQ(percent_decode("%zz%4", true), "%zz%4");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
}

TEST(Cursor, RoundTripsAndRejectsWhatItDidNotMake) {
  for (Cursor c : {Cursor{Cursor::Kind::keyset, 0}, Cursor{Cursor::Kind::keyset, 123456789012345},
                   Cursor{Cursor::Kind::offset, 20}}) {
    auto back = decode_cursor(encode_cursor(c));
    ASSERT_TRUE(back.has_value()) << encode_cursor(c);
    EXPECT_EQ(back->kind, c.kind);
    EXPECT_EQ(back->value, c.value);
  }
  for (std::string bad : {std::string("x"), std::string("!!!"), base64url_encode("k-1"),
                          base64url_encode("k01"), base64url_encode("z12"), base64url_encode("k"),
                          base64url_encode("k12a"), base64url_encode("o 1"), std::string(40, 'A'),
                          encode_cursor({Cursor::Kind::keyset, 5}) + "="}) {
    auto c = decode_cursor(bad);
    ASSERT_FALSE(c.has_value()) << bad;
    EXPECT_EQ(c.error().code, ErrorCode::invalid_argument);
    EXPECT_TRUE(c.error().message.starts_with("cursor: ")) << c.error().message;
  }
}

TEST(Params, IntegerParameterIsBoundedAndNamed) {
  struct Case {
    const char* target;
    std::optional<int> expected;  // nullopt: an error naming "limit"
  };
  for (const Case& c : {Case{"/x", 20}, Case{"/x?limit=1", 1}, Case{"/x?limit=100", 100},
                        Case{"/x?limit=%2010", 10}, Case{"/x?limit=0", std::nullopt},
                        Case{"/x?limit=101", std::nullopt}, Case{"/x?limit=ten", std::nullopt},
                        Case{"/x?limit=5x", std::nullopt}, Case{"/x?limit=", std::nullopt},
                        Case{"/x?limit=-3", std::nullopt}}) {
    auto v = int_param(Request::from_target(c.target), "limit", 20, 1, 100);
    if (c.expected) {
      ASSERT_TRUE(v.has_value()) << c.target << ": " << v.error().message;
      EXPECT_EQ(*v, *c.expected) << c.target;
    } else {
      ASSERT_FALSE(v.has_value()) << c.target;
      EXPECT_TRUE(v.error().message.starts_with("limit: ")) << v.error().message;
    }
  }
}

TEST(Params, FiltersBecomeClausesAndFilters) {
  search::SearchRequest r;
  ASSERT_TRUE(apply_filters(
      Request::from_target("/f?author=Simeng+Zhang&author=Wei+Liu&keyword=sparse+attention"
                           "&exclude=diffusion&category=cs.CL&category=cs&source=arxiv"
                           "&venue=Phys.+Rev.&since=2026-01-01&until=2026-02&author=+"),
      r));
  ASSERT_EQ(r.text.clauses.size(), 4u);
  // Authors: one clause, any of them.
  ASSERT_EQ(r.text.clauses[0].size(), 2u);
  EXPECT_EQ(r.text.clauses[0][0].field, Field::author);
  EXPECT_EQ(r.text.clauses[0][0].words, (std::vector<std::string>{"simeng", "zhang"}));
  EXPECT_EQ(r.text.clauses[0][1].words, (std::vector<std::string>{"wei", "liu"}));
  // Keyword: the title or the abstract.
  ASSERT_EQ(r.text.clauses[1].size(), 2u);
  EXPECT_EQ(r.text.clauses[1][0].field, Field::title);
  EXPECT_EQ(r.text.clauses[1][1].field, Field::abstract);
  // Exclude: neither the title nor the abstract.
  EXPECT_TRUE(r.text.clauses[2][0].negated);
  EXPECT_EQ(r.text.clauses[2][0].field, Field::title);
  EXPECT_TRUE(r.text.clauses[3][0].negated);
  EXPECT_EQ(r.text.clauses[3][0].field, Field::abstract);
  EXPECT_EQ(r.filters.categories, (std::vector<std::string>{"cs.CL", "cs"}));
  EXPECT_EQ(r.filters.sources, (std::vector<std::string>{"arxiv"}));
  EXPECT_EQ(r.filters.venues, (std::vector<std::string>{"Phys. Rev."}));
  EXPECT_EQ(r.filters.since, std::optional<std::string>("2026-01-01"));
  EXPECT_EQ(r.filters.until, std::optional<std::string>("2026-02-28"));
}

TEST(Params, BadFiltersAreRejectedNamingTheParameter) {
  for (const char* target :
       {"/f?since=2026-6-1", "/f?until=yesterday", "/f?since=2026-01-01&since=2026-02-01",
        "/f?since=2026-03-01&until=2026-02-01", "/f?author=%21%21", "/f?keyword=...",
        "/f?exclude=-", "/f?category=..", "/f?source=%2F"}) {
    search::SearchRequest r;
    auto v = apply_filters(Request::from_target(target), r);
    ASSERT_FALSE(v.has_value()) << target;
    EXPECT_EQ(v.error().code, ErrorCode::invalid_argument);
    const std::string name(
        std::string_view(target).substr(3, std::string_view(target).find('=') - 3));
    EXPECT_TRUE(v.error().message.starts_with(name + ": "))
        << target << " -> " << v.error().message;
  }
}

TEST(Params, FilterValuesAreLimitedPerKindNamingTheParameterAndTheLimit) {
  for (const char* name : {"author", "keyword", "exclude", "category", "source", "venue"}) {
    std::string at_limit = "/f?", over = "/f?";
    for (size_t i = 0; i <= search::kMaxFilterValues; ++i) {
      const std::string param = fmt::format("{}{}=cs.x{}", i ? "&" : "", name, i);
      if (i < search::kMaxFilterValues) at_limit += param;
      over += param;
    }
    search::SearchRequest ok;
    EXPECT_TRUE(apply_filters(Request::from_target(at_limit), ok).has_value()) << name;
    search::SearchRequest r;
    auto v = apply_filters(Request::from_target(over), r);
    ASSERT_FALSE(v.has_value()) << name;
    EXPECT_EQ(v.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(v.error().message, fmt::format("{}: too many values (21), at most 20", name));

    search::SearchRequest longer;
    auto l = apply_filters(
        Request::from_target(fmt::format("/f?{}={}", name, std::string(201, 'a'))), longer);
    ASSERT_FALSE(l.has_value()) << name;
    EXPECT_EQ(l.error().message, fmt::format("{}: a value of 201 bytes, at most 200", name));
  }
}

TEST(Params, FilterValuesOfOnlySymbolsAreRejected) {
  for (const char* target : {"/f?author=%E2%80%94", "/f?keyword=%F0%9F%98%80",
                             "/f?exclude=%E2%86%92", "/f?category=%E2%84%A2"}) {
    search::SearchRequest r;
    auto v = apply_filters(Request::from_target(target), r);
    ASSERT_FALSE(v.has_value()) << target;
    EXPECT_EQ(v.error().code, ErrorCode::invalid_argument);
  }
}

TEST(Errors, EachCodeHasOneStatus) {
  const std::pair<ErrorCode, int> table[] = {
      {ErrorCode::invalid_argument, 400}, {ErrorCode::not_found, 404},
      {ErrorCode::conflict, 409},         {ErrorCode::rate_limited, 429},
      {ErrorCode::internal, 500},         {ErrorCode::bad_upstream_data, 502},
      {ErrorCode::unavailable, 503},
  };
  for (auto [code, status] : table) EXPECT_EQ(http_status(code), status) << to_string(code);
}

TEST(Errors, ServerErrorsDoNotRevealTheirCause) {
  Response client = error_response(Error{ErrorCode::invalid_argument, "limit: expected 1..100"});
  EXPECT_EQ(client.status, 400);
  EXPECT_EQ(client.body,
            R"({"error":{"code":"invalid_argument","message":"limit: expected 1..100"}})");
  for (ErrorCode code : {ErrorCode::internal, ErrorCode::unavailable}) {
    Response r = error_response(Error{code, "database /srv/data/x.db: disk I/O error"});
    EXPECT_GE(r.status, 500);
    EXPECT_EQ(r.body.find("/srv"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("I/O"), std::string::npos) << r.body;
  }
}

TEST(Server, LogLinesRedactParameterValues) {
  EXPECT_EQ(redacted_target(Request::from_target("/api/v1/feed?author=Simeng+Zhang&limit=10")),
            "/api/v1/feed?author=*&limit=*");
  EXPECT_EQ(redacted_target(Request::from_target("/")), "/");
}

TEST(Categories, NamesAreSortedAndFound) {
  auto all = category_names();
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  EXPECT_GT(all.size(), 150u);
  EXPECT_EQ(category_name("cs.CL"), "Computation and Language");
  EXPECT_EQ(category_name("CS.cl"), "Computation and Language");
  EXPECT_EQ(category_name("hep-th"), "High Energy Physics - Theory");
  EXPECT_EQ(category_name("cond-mat.mes-hall"), "Mesoscale and Nanoscale Physics");
  EXPECT_EQ(category_name("cs"), "Computer Science");
  EXPECT_EQ(category_name("xx.YY"), "");
}

}  // namespace
}  // namespace ah::web
