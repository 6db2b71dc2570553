// The briefing through the real OpenAI-compatible client against the local fake server: the
// replies the issue lists (wrong language, a citation of [99] in a set of ten, an uncited
// sentence, 500 every time) end as the briefing says they should.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "brief/briefing.h"
#include "brief/openai_client.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fake_llm_server.h"

namespace ah::brief {
namespace {

using ah::testing::FakeLlmReply;
using ah::testing::FakeLlmServer;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kKey = "sk-briefing-k3y-9876543210";

std::vector<core::Paper> ten_papers() {
  std::vector<core::Paper> papers;
  for (int i = 0; i < 10; ++i) {
    core::Paper p;
    p.arxiv_id = "2502.1000" + std::to_string(i);
    const bool vision = i < 5;
    p.title_display = vision ? "Video diffusion for robot learning " + std::to_string(i)
                             : "Retrieval-augmented language models " + std::to_string(i);
    p.abstract_display = vision ? "We generate robot videos with diffusion models for policies."
                                : "We retrieve documents to ground language model answers.";
    p.categories = {vision ? "cs.RO" : "cs.CL"};
    papers.push_back(std::move(p));
  }
  return papers;
}

struct LlmBench {
  FakeLlmServer server;
  ah::testing::FakeClock clock;
  std::unique_ptr<net::HttpClient> http =
      net::make_curl_client(llm_curl_options("AcademicHub/0.1 (test)", std::chrono::seconds(10)));
  std::unique_ptr<ChatModel> model;
  std::vector<std::string> log;
  std::vector<core::Paper> papers = ten_papers();
  Analysis analysis = analyse(papers, {});

  LlmBench() {
    ClientOptions options;
    options.max_retries = 2;
    options.log = [this](std::string_view line) { log.emplace_back(line); };
    model = std::move(*make_openai_client(
        LlmSettings{server.base_url(), "fake-model", config::Secret(kKey)}, *http, clock, options));
  }

  Briefing brief(Lang lang, std::string* streamed = nullptr) {
    BriefingOptions options;
    options.lang = lang;
    BriefingEvents events;
    if (streamed != nullptr) {
      events.on_delta = [streamed](std::string_view piece) { *streamed += piece; };
      events.on_reset = [streamed] { streamed->clear(); };
    }
    return write_briefing(analysis, papers, model.get(), options, events);
  }
};

bool has_warning(const Briefing& b, WarningKind kind) {
  return std::any_of(b.warnings.begin(), b.warnings.end(),
                     [&](const Warning& w) { return w.kind == kind; });
}

TEST(BriefingWithLlm, StreamsAChineseBriefingWithTheServersUsage) {
  LlmBench s;
  const std::string text =
      "本组论文分为两个方向：机器人视频扩散模型的研究工作[1][2]，以及检索增强语言模型的研究[6]。";
  s.server.add(FakeLlmReply::text(text));
  std::string streamed;
  const Briefing b = s.brief(Lang::zh, &streamed);
  EXPECT_TRUE(b.llm.used);
  EXPECT_EQ(b.text, text);
  EXPECT_EQ(streamed, text);
  EXPECT_EQ(b.llm.model, "fake-model");
  EXPECT_EQ(b.llm.prompt_tokens, 120);
  EXPECT_EQ(b.llm.completion_tokens, 40);
  EXPECT_TRUE(b.warnings.empty());
  const auto requests = s.server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& request = requests[0];
  EXPECT_TRUE(request.stream);
  EXPECT_THAT(request.message("system"), HasSubstr("Simplified Chinese"));
  EXPECT_THAT(request.message("user"), HasSubstr("[10] Retrieval-augmented language models 9"));
}

TEST(BriefingWithLlm, AsksAgainOnceWhenTheReplyIsInTheWrongLanguage) {
  LlmBench s;
  s.server.add(FakeLlmReply::text("The papers study robot video diffusion models in depth [1]."));
  const std::string chinese = "这些论文研究了用于机器人学习的视频扩散模型及其策略训练方法[1]。";
  s.server.add(FakeLlmReply::text(chinese));
  std::string streamed;
  const Briefing b = s.brief(Lang::zh, &streamed);
  EXPECT_EQ(b.text, chinese);
  EXPECT_EQ(streamed, chinese) << "what streamed before the retry was reset";
  const auto requests = s.server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_THAT(requests[1].messages.back().second, HasSubstr("简体中文"));
  EXPECT_EQ(b.llm.calls, 2);
  EXPECT_EQ(b.llm.prompt_tokens, 240);
}

TEST(BriefingWithLlm, RemovesACitationOfPaper99InASetOfTen) {
  LlmBench s;
  s.server.add(FakeLlmReply::text(
      "Video diffusion models are now used to train robot policies directly [1][99]. "
      "Retrieval grounds the answers of language models in documents [6, 99]."));
  const Briefing b = s.brief(Lang::en);
  EXPECT_THAT(b.text, Not(HasSubstr("99")));
  EXPECT_THAT(b.text, HasSubstr("robot policies directly [1]."));
  EXPECT_THAT(b.text, HasSubstr("in documents [6]."));
  ASSERT_TRUE(has_warning(b, WarningKind::citation_removed));
  EXPECT_THAT(nlohmann::json(to_json(b)["warnings"]).dump(), HasSubstr("[99]"));
}

TEST(BriefingWithLlm, MarksAndCountsAnUncitedSentence) {
  LlmBench s;
  s.server.add(FakeLlmReply::text(
      "Video diffusion models are now used to train robot policies directly [1]. "
      "This trend will certainly dominate robotics research for the next decade."));
  const Briefing b = s.brief(Lang::en);
  EXPECT_EQ(b.claims, 2);
  EXPECT_EQ(b.uncited_claims, 1);
  EXPECT_THAT(b.text, HasSubstr("for the next decade [?]."));
  EXPECT_TRUE(has_warning(b, WarningKind::uncited_claims));
}

TEST(BriefingWithLlm, FallsBackToTheAnalysisWhenTheServerFailsEveryTimeNamingHostAndStatus) {
  LlmBench s;
  s.server.add(FakeLlmReply::error(
      500, std::string(R"({"error":{"message":"internal error for key )") + kKey + "\"}}"));
  const Briefing b = s.brief(Lang::en);
  EXPECT_TRUE(b.llm_failed);
  EXPECT_FALSE(b.llm.used);
  EXPECT_THAT(b.text, HasSubstr("# Briefing: 10 papers"));
  ASSERT_TRUE(has_warning(b, WarningKind::llm_failed));
  EXPECT_THAT(b.warnings[0].message, HasSubstr(s.server.host() + ": HTTP 500 after 3 attempts"));
  EXPECT_EQ(s.server.requests().size(), 3u);
  const std::string json = to_json(b).dump();
  EXPECT_THAT(json, Not(HasSubstr(kKey)));
  for (const std::string& line : s.log) EXPECT_THAT(line, Not(HasSubstr(kKey)));
}

TEST(BriefingWithLlm, SaysTheTokensAreEstimatedWhenTheServerReportsNone) {
  LlmBench s;
  s.server.add(
      FakeLlmReply::text("Robot video diffusion models train policies from generated data [1].")
          .without_usage());
  const Briefing b = s.brief(Lang::en);
  EXPECT_TRUE(b.llm.used);
  EXPECT_TRUE(b.llm.estimated);
  EXPECT_GT(b.llm.prompt_tokens, 0);
  EXPECT_TRUE(has_warning(b, WarningKind::usage_estimated));
  EXPECT_EQ(to_json(b)["llm"]["tokens_estimated"], true);
}

}  // namespace
}  // namespace ah::brief
