// The OpenAI-compatible client with the real curl client against the local fake server.
#include "brief/openai_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/support/fake_clock.h"
#include "tests/support/fake_llm_server.h"
#include "tests/support/replay_server.h"

namespace ah::brief {
namespace {

using ah::testing::FakeLlmReply;
using ah::testing::FakeLlmServer;
using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kKey = "sk-test-5ecr3t-key-0123456789";

struct Fixture {
  explicit Fixture(const std::string& base_url, std::string key = kKey,
                   milliseconds timeout = milliseconds(10'000), int retries = 3)
      : http(net::make_curl_client([&] {
          net::CurlOptions o = llm_curl_options("AcademicHub/0.1 (test)");
          o.connect_timeout = milliseconds(2'000);
          o.total_timeout = timeout;
          return o;
        }())) {
    ClientOptions options;
    options.max_retries = retries;
    options.log = [this](std::string_view line) { log.emplace_back(line); };
    auto made = make_openai_client(LlmSettings{base_url, "fake-model", config::Secret(key)}, *http,
                                   clock, options);
    EXPECT_TRUE(made) << made.error().message;
    model = std::move(*made);
  }
  ah::testing::FakeClock clock;
  std::unique_ptr<net::HttpClient> http;
  std::unique_ptr<ChatModel> model;
  std::vector<std::string> log;
};

ChatRequest hello() {
  ChatRequest request;
  request.messages = {{ChatMessage::Role::system, "You write briefings."},
                      {ChatMessage::Role::user, "Say hello."}};
  request.max_tokens = 100;
  return request;
}

// Streams `request` and returns the reply, collecting the pieces.
Result<ChatReply> stream(ChatModel& model, std::vector<std::string>& pieces,
                         const CancelToken* cancel = nullptr) {
  ChatCall call;
  call.on_delta = [&](std::string_view piece) { pieces.emplace_back(piece); };
  call.cancel = cancel;
  return model.chat(hello(), call);
}

TEST(OpenAiClient, AnswersANonStreamedCallWithTheServersUsageAndSendsKeyAndModel) {
  FakeLlmServer server;
  server.add(FakeLlmReply::text("Hello [1]."));
  Fixture f(server.base_url());
  auto reply = f.model->chat(hello());
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(reply->text, "Hello [1].");
  EXPECT_EQ(reply->model, "fake-model");
  EXPECT_EQ(reply->finish, FinishReason::stop);
  EXPECT_EQ(reply->usage.prompt_tokens, 120);
  EXPECT_EQ(reply->usage.completion_tokens, 40);
  EXPECT_FALSE(reply->usage.estimated);

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/v1/chat/completions");
  EXPECT_EQ(requests[0].header("authorization"), std::string("Bearer ") + kKey);
  EXPECT_EQ(requests[0].header("content-type"), "application/json");
  EXPECT_EQ(requests[0].model, "fake-model");
  EXPECT_FALSE(requests[0].stream);
  EXPECT_EQ(requests[0].max_tokens, 100);
  EXPECT_EQ(requests[0].message("system"), "You write briefings.");
  EXPECT_EQ(requests[0].message("user"), "Say hello.");
  ASSERT_EQ(f.log.size(), 1u);
  EXPECT_THAT(f.log[0], HasSubstr("-> 200 (model fake-model, 120+40 tokens"));
}

TEST(OpenAiClient, SendsNoAuthorizationWithoutAKey) {
  FakeLlmServer server;
  server.add(FakeLlmReply::text("ok"));
  Fixture f(server.base_url() + "/", "");  // a trailing slash is fine too
  ASSERT_TRUE(f.model->chat(hello()));
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].header("authorization"), "");
  EXPECT_EQ(server.requests()[0].path, "/v1/chat/completions");
}

TEST(OpenAiClient, StreamsPieceByPieceWhateverTheFraming) {
  const std::string text = "Themes: agents [1], 图神经网络 [2]; diffusion [3].";
  struct Case {
    const char* name;
    FakeLlmReply reply;
  };
  std::vector<Case> cases;
  cases.push_back({"LF", FakeLlmReply::text(text)});
  cases.push_back({"CRLF", FakeLlmReply::text(text).with_crlf()});
  cases.push_back({"events split across reads", FakeLlmReply::text(text).split_every_bytes(7)});
  cases.push_back(
      {"CRLF split across reads", FakeLlmReply::text(text).with_crlf().split_every_bytes(3)});
  cases.push_back({"comments", FakeLlmReply::text(text).with_comments()});
  cases.push_back({"no [DONE]", FakeLlmReply::text(text).without_done()});
  for (Case& c : cases) {
    FakeLlmServer server;
    server.add(std::move(c.reply));
    Fixture f(server.base_url());
    std::vector<std::string> pieces;
    auto reply = stream(*f.model, pieces);
    ASSERT_TRUE(reply) << c.name << ": " << reply.error().message;
    EXPECT_EQ(reply->text, text) << c.name;
    std::string joined;
    for (const auto& p : pieces) joined += p;
    EXPECT_EQ(joined, text) << c.name;
    EXPECT_GT(pieces.size(), 3u) << c.name;
    EXPECT_EQ(reply->usage.completion_tokens, 40) << c.name;
    EXPECT_FALSE(reply->usage.estimated) << c.name;
    ASSERT_EQ(server.requests().size(), 1u);
    EXPECT_TRUE(server.requests()[0].stream);
    EXPECT_TRUE(server.requests()[0].include_usage);
    EXPECT_EQ(server.requests()[0].header("accept"), "text/event-stream");
  }
}

TEST(OpenAiClient, EstimatesUsageWhenTheServerReportsNoneAndSaysSo) {
  FakeLlmServer server;
  server.add(FakeLlmReply::text("A short answer of some words.").without_usage());
  Fixture f(server.base_url());
  std::vector<std::string> pieces;
  auto streamed = stream(*f.model, pieces);
  ASSERT_TRUE(streamed) << streamed.error().message;
  EXPECT_TRUE(streamed->usage.estimated);
  EXPECT_GT(streamed->usage.prompt_tokens, 0);
  EXPECT_EQ(streamed->usage.completion_tokens, 8);  // 29 bytes of ASCII
  auto whole = f.model->chat(hello());
  ASSERT_TRUE(whole) << whole.error().message;
  EXPECT_TRUE(whole->usage.estimated);
  EXPECT_THAT(f.log.back(), HasSubstr("tokens estimated"));
}

TEST(OpenAiClient, TakesAWholeAnswerFromAServerThatIgnoresStreaming) {
  FakeLlmServer server;
  server.add(FakeLlmReply::text("all at once").ignoring_stream());
  Fixture f(server.base_url());
  std::vector<std::string> pieces;
  auto reply = stream(*f.model, pieces);
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(reply->text, "all at once");
  EXPECT_THAT(pieces, ElementsAre("all at once"));
}

TEST(OpenAiClient, Retries429AfterRetryAfterThenSucceeds) {
  FakeLlmServer server;
  server.add(FakeLlmReply::error(429, R"({"error":{"message":"slow down"}})")
                 .with_header("Retry-After", "2"));
  server.add(FakeLlmReply::text("finally"));
  Fixture f(server.base_url());
  std::vector<std::string> pieces;
  auto reply = stream(*f.model, pieces);
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(reply->text, "finally");
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_THAT(f.clock.sleeps(), ElementsAre(milliseconds(2'000)));
  ASSERT_EQ(f.log.size(), 2u);
  EXPECT_THAT(f.log[0], HasSubstr("-> 429 (retry in 2.0 s)"));
}

TEST(OpenAiClient, GivesUpOn500AfterItsRetriesNamingTheHostAndStatus) {
  FakeLlmServer server;
  server.add(FakeLlmReply::error(500, R"({"error":{"message":"upstream exploded"}})"));
  Fixture f(server.base_url());
  for (bool streamed : {false, true}) {
    const std::size_t before = server.requests().size();
    std::vector<std::string> pieces;
    auto reply = streamed ? stream(*f.model, pieces) : f.model->chat(hello());
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, ErrorCode::unavailable);
    EXPECT_EQ(reply.error().message,
              "LLM endpoint " + server.host() + ": HTTP 500 after 4 attempts: upstream exploded");
    EXPECT_EQ(server.requests().size() - before, 4u);
    EXPECT_TRUE(pieces.empty());
  }
  // Capped exponential back-off: 1, 2, 4 s, twice.
  EXPECT_THAT(f.clock.sleeps(),
              ElementsAre(milliseconds(1'000), milliseconds(2'000), milliseconds(4'000),
                          milliseconds(1'000), milliseconds(2'000), milliseconds(4'000)));
}

TEST(OpenAiClient, GivesUpAtOnceWhenRetryAfterIsTooLong) {
  FakeLlmServer server;
  server.add(FakeLlmReply::error(429, "{}").with_header("Retry-After", "3600"));
  Fixture f(server.base_url());
  auto reply = f.model->chat(hello());
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, ErrorCode::rate_limited);
  EXPECT_THAT(reply.error().message, HasSubstr(server.host()));
  EXPECT_THAT(reply.error().message, HasSubstr("3600 s"));
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_TRUE(f.clock.sleeps().empty());
}

TEST(OpenAiClient, Reports429AsRateLimitedAfterTheRetries) {
  FakeLlmServer server;
  server.add(FakeLlmReply::error(429, R"({"error":{"message":"quota"}})"));
  Fixture f(server.base_url(), kKey, milliseconds(10'000), 1);
  auto reply = f.model->chat(hello());
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(reply.error().message,
            "LLM endpoint " + server.host() + ": HTTP 429 (rate limited) after 2 attempts: quota");
}

TEST(OpenAiClient, TimesOutASlowServerAndRetriesThenSaysSo) {
  FakeLlmServer server;
  server.add(FakeLlmReply::text("too late").with_delay(milliseconds(3'000)));
  Fixture f(server.base_url(), kKey, milliseconds(300), 1);
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> pieces;
  auto reply = stream(*f.model, pieces);
  ASSERT_FALSE(reply);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(reply.error().code, ErrorCode::unavailable);
  EXPECT_EQ(reply.error().message,
            "LLM endpoint " + server.host() + ": timed out after 300 ms after 2 attempts");
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(OpenAiClient, DoesNotRetryARefusedConnection) {
  ah::testing::RefusingPort port;
  Fixture f(port.base_url() + "/v1");
  auto reply = f.model->chat(hello());
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, ErrorCode::unavailable);
  EXPECT_EQ(reply.error().message,
            "LLM endpoint 127.0.0.1:" + std::to_string(port.port()) + ": connection refused");
  EXPECT_TRUE(f.clock.sleeps().empty());
}

TEST(OpenAiClient, NeverLetsTheKeyIntoAnErrorOrALogLineEvenWhenTheServerEchoesIt) {
  FakeLlmServer server;
  server.add(FakeLlmReply::error(
      401, std::string(R"({"error":{"message":"Incorrect API key provided: )") + kKey + "\"}}"));
  Fixture f(server.base_url());
  auto reply = f.model->chat(hello());
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(reply.error().message, "LLM endpoint " + server.host() +
                                       ": HTTP 401 (check llm.api_key): Incorrect API key "
                                       "provided: ***");
  EXPECT_EQ(server.requests().size(), 1u) << "4xx is not retried";
  ASSERT_FALSE(f.log.empty());
  for (const std::string& line : f.log) EXPECT_THAT(line, Not(HasSubstr(kKey)));
}

TEST(OpenAiClient, StopsBetweenChunksWhenCancelled) {
  FakeLlmServer server;
  std::vector<std::string> parts(30, "word ");
  server.add(FakeLlmReply::text("").in_pieces(parts, milliseconds(100)));
  Fixture f(server.base_url());
  CancelToken cancel;
  std::vector<std::string> pieces;
  ChatCall call;
  call.cancel = &cancel;
  call.on_delta = [&](std::string_view piece) {
    pieces.emplace_back(piece);
    if (pieces.size() == 2) cancel.cancel();
  };
  const auto start = std::chrono::steady_clock::now();
  auto reply = f.model->chat(hello(), call);
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(reply->finish, FinishReason::cancelled);
  EXPECT_EQ(pieces.size(), 2u);
  EXPECT_EQ(reply->text, "word word ");
  // A call cancelled before it starts sends nothing.
  auto none = f.model->chat(hello(), call);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->finish, FinishReason::cancelled);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(OpenAiClient, DoesNotRetryAStreamThatFailsAfterTextReachedTheCaller) {
  FakeLlmServer server;
  FakeLlmReply reply = FakeLlmReply::text("").in_pieces({"partial "});
  reply.pieces.push_back("answer");
  reply.content = "partial answer";
  reply.finish_reason = "";  // no finish reason and no [DONE]: the answer was cut
  reply.done = false;
  server.add(std::move(reply));
  Fixture f(server.base_url());
  std::vector<std::string> pieces;
  auto result = stream(*f.model, pieces);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::unavailable);
  EXPECT_THAT(result.error().message, HasSubstr("ended before the answer was complete"));
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(OpenAiClient, RefusesSettingsWithoutAnHttpUrlOrAModel) {
  ah::testing::FakeClock clock;
  auto http = net::make_curl_client(llm_curl_options("AcademicHub/0.1 (test)"));
  auto no_url = make_openai_client(LlmSettings{"localhost:11434", "m", {}}, *http, clock);
  ASSERT_FALSE(no_url);
  EXPECT_EQ(no_url.error().code, ErrorCode::invalid_argument);
  auto no_model = make_openai_client(LlmSettings{"http://127.0.0.1:1/v1", "", {}}, *http, clock);
  ASSERT_FALSE(no_model);
  EXPECT_FALSE(LlmSettings{}.configured());
  EXPECT_TRUE((LlmSettings{"http://127.0.0.1:1/v1", "m", {}}.configured()));
}

}  // namespace
}  // namespace ah::brief
