// The replay server's own script semantics, checked with httplib's client so that these tests
// do not depend on the code under test elsewhere (src/net).
#include "tests/support/replay_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/support/fixtures.h"

namespace ah::testing {
namespace {

using std::chrono::milliseconds;

struct Got {
  int status = 0;
  std::string body;
};

Got fetch(const ReplayServer& server, const std::string& target) {
  httplib::Client client("127.0.0.1", server.port());
  client.set_connection_timeout(std::chrono::seconds(2));
  client.set_read_timeout(std::chrono::seconds(2));
  auto result = client.Get(target);
  if (!result) return Got{-1, httplib::to_string(result.error())};
  return Got{result->status, result->body};
}

TEST(ReplayServer, AnswersUnscriptedPathsWith404) {
  ReplayServer server;
  const Got got = fetch(server, "/nothing?x=1");
  EXPECT_EQ(got.status, 404);
  EXPECT_EQ(got.body, "replay: no script for /nothing?x=1");
  EXPECT_EQ(server.requests().size(), 1u) << "unscripted requests are recorded too";
}

TEST(ReplayServer, ServesTheQueueInOrderThenRepeatsTheLast) {
  ReplayServer server;
  server.add("/p", ReplayResponse::make(503, "first"));
  server.add("/p", ReplayResponse::make(200, "second"));
  EXPECT_EQ(fetch(server, "/p").body, "first");
  EXPECT_EQ(fetch(server, "/p").body, "second");
  const Got third = fetch(server, "/p");
  EXPECT_EQ(third.status, 200);
  EXPECT_EQ(third.body, "second");
  EXPECT_EQ(server.requests_to("/p").size(), 3u);
}

TEST(ReplayServer, PicksTheScriptWithTheMostMatchingQueryPairs) {
  ReplayServer server;
  server.add("/oai2", ReplayResponse::make(200, "any"));
  server.add("/oai2", {{"verb", "ListRecords"}}, ReplayResponse::make(200, "list"));
  server.add("/oai2", {{"verb", "ListRecords"}, {"resumptionToken", "t 1"}},
             ReplayResponse::make(200, "page 2"));
  EXPECT_EQ(fetch(server, "/oai2?verb=Identify").body, "any");
  EXPECT_EQ(fetch(server, "/oai2?verb=ListRecords&metadataPrefix=arXiv").body, "list");
  EXPECT_EQ(fetch(server, "/oai2?resumptionToken=t%201&verb=ListRecords").body, "page 2");
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[2].query, "resumptionToken=t%201&verb=ListRecords");
  EXPECT_EQ(seen[2].params.at("resumptionToken"), "t 1");
}

TEST(ReplayServer, Answers304WhenIfNoneMatchEqualsTheEtag) {
  ReplayServer server;
  server.add("/f", ReplayResponse::make(200, "body").with_etag("\"e1\""));
  httplib::Client client("127.0.0.1", server.port());
  auto fresh = client.Get("/f", {{"If-None-Match", "\"e1\""}});
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->status, 304);
  EXPECT_EQ(fresh->body, "");
  auto stale = client.Get("/f", {{"If-None-Match", "\"e0\""}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 200);
  EXPECT_EQ(stale->get_header_value("ETag"), "\"e1\"");
}

TEST(ReplayServer, CutsTheConnectionAfterTheGivenBodyBytes) {
  ReplayServer server;
  server.add("/cut", ReplayResponse::make(200, std::string(100, 'z')).dropped_after(10));
  EXPECT_EQ(fetch(server, "/cut").status, -1);
}

TEST(ReplayServer, StopsPromptlyWhileAResponseIsDelayed) {
  auto server = std::make_unique<ReplayServer>();
  server->add("/slow", ReplayResponse::make(200).with_delay(std::chrono::seconds(30)));
  std::thread caller([&server, port = server->port()] {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(std::chrono::seconds(5));
    (void)client.Get("/slow");
  });
  while (server->requests().empty()) std::this_thread::sleep_for(milliseconds(1));
  const auto start = std::chrono::steady_clock::now();
  server.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  caller.join();
}

TEST(ReplayServer, StopsPromptlyWhileAClientKeepsAConnectionOpen) {
  auto server = std::make_unique<ReplayServer>();
  server->add("/x", ReplayResponse::make(200, "x"));
  httplib::Client client("127.0.0.1", server->port());
  client.set_keep_alive(true);
  ASSERT_TRUE(client.Get("/x"));
  const auto start = std::chrono::steady_clock::now();
  server.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(500));
}

TEST(ReplayServer, ReadsBodyFilesWhenAdded) {
  TempDir dir;
  { std::ofstream(dir.path() / "page.xml") << "<page/>"; }
  ReplayServer server;
  ReplayResponse response;
  response.body_file = dir.path() / "page.xml";
  server.add("/page", response);
  EXPECT_EQ(fetch(server, "/page").body, "<page/>");
  ReplayResponse missing;
  missing.body_file = dir.path() / "absent.xml";
  EXPECT_ANY_THROW(server.add("/absent", missing));
}

TEST(RefusingPort, RefusesConnections) {
  RefusingPort port;
  httplib::Client client("127.0.0.1", port.port());
  auto result = client.Get("/");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), httplib::Error::Connection);
}

}  // namespace
}  // namespace ah::testing
