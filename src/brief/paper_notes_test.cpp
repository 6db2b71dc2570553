// Notes on request (TL;DR, translation, search terms) through the real OpenAI-compatible client
// against the local fake server, cached in a real SQLite store: a cached note asks nothing, a
// wrong language is asked again once, a server that keeps failing is an error naming its host and
// status, answers that cannot be read are errors, and nothing failed is cached.
#include "brief/paper_notes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "brief/openai_client.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fake_llm_server.h"

namespace ah::brief {
namespace {

using ah::testing::FakeLlmReply;
using ah::testing::FakeLlmServer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kKey = "sk-notes-k3y-5550123";
constexpr const char* kZhTldr = "提出一种用于分子性质预测的图神经网络，在多个基准上超过已有方法。";
constexpr const char* kEnTldr = "A graph neural network predicts molecular properties better.";

core::Paper molecule_paper() {
  core::Paper p;
  p.paper_id = 42;
  p.arxiv_id = "2502.10001";
  p.title_display = "Graph neural networks for molecules";
  p.abstract_display = "We predict molecular properties with message passing networks.";
  p.categories = {"cs.LG"};
  return p;
}

struct Bench {
  FakeLlmServer server;
  ah::testing::FakeClock clock;
  std::unique_ptr<net::HttpClient> http =
      net::make_curl_client(llm_curl_options("AcademicHub/0.1 (test)", std::chrono::seconds(10)));
  std::unique_ptr<ChatModel> model;
  std::unique_ptr<store::PaperStore> store;
  std::vector<std::string> warnings;
  core::Paper paper = molecule_paper();

  Bench() {
    ClientOptions options;
    options.max_retries = 2;
    model = std::move(*make_openai_client(
        LlmSettings{server.base_url(), "fake-model", config::Secret(kKey)}, *http, clock, options));
    auto opened = store::open_sqlite(":memory:");
    EXPECT_TRUE(opened.has_value()) << opened.error().message;
    store = std::move(*opened);
  }
  NoteCache cache() {
    return NoteCache{store.get(), store.get(),
                     [this](std::string_view w) { warnings.emplace_back(w); }};
  }
  Result<Note> tldr(Lang lang) { return write_note(tldr_note(paper, lang), model.get(), cache()); }
};

TEST(PaperNotes, ATldrIsAskedOnceThenServedFromTheCache) {
  Bench b;
  b.server.add(FakeLlmReply::text(std::string("TL;DR: ") + kZhTldr));
  auto first = b.tldr(Lang::zh);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->tldr, kZhTldr);
  EXPECT_FALSE(first->cached);
  EXPECT_EQ(first->llm.model, "fake-model");
  EXPECT_EQ(first->llm.prompt_tokens, 120);
  EXPECT_EQ(first->llm.completion_tokens, 40);
  ASSERT_EQ(b.server.requests().size(), 1u);
  EXPECT_THAT(b.server.requests()[0].message("system"), HasSubstr("Simplified Chinese"));
  EXPECT_THAT(b.server.requests()[0].message("user"),
              HasSubstr("Graph neural networks for molecules"));

