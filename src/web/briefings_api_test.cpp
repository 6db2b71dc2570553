// The briefings handlers without a socket: a Request in, a Response whose stream is run into a
// recording sink, over a real SQLite store and a scripted ChatModel.
#include "web/briefings_api.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/fixtures.h"
#include "web/routes.h"

namespace ah::web {
namespace {

using nlohmann::json;

core::Paper paper(int n, std::string title, std::string abstract, std::string category) {
  core::Paper p;
  p.arxiv_id = "2607.0000" + std::to_string(n);
  p.version = 1;
  p.title = p.title_display = std::move(title);
  p.abstract = p.abstract_display = std::move(abstract);
  p.authors = {{"Ana Lee", ""}};
  p.categories = {std::move(category)};
  p.published = "2026-07-0" + std::to_string(n) + "T00:00:00Z";
  p.source = core::source::kArxivOai;
  return p;
}

// Answers with `pieces`, streamed; or fails; or waits for the cancel.
class ScriptedModel : public brief::ChatModel {
 public:
  std::vector<std::string> pieces = {"Sparse attention ", "is studied [1][2]."};
  bool fail = false;
  bool wait_for_cancel = false;
  int calls = 0;
  std::string model() const override { return "scripted"; }
  Result<brief::ChatReply> chat(const brief::ChatRequest&, const brief::ChatCall& call) override {
    ++calls;
    if (fail) {
      return std::unexpected(Error{ErrorCode::unavailable, "llm.example: 500 after 3 retries"});
    }
    brief::ChatReply reply;
    reply.model = "scripted";
    if (wait_for_cancel) {
      while (!(call.cancel && call.cancel->cancelled())) std::this_thread::yield();
      reply.finish = brief::FinishReason::cancelled;
      return reply;
    }
    for (const std::string& p : pieces) {
      reply.text += p;
      if (call.on_delta) call.on_delta(p);
    }
    reply.usage = {100, 20, false};
    return reply;
  }
};

class RecordingSink : public StreamSink {
 public:
  std::string bytes;
  bool gone = false;
  std::function<void()> on_gone;
  // After this many writes the client "leaves".
  int leave_after = -1;
  bool write(std::string_view b) override {
    if (gone) return false;
    bytes.append(b);
    if (--leave_after == 0) leave();
    return true;
  }
  bool closed() const override { return gone; }
  void on_close(std::function<void()> f) override {
    if (gone && f) return f();
    on_gone = std::move(f);
  }
  void leave() {
    gone = true;
    if (on_gone) on_gone();
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (std::size_t at = 0; (at = bytes.find("event: ", at)) != std::string::npos; at += 7) {
      out.push_back(bytes.substr(at + 7, bytes.find('\n', at) - at - 7));
    }
    return out;
  }
  json data(const std::string& name) const {
    const auto at = bytes.rfind("event: " + name + "\ndata: ");
    if (at == std::string::npos) return nullptr;
    const auto start = at + name.size() + 14;
    return json::parse(bytes.substr(start, bytes.find('\n', start) - start));
  }
};

class BriefingsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite(db());
    ASSERT_TRUE(s.has_value()) << s.error().message;
    const std::vector<core::Paper> papers = {
        paper(1, "Sparse attention for long documents", "We study sparse attention.", "cs.CL"),
        paper(2, "Attention in protein models", "Attention helps protein folding.", "q-bio.BM"),
        paper(3, "Curves over finite fields", "We count points on curves.", "math.AG")};
    ASSERT_TRUE((*s)->upsert(papers).has_value());
  }
  std::filesystem::path db() const { return dir_.path() / "papers.db"; }

  Response post(const std::string& body, const std::string& type = "application/json") {
    Request r = Request::from_target("/api/v1/briefings", "POST");
    r.headers = {{"content-type", type}};
    r.body = body;
    return router_.handle(r);
  }

  ah::testing::TempDir dir_;
  StorePool pool_{[this] {
                    return store::open_sqlite(db(), store::SqliteOptions::read_only_mode());
                  },
                  2};
  Api api_{pool_, {}};
  ScriptedModel model_;
  BriefingsApi briefings_{pool_, [this] {
                            BriefingsApiOptions o;
                            o.model = &model_;
                            o.open_writer = [this] { return store::open_sqlite(db()); };
                            return o;
                          }()};
  Router router_{api_, {}, &briefings_};
};

