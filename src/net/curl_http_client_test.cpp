// The real libcurl client against the local replay server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "net/http_client.h"
#include "tests/support/replay_server.h"

namespace ah::net {
namespace {

using ah::testing::RefusingPort;
using ah::testing::ReplayResponse;
using ah::testing::ReplayServer;
using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kUserAgent = "AcademicHub/0.1 (mailto:ops@example.org)";

CurlOptions quick_options() {
  CurlOptions o;
  o.user_agent = kUserAgent;
  o.connect_timeout = std::chrono::milliseconds(1000);
  o.total_timeout = std::chrono::milliseconds(2000);
  return o;
}

Request at(std::string url) {
  Request request;
  request.url = std::move(url);
  return request;
}

std::string host_of(const ReplayServer& server) {
  return "127.0.0.1:" + std::to_string(server.port());
}

TEST(CurlHttpClient, PostsTheBodyAndThenGetsAgainOnTheSameConnection) {
  ReplayServer server;
  server.add("/graph/v1/paper/batch", ReplayResponse::make(200, "[]", "application/json"));
  server.add("/x", ReplayResponse::make(200, "ok", "text/plain"));
  auto client = make_curl_client(quick_options());
  Request post = at(server.base_url() + "/graph/v1/paper/batch?fields=title");
  post.method = "POST";
  post.headers["Content-Type"] = "application/json";
  post.body = R"({"ids": ["DOI:10.1/x"]})";
  auto posted = client->send(post);
  ASSERT_TRUE(posted) << posted.error().message;
  EXPECT_EQ(posted->body, "[]");
  auto got = client->get(post);  // get() sends a GET whatever the request's method says
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_TRUE(client->get(at(server.base_url() + "/x")));

  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].body, R"({"ids": ["DOI:10.1/x"]})");
  EXPECT_EQ(seen[0].header("content-type"), "application/json");
  EXPECT_EQ(seen[1].method, "GET");
  EXPECT_EQ(seen[1].body, "");
  EXPECT_EQ(seen[2].method, "GET");
}

TEST(CurlHttpClient, RefusesMethodsOtherThanGetAndPost) {
  Request request = at("http://127.0.0.1:1/x");
  request.method = "DELETE";
  auto response = make_curl_client(quick_options())->send(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::invalid_argument);
}

TEST(CurlHttpClient, SendsUserAgentExtraAndConditionalHeaders) {
  ReplayServer server;
  server.add("/oai2", ReplayResponse::make(200, "<OAI-PMH/>", "text/xml"));
  auto client = make_curl_client(quick_options());
  Request request = at(server.base_url() + "/oai2?verb=Identify");
  request.headers["Accept"] = "application/xml";
  request.if_none_match = "\"v1\"";
  request.if_modified_since = "Wed, 21 Oct 2015 07:28:00 GMT";
  auto response = client->get(request);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "<OAI-PMH/>");
  EXPECT_EQ(response->headers["content-type"], "text/xml");

  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].path, "/oai2");
  EXPECT_EQ(seen[0].query, "verb=Identify");
  EXPECT_EQ(seen[0].header("user-agent"), kUserAgent);
  EXPECT_EQ(seen[0].header("accept"), "application/xml");
  EXPECT_EQ(seen[0].header("if-none-match"), "\"v1\"");
  EXPECT_EQ(seen[0].header("if-modified-since"), "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_THAT(seen[0].header("accept-encoding"), HasSubstr("gzip"));
}

TEST(CurlHttpClient, OmitsConditionalHeadersWhenNotAsked) {
  ReplayServer server;
  server.add("/x", ReplayResponse::make(200, "x"));
  auto client = make_curl_client(quick_options());
  ASSERT_TRUE(client->get(at(server.base_url() + "/x")));
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_FALSE(seen[0].headers.contains("if-none-match"));
  EXPECT_FALSE(seen[0].headers.contains("if-modified-since"));
}