  auto second = b.tldr(Lang::zh);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(second->tldr, kZhTldr);
  EXPECT_TRUE(second->cached);
  EXPECT_EQ(second->llm.calls, 0);
  EXPECT_EQ(second->llm.prompt_tokens, 120) << "what it cost when it was written";
  EXPECT_EQ(b.server.requests().size(), 1u) << "the cached note asked nothing";
  EXPECT_TRUE(b.warnings.empty());
}

// Each of these is another note: asked again, not served from the cache.
TEST(PaperNotes, AnotherLanguageAbstractOrModelIsAskedAnew) {
  Bench b;
  b.server.add(FakeLlmReply::text(kEnTldr));
  ASSERT_TRUE(b.tldr(Lang::en).has_value());
  ASSERT_EQ(b.server.requests().size(), 1u);

  b.paper.abstract_display = "A new version: message passing with attention.";
  ASSERT_TRUE(b.tldr(Lang::en).has_value());
  EXPECT_EQ(b.server.requests().size(), 2u) << "a new abstract";

  b.server.add(FakeLlmReply::text(kZhTldr));
  ASSERT_TRUE(b.tldr(Lang::zh).has_value());
  EXPECT_EQ(b.server.requests().size(), 3u) << "another language";

  auto other =
      make_openai_client(LlmSettings{b.server.base_url(), "other-model", {}}, *b.http, b.clock);
  ASSERT_TRUE(other.has_value());
  ASSERT_TRUE(write_note(tldr_note(b.paper, Lang::zh), other->get(), b.cache()).has_value());
  EXPECT_EQ(b.server.requests().size(), 4u) << "another model";

  // Without a reader (--no-cache) it is asked again, and kept only when a writer is given.
  ASSERT_TRUE(write_note(tldr_note(b.paper, Lang::zh), b.model.get(), NoteCache{}).has_value());
  EXPECT_EQ(b.server.requests().size(), 5u);
}

TEST(PaperNotes, AnAnswerInTheWrongLanguageIsAskedAgainOnce) {
  Bench b;
  b.server.add(FakeLlmReply::text(kEnTldr));
  b.server.add(FakeLlmReply::text(kZhTldr));
  auto note = b.tldr(Lang::zh);
  ASSERT_TRUE(note.has_value()) << note.error().message;
  EXPECT_EQ(note->tldr, kZhTldr);
  EXPECT_EQ(note->llm.calls, 2);
  EXPECT_EQ(note->llm.prompt_tokens, 240) << "both calls counted";
  const auto requests = b.server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_THAT(requests[1].messages.back().second, HasSubstr("简体中文"));
  EXPECT_EQ(requests[1].messages.size(), requests[0].messages.size() + 1);
}

TEST(PaperNotes, AnAnswerStillInTheWrongLanguageIsAnErrorAndNotCached) {
  Bench b;
  b.server.add(FakeLlmReply::text(kEnTldr));
  auto note = b.tldr(Lang::zh);
  ASSERT_FALSE(note.has_value());
  EXPECT_EQ(note.error().code, ErrorCode::bad_upstream_data);
  EXPECT_THAT(note.error().message, HasSubstr("TL;DR: the LLM (fake-model) answered in another "
                                              "language than Chinese, twice"));
  EXPECT_EQ(b.server.requests().size(), 2u);
  b.server.add(FakeLlmReply::text(kZhTldr));
  ASSERT_TRUE(b.tldr(Lang::zh).has_value());
  EXPECT_EQ(b.server.requests().size(), 3u) << "the failure was not cached";
}

TEST(PaperNotes, AServerFailingEveryTimeIsAnErrorNamingHostAndStatusWithoutTheKey) {
  Bench b;
  b.server.add(FakeLlmReply::error(
      500, std::string(R"({"error":{"message":"internal error for key )") + kKey + "\"}}"));
  auto note = b.tldr(Lang::en);
  ASSERT_FALSE(note.has_value());
  EXPECT_EQ(note.error().code, ErrorCode::unavailable);
  EXPECT_THAT(note.error().message, HasSubstr("TL;DR: LLM endpoint " + b.server.host()));
  EXPECT_THAT(note.error().message, HasSubstr("HTTP 500"));
  EXPECT_THAT(note.error().message, Not(HasSubstr(kKey)));
  EXPECT_EQ(b.server.requests().size(), 3u) << "the client's own retries: 1 + 2";
  auto cached = b.store->get_note(note_key(tldr_note(b.paper, Lang::en), "fake-model"));
  ASSERT_TRUE(cached.has_value());
  EXPECT_FALSE(cached->has_value());
}

TEST(PaperNotes, ACancelStopsTheCallWhileTheLlmIsStillThinking) {
  Bench b;
  b.server.add(FakeLlmReply::text(kEnTldr).with_delay(std::chrono::seconds(20)));
  CancelToken cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancel.cancel();
  });
  const auto t0 = std::chrono::steady_clock::now();
  auto note = ask_note(*b.model, tldr_note(b.paper, Lang::en), &cancel);
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  ASSERT_FALSE(note.has_value());
  EXPECT_EQ(note.error().code, ErrorCode::unavailable);
  EXPECT_EQ(note.error().message, "TL;DR: cancelled");
  ASSERT_EQ(b.server.requests().size(), 1u);
  EXPECT_TRUE(b.server.requests()[0].stream) << "streamed, so that the cancel is seen at once";
}

TEST(PaperNotes, WithoutAModelItSaysNoLlmIsConfigured) {
  Bench b;
  auto note = write_note(tldr_note(b.paper, Lang::en), nullptr, b.cache());
  ASSERT_FALSE(note.has_value());
  EXPECT_EQ(note.error().code, ErrorCode::unavailable);
  EXPECT_EQ(note.error().message, kNoLlmMessage);
  EXPECT_TRUE(b.server.requests().empty());
}

TEST(PaperNotes, AnswersThatCannotBeReadAreErrorsSayingWhy) {
  struct Case {
    NoteKind kind;
    std::string answer;
    std::string message;
  };
  const Case cases[] = {
      {NoteKind::tldr, "  \n ", "TL;DR: the TL;DR answer has no text"},
      {NoteKind::translation, "{}", "translation: the translation answer has no title"},
      {NoteKind::search_terms, "[]", "search terms: no English search terms in the answer"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.answer);
    Bench b;
    b.server.add(FakeLlmReply::text(c.answer));
    const NoteRequest request = c.kind == NoteKind::tldr ? tldr_note(b.paper, Lang::en)
                                : c.kind == NoteKind::translation
                                    ? translation_note(b.paper)
                                    : search_terms_note("图神经网络 分子性质预测");
    auto note = write_note(request, b.model.get(), b.cache());
    ASSERT_FALSE(note.has_value());
    EXPECT_EQ(note.error().code, ErrorCode::bad_upstream_data);
    EXPECT_EQ(note.error().message, c.message);
    EXPECT_EQ(b.server.requests().size(), 1u) << "an answer without language is not re-asked";
  }
}