TEST_F(BriefingsApiTest, StreamsAnalysisDeltasThenDoneAndCachesIt) {
  Response res = post(R"({"ids": ["2607.00001", "2607.00002", "2607.00003"]})");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.content_type, "text/event-stream; charset=utf-8");
  ASSERT_TRUE(res.stream);
  EXPECT_FALSE(res.header("Content-Security-Policy").empty());
  RecordingSink sink;
  res.stream(sink);
  EXPECT_EQ(sink.names(), (std::vector<std::string>{"analysis", "step", "delta", "delta", "done"}))
      << sink.bytes;
  EXPECT_EQ(sink.data("analysis")["llm"]["used"], false);
  const json done = sink.data("done");
  EXPECT_EQ(done["text"], "Sparse attention is studied [1][2].");
  EXPECT_EQ(done["llm"]["used"], true);
  EXPECT_EQ(done["cached"], false);
  const std::string id = done["id"];

  Response got = router_.handle(Request::from_target("/api/v1/briefings/" + id));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(json::parse(got.body)["text"], done["text"]);
  Response again = post(R"({"ids": ["2607.00001", "2607.00002", "2607.00003"]})");
  RecordingSink second;
  again.stream(second);
  EXPECT_EQ(second.names(), (std::vector<std::string>{"done"}));
  EXPECT_EQ(second.data("done")["cached"], true);
  EXPECT_EQ(model_.calls, 1);
}

TEST_F(BriefingsApiTest, AFailedLlmEndsWithAnErrorEventAndIsNotCached) {
  model_.fail = true;
  Response res = post(R"({"ids": ["2607.00001", "2607.00002"], "lang": "zh"})");
  RecordingSink sink;
  res.stream(sink);
  EXPECT_EQ(sink.names().back(), "error");
  const json error = sink.data("error");
  EXPECT_EQ(error["code"], "llm_failed");
  EXPECT_NE(error["message"].get<std::string>().find("llm.example: 500"), std::string::npos);
  EXPECT_EQ(error["briefing"]["lang"], "zh");
  EXPECT_EQ(error["briefing"]["llm"]["used"], false);
  Response got = router_.handle(
      Request::from_target("/api/v1/briefings/" + error["briefing"]["id"].get<std::string>()));
  EXPECT_EQ(got.status, 404);
}

TEST_F(BriefingsApiTest, AClientThatLeavesCancelsTheCall) {
  model_.wait_for_cancel = true;
  Response res = post(R"({"ids": ["2607.00001", "2607.00002"]})");
  RecordingSink sink;
  sink.leave_after = 2;  // the analysis and the first step, then gone
  std::thread leaving([&] { res.stream(sink); });
  leaving.join();  // returns only because the leaving cancelled the model's wait
  EXPECT_EQ(sink.names(), (std::vector<std::string>{"analysis", "step"}));
}

TEST_F(BriefingsApiTest, NoLlmMeansAnalysisThenDone) {
  Response res = post(R"({"ids": ["2607.00001"], "llm": false})");
  RecordingSink sink;
  res.stream(sink);
  EXPECT_EQ(sink.names(), (std::vector<std::string>{"analysis", "done"}));
  EXPECT_EQ(model_.calls, 0);
}

TEST_F(BriefingsApiTest, BadRequestsAreRefusedBeforeStreaming) {
  struct Case {
    std::string body, type;
    int status;
  };
  for (const Case& c : {Case{"{}", "text/plain", 415}, Case{"[1]", "application/json", 400},
                        Case{R"({"ids": "2607.00001"})", "application/json", 400},
                        Case{R"({"ids": ["nope:1"]})", "application/json", 400},
                        Case{R"({"ids": ["2607.09999"]})", "application/json", 404},
                        Case{R"({"query": "x", "limit": 0})", "application/json", 400}}) {
    Response res = post(c.body, c.type);
    EXPECT_EQ(res.status, c.status) << c.body << " " << res.body;
    EXPECT_FALSE(res.stream) << c.body;
  }
}

TEST(SseEvent, IsOneEventLineAndOneDataLine) {
  EXPECT_EQ(sse_event("delta", R"({"text":"a\nb"})"),
            "event: delta\ndata: {\"text\":\"a\\nb\"}\n\n");
}

}  // namespace
}  // namespace ah::web
