#include "web/access.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ah::web {
namespace {

Request request(std::string peer, std::vector<std::pair<std::string, std::string>> headers,
                std::string method = "PATCH", std::string body = R"({"enabled": false})") {
  Request r = Request::from_target("/api/v1/sources/arxiv", std::move(method));
  r.peer = std::move(peer);
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

const std::pair<std::string, std::string> kJson{"content-type", "application/json"};

TEST(Access, LoopbackAddresses) {
  for (const char* a : {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "::FFFF:127.0.0.9"}) {
    EXPECT_TRUE(is_loopback_address(a)) << a;
  }
  for (const char* a : {"", "10.0.0.1", "128.0.0.1", "::2", "::ffff:10.0.0.1", "127.0.0.1.evil",
                        "localhost", "127.0.0"}) {
    EXPECT_FALSE(is_loopback_address(a)) << a;
  }
}

// Who may change sources, table-driven: (peer, headers, method) -> allowed, or the status.
TEST(Access, OnlyADirectLocalOperatorMayEdit) {
  struct Case {
    const char* what;
    Request r;
    int status;  // 0: allowed
  };
  const Case cases[] = {
      {"loopback, JSON", request("127.0.0.1", {kJson}), 0},
      {"loopback with its own Host and Origin",
       request("127.0.0.1",
               {kJson, {"host", "127.0.0.1:8080"}, {"origin", "http://127.0.0.1:8080"}}),
       0},
      {"::1 with localhost", request("::1", {kJson, {"host", "localhost:8080"}}), 0},
      {"DELETE needs no body", request("127.0.0.1", {}, "DELETE", ""), 0},
      {"another machine", request("192.168.1.20", {kJson}), 403},
      {"no peer (not from a socket)", request("", {kJson}), 403},
      {"through a reverse proxy", request("127.0.0.1", {kJson, {"x-forwarded-for", "1.2.3.4"}}),
       403},
      {"Forwarded header", request("127.0.0.1", {kJson, {"forwarded", "for=1.2.3.4"}}), 403},
      {"DNS rebinding: another name for 127.0.0.1",
       request("127.0.0.1", {kJson, {"host", "evil.example:8080"}}), 403},
      {"a page of another site",
       request("127.0.0.1",
               {kJson, {"host", "127.0.0.1:8080"}, {"origin", "https://evil.example"}}),
       403},
      {"an opaque origin", request("127.0.0.1", {kJson, {"origin", "null"}}), 403},
      {"a form post", request("127.0.0.1", {{"content-type", "text/plain"}}), 415},
      {"no content type", request("127.0.0.1", {}, "POST"), 415},
  };
  for (const Case& c : cases) {
    auto refused = refuse_unless_local_operator(c.r, SourceEdits::loopback);
    EXPECT_EQ(refused ? refused->status : 0, c.status) << c.what;
    if (refused) {
      auto body = nlohmann::json::parse(refused->body);
      EXPECT_FALSE(body["error"]["message"].get<std::string>().empty()) << c.what;
    }
  }
  auto off = refuse_unless_local_operator(request("127.0.0.1", {kJson}), SourceEdits::off);
  ASSERT_TRUE(off);
  EXPECT_EQ(off->status, 403);
  EXPECT_NE(off->body.find("--source-edits off"), std::string::npos);
}

TEST(Access, ParsesTheSetting) {
  EXPECT_EQ(parse_source_edits("off"), SourceEdits::off);
  EXPECT_EQ(parse_source_edits("loopback"), SourceEdits::loopback);
  EXPECT_FALSE(parse_source_edits("any"));
}

}  // namespace
}  // namespace ah::web
