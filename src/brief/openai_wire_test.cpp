#include "brief/openai_wire.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ah::brief::wire {
namespace {

using nlohmann::json;

TEST(RequestBody, CarriesModelMessagesAndStreamOptions) {
  ChatRequest request;
  request.messages = {{ChatMessage::Role::system, "be brief"}, {ChatMessage::Role::user, "hi"}};
  request.temperature = 0.2;
  request.max_tokens = 500;
  const json streamed = json::parse(request_body(request, "qwen-plus", true, true));
  EXPECT_EQ(streamed["model"], "qwen-plus");
  EXPECT_EQ(streamed["stream"], true);
  EXPECT_EQ(streamed["stream_options"]["include_usage"], true);
  EXPECT_EQ(streamed["max_tokens"], 500);
  ASSERT_EQ(streamed["messages"].size(), 2u);
  EXPECT_EQ(streamed["messages"][0]["role"], "system");
  EXPECT_EQ(streamed["messages"][1]["content"], "hi");

  request.max_tokens = 0;
  const json whole = json::parse(request_body(request, "m", false, true));
  EXPECT_EQ(whole["stream"], false);
  EXPECT_FALSE(whole.contains("stream_options"));
  EXPECT_FALSE(whole.contains("max_tokens"));
}

TEST(RequestBody, ReplacesInvalidUtf8InsteadOfThrowing) {
  ChatRequest request;
  request.messages = {{ChatMessage::Role::user, "bad \xC3( byte"}};
  json parsed;
  EXPECT_NO_THROW(parsed = json::parse(request_body(request, "m", false, false)));
  EXPECT_EQ(parsed["messages"][0]["content"], "bad \xEF\xBF\xBD( byte");
}

TEST(ParseAnswer, ReadsContentFinishModelAndUsage) {
  auto parsed = parse_answer(R"({"model":"deepseek-chat","choices":[{"index":0,
      "message":{"role":"assistant","content":"Hello [1]."},"finish_reason":"length"}],
      "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}})");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->reply.text, "Hello [1].");
  EXPECT_EQ(parsed->reply.model, "deepseek-chat");
  EXPECT_EQ(parsed->reply.finish, FinishReason::length);
  EXPECT_TRUE(parsed->has_usage);
  EXPECT_EQ(parsed->reply.usage.prompt_tokens, 12);
  EXPECT_EQ(parsed->reply.usage.completion_tokens, 5);
}

TEST(ParseAnswer, AcceptsNullContentAndMissingUsage) {
  auto parsed = parse_answer(R"({"choices":[{"message":{"content":null}}]})");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->reply.text, "");
  EXPECT_FALSE(parsed->has_usage);
  EXPECT_EQ(parsed->reply.finish, FinishReason::stop);
}

TEST(ParseAnswer, RefusesWhatIsNoChatCompletion) {
  for (const char* body : {"<html>502</html>", "[]", R"({"choices":[]})", R"({"data":1})"}) {
    auto parsed = parse_answer(body);
    ASSERT_FALSE(parsed) << body;
    EXPECT_EQ(parsed.error().code, ErrorCode::bad_upstream_data);
  }
}

TEST(ParseChunk, ReadsDeltaFinishAndUsageInAnyChunk) {
  auto first = parse_chunk(R"({"model":"m","choices":[{"delta":{"role":"assistant"}}]})");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->content, "");
  EXPECT_FALSE(first->finish);
  auto text = parse_chunk(R"({"choices":[{"delta":{"content":"模型"},"finish_reason":null}]})");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->content, "模型");
  auto last = parse_chunk(R"({"choices":[{"delta":{},"finish_reason":"stop"}],"usage":null})");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->finish, FinishReason::stop);
  EXPECT_FALSE(last->usage);
  auto usage = parse_chunk(R"({"choices":[],"usage":{"prompt_tokens":30,"completion_tokens":9}})");
  ASSERT_TRUE(usage);
  ASSERT_TRUE(usage->usage);
  EXPECT_EQ(usage->usage->prompt_tokens, 30);
  EXPECT_EQ(usage->usage->completion_tokens, 9);
}

TEST(ParseChunk, ReportsAnErrorSentInMidStream) {
  auto chunk = parse_chunk(R"({"error":{"message":"overloaded","type":"server_error"}})");
  ASSERT_TRUE(chunk);
  ASSERT_TRUE(chunk->error);
  EXPECT_EQ(*chunk->error, "overloaded");
  EXPECT_FALSE(parse_chunk("not json"));
}

TEST(ErrorMessage, FindsTheServersMessageInEachUsualShape) {
  EXPECT_EQ(error_message(R"({"error":{"message":"Invalid model","code":404}})"), "Invalid model");
  EXPECT_EQ(error_message(R"({"error":"model not found"})"), "model not found");
  EXPECT_EQ(error_message(R"({"message":"quota"})"), "quota");
  EXPECT_EQ(error_message(R"({"detail":"Not Found"})"), "Not Found");
  EXPECT_EQ(error_message("Bad Gateway\n"), "Bad Gateway ");
  EXPECT_EQ(error_message(std::string(400, 'x'), 10), "xxxxxxxxxx...");
}

}  // namespace
}  // namespace ah::brief::wire
