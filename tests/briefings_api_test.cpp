// POST /api/v1/briefings and GET /api/v1/briefings/{id} end to end: `academichub serve` as a child
// process over a database of the project's fixtures, its [llm] pointing at a local
// OpenAI-compatible fake (tests/support/fake_llm_server.h), read over a raw socket so that the
// events are seen as they stream and the client can go away in the middle.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/fake_llm_server.h"
#include "tests/support/fixtures.h"
#include "tests/support/raw_http.h"
#include "tests/support/server_process.h"

namespace ah {
namespace {

using ah::testing::FakeLlmReply;
using ah::testing::FakeLlmServer;
using ah::testing::own_fixture;
using ah::testing::RawConnection;
using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kKey = "sk-BRIEFING-API-SECRET-789";
constexpr const char* kQuery = R"({"query": "the OR good OR item OR entry", "lang": "en"})";

struct Event {
  std::string name;
  json data;
};

// The body of a chunked HTTP/1.1 message (as far as it goes).
std::string dechunk(std::string_view body) {
  std::string out;
  while (!body.empty()) {
    const auto eol = body.find("\r\n");
    if (eol == std::string_view::npos) break;
    const std::size_t size = std::stoul(std::string(body.substr(0, eol)), nullptr, 16);
    if (size == 0) break;
    out.append(body.substr(eol + 2, size));
    body.remove_prefix(std::min(body.size(), eol + 2 + size + 2));
  }
  return out;
}

std::vector<Event> parse_events(const std::string& stream) {
  std::vector<Event> events;
  std::size_t at = 0;
  for (std::size_t end; (end = stream.find("\n\n", at)) != std::string::npos; at = end + 2) {
    const std::string block = stream.substr(at, end - at);
    Event e;
    std::size_t line_at = 0;
    for (std::size_t eol; line_at <= block.size(); line_at = eol + 1) {
      eol = block.find('\n', line_at);
      if (eol == std::string::npos) eol = block.size();
      const std::string line = block.substr(line_at, eol - line_at);
      if (line.starts_with("event: ")) e.name = line.substr(7);
      if (line.starts_with("data: ")) e.data = json::parse(line.substr(6), nullptr, false);
    }
    events.push_back(std::move(e));
  }
  return events;
}

struct Reply {
  int status = 0;
  std::string head, raw;  // raw: the body as sent
  std::vector<Event> events;
  json body;  // a JSON answer (errors)
  const Event* find(std::string_view name) const {
    for (const Event& e : events) {
      if (e.name == name) return &e;
    }
    return nullptr;
  }
};

class BriefingsApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ah::testing::TempDir();
    auto r = ah::testing::run_cli(
        AH_CLI_BINARY,
        {"--db", db().string(), "import", own_fixture("arxiv").string(),
         own_fixture("pubmed").string()},
        dir_->path());
    ASSERT_NE(r.out.find("total: "), std::string::npos) << r.out << r.err;
    // A radar whose view the page can brief.
    r = ah::testing::run_cli(
        AH_CLI_BINARY, {"--db", db().string(), "radar", "create", "mine", "--author", "A. Author"},
        dir_->path());
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    setenv("ACADEMICHUB_SOURCES_FILE", (dir_->path() / "sources.toml").c_str(), 1);
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::filesystem::path db() { return dir_->path() / "briefings.db"; }

  // A server whose [llm] is the fake (or none); each test its own, so caches do not mix.
  void start(bool with_llm = true, std::string timeout = "300", std::string retries = "3") {
    copy_ = std::make_unique<ah::testing::TempDir>();
    std::filesystem::copy_file(db(), copy_->path() / "papers.db");
    if (with_llm) {
      setenv("ACADEMICHUB_LLM_BASE_URL", llm_.base_url().c_str(), 1);
      setenv("ACADEMICHUB_LLM_MODEL", "fake-model", 1);
      setenv("ACADEMICHUB_LLM_API_KEY", kKey, 1);
      setenv("ACADEMICHUB_LLM_TIMEOUT", timeout.c_str(), 1);
      setenv("ACADEMICHUB_LLM_RETRIES", retries.c_str(), 1);
    } else {
      for (const char* name : {"ACADEMICHUB_LLM_BASE_URL", "ACADEMICHUB_LLM_MODEL",
                               "ACADEMICHUB_LLM_API_KEY", "ACADEMICHUB_LLM_TIMEOUT",
                               "ACADEMICHUB_LLM_RETRIES"}) {
        unsetenv(name);
      }
    }
    server_ = std::make_unique<ah::testing::ServerProcess>(
        AH_CLI_BINARY, copy_->path() / "papers.db", copy_->path());
  }