TEST(CurlHttpClient, RefusesToSendWithoutAUserAgent) {
  ReplayServer server;
  server.add("/x", ReplayResponse::make(200, "x"));
  CurlOptions o = quick_options();
  o.user_agent.clear();
  auto response = make_curl_client(o)->get(at(server.base_url() + "/x"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::invalid_argument);
  EXPECT_THAT(response.error().message, HasSubstr("User-Agent"));
  EXPECT_TRUE(server.requests().empty());
}

TEST(CurlHttpClient, RoundTripsAnEtagIntoA304) {
  ReplayServer server;
  server.add("/feed", ReplayResponse::make(200, "payload")
                          .with_header("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT")
                          .with_etag("\"abc\""));
  auto client = make_curl_client(quick_options());
  auto first = client->get(at(server.base_url() + "/feed"));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->etag, "\"abc\"");
  EXPECT_EQ(first->last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_EQ(first->body, "payload");

  Request again = at(server.base_url() + "/feed");
  again.if_none_match = first->etag;
  again.if_modified_since = first->last_modified;
  auto second = client->get(again);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_TRUE(second->not_modified());
  EXPECT_FALSE(second->ok());
  EXPECT_EQ(second->body, "");
  EXPECT_EQ(second->etag, "\"abc\"");
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(CurlHttpClient, ParsesRetryAfterSecondsAndLeavesItEmptyOtherwise) {
  ReplayServer server;
  server.add("/busy", ReplayResponse::make(503, "busy").with_header("Retry-After", "10"));
  server.add("/fine", ReplayResponse::make(200, "fine"));
  auto client = make_curl_client(quick_options());
  auto busy = client->get(at(server.base_url() + "/busy"));
  ASSERT_TRUE(busy) << busy.error().message;
  EXPECT_EQ(busy->status, 503);
  EXPECT_EQ(busy->retry_after, std::chrono::seconds(10));
  auto fine = client->get(at(server.base_url() + "/fine"));
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->retry_after, std::nullopt);
}

TEST(CurlHttpClient, MeasuresAnHttpDateRetryAfterAgainstTheServerDate) {
  ReplayServer server;
  server.add("/busy", ReplayResponse::make(429)
                          .with_header("Date", "Wed, 21 Oct 2015 07:28:00 GMT")
                          .with_header("Retry-After", "Wed, 21 Oct 2015 07:28:30 GMT"));
  auto response = make_curl_client(quick_options())->get(at(server.base_url() + "/busy"));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(response->retry_after, std::chrono::seconds(30));
}

TEST(CurlHttpClient, FollowsRedirectsAndReportsTheFinalResponse) {
  ReplayServer server;
  server.add("/old",
             ReplayResponse::make(301).with_header("Location", "/new").with_header("X-Hop", "1"));
  server.add("/new", ReplayResponse::make(200, "moved here"));
  auto response = make_curl_client(quick_options())->get(at(server.base_url() + "/old"));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "moved here");
  EXPECT_FALSE(response->headers.contains("x-hop")) << "headers of the redirect leak through";
}

