// `academichub serve` against hostile and broken clients, over raw loopback sockets: slow and idle
// crowds, amplification (ranges, chunked and compressed bodies), request boundaries (bodies on GET,
// pipelining, conflicting framing), the connection cap and log forging. Every case has deadlines of
// its own; time bounds are generous, since the machine may be loaded.
#include <gtest/gtest.h>
#include <signal.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/support/cli_runner.h"
#include "tests/support/fixtures.h"
#include "tests/support/raw_http.h"
#include "tests/support/server_process.h"
#include "web/assets.h"

namespace ah {
namespace {

using ah::testing::count_of;
using ah::testing::HttpReply;
using ah::testing::RawConnection;
using ah::testing::ServerProcess;
using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;

constexpr std::size_t kMiB = 1024 * 1024;

std::string gzip_bytes(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string error_code_of(const HttpReply& reply) {
  json body = json::parse(reply.body, nullptr, false);
  if (body.is_discarded() || !body.contains("error"))
    return "(not a JSON error: " + reply.body + ")";
  return body["error"]["code"];
}

// The largest embedded file of the page, or nullptr when the page was not built.
const web::Asset* largest_asset() {
  const web::Asset* best = nullptr;
  for (const web::Asset& a : web::embedded_assets()) {
    if (!best || a.body.size() > best->body.size()) best = &a;
  }
  return best;
}

double seconds_since(steady_clock::time_point t) {
  return std::chrono::duration<double>(steady_clock::now() - t).count();
}

class Hostile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ah::testing::raise_open_files_limit();
    dir_ = new ah::testing::TempDir();
    auto r = ah::testing::run_cli(
        AH_CLI_BINARY,
        {"--db", db().string(), "import", ah::testing::own_fixture("arxiv").string()},
        dir_->path());
    ASSERT_NE(r.out.find("total: "), std::string::npos) << r.out << r.err;
    // Two handler threads and short deadlines, so that slow clients would show at once.
    server_ = new ServerProcess(
        AH_CLI_BINARY, db(), dir_->path(),
        {"--threads", "2", "--header-timeout", "2", "--body-timeout", "2", "--keep-alive", "10"});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static std::filesystem::path db() { return dir_->path() / "hostile.db"; }
  static int port() { return server_->port(); }

  // One GET on a fresh connection, answered within 10 s.
  static std::optional<HttpReply> get(const std::string& target, const std::string& headers = "",
                                      int on_port = 0) {
    RawConnection c(on_port ? on_port : port());
    if (!c.send("GET " + target + " HTTP/1.1\r\nHost: t\r\n" + headers + "\r\n")) return {};
    return c.read_reply(seconds(10));
  }

  static inline ah::testing::TempDir* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(Hostile, AHeadSentByteByByteIsCutOffAtItsDeadline) {
  RawConnection c(port());
  ASSERT_TRUE(c.send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\nX-Slow: "));
  const auto start = steady_clock::now();
  bool closed = false;
  // One byte every 200 ms for up to 10 s: never a complete head (the deadline is 2 s).
  for (int i = 0; i < 50 && !closed; ++i) {
    closed = !c.send("a", milliseconds(500)) || !c.poll_read();
    if (!closed) std::this_thread::sleep_for(milliseconds(200));
  }
  EXPECT_TRUE(closed) << "the server kept a head that took 10 s";
  EXPECT_LT(seconds_since(start), 6.0);
  EXPECT_NE(server_->err().find("GET /api/v1/health 408"), std::string::npos) << server_->err();
}

TEST_F(Hostile, ASlowBodyIsCutOffAtItsDeadline) {
  RawConnection c(port());
  ASSERT_TRUE(
      c.send("POST /api/v1/feed HTTP/1.1\r\nHost: t\r\n"
             "Content-Length: 1000\r\n\r\n0123"));
  const auto start = steady_clock::now();
  bool closed = false;
  c.read_all(seconds(10), &closed);
  EXPECT_TRUE(closed);
  EXPECT_LT(seconds_since(start), 6.0);
}

TEST_F(Hostile, SlowClientsDoNotDelayOthers) {
  // Twenty clients (ten times the handler threads) that started a request and stopped.
  std::vector<RawConnection> slow;
  for (int i = 0; i < 20; ++i) {
    slow.emplace_back(port());
    ASSERT_TRUE(slow.back().send("GET /api/v1/feed HTTP/1.1\r\nHost: t\r\nX-Slow: a"));
  }
  for (int i = 0; i < 3; ++i) {
    const auto start = steady_clock::now();
    auto reply = get("/api/v1/feed?limit=5");
    ASSERT_TRUE(reply) << "no answer while slow clients were connected";
    EXPECT_EQ(reply->status, 200);
    EXPECT_LT(seconds_since(start), 1.5) << "a normal request waited for slow clients";
  }
}

TEST_F(Hostile, AnIdleCrowdNeitherDelaysRequestsNorCostsCpu) {
  ah::testing::TempDir dir;
  // Deadlines longer than the test, so that the crowd stays connected throughout.
  ServerProcess server(AH_CLI_BINARY, db(), dir.path(),
                       {"--keep-alive", "60", "--header-timeout", "60"});
  const auto deadline = steady_clock::now() + seconds(20);
  auto left = [&] {
    return std::max(milliseconds(1),
                    std::chrono::duration_cast<milliseconds>(deadline - steady_clock::now()));
  };
  // 1,000 kept-alive connections, each after one request...
  std::vector<RawConnection> idle;
  idle.reserve(1000);
  for (int i = 0; i < 1000; ++i) {
    idle.emplace_back(server.port());
    ASSERT_TRUE(idle.back().send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"));
  }
  int answered = 0;
  for (RawConnection& c : idle) {
    auto reply = c.read_reply(left());
    answered += reply && reply->status == 200;
  }
  ASSERT_EQ(answered, 1000) << "not every kept-alive connection was served within 20 s";
  // ...and 200 that sent half a head.
  std::vector<RawConnection> slow;
  for (int i = 0; i < 200; ++i) {
    slow.emplace_back(server.port());
    ASSERT_TRUE(slow.back().send("GET /api/v1/feed HTTP/1.1\r\nHost: t\r\nX-Slow: a"));
  }
  double worst = 0;
  for (int i = 0; i < 10; ++i) {
    const auto start = steady_clock::now();
    auto reply = get("/api/v1/feed?limit=10", "", server.port());
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    worst = std::max(worst, seconds_since(start));
  }
  EXPECT_LT(worst, 1.0) << "a normal request took " << worst << " s beside the crowd";
  // Nothing polls the crowd: the server sleeps.
  const auto cpu_before = ah::testing::cpu_time(server.pid());
  const auto wall_before = steady_clock::now();
  std::this_thread::sleep_for(seconds(2));
  const double cpu_share =
      (ah::testing::cpu_time(server.pid()) - cpu_before).count() / seconds_since(wall_before);
  EXPECT_LT(cpu_share, 0.10) << "the idle server used " << cpu_share * 100 << "% of a core";
  // The crowd is still connected and served.
  for (int i : {0, 499, 999}) {
    ASSERT_TRUE(idle[i].send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto reply = idle[i].read_reply(seconds(5));
    ASSERT_TRUE(reply) << i;
    EXPECT_EQ(reply->status, 200);
  }
}

TEST_F(Hostile, ConnectionsOverTheCapGetA503) {
  ah::testing::TempDir dir;
  ServerProcess server(AH_CLI_BINARY, db(), dir.path(),
                       {"--max-connections", "20", "--keep-alive", "30"});
  std::vector<RawConnection> held;
  for (int i = 0; i < 20; ++i) {
    held.emplace_back(server.port());
    ASSERT_TRUE(held.back().send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto reply = held.back().read_reply(seconds(10));
    ASSERT_TRUE(reply) << i;
    EXPECT_EQ(reply->status, 200);
  }
  RawConnection over(server.port());
  auto busy = over.read_reply(seconds(10));  // answered without a request being read
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 503);
  EXPECT_EQ(error_code_of(*busy), "server_busy");
  EXPECT_FALSE(busy->header("retry-after").empty());
  EXPECT_EQ(busy->header("connection"), "close");
  bool closed = false;
  over.read_all(seconds(5), &closed);
  EXPECT_TRUE(closed);
  EXPECT_NE(server.err().find(" 503 "), std::string::npos) << server.err();
  // A place that frees up is taken again.
  held.pop_back();
  std::optional<HttpReply> again;
  for (int i = 0; i < 50 && !(again && again->status == 200); ++i) {
    std::this_thread::sleep_for(milliseconds(50));
    again = get("/api/v1/health", "", server.port());
  }
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

TEST_F(Hostile, StopsPromptlyWithACrowdConnected) {
  ah::testing::TempDir dir;
  ServerProcess server(AH_CLI_BINARY, db(), dir.path(),
                       {"--keep-alive", "60", "--header-timeout", "60"});
  std::vector<RawConnection> crowd;
  for (int i = 0; i < 200; ++i) {
    crowd.emplace_back(server.port());
    ASSERT_TRUE(crowd.back().send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_TRUE(crowd.back().read_reply(seconds(10))) << i;
  }
  for (int i = 0; i < 50; ++i) {
    crowd.emplace_back(server.port());
    ASSERT_TRUE(crowd.back().send("GET /api/v1/feed HTTP/1.1\r\nHost: t\r\nX-Slow: a"));
  }
  const auto start = steady_clock::now();
  kill(server.pid(), SIGTERM);
  EXPECT_EQ(server.wait_exit(seconds(8)), 0) << server.err();
  EXPECT_LT(seconds_since(start), 5.0) << "idle connections held the stop";
  EXPECT_NE(server.err().find("stopped on signal"), std::string::npos) << server.err();
  bool closed = false;
  crowd.front().read_all(seconds(2), &closed);
  EXPECT_TRUE(closed);
}

TEST_F(Hostile, ManyRangesGetTheWholeFileOnce) {
  const web::Asset* asset = largest_asset();
  if (!asset) GTEST_SKIP() << "web/dist was not built: no file to ask ranges of";
  std::string ranges = "bytes=0-";
  for (int i = 1; i < 100; ++i) ranges += ",0-";
  RawConnection c(port());
  ASSERT_TRUE(c.send("GET " + std::string(asset->path) +
                     " HTTP/1.1\r\nHost: t\r\nRange: " + ranges + "\r\nConnection: close\r\n\r\n"));
  bool closed = false;
  const std::string all = c.read_all(seconds(10), &closed);
  EXPECT_TRUE(closed);
  EXPECT_LT(all.size(), asset->body.size() + 4096) << "the answer was amplified";
  EXPECT_EQ(all.find("multipart"), std::string::npos);
  RawConnection again(port());
  ASSERT_TRUE(again.send("GET " + std::string(asset->path) +
                         " HTTP/1.1\r\nHost: t\r\nRange: " + ranges + "\r\n\r\n"));
  auto reply = again.read_reply(seconds(10));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, asset->body);
}

TEST_F(Hostile, LargeAnswersReachASlowReaderWholeAndInOrder) {
  const web::Asset* asset = largest_asset();
  if (!asset) GTEST_SKIP() << "web/dist was not built: no large file to ask for";
  const std::string path(asset->path);
  // Megabytes of answers to a client with a small window that waits before it reads: the socket
  // cannot take them at once, and the server writes the rest as the client reads.
  RawConnection c(port(), seconds(5), 4096);
  std::string requests;
  for (int i = 0; i < 6; ++i) {
    requests += "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n";
    requests += "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n";
  }
  ASSERT_TRUE(c.send(requests));
  std::this_thread::sleep_for(milliseconds(300));
  for (int i = 0; i < 6; ++i) {
    auto file = c.read_reply(seconds(10));
    ASSERT_TRUE(file) << i;
    EXPECT_EQ(file->body, asset->body) << i;
    auto health = c.read_reply(seconds(10));
    ASSERT_TRUE(health) << i;
    EXPECT_EQ(health->body, R"({"status":"ok"})") << i;
  }
}

TEST_F(Hostile, ASingleRangeOfAFileIsAnswered206) {
  const web::Asset* asset = largest_asset();
  if (!asset) GTEST_SKIP() << "web/dist was not built: no file to ask a range of";
  const std::string path(asset->path);
  auto part = get(path, "Range: bytes=100-199\r\n");
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->body, asset->body.substr(100, 100));
  EXPECT_EQ(part->header("content-range"), "bytes 100-199/" + std::to_string(asset->body.size()));
  auto past = get(path, "Range: bytes=" + std::to_string(asset->body.size()) + "-\r\n");
  ASSERT_TRUE(past);
  EXPECT_EQ(past->status, 416);
  EXPECT_EQ(past->header("content-range"), "bytes */" + std::to_string(asset->body.size()));
  // The API's answers are not files: Range is ignored.
  auto api = get("/api/v1/health", "Range: bytes=0-1\r\n");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 200);
  EXPECT_EQ(api->body, R"({"status":"ok"})");
}

TEST_F(Hostile, AChunkedBodyOverTheLimitIsRefusedWithoutBeingRead) {
  const std::size_t peak_before = ah::testing::peak_rss_bytes(server_->pid());
  RawConnection c(port());
  ASSERT_TRUE(
      c.send("POST /api/v1/feed HTTP/1.1\r\nHost: t\r\n"
             "Transfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  std::size_t sent = 0;
  const auto start = steady_clock::now();
  // Up to 50 MB, as long as the server takes them.
  while (sent < 50 * kMiB && seconds_since(start) < 15) {
    if (!c.send(chunk, seconds(2))) break;
    sent += chunk.size();
    if (!c.poll_read()) break;
  }
  auto reply = c.read_reply(seconds(5));
  ASSERT_TRUE(reply) << "no answer after " << sent << " bytes";
  EXPECT_EQ(reply->status, 413);
  EXPECT_EQ(error_code_of(*reply), "payload_too_large");
  EXPECT_EQ(reply->header("connection"), "close");
  EXPECT_LT(sent, 20 * kMiB) << "the server kept reading the body";
  bool closed = false;
  c.read_all(seconds(5), &closed);
  EXPECT_TRUE(closed);
  EXPECT_LT(ah::testing::peak_rss_bytes(server_->pid()), peak_before + 16 * kMiB);
}

TEST_F(Hostile, ACompressedBodyIsLimitedByItsDecompressedSize) {
  const std::size_t peak_before = ah::testing::peak_rss_bytes(server_->pid());
  // 48 MB of zeros: ~47 KB compressed, under the 64 KiB limit as sent.
  const std::string bomb = gzip_bytes(std::string(48 * kMiB, '\0'));
  ASSERT_LT(bomb.size(), 64u * 1024);
  RawConnection c(port());
  ASSERT_TRUE(
      c.send("POST /api/v1/feed HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\n"
             "Content-Length: " +
             std::to_string(bomb.size()) + "\r\n\r\n" + bomb));
  auto reply = c.read_reply(seconds(10));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 413);
  EXPECT_EQ(error_code_of(*reply), "payload_too_large");
  EXPECT_LT(ah::testing::peak_rss_bytes(server_->pid()), peak_before + 16 * kMiB);

  RawConnection other(port());
  ASSERT_TRUE(
      other.send("POST /api/v1/feed HTTP/1.1\r\nHost: t\r\nContent-Encoding: br\r\n"
                 "Content-Length: 5\r\n\r\nhello"));
  auto unsupported = other.read_reply(seconds(10));
  ASSERT_TRUE(unsupported);
  EXPECT_EQ(unsupported->status, 415);

  // A small compressed body is decompressed and reaches the router (which has no POST routes).
  const std::string small = gzip_bytes(R"({"hello": "world"})");
  RawConnection fine(port());
  ASSERT_TRUE(
      fine.send("POST /api/v1/feed HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\n"
                "Content-Length: " +
                std::to_string(small.size()) + "\r\n\r\n" + small));
  auto allowed = fine.read_reply(seconds(10));
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->status, 405);
}

TEST_F(Hostile, OnlyUploadRoutesTakeBodiesOverTheLimit) {
  // 1 MiB of JSON: over the 64 KiB of other routes, under the 16 MiB of uploads.
  const std::string big = json{{"file", "big.bib"}, {"text", std::string(kMiB, 'x')}}.dump();
  auto post = [](const std::string& target, const std::string& body, std::size_t length) {
    RawConnection c(port());
    EXPECT_TRUE(c.send("POST " + target +
                       " HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                       "Content-Length: " +
                       std::to_string(length) + "\r\n\r\n" + body));
    return c.read_reply(seconds(10));
  };
  // Read whole and routed: the radar does not exist.
  auto upload = post("/api/v1/radars/nope/seeds", big, big.size());
  ASSERT_TRUE(upload);
  EXPECT_EQ(upload->status, 404) << upload->body;
  // The same body anywhere else is refused from its Content-Length.
  auto vote = post("/api/v1/radars/nope/votes", "", big.size());
  ASSERT_TRUE(vote);
  EXPECT_EQ(vote->status, 413);
  EXPECT_EQ(error_code_of(*vote), "payload_too_large");
  // And an upload over its own limit too.
  auto huge = post("/api/v1/radars/nope/seeds", "", 17 * kMiB);
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_NE(huge->body.find(std::to_string(16 * kMiB)), std::string::npos) << huge->body;
}

TEST_F(Hostile, AGetsBodyIsNeverRunAsARequest) {
  const std::string hidden = "GET /api/v1/stats HTTP/1.1\r\nHost: t\r\n\r\n";
  RawConnection c(port());
  ASSERT_TRUE(c.send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                     std::to_string(hidden.size()) + "\r\n\r\n" + hidden));
  bool closed = false;
  const std::string all = c.read_all(seconds(5), &closed);
  EXPECT_TRUE(closed);
  EXPECT_EQ(count_of(all, "HTTP/1.1 "), 1u) << all;
  EXPECT_EQ(all.find("\"papers\""), std::string::npos) << "the body was run: " << all;
  EXPECT_NE(all.find("body_not_allowed"), std::string::npos) << all;
}

TEST_F(Hostile, AChunkedGetIsNeverParsedAsRequests) {
  RawConnection c(port());
  ASSERT_TRUE(
      c.send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\n"
             "Transfer-Encoding: chunked\r\n\r\n"
             "1e\r\nGET /api/v1/stats HTTP/1.1\r\n\r\n\r\n0\r\n\r\n"));
  // Refused, whole, and the connection closed: neither the chunk-size line nor the chunk is left to
  // be read as a request.
  bool closed = false;
  const std::string all = c.read_all(seconds(5), &closed);
  EXPECT_EQ(count_of(all, "HTTP/1.1 "), 1u) << all;
  EXPECT_TRUE(all.starts_with("HTTP/1.1 400 ")) << all;
  EXPECT_NE(all.find("body_not_allowed"), std::string::npos) << all;
  EXPECT_EQ(all.find("\"papers\""), std::string::npos) << all;
  EXPECT_TRUE(closed);
}

TEST_F(Hostile, PipelinedRequestsAreAnsweredInOrder) {
  RawConnection c(port());
  ASSERT_TRUE(
      c.send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"
             "GET /api/v1/stats HTTP/1.1\r\nHost: t\r\n\r\n"
             "GET /api/v1/nothing-here HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto first = c.read_reply(seconds(10));
  auto second = c.read_reply(seconds(10));
  auto third = c.read_reply(seconds(10));
  ASSERT_TRUE(first && second && third) << "only some of three pipelined requests were answered";
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, R"({"status":"ok"})");
  EXPECT_EQ(second->status, 200);
  EXPECT_NE(second->body.find("\"papers\""), std::string::npos) << second->body;
  EXPECT_EQ(third->status, 404);
}

TEST_F(Hostile, HeadAnswersTheGetsHeadersWithoutABody) {
  auto get_reply = get("/api/v1/feed?limit=2");
  ASSERT_TRUE(get_reply);
  RawConnection c(port());
  // A HEAD and a GET in one write: a body after the HEAD's head would be read as the second answer.
  ASSERT_TRUE(
      c.send("HEAD /api/v1/feed?limit=2 HTTP/1.1\r\nHost: t\r\n\r\n"
             "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto head = c.read_reply(seconds(10), true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("content-length"), get_reply->header("content-length"));
  EXPECT_EQ(head->header("content-type"), get_reply->header("content-type"));
  auto next = c.read_reply(seconds(10));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, R"({"status":"ok"})");
}

TEST_F(Hostile, ConflictingOrUnknownFramingIsRefused) {
  struct Case {
    std::string request;
    int status;
  };
  const std::vector<Case> cases = {
      {"POST /api/v1/feed HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
       "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
       400},
      {"POST /api/v1/feed HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
       "Content-Length: 5\r\n\r\n0\r\n\r\n",
       400},
      {"POST /api/v1/feed HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n"
       "GET /api/v1/stats HTTP/1.1\r\n\r\n",
       400},
      {"POST /api/v1/feed HTTP/1.1\r\nHost: t\r\n"
       "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab",
       400},
      {"GET /api/v1/health HTTP/1.1\r\nHost: t\r\n" + std::string("X-Big: ") +
           std::string(20'000, 'a') + "\r\n\r\n",
       431},
      {"GET /api/v1/feed?author=" + std::string(20'000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n", 414},
      {"POST /api/v1/feed HTTP/1.1\r\nHost: t\r\nContent-Length: 100000000\r\n\r\n", 413},
      {"POST /api/v1/feed HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"NOT HTTP AT ALL\r\n\r\n", 400},
  };
  for (const Case& c : cases) {
    RawConnection conn(port());
    ASSERT_TRUE(conn.send(c.request));
    auto reply = conn.read_reply(seconds(10));
    ASSERT_TRUE(reply) << c.request.substr(0, 80);
    EXPECT_EQ(reply->status, c.status) << c.request.substr(0, 80);
    EXPECT_EQ(reply->header("connection"), "close") << c.request.substr(0, 80);
    EXPECT_EQ(reply->header("x-content-type-options"), "nosniff");
    bool closed = false;
    const std::string rest = conn.read_all(seconds(5), &closed);
    EXPECT_TRUE(closed) << c.request.substr(0, 80);
    EXPECT_EQ(count_of(rest, "HTTP/1.1 "), 0u) << c.request.substr(0, 80) << ": " << rest;
  }
}

TEST_F(Hostile, ExpectContinueIsHonoured) {
  RawConnection c(port());
  ASSERT_TRUE(
      c.send("POST /api/v1/feed HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n"
             "Expect: 100-continue\r\n\r\n"));
  auto go_on = c.read_reply(seconds(10), true);
  ASSERT_TRUE(go_on);
  EXPECT_EQ(go_on->status, 100);
  ASSERT_TRUE(c.send("{}"));
  auto reply = c.read_reply(seconds(10));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 405);
}

TEST_F(Hostile, LogLinesCannotBeForged) {
  // A path with a newline and a forged request line, an ANSI escape in a path and in a parameter's
  // name, a parameter the API does not know.
  auto forged = get("/api/v1/feed%0AGET%20/forged-by-path%20200%0A?author=Secret+Name&limit=1");
  ASSERT_TRUE(forged);
  auto named = get("/api/v1/feed?%1b%5b31mforged-by-name%0A=1&secret-token=s3cr3tv4lue");
  ASSERT_TRUE(named);
  auto ansi = get("/ansi-%1b%5b2J-path");
  ASSERT_TRUE(ansi);
  EXPECT_EQ(ansi->status, 404);
  const std::string log = server_->err();
  std::istringstream lines(log);
  std::string line;
  int path_lines = 0;
  while (std::getline(lines, line)) {
    EXPECT_FALSE(line.starts_with("GET /forged")) << "a forged line: " << line;
    EXPECT_EQ(line.find("forged-by-name"), std::string::npos) << "a name was logged: " << line;
    if (line.find("forged-by-path") != std::string::npos) {
      ++path_lines;
      EXPECT_NE(line.find("/api/v1/feed\\x0aGET /forged-by-path 200\\x0a?author=*&limit=* 404"),
                std::string::npos)
          << line;
    }
  }
  EXPECT_EQ(path_lines, 1);
  EXPECT_EQ(log.find('\x1b'), std::string::npos) << "a raw escape reached the log";
  EXPECT_NE(log.find("GET /ansi-\\x1b[2J-path 404"), std::string::npos) << log;
  EXPECT_NE(log.find("GET /api/v1/feed?_=*&_=* "), std::string::npos) << log;
  EXPECT_EQ(log.find("Secret"), std::string::npos);
  EXPECT_EQ(log.find("s3cr3tv4lue"), std::string::npos);
}

}  // namespace
}  // namespace ah
