// POST and GET /api/v1/papers/{id}/tldr and /translation end to end: `academichub serve` as a
// child process over a database of the project's fixtures, its [llm] pointing at a local
// OpenAI-compatible fake (tests/support/fake_llm_server.h), every answer checked against
// api/openapi.json. An LLM that is slow to answer holds up no other request, even with one
// handler thread; the key reaches no answer and no log line.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/openapi_validator.h"
#include "tests/support/cli_runner.h"
#include "tests/support/fake_llm_server.h"
#include "tests/support/fixtures.h"
#include "tests/support/server_process.h"

namespace ah {
namespace {

using ah::testing::FakeLlmReply;
using ah::testing::FakeLlmServer;
using ah::testing::own_fixture;
using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kKey = "sk-NOTES-API-SECRET-246";
constexpr const char* kZhTldr = "本文研究好的条目与项目，并给出新的结果和分析。";

struct Answer {
  int status = 0;
  json body;
  std::string raw;
};

class NotesApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ah::testing::TempDir();
    auto r = ah::testing::run_cli(AH_CLI_BINARY,
                                  {"--db", db().string(), "import", own_fixture("arxiv").string(),
                                   own_fixture("pubmed").string()},
                                  dir_->path());
    ASSERT_NE(r.out.find("total: "), std::string::npos) << r.out << r.err;
    setenv("ACADEMICHUB_SOURCES_FILE", (dir_->path() / "sources.toml").c_str(), 1);
    openapi_ = new ah::testing::OpenApiDocument(AH_OPENAPI_FILE);
  }
  static void TearDownTestSuite() {
    delete openapi_;
    delete dir_;
  }
  static std::filesystem::path db() { return dir_->path() / "notes.db"; }

  // A server whose [llm] is the fake, on a copy of the database (each test its own cache).
  void start(std::vector<std::string> extra = {}, std::string retries = "1") {
    copy_ = std::make_unique<ah::testing::TempDir>();
    std::filesystem::copy_file(db(), copy_->path() / "papers.db");
    setenv("ACADEMICHUB_LLM_BASE_URL", llm_.base_url().c_str(), 1);
    setenv("ACADEMICHUB_LLM_MODEL", "fake-model", 1);
    setenv("ACADEMICHUB_LLM_API_KEY", kKey, 1);
    setenv("ACADEMICHUB_LLM_RETRIES", retries.c_str(), 1);
    server_ = std::make_unique<ah::testing::ServerProcess>(
        AH_CLI_BINARY, copy_->path() / "papers.db", copy_->path(), std::move(extra));
  }
  void TearDown() override {
    server_.reset();
    for (const char* name : {"ACADEMICHUB_LLM_BASE_URL", "ACADEMICHUB_LLM_MODEL",
                             "ACADEMICHUB_LLM_API_KEY", "ACADEMICHUB_LLM_RETRIES"}) {
      unsetenv(name);
    }
  }

  // `method` (lower-case) `target`; the answer checked against the document.
  Answer call(const std::string& method, const std::string& target) {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(seconds(20));
    httplib::Result res =
        method == "post" ? c.Post(target, "{}", "application/json") : c.Get(target);
    Answer a;
    EXPECT_TRUE(res) << method << " " << target;
    if (!res) return a;
    a.status = res->status;
    a.raw = res->body;
    a.body = json::parse(res->body, nullptr, false);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
    const std::string path = target.substr(0, target.find('?'));
    const json* schema = openapi_->response_schema(path, res->status, method);
    EXPECT_NE(schema, nullptr) << "api/openapi.json does not describe " << res->status << " of "
                               << method << " " << path;
    if (schema) {
      for (const std::string& p : openapi_->validate(a.body, *schema)) {
        ADD_FAILURE() << target << ": " << p;
      }
    }
    EXPECT_EQ(a.raw.find(kKey), std::string::npos) << "the key reached the client";
    return a;
  }
  void expect_no_key_logged() {
    EXPECT_EQ(server_->err().find(kKey), std::string::npos) << "the key reached the log";
  }

  static inline ah::testing::TempDir* dir_ = nullptr;
  static inline ah::testing::OpenApiDocument* openapi_ = nullptr;
  FakeLlmServer llm_;
  std::unique_ptr<ah::testing::TempDir> copy_;
  std::unique_ptr<ah::testing::ServerProcess> server_;
};