TEST(CurlHttpClient, StopsAfterFiveRedirects) {
  ReplayServer server;
  server.add("/loop", ReplayResponse::make(302).with_header("Location", "/loop"));
  auto response = make_curl_client(quick_options())->get(at(server.base_url() + "/loop"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_EQ(response.error().message, host_of(server) + ": too many redirects (more than 5)");
  EXPECT_EQ(server.requests().size(), 6u);
}

TEST(CurlHttpClient, DecodesACompressedBody) {
  ReplayServer server;
  const std::string text(20'000, 'a');  // httplib compresses text bodies the client accepts so
  server.add("/big", ReplayResponse::make(200, text));
  auto response = make_curl_client(quick_options())->get(at(server.base_url() + "/big"));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_THAT(response->headers["content-encoding"], AnyOf("gzip", "br"));
  EXPECT_EQ(response->body, text);
}

TEST(CurlHttpClient, KeepsTheConnectionAliveBetweenCalls) {
  ReplayServer server;
  server.add("/x", ReplayResponse::make(200, "x"));
  auto client = make_curl_client(quick_options());
  ASSERT_TRUE(client->get(at(server.base_url() + "/x")));
  ASSERT_TRUE(client->get(at(server.base_url() + "/x?page=2")));
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].remote_port, seen[1].remote_port) << "a new connection was opened";
}

TEST(CurlHttpClient, ServesConcurrentCallersWithSeparateHandles) {
  ReplayServer server;
  server.add("/x", ReplayResponse::make(200, "x").with_delay(std::chrono::milliseconds(50)));
  auto client = make_curl_client(quick_options());
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 3; ++j) {
        auto response = client->get(at(server.base_url() + "/x"));
        if (response && response->body == "x") ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 12);
  EXPECT_EQ(server.requests().size(), 12u);
}

