// The briefing with an in-process fake ChatModel: plans, checks and fallbacks.
#include "brief/briefing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <nlohmann/json.hpp>
#include <regex>

#include "brief/prompts.h"
#include "brief/text_stats.h"

namespace ah::brief {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Answers from a script (the last repeating) and records every request.
class ScriptedModel final : public ChatModel {
 public:
  explicit ScriptedModel(std::vector<Result<ChatReply>> script) : script_(std::move(script)) {}
  std::string model() const override { return "scripted"; }
  Result<ChatReply> chat(const ChatRequest& request, const ChatCall& call) override {
    requests.push_back(request);
    streamed.push_back(static_cast<bool>(call.on_delta));
    auto reply = script_[std::min(requests.size() - 1, script_.size() - 1)];
    if (reply && call.on_delta) call.on_delta(reply->text);
    return reply;
  }
  std::vector<ChatRequest> requests;
  std::vector<bool> streamed;

 private:
  std::vector<Result<ChatReply>> script_;
};

ChatReply answer(std::string text, int prompt = 100, int completion = 50) {
  ChatReply r;
  r.text = std::move(text);
  r.model = "scripted";
  r.usage = {prompt, completion, false};
  return r;
}

// Ten papers in two fields.
std::vector<core::Paper> ten_papers() {
  std::vector<core::Paper> papers;
  for (int i = 0; i < 10; ++i) {
    core::Paper p;
    p.arxiv_id = "2501.0000" + std::to_string(i);
    const bool vision = i < 5;
    p.title_display = vision ? "Diffusion models for image generation, part " + std::to_string(i)
                             : "Language models for reasoning, part " + std::to_string(i);
    p.abstract_display =
        vision ? "We train diffusion models on images and video for generation and editing."
               : "We train language models with reinforcement learning for reasoning tasks.";
    p.categories = {vision ? "cs.CV" : "cs.CL"};
    p.source = core::source::kArxivApi;
    p.authors = {{"Ada Lovelace"}, {"Alan Turing"}};
    p.announced = "2025-01-0" + std::to_string(1 + i % 3);
    papers.push_back(std::move(p));
  }
  return papers;
}

const std::string kGoodEnglish =
    "Diffusion models dominate the image generation papers of this set [1][2]. "
    "Language models trained with reinforcement learning improve reasoning [6].";

TEST(WriteBriefing, WithoutAModelIsTheAnalysisAlone) {
  const auto papers = ten_papers();
  const Analysis analysis = analyse(papers, {});
  const Briefing b = write_briefing(analysis, papers, nullptr, {});
  EXPECT_FALSE(b.llm.used);
  EXPECT_EQ(b.llm.model, "");
  EXPECT_THAT(b.text, HasSubstr("# Briefing: 10 papers"));
  EXPECT_TRUE(b.warnings.empty());
  ASSERT_EQ(b.papers.size(), 10u);
  EXPECT_EQ(b.papers[0].n, 1);
  EXPECT_EQ(b.papers[0].id, "2501.00000");
  EXPECT_FALSE(b.themes.empty());

  ScriptedModel model({answer(kGoodEnglish)});
  BriefingOptions no_llm;
  no_llm.use_llm = false;
  const Briefing off = write_briefing(analysis, papers, &model, no_llm);
  EXPECT_FALSE(off.llm.used);
  EXPECT_EQ(off.llm.model, "scripted");
  EXPECT_TRUE(model.requests.empty());
}

TEST(WriteBriefing, WritesWithTheModelAndCountsItsTokens) {
  const auto papers = ten_papers();
  const Analysis analysis = analyse(papers, {});
  ScriptedModel model({answer(kGoodEnglish, 900, 120)});
  std::string streamed;
  BriefingEvents events;
  events.on_delta = [&](std::string_view piece) { streamed += piece; };
  const Briefing b = write_briefing(analysis, papers, &model, {}, events);
  EXPECT_TRUE(b.llm.used);
  EXPECT_EQ(b.text, kGoodEnglish);
  EXPECT_EQ(streamed, kGoodEnglish);
  EXPECT_EQ(b.llm.prompt_tokens, 900);
  EXPECT_EQ(b.llm.completion_tokens, 120);
  EXPECT_EQ(b.llm.calls, 1);
  EXPECT_TRUE(b.warnings.empty());
  ASSERT_EQ(model.requests.size(), 1u);
  const std::string& prompt = model.requests[0].messages.back().content;
  for (int n = 1; n <= 10; ++n) EXPECT_THAT(prompt, HasSubstr("[" + std::to_string(n) + "] "));
  EXPECT_THAT(model.requests[0].messages.front().content, HasSubstr("Cite only the numbers"));
}

TEST(WriteBriefing, RemovesCitationsOutsideTheSetAndMarksUncitedClaims) {
  const auto papers = ten_papers();
  const Analysis analysis = analyse(papers, {});
  ScriptedModel model({answer(
      "Diffusion models dominate the image generation papers of this set [1][99]. "
      "Language models trained with reinforcement learning improve their reasoning a lot.")});
  const Briefing b = write_briefing(analysis, papers, &model, {});
  EXPECT_THAT(b.text, Not(HasSubstr("[99]")));
  EXPECT_THAT(b.text, HasSubstr("improve their reasoning a lot [?]."));
  EXPECT_EQ(b.claims, 2);
  EXPECT_EQ(b.uncited_claims, 1);
  std::vector<WarningKind> kinds;
  for (const Warning& w : b.warnings) kinds.push_back(w.kind);
  EXPECT_THAT(kinds, ::testing::UnorderedElementsAre(WarningKind::citation_removed,
                                                     WarningKind::uncited_claims));
  // Every [n] left in the text is a paper of the set.
  const std::regex citation(R"(\[(\d+)\])");
  for (auto it = std::sregex_iterator(b.text.begin(), b.text.end(), citation);
       it != std::sregex_iterator(); ++it) {
    EXPECT_LE(std::stoi((*it)[1]), 10);
  }
}

TEST(WriteBriefing, AsksOnceMoreWhenTheAnswerIsInTheWrongLanguage) {
  const auto papers = ten_papers();
  const Analysis analysis = analyse(papers, {});
  const std::string chinese = "本组论文中，扩散模型主导了图像生成方向的研究工作[1][2]。";
  ScriptedModel model({answer(kGoodEnglish), answer(chinese)});
  BriefingOptions options;
  options.lang = Lang::zh;
  int resets = 0;
  BriefingEvents events;
  events.on_delta = [](std::string_view) {};
  events.on_reset = [&] { ++resets; };
  const Briefing b = write_briefing(analysis, papers, &model, options, events);
  EXPECT_EQ(b.text, chinese);
  EXPECT_EQ(model.requests.size(), 2u);
  EXPECT_EQ(resets, 1);
  EXPECT_THAT(model.requests[1].messages.back().content, HasSubstr("简体中文"));
  EXPECT_EQ(b.llm.calls, 2);
  EXPECT_TRUE(b.warnings.empty());

  ScriptedModel stubborn({answer(kGoodEnglish)});
  const Briefing still = write_briefing(analysis, papers, &stubborn, options);
  EXPECT_EQ(stubborn.requests.size(), 2u) << "retried once, not more";
  ASSERT_FALSE(still.warnings.empty());
  EXPECT_EQ(still.warnings[0].kind, WarningKind::wrong_language);
  EXPECT_TRUE(still.llm.used);
}

TEST(WriteBriefing, FallsBackToTheAnalysisWhenTheModelFails) {
  const auto papers = ten_papers();
  const Analysis analysis = analyse(papers, {});
  ScriptedModel model({std::unexpected(
      Error{ErrorCode::unavailable, "LLM endpoint api.example.org: HTTP 500 after 4 attempts"})});
  BriefingOptions options;
  options.lang = Lang::zh;
  const Briefing b = write_briefing(analysis, papers, &model, options);
  EXPECT_TRUE(b.llm_failed);
  EXPECT_FALSE(b.llm.used);
  EXPECT_THAT(b.text, HasSubstr("# 简报："));
  ASSERT_EQ(b.warnings.size(), 1u);
  EXPECT_EQ(b.warnings[0].kind, WarningKind::llm_failed);
  EXPECT_THAT(b.warnings[0].message, HasSubstr("api.example.org: HTTP 500"));
}

// Ten papers with long abstracts, and a context budget that the whole set's prompt exceeds
// even with abstracts halved.
struct LongSet {
  std::vector<core::Paper> papers = ten_papers();
  Analysis analysis;
  BriefingOptions options;
  LongSet() {
    for (core::Paper& p : papers) {
      std::string abstract;
      for (int i = 0; i < 8; ++i) abstract += p.abstract_display + " ";
      p.abstract_display = abstract;
    }
    analysis = analyse(papers, {});
    options.budget.answer_tokens = 300;
    std::vector<std::size_t> all(papers.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    int half = 0;
    for (const ChatMessage& m :
         briefing_request(analysis, papers, all, Lang::en, options.abstract_chars / 2, 300)
             .messages) {
      half += estimate_tokens(m.content) + 4;
    }
    options.budget.context_tokens = half + 300 - 50;
  }
};

TEST(WriteBriefing, BriefsThemeByThemeWhenTheSetExceedsTheContextBudget) {
  LongSet set;
  ASSERT_GE(set.analysis.themes.size(), 2u);
  ScriptedModel model({answer(kGoodEnglish)});
  std::vector<std::string> steps;
  BriefingEvents events;
  events.on_step = [&](std::string_view s) { steps.emplace_back(s); };
  events.on_delta = [](std::string_view) {};
  const Briefing b = write_briefing(set.analysis, set.papers, &model, set.options, events);
  EXPECT_TRUE(b.llm.used) << (b.warnings.empty() ? "" : b.warnings[0].message);
  ASSERT_EQ(model.requests.size(), set.analysis.themes.size() + 1);
  EXPECT_EQ(steps.back(), "combining");
  EXPECT_THAT(model.requests.back().messages.back().content, HasSubstr("## Theme summaries"));
  for (const ChatRequest& r : model.requests) {
    int tokens = 0;
    for (const ChatMessage& m : r.messages) tokens += estimate_tokens(m.content) + 4;
    EXPECT_LE(tokens + r.max_tokens, set.options.budget.context_tokens);
  }
  EXPECT_FALSE(model.streamed.front());  // theme summaries are not streamed to the caller
  EXPECT_TRUE(model.streamed.back());
}

TEST(WriteBriefing, ShortensAbstractsThenLeavesPapersOutWithinTheTotalBudgetAndSaysSo) {
  LongSet set;
  set.options.budget.total_tokens = set.options.budget.context_tokens * 3;
  ScriptedModel model({answer(kGoodEnglish)});
  const Briefing b = write_briefing(set.analysis, set.papers, &model, set.options);
  bool said = false;
  for (const Warning& w : b.warnings) said = said || w.kind == WarningKind::papers_left_out;
  EXPECT_TRUE(said);
  int total = 0;
  for (const ChatRequest& r : model.requests) {
    for (const ChatMessage& m : r.messages) total += estimate_tokens(m.content) + 4;
    total += r.max_tokens;
  }
  EXPECT_LE(total, set.options.budget.total_tokens);
  EXPECT_TRUE(b.llm.used);
}

TEST(WriteBriefing, MakesNoCallWhenTheBudgetCannotBriefTheSet) {
  LongSet set;
  set.options.budget.total_tokens = 500;
  ScriptedModel model({answer(kGoodEnglish)});
  const Briefing b = write_briefing(set.analysis, set.papers, &model, set.options);
  EXPECT_TRUE(model.requests.empty());
  EXPECT_FALSE(b.llm.used);
  EXPECT_FALSE(b.llm_failed);
  ASSERT_EQ(b.warnings.size(), 1u);
  EXPECT_EQ(b.warnings[0].kind, WarningKind::over_budget);
}

TEST(WriteBriefing, StopsWhenCancelled) {
  const auto papers = ten_papers();
  const Analysis analysis = analyse(papers, {});
  ChatReply cancelled = answer("Diffusion");
  cancelled.finish = FinishReason::cancelled;
  ScriptedModel model({cancelled});
  const Briefing b = write_briefing(analysis, papers, &model, {});
  EXPECT_TRUE(b.cancelled);
  EXPECT_FALSE(b.llm.used);
  EXPECT_FALSE(b.llm_failed);
  EXPECT_THAT(b.text, HasSubstr("# Briefing:"));
}

TEST(BriefingJson, HasTheShapeTheCommandLinePrints) {
  const auto papers = ten_papers();
  const Analysis analysis = analyse(papers, {});
  ScriptedModel model({answer(kGoodEnglish)});
  const nlohmann::json j = to_json(write_briefing(analysis, papers, &model, {}));
  EXPECT_EQ(j["lang"], "en");
  ASSERT_EQ(j["papers"].size(), 10u);
  EXPECT_EQ(j["papers"][0]["n"], 1);
  EXPECT_EQ(j["papers"][0]["id"], "2501.00000");
  EXPECT_TRUE(j["papers"][0]["title"].is_string());
  EXPECT_EQ(j["papers"][0]["date"], "2025-01-01");
  EXPECT_EQ(j["papers"][4]["date"], "2025-01-02");
  ASSERT_FALSE(j["themes"].empty());
  EXPECT_TRUE(j["themes"][0]["label"].is_string());
  EXPECT_TRUE(j["themes"][0]["terms"].is_array());
  EXPECT_TRUE(j["themes"][0]["papers"][0].is_number_integer());
  EXPECT_EQ(j["text"], kGoodEnglish);
  EXPECT_EQ(j["llm"]["used"], true);
  EXPECT_EQ(j["llm"]["model"], "scripted");
  EXPECT_EQ(j["llm"]["prompt_tokens"], 100);
  EXPECT_EQ(j["llm"]["completion_tokens"], 50);
  EXPECT_TRUE(j["warnings"].is_array());
}

TEST(CacheKey, ChangesWithThePapersTheOptionsAndTheModel) {
  auto papers = ten_papers();
  const std::string base = cache_key(papers, {}, {}, {}, "m");
  EXPECT_EQ(base.size(), 64u);
  EXPECT_EQ(cache_key(papers, {}, {}, {}, "m"), base);
  EXPECT_NE(cache_key(papers, {}, {}, {}, "other"), base);
  BriefingOptions zh;
  zh.lang = Lang::zh;
  EXPECT_NE(cache_key(papers, {}, {}, zh, "m"), base);
  auto fewer = papers;
  fewer.pop_back();
  EXPECT_NE(cache_key(fewer, {}, {}, {}, "m"), base);
  auto newer = papers;
  newer[3].version = 2;
  EXPECT_NE(cache_key(newer, {}, {}, {}, "m"), base);
  NotableInputs followed;
  followed.followed_authors = {"Ada Lovelace"};
  EXPECT_NE(cache_key(papers, {}, followed, {}, "m"), base);
}

}  // namespace
}  // namespace ah::brief
