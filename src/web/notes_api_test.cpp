// A paper's TL;DR and translation over HTTP without a socket: a Request through the Router, the
// deferred answer run as the server would run it, over a real SQLite store and a scripted
// ChatModel.
#include "web/notes_api.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/fixtures.h"
#include "web/routes.h"

namespace ah::web {
namespace {

using nlohmann::json;

constexpr const char* kZhTldr = "提出稀疏注意力方法，使长文档建模更高效，并在多个基准上验证。";
constexpr const char* kTranslation =
    R"({"title": "长文档的稀疏注意力", "abstract": "我们研究稀疏注意力在长文档上的效果。"})";

// Answers with `text`; or fails; or waits for the cancel.
class ScriptedModel : public brief::ChatModel {
 public:
  std::string text = kZhTldr;
  bool fail = false;
  bool wait_for_cancel = false;
  int calls = 0;
  std::string model() const override { return "scripted"; }
  Result<brief::ChatReply> chat(const brief::ChatRequest&, const brief::ChatCall& call) override {
    ++calls;
    if (fail) {
      return std::unexpected(
          Error{ErrorCode::unavailable, "LLM endpoint llm.example: HTTP 500 after 3 attempts"});
    }
    brief::ChatReply reply;
    reply.model = "scripted";
    if (wait_for_cancel) {
      while (!(call.cancel && call.cancel->cancelled())) std::this_thread::yield();
      reply.finish = brief::FinishReason::cancelled;
      return reply;
    }
    reply.text = text;
    reply.usage = {100, 20, false};
    return reply;
  }
};

core::Paper paper(std::string arxiv_id, std::string doi, std::string title) {
  core::Paper p;
  p.arxiv_id = std::move(arxiv_id);
  p.doi = std::move(doi);
  p.version = p.arxiv_id.empty() ? 0 : 1;
  p.title = p.title_display = std::move(title);
  p.abstract = p.abstract_display = "We study sparse attention on long documents.";
  p.authors = {{"Ana Lee", ""}};
  p.categories = {"cs.CL"};
  p.published = "2026-07-01T00:00:00Z";
  p.source = p.arxiv_id.empty() ? core::source::kCrossref : core::source::kArxivOai;
  return p;
}

class NotesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite(db());
    ASSERT_TRUE(s.has_value()) << s.error().message;
    const std::vector<core::Paper> papers = {
        paper("2607.00001", "", "Sparse attention for long documents"),
        paper("", "10.1234/jx.2026.5", "Attention in protein models")};
    ASSERT_TRUE((*s)->upsert(papers).has_value());
  }
  std::filesystem::path db() const { return dir_.path() / "papers.db"; }

  static Request request(const std::string& target, std::string method = "GET") {
    Request r = Request::from_target(target, std::move(method));
    if (r.method == "POST") r.headers = {{"content-type", "application/json"}, {"host", "x"}};
    return r;
  }
  // The answer as the server sends it: a deferred one made first.
  Response send(const Request& r, bool* deferred = nullptr) {
    Response res = router_.handle(r);
    if (deferred != nullptr) *deferred = static_cast<bool>(res.deferred);
    if (res.deferred) res = res.deferred(std::stop_token());
    return res;
  }
  static json body(const Response& res) { return json::parse(res.body, nullptr, false); }

  ah::testing::TempDir dir_;
  StorePool pool_{
      [this] { return store::open_sqlite(db(), store::SqliteOptions::read_only_mode()); }, 2};
  Api api_{pool_, {}};
  ScriptedModel model_;
  std::vector<std::string> logged_;
  NotesApi notes_{pool_, [this] {
                    NotesApiOptions o;
                    o.model = &model_;
                    o.open_writer = [this] { return store::open_sqlite(db()); };
                    o.log_error = [this](std::string_view line) { logged_.emplace_back(line); };
                    return o;
                  }()};
  Router router_{api_, {}, nullptr, &notes_};
};

TEST_F(NotesApiTest, APostWritesATldrLaterThenItIsServedFromTheCacheAtOnce) {
  bool deferred = false;
  Response res = send(request("/api/v1/papers/2607.00001/tldr?lang=zh", "POST"), &deferred);
  EXPECT_TRUE(deferred) << "the LLM's call is not made on the handler's thread";
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_FALSE(res.header("Content-Security-Policy").empty());
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
  EXPECT_EQ(body(res), json::parse(std::string(R"({"id": "2607.00001", "tldr": ")") + kZhTldr +
                                   R"(", "lang": "zh", "cached": false, "llm": {"model":
                                   "scripted", "prompt_tokens": 100, "completion_tokens": 20}})"));

  Response got = send(request("/api/v1/papers/2607.00001v1/tldr?lang=zh"));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(body(got)["cached"], true);
  EXPECT_EQ(body(got)["tldr"], kZhTldr);
  Response again = send(request("/api/v1/papers/2607.00001/tldr?lang=zh", "POST"), &deferred);
  EXPECT_FALSE(deferred) << "a cached note is answered at once";
  EXPECT_EQ(body(again)["cached"], true);
  EXPECT_EQ(model_.calls, 1);

  Response english = send(request("/api/v1/papers/2607.00001/tldr"));
  EXPECT_EQ(english.status, 404) << "another language: " << english.body;
  EXPECT_EQ(body(english)["error"]["code"], "not_found");
}