TEST(CurlHttpClient, ReportsADroppedConnectionNamingTheHost) {
  ReplayServer server;
  server.add("/cut", ReplayResponse::make(200, std::string(1000, 'x')).dropped_after(100));
  auto response = make_curl_client(quick_options())->get(at(server.base_url() + "/cut"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_THAT(response.error().message,
              StartsWith(host_of(server) + ": connection dropped after 100 bytes ("));
  EXPECT_TRUE(response.error().transient);
}

TEST(CurlHttpClient, ReportsARefusedConnectionNamingTheHost) {
  RefusingPort port;
  auto response = make_curl_client(quick_options())->get(at(port.base_url() + "/x"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_EQ(response.error().message,
            "127.0.0.1:" + std::to_string(port.port()) + ": connection refused");
  EXPECT_FALSE(response.error().transient) << "a refused connection is a configuration error";
}

TEST(CurlHttpClient, ReportsAnUnknownHost) {
  // .invalid never resolves (RFC 6761), with or without a network.
  auto response = make_curl_client(quick_options())->get(at("http://export.arxiv.invalid/oai2"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_THAT(response.error().message, StartsWith("export.arxiv.invalid: "));
  EXPECT_THAT(response.error().message, HasSubstr("resolv"));
}

TEST(CurlHttpClient, TimesOutASlowServer) {
  ReplayServer server;
  server.add("/slow",
             ReplayResponse::make(200, "late").with_delay(std::chrono::milliseconds(1500)));
  CurlOptions o = quick_options();
  o.total_timeout = std::chrono::milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  auto response = make_curl_client(o)->get(at(server.base_url() + "/slow"));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_EQ(response.error().message, host_of(server) + ": timed out after 300 ms");
  EXPECT_TRUE(response.error().transient);
  EXPECT_LT(elapsed, std::chrono::milliseconds(1200));
}

TEST(CurlHttpClient, RejectsMalformedUrlsAndOtherSchemes) {
  auto client = make_curl_client(quick_options());
  for (const char* url : {"not a url", "ftp://127.0.0.1/file", "file:///etc/passwd"}) {
    auto response = client->get(at(url));
    ASSERT_FALSE(response) << url;
    EXPECT_EQ(response.error().code, ErrorCode::invalid_argument)
        << url << ": " << response.error().message;
  }
}

// A latch a test thread opens and the replay server's thread waits on, with a bound so a client
// that buffers instead of streaming fails the test rather than hanging it.
struct Gate {
  std::mutex mutex;
  std::condition_variable opened;
  bool open = false;
  void release() {
    {
      std::lock_guard lock(mutex);
      open = true;
    }
    opened.notify_all();
  }
  bool wait() {
    std::unique_lock lock(mutex);
    return opened.wait_for(lock, std::chrono::seconds(5), [&] { return open; });
  }
};

TEST(CurlHttpClientStreaming, HandsEachPieceOnBeforeTheResponseEnds) {
  ReplayServer server;
  auto gate = std::make_shared<Gate>();
  server.add("/v1/stream",
             ReplayResponse::make(200, "", "text/event-stream")
                 .with_header("X-Trace", "t1")
                 .in_pieces({"data: one\n\n", "data: two\n\n"}, [gate](std::size_t) {
                   gate->wait();  // the second piece waits until the client has the first
                 }));
  CurlOptions o = quick_options();
  o.total_timeout = std::chrono::milliseconds(10'000);
  auto client = make_curl_client(o);
  Request post = at(server.base_url() + "/v1/stream");
  post.method = "POST";
  post.body = "{}";
  int heads = 0;
  int head_status = 0;
  std::vector<std::string> pieces;
  StreamCallbacks callbacks;
  callbacks.on_head = [&](const Response& head) {
    ++heads;
    head_status = head.status;
    EXPECT_EQ(head.headers.at("x-trace"), "t1");
    EXPECT_TRUE(head.body.empty());
    return true;
  };
  callbacks.on_body = [&](std::string_view piece) {
    EXPECT_EQ(heads, 1) << "the head comes before the body";
    pieces.emplace_back(piece);
    gate->release();
    return true;
  };
  auto response = client->send_streaming(post, callbacks);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(response->body.empty());
  EXPECT_EQ(heads, 1);
  EXPECT_EQ(head_status, 200);
  std::string joined;
  for (const auto& p : pieces) joined += p;
  EXPECT_EQ(joined, "data: one\n\ndata: two\n\n");
  EXPECT_GE(pieces.size(), 2u);
  // The same handle then serves an ordinary request with its body kept.
  server.add("/plain", ReplayResponse::make(200, "kept"));
  auto plain = client->get(at(server.base_url() + "/plain"));
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ(plain->body, "kept");
}

TEST(CurlHttpClientStreaming, StopsWhenACallbackSaysSoAndReturnsTheHead) {
  ReplayServer server;
  auto gate = std::make_shared<Gate>();  // never opened: the server would wait 5 s
  server.add("/v1/stream",
             ReplayResponse::make(200, "", "text/event-stream")
                 .in_pieces({"first", "second"}, [gate](std::size_t) { gate->wait(); }));
  auto client = make_curl_client(quick_options());
  std::vector<std::string> pieces;
  StreamCallbacks callbacks;
  callbacks.on_body = [&](std::string_view piece) {
    pieces.emplace_back(piece);
    return false;
  };
  const auto start = std::chrono::steady_clock::now();
  auto response = client->send_streaming(at(server.base_url() + "/v1/stream"), callbacks);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(pieces, ::testing::ElementsAre("first"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
  gate->release();
}

TEST(CurlHttpClientStreaming, GivesTheHeadOfAnEmptyErrorAnswerWithItsRetryAfter) {
  ReplayServer server;
  server.add("/busy", ReplayResponse::make(429, "").with_header("Retry-After", "7"));
  auto client = make_curl_client(quick_options());
  int heads = 0;
  int bodies = 0;
  StreamCallbacks callbacks;
  callbacks.on_head = [&](const Response& head) {
    ++heads;
    EXPECT_EQ(head.status, 429);
    EXPECT_EQ(head.retry_after, std::chrono::seconds(7));
    return true;
  };
  callbacks.on_body = [&](std::string_view) {
    ++bodies;
    return true;
  };
  auto response = client->send_streaming(at(server.base_url() + "/busy"), callbacks);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(response->retry_after, std::chrono::seconds(7));
  EXPECT_EQ(heads, 1);
  EXPECT_EQ(bodies, 0);
}

TEST(CurlHttpClientStreaming, ReportsARefusedConnectionAsAnError) {
  RefusingPort port;
  StreamCallbacks callbacks;
  auto response =
      make_curl_client(quick_options())->send_streaming(at(port.base_url() + "/x"), callbacks);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_THAT(response.error().message, HasSubstr("connection refused"));
}

}  // namespace
}  // namespace ah::net