TEST(PaperNotes, ATranslationIsReadFromAFencedJsonAnswer) {
  Bench b;
  b.server.add(
      FakeLlmReply::text("```json\n{\"title\": \"用于分子的图神经网络\", \"abstract\": "
                         "\"我们用消息传递网络预测分子性质。\"}\n```"));
  auto note = write_note(translation_note(b.paper), b.model.get(), b.cache());
  ASSERT_TRUE(note.has_value()) << note.error().message;
  EXPECT_EQ(note->lang, Lang::zh);
  EXPECT_EQ(note->translation.title, "用于分子的图神经网络");
  EXPECT_EQ(note->translation.abstract, "我们用消息传递网络预测分子性质。");
  const nlohmann::json j = to_json(*note, "2502.10001");
  EXPECT_EQ(j, nlohmann::json::parse(R"({"id": "2502.10001", "title": "用于分子的图神经网络",
      "abstract": "我们用消息传递网络预测分子性质。", "lang": "zh", "cached": false,
      "llm": {"model": "fake-model", "prompt_tokens": 120, "completion_tokens": 40}})"));
  auto again = write_note(translation_note(b.paper), b.model.get(), b.cache());
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->cached);
  EXPECT_EQ(again->translation.abstract, note->translation.abstract);
  EXPECT_EQ(to_json(*again, "x")["cached"], true);
  EXPECT_EQ(b.server.requests().size(), 1u);
}

TEST(PaperNotes, ATldrsJsonHasItsLine) {
  Note note;
  note.kind = NoteKind::tldr;
  note.lang = Lang::en;
  note.tldr = kEnTldr;
  note.llm.model = "m";
  EXPECT_EQ(to_json(note, "10.1/x"),
            nlohmann::json::parse(R"({"id": "10.1/x", "tldr": ")" + std::string(kEnTldr) +
                                  R"(", "lang": "en", "cached": false,
      "llm": {"model": "m", "prompt_tokens": 0, "completion_tokens": 0}})"));
}

TEST(EnglishSearchTerms, AChineseDescriptionBecomesEnglishTermsOnce) {
  Bench b;
  const std::string description = "  我关注图神经网络在分子性质预测中的应用 ";
  EXPECT_TRUE(wants_english_terms(description));
  EXPECT_FALSE(wants_english_terms("graph neural networks for molecules"));
  EXPECT_FALSE(cached_search_terms(*b.store, description, "fake-model").has_value());
  b.server.add(FakeLlmReply::text(
      R"(["graph neural network", "molecular property prediction", "分子", "GNN"])"));
  auto terms = english_search_terms(description, *b.model, *b.store);
  ASSERT_TRUE(terms.has_value()) << terms.error().message;
  EXPECT_THAT(*terms, ElementsAre("graph neural network", "molecular property prediction", "GNN"));
  ASSERT_EQ(b.server.requests().size(), 1u);
  EXPECT_THAT(b.server.requests()[0].message("user"),
              HasSubstr("我关注图神经网络在分子性质预测中的应用"));

  // Cached: blanks around it do not matter; another description is asked.
  auto again = english_search_terms("我关注图神经网络在分子性质预测中的应用", *b.model, *b.store);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, *terms);
  EXPECT_EQ(b.server.requests().size(), 1u);
  EXPECT_EQ(cached_search_terms(*b.store, description, "fake-model"), *terms);
  EXPECT_FALSE(cached_search_terms(*b.store, description, "other-model").has_value());
  ASSERT_TRUE(english_search_terms("蛋白质结构预测", *b.model, *b.store).has_value());
  EXPECT_EQ(b.server.requests().size(), 2u);

  auto blank = english_search_terms(" \n", *b.model, *b.store);
  ASSERT_FALSE(blank.has_value());
  EXPECT_EQ(blank.error().code, ErrorCode::invalid_argument);
}

TEST(EnglishSearchTerms, ChineseTermsAreAskedAgainInEnglish) {
  Bench b;
  b.server.add(FakeLlmReply::text(R"(["图神经网络", "分子性质预测"])"));
  b.server.add(FakeLlmReply::text(R"(["graph neural network"])"));
  auto terms = english_search_terms("图神经网络", *b.model, *b.store);
  ASSERT_TRUE(terms.has_value()) << terms.error().message;
  EXPECT_THAT(*terms, ElementsAre("graph neural network"));
  ASSERT_EQ(b.server.requests().size(), 2u);
  EXPECT_THAT(b.server.requests()[1].messages.back().second, HasSubstr("English only"));
}

}  // namespace
}  // namespace ah::brief