TEST_F(NotesApiTest, ATranslationOfAPaperNamedByItsDoi) {
  model_.text = kTranslation;
  Response res = send(request("/api/v1/papers/10.1234/jx.2026.5/translation", "POST"));
  ASSERT_EQ(res.status, 200) << res.body;
  const json t = body(res);
  EXPECT_EQ(t["id"], "10.1234/jx.2026.5");
  EXPECT_EQ(t["title"], "长文档的稀疏注意力");
  EXPECT_EQ(t["abstract"], "我们研究稀疏注意力在长文档上的效果。");
  EXPECT_EQ(t["lang"], "zh");
  Response got = send(request("/api/v1/papers/10.1234/jx.2026.5/translation"));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(body(got)["title"], t["title"]);
  // The paper itself is still the paper.
  Response paper = send(request("/api/v1/papers/10.1234/jx.2026.5"));
  ASSERT_EQ(paper.status, 200) << paper.body;
  EXPECT_EQ(body(paper)["title"], "Attention in protein models");
}

TEST_F(NotesApiTest, AnLlmThatFailsIsA502NamingItAndNothingIsCached) {
  model_.fail = true;
  Response res = send(request("/api/v1/papers/2607.00001/tldr", "POST"));
  EXPECT_EQ(res.status, 502) << res.body;
  EXPECT_EQ(body(res)["error"]["code"], "llm_failed");
  EXPECT_EQ(body(res)["error"]["message"],
            "TL;DR: LLM endpoint llm.example: HTTP 500 after 3 attempts");
  ASSERT_EQ(logged_.size(), 1u);
  EXPECT_EQ(send(request("/api/v1/papers/2607.00001/tldr")).status, 404);
}

TEST_F(NotesApiTest, AnAnswerThatCannotBeReadIsA502) {
  model_.text = "{}";
  Response res = send(request("/api/v1/papers/2607.00001/translation", "POST"));
  EXPECT_EQ(res.status, 502) << res.body;
  EXPECT_EQ(body(res)["error"]["message"], "translation: the translation answer has no title");
}

TEST_F(NotesApiTest, WithoutAnLlmAPostIs503AndAGet404) {
  NotesApi none(pool_, NotesApiOptions{});
  Router router(api_, {}, nullptr, &none);
  Response post = router.handle(request("/api/v1/papers/2607.00001/tldr", "POST"));
  EXPECT_EQ(post.status, 503);
  EXPECT_FALSE(post.deferred);
  EXPECT_EQ(body(post)["error"]["code"], "llm_unavailable");
  EXPECT_NE(body(post)["error"]["message"].get<std::string>().find("ACADEMICHUB_LLM_BASE_URL"),
            std::string::npos);
  Response get = router.handle(request("/api/v1/papers/2607.00001/translation"));
  EXPECT_EQ(get.status, 404);
  EXPECT_NE(body(get)["error"]["message"].get<std::string>().find("no LLM is configured"),
            std::string::npos);
}

TEST_F(NotesApiTest, AServerThatStopsCancelsTheCall) {
  model_.wait_for_cancel = true;
  Response res = router_.handle(request("/api/v1/papers/2607.00001/tldr", "POST"));
  ASSERT_TRUE(res.deferred);
  std::stop_source stop;
  std::thread stopping([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stop.request_stop();
  });
  Response later = res.deferred(stop.get_token());  // returns only because of the stop
  stopping.join();
  EXPECT_EQ(later.status, 503) << later.body;
}

TEST_F(NotesApiTest, BadRequestsAreRefusedWithTheFieldAtFault) {
  struct Case {
    Request r;
    int status;
    std::string message;
  };
  Request other_origin = request("/api/v1/papers/2607.00001/tldr", "POST");
  other_origin.headers.emplace_back("origin", "https://evil.example");
  Request not_json = request("/api/v1/papers/2607.00001/tldr", "POST");
  not_json.headers = {{"content-type", "text/plain"}};
  const Case cases[] = {
      {request("/api/v1/papers/2607.00001/tldr?lang=fr", "POST"), 400, "lang: expected zh or en"},
      {request("/api/v1/papers/2607.00001/translation?lang=en", "POST"), 400, "zh"},
      {request("/api/v1/papers/2607.09999/tldr", "POST"), 404, "no paper '2607.09999'"},
      {request("/api/v1/papers/nope:1/tldr"), 400, "id: "},
      {other_origin, 403, "another origin"},
      {not_json, 415, "JSON"},
      {request("/api/v1/papers/2607.00001/tldr", "PATCH"), 405, "takes POST, GET, HEAD"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.r.path);
    Response res = router_.handle(c.r);
    EXPECT_EQ(res.status, c.status) << res.body;
    EXPECT_FALSE(res.deferred);
    EXPECT_NE(body(res)["error"]["message"].get<std::string>().find(c.message), std::string::npos)
        << res.body;
  }
  EXPECT_EQ(model_.calls, 0);
}

}  // namespace
}  // namespace ah::web