  std::string request(const std::string& body, const std::string& type = "application/json") {
    // Connection: close, so a JSON error's connection ends with it (read() reads to the close).
    return "POST /api/v1/briefings HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
           "Content-Type: " + type +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }

  Reply post(const std::string& body, const std::string& type = "application/json") {
    RawConnection c(server_->port());
    EXPECT_TRUE(c.send(request(body, type)));
    return read(c);
  }

  static Reply read(RawConnection& c, milliseconds limit = milliseconds(20'000)) {
    Reply r;
    const std::string all = c.read_all(limit);
    const auto split = all.find("\r\n\r\n");
    if (split == std::string::npos) return r;
    r.head = all.substr(0, split);
    r.status = std::stoi(r.head.substr(9, 3));
    r.raw = all.substr(split + 4);
    if (r.head.find("text/event-stream") != std::string::npos) {
      EXPECT_NE(r.head.find("Transfer-Encoding: chunked"), std::string::npos) << r.head;
      r.events = parse_events(dechunk(r.raw));
    } else {
      r.body = json::parse(r.raw, nullptr, false);
    }
    return r;
  }

  static void expect_briefing(const json& b) {
    for (const char* field : {"lang", "papers", "themes", "text", "llm", "warnings"}) {
      EXPECT_TRUE(b.contains(field)) << field << " in " << b.dump().substr(0, 300);
    }
    for (const char* field : {"used", "model", "prompt_tokens", "completion_tokens"}) {
      EXPECT_TRUE(b["llm"].contains(field)) << field;
    }
    ASSERT_FALSE(b["papers"].empty());
    for (const json& p : b["papers"]) {
      EXPECT_TRUE(p.contains("n") && p.contains("id") && p.contains("title")) << p.dump();
    }
  }

  void expect_no_key(const Reply& r) {
    EXPECT_EQ(r.raw.find(kKey), std::string::npos) << "the key reached the client";
    EXPECT_EQ(server_->err().find(kKey), std::string::npos) << "the key reached the log";
  }

  static inline ah::testing::TempDir* dir_ = nullptr;
  FakeLlmServer llm_;
  std::unique_ptr<ah::testing::TempDir> copy_;
  std::unique_ptr<ah::testing::ServerProcess> server_;
};

TEST_F(BriefingsApi, StreamsTheAnalysisThenTheLlmsTextThenTheCheckedBriefing) {
  llm_.add(FakeLlmReply::text("")
               .in_pieces({"## Overview\n\n", "Good entries and items ", "are studied [1][2]. ",
                           "An outside paper [99]."}));
  start();
  Reply r = post(kQuery);
  ASSERT_EQ(r.status, 200) << r.head << r.raw;
  EXPECT_NE(r.head.find("Cache-Control: no-cache"), std::string::npos);
  ASSERT_GE(r.events.size(), 3u) << r.raw;
  EXPECT_EQ(r.events.front().name, "analysis");
  expect_briefing(r.events.front().data);
  EXPECT_EQ(r.events.front().data["llm"]["used"], false);
  std::string streamed;
  for (const Event& e : r.events) {
    if (e.name == "delta") streamed += e.data["text"].get<std::string>();
  }
  EXPECT_EQ(streamed,
            "## Overview\n\nGood entries and items are studied [1][2]. An outside paper [99].");
  EXPECT_EQ(r.events.back().name, "done");
  const json& done = r.events.back().data;
  expect_briefing(done);
  EXPECT_EQ(done["llm"]["used"], true);
  EXPECT_EQ(done["llm"]["model"], "fake-model");
  EXPECT_EQ(done["cached"], false);
  EXPECT_EQ(done["text"].get<std::string>().find("[99]"), std::string::npos) << done["text"];
  EXPECT_FALSE(done["warnings"].empty());
  const std::string id = done["id"];
  EXPECT_EQ(id.size(), 64u);
  expect_no_key(r);
  ASSERT_FALSE(llm_.requests().empty());
  EXPECT_EQ(llm_.requests().back().header("authorization"), std::string("Bearer ") + kKey);

  // Cached: GET by its id, and the same POST answered with `done` alone, asking the LLM nothing.
  const std::size_t asked = llm_.requests().size();
  RawConnection g(server_->port());
  ASSERT_TRUE(g.send("GET /api/v1/briefings/" + id + " HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto got = g.read_reply(seconds(5));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->status, 200);
  const json cached = json::parse(got->body);
  EXPECT_EQ(cached["text"], done["text"]);
  EXPECT_EQ(cached["cached"], true);
  Reply again = post(kQuery);
  ASSERT_EQ(again.events.size(), 1u) << again.raw;
  EXPECT_EQ(again.events[0].name, "done");
  EXPECT_EQ(again.events[0].data["cached"], true);
  EXPECT_EQ(again.events[0].data["id"], id);
  EXPECT_EQ(llm_.requests().size(), asked);
  // "cache": false writes it again.
  Reply fresh = post(R"({"query": "the OR good OR item OR entry", "cache": false})");
  EXPECT_EQ(fresh.events.back().data["cached"], false);
  EXPECT_GT(llm_.requests().size(), asked);
}

TEST_F(BriefingsApi, A429ThenSuccessIsRetried) {
  llm_.add(FakeLlmReply::error(429, R"({"error":{"message":"slow down"}})")
               .with_header("Retry-After", "0"));
  llm_.add(FakeLlmReply::text("Entries and items [1]."));
  start();
  Reply r = post(R"({"query": "the OR good OR item OR entry", "lang": "en"})");
  ASSERT_EQ(r.status, 200);
  ASSERT_FALSE(r.events.empty());
  EXPECT_EQ(r.events.back().name, "done") << r.raw;
  EXPECT_EQ(r.events.back().data["llm"]["used"], true);
  EXPECT_EQ(llm_.requests().size(), 2u);
}

TEST_F(BriefingsApi, AnLlmThatKeepsFailingEndsWithAnErrorCarryingTheAnalysis) {
  llm_.add(FakeLlmReply::error(500, R"({"error":{"message":"boom sk-BRIEFING-API-SECRET-789"}})"));
  start(true, "300", "1");
  Reply r = post(kQuery);
  ASSERT_EQ(r.status, 200);
  ASSERT_GE(r.events.size(), 2u) << r.raw;
  EXPECT_EQ(r.events.front().name, "analysis");
  const Event& last = r.events.back();
  ASSERT_EQ(last.name, "error") << r.raw;
  EXPECT_EQ(last.data["code"], "llm_failed");
  EXPECT_NE(last.data["message"].get<std::string>().find(llm_.host()), std::string::npos)
      << last.data["message"];
  EXPECT_NE(last.data["message"].get<std::string>().find("500"), std::string::npos);
  expect_briefing(last.data["briefing"]);
  EXPECT_EQ(last.data["briefing"]["llm"]["used"], false);
  expect_no_key(r);
  // Not cached: the next request asks again.
  const std::size_t asked = llm_.requests().size();
  post(kQuery);
  EXPECT_GT(llm_.requests().size(), asked);
}

TEST_F(BriefingsApi, AnLlmTooSlowTimesOut) {
  llm_.add(FakeLlmReply::text("late [1]").with_delay(seconds(30)));
  start(true, "1", "0");
  const auto t0 = std::chrono::steady_clock::now();
  Reply r = post(kQuery);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, seconds(10));
  ASSERT_FALSE(r.events.empty()) << r.raw;
  EXPECT_EQ(r.events.back().name, "error") << r.raw;
}

TEST_F(BriefingsApi, AClientThatGoesAwayCancelsTheLlmCall) {
  llm_.add(FakeLlmReply::text("never [1]").with_delay(seconds(30)));
  start();
  const auto t0 = std::chrono::steady_clock::now();
  {
    RawConnection c(server_->port());
    ASSERT_TRUE(c.send(request(kQuery)));
    // Wait for the analysis, then leave.
    for (int i = 0; i < 200 && c.pending().find("event: analysis") == std::string::npos; ++i) {
      c.poll_read();
      std::this_thread::sleep_for(milliseconds(20));
    }
    ASSERT_NE(c.pending().find("event: analysis"), std::string::npos) << c.pending();
    for (int i = 0; i < 100 && llm_.requests().empty(); ++i) {
      std::this_thread::sleep_for(milliseconds(20));
    }
  }
  // The request's log line is written when its stream ends: soon, not after the fake's 30 s.
  for (int i = 0; i < 100 && server_->err().find("POST /api/v1/briefings 200") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(milliseconds(50));
  }
  EXPECT_NE(server_->err().find("POST /api/v1/briefings 200"), std::string::npos)
      << server_->err();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, seconds(8));
}

TEST_F(BriefingsApi, WithoutAnLlmTheAnalysisIsTheBriefing) {
  start(false);
  Reply r = post(R"({"ids": ["2401.08001", "pmid:39000001"], "lang": "zh"})");
  ASSERT_EQ(r.status, 200) << r.raw;
  ASSERT_EQ(r.events.size(), 2u) << r.raw;
  EXPECT_EQ(r.events[0].name, "analysis");
  EXPECT_EQ(r.events[1].name, "done");
  EXPECT_EQ(r.events[1].data["lang"], "zh");
  EXPECT_EQ(r.events[1].data["llm"]["used"], false);
  EXPECT_EQ(r.events[1].data["papers"].size(), 2u);
  // What is new is measured against the set's previous period (the CLI's tests check its
  // papers; the fixtures here have none before them).
  ASSERT_TRUE(r.events[1].data.contains("new")) << r.events[1].data;
  EXPECT_TRUE(r.events[1].data["new"]["previous_papers"].is_number_integer());
  EXPECT_TRUE(llm_.requests().empty());
}

TEST_F(BriefingsApi, ARadarsViewIsBriefedWithWhomTheRadarFollows) {
  start(false);
  for (const std::string radar : {R"("mine")", "1"}) {
    SCOPED_TRACE(radar);
    Reply r = post(R"({"ids": ["2401.08001"], "radar": )" + radar + "}");
    ASSERT_EQ(r.status, 200) << r.raw;
    const Event* done = r.find("done");
    ASSERT_NE(done, nullptr) << r.raw;
    EXPECT_NE(done->data["text"].get<std::string>().find("A. Author, whom you follow"),
              std::string::npos)
        << done->data["text"];
    EXPECT_TRUE(done->data["new"]["previous_papers"].is_number_integer());
  }
  // The same ids without their radar are another briefing.
  Reply plain = post(R"({"ids": ["2401.08001"]})");
  ASSERT_NE(plain.find("done"), nullptr) << plain.raw;
  EXPECT_EQ(plain.find("done")->data["text"].get<std::string>().find("whom you follow"),
            std::string::npos);
}

TEST_F(BriefingsApi, BadRequestsAreJsonErrorsNamingTheField) {
  start(false);
  struct Case {
    std::string body, type;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {kQuery, "text/plain", 415, "JSON"},
      {"not json", "application/json", 400, "JSON object"},
      {R"({"ids": [], "query": "x"})", "application/json", 400, "ids"},
      {R"({"ids": ["2401.08001"], "query": "x"})", "application/json", 400, "exactly one"},
      {R"({"query": "x", "lang": "fr"})", "application/json", 400, "lang"},
      {R"({"query": "x", "llm": "yes"})", "application/json", 400, "llm"},
      {R"({"query": "x", "bogus": 1})", "application/json", 400, "bogus"},
      {R"({"query": "x", "since": "2024-13-01"})", "application/json", 400, "since"},
      {R"({"ids": ["2401.08001", "pmid:1"]})", "application/json", 404, "pmid:1"},
      {R"({"query": "zzzznothing"})", "application/json", 400, "empty"},
      {R"({"query": "x", "radar": "mine"})", "application/json", 400, "radar"},
      {R"({"ids": ["2401.08001"], "radar": true})", "application/json", 400, "radar"},
      {R"({"ids": ["2401.08001"], "radar": "nobody"})", "application/json", 404, "no radar"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    Reply r = post(c.body, c.type);
    EXPECT_EQ(r.status, c.status) << r.raw;
    EXPECT_NE(r.body["error"]["message"].get<std::string>().find(c.message), std::string::npos)
        << r.raw;
  }
  RawConnection g(server_->port());
  ASSERT_TRUE(g.send("GET /api/v1/briefings/" + std::string(64, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto got = g.read_reply(seconds(5));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->status, 404);
}

}  // namespace
}  // namespace ah