TEST_F(NotesApi, ATldrIsWrittenOnceThenServedFromTheCache) {
  llm_.add(FakeLlmReply::text(kZhTldr));
  start();
  EXPECT_EQ(call("get", "/api/v1/papers/2401.08001/tldr?lang=zh").status, 404);
  const Answer a = call("post", "/api/v1/papers/2401.08001/tldr?lang=zh");
  ASSERT_EQ(a.status, 200) << a.raw;
  EXPECT_EQ(a.body["id"], "2401.08001");
  EXPECT_EQ(a.body["tldr"], kZhTldr);
  EXPECT_EQ(a.body["cached"], false);
  EXPECT_EQ(a.body["llm"]["model"], "fake-model");
  ASSERT_EQ(llm_.requests().size(), 1u);
  EXPECT_EQ(llm_.requests()[0].header("authorization"), std::string("Bearer ") + kKey);

  const Answer got = call("get", "/api/v1/papers/2401.08001v1/tldr?lang=zh");
  ASSERT_EQ(got.status, 200) << got.raw;
  EXPECT_EQ(got.body["cached"], true);
  EXPECT_EQ(got.body["tldr"], kZhTldr);
  const Answer again = call("post", "/api/v1/papers/2401.08001/tldr?lang=zh");
  EXPECT_EQ(again.body["cached"], true);
  EXPECT_EQ(llm_.requests().size(), 1u) << "a cached TL;DR asks the LLM nothing";
  expect_no_key_logged();
}

TEST_F(NotesApi, ATranslationIsTitleAndAbstractInChinese) {
  llm_.add(FakeLlmReply::text(
      R"({"title": "关于好条目的论文", "abstract": "我们研究了好的条目和项目。"})"));
  start();
  const Answer a = call("post", "/api/v1/papers/pmid:39000001/translation");
  ASSERT_EQ(a.status, 200) << a.raw;
  EXPECT_EQ(a.body["title"], "关于好条目的论文");
  EXPECT_EQ(a.body["lang"], "zh");
  EXPECT_EQ(call("get", "/api/v1/papers/pmid:39000001/translation").body["cached"], true);
}

TEST_F(NotesApi, AnLlmThatKeepsFailingIsA502NamingHostAndStatus) {
  llm_.add(FakeLlmReply::error(500, R"({"error":{"message":"boom sk-NOTES-API-SECRET-246"}})"));
  start();
  const Answer a = call("post", "/api/v1/papers/2401.08001/tldr");
  ASSERT_EQ(a.status, 502) << a.raw;
  EXPECT_EQ(a.body["error"]["code"], "llm_failed");
  const std::string message = a.body["error"]["message"];
  EXPECT_NE(message.find(llm_.host()), std::string::npos) << message;
  EXPECT_NE(message.find("HTTP 500"), std::string::npos) << message;
  EXPECT_EQ(llm_.requests().size(), 2u) << "ACADEMICHUB_LLM_RETRIES=1";
  EXPECT_EQ(call("get", "/api/v1/papers/2401.08001/tldr").status, 404) << "nothing cached";
  expect_no_key_logged();
}

// With one handler thread, a TL;DR the LLM takes seconds to write holds up nothing else.
TEST_F(NotesApi, ASlowLlmHoldsUpNoOtherRequest) {
  llm_.add(FakeLlmReply::text("Good entries and items are studied.").with_delay(seconds(3)));
  start({"--threads", "1"});
  const auto t0 = std::chrono::steady_clock::now();
  auto slow = std::async(std::launch::async,
                         [&] { return call("post", "/api/v1/papers/2401.08001/tldr"); });
  for (int i = 0; i < 100 && llm_.requests().empty(); ++i) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  ASSERT_EQ(llm_.requests().size(), 1u) << "the TL;DR is being written";
  for (const char* target : {"/api/v1/health", "/api/v1/papers/2401.08001", "/api/v1/stats"}) {
    const auto asked = std::chrono::steady_clock::now();
    EXPECT_EQ(call("get", target).status, 200) << target;
    EXPECT_LT(std::chrono::steady_clock::now() - asked, seconds(1)) << target;
  }
  EXPECT_EQ(slow.wait_for(milliseconds(0)), std::future_status::timeout)
      << "the other requests were answered while the LLM was still writing";
  const Answer a = slow.get();
  EXPECT_EQ(a.status, 200) << a.raw;
  EXPECT_GE(std::chrono::steady_clock::now() - t0, seconds(3));
}

}  // namespace
}  // namespace ah
