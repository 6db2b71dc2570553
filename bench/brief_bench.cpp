// Briefing benchmarks (bench/README.md): the analysis of 500 and 5,000 real arXiv papers (the
// daily crawls in ../shared/fixtures/arxiv-bulk, replicated with new ids when fewer), and the
// time the client adds before the first streamed token reaches its caller, against the local
// fake OpenAI-compatible server.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include "brief/analysis.h"
#include "brief/briefing.h"
#include "brief/openai_client.h"
#include "net/http_client.h"
#include "sources/arxiv/jsonl_parser.h"
#include "store/paper_store.h"
#include "tests/support/fake_llm_server.h"
#include "tests/support/fixtures.h"
#include "tests/support/raw_http.h"
#include "web/api.h"
#include "web/briefings_api.h"
#include "web/routes.h"
#include "web/server.h"
#include "web/store_pool.h"

namespace {

using namespace ah;
using Clock = std::chrono::steady_clock;

std::filesystem::path fixtures_dir() {
  if (const char* env = std::getenv("AH_SHARED_FIXTURES")) return env;
  return AH_SHARED_FIXTURES_DEFAULT;
}

// Every distinct paper of the crawl files, newest file first.
const std::vector<core::Paper>& corpus() {
  static const std::vector<core::Paper> papers = [] {
    std::vector<core::Paper> out;
    std::set<std::string> seen;
    std::vector<std::filesystem::path> files;
    const auto dir = fixtures_dir() / "arxiv-bulk";
    if (std::filesystem::exists(dir)) {
      for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().filename().string().starts_with("daily_")) files.push_back(entry.path());
      }
    }
    std::sort(files.rbegin(), files.rend());
    for (const auto& file : files) {
      std::ifstream in(file);
      (void)sources::arxiv::parse_jsonl(
          in, file.filename().string(),
          [&](core::Paper&& p) {
            if (seen.insert(p.arxiv_id).second) out.push_back(std::move(p));
          },
          [](sources::RecordError&&) {});
    }
    return out;
  }();
  return papers;
}

// The first n papers of the corpus, replicated with new ids when it has fewer.
std::vector<core::Paper> papers(std::size_t n) {
  const auto& all = corpus();
  std::vector<core::Paper> out;
  for (std::size_t i = 0; i < n && !all.empty(); ++i) {
    core::Paper p = all[i % all.size()];
    if (i >= all.size()) p.arxiv_id += "r" + std::to_string(i / all.size());
    out.push_back(std::move(p));
  }
  return out;
}

void BM_Analyse(benchmark::State& state) {
  const auto set = papers(static_cast<std::size_t>(state.range(0)));
  if (set.empty()) {
    state.SkipWithError("../shared/fixtures/arxiv-bulk is absent");
    return;
  }
  std::size_t themes = 0;
  for (auto _ : state) {
    brief::Analysis a = brief::analyse(set, {});
    themes = a.themes.size();
    benchmark::DoNotOptimize(a);
  }
  state.counters["papers"] = static_cast<double>(set.size());
  state.counters["themes"] = static_cast<double>(themes);
  state.counters["corpus"] = static_cast<double>(corpus().size());
}
BENCHMARK(BM_Analyse)->Arg(500)->Arg(5000)->Unit(benchmark::kMillisecond);

// With the previous period (the same number of other papers): rising terms and themes too.
void BM_AnalyseWithPrevious(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  auto both = papers(2 * n);
  if (both.empty()) {
    state.SkipWithError("../shared/fixtures/arxiv-bulk is absent");
    return;
  }
  const std::vector<core::Paper> now(both.begin(), both.begin() + static_cast<std::ptrdiff_t>(n));
  const std::vector<core::Paper> before(both.begin() + static_cast<std::ptrdiff_t>(n), both.end());
  for (auto _ : state) benchmark::DoNotOptimize(brief::analyse(now, before));
}
BENCHMARK(BM_AnalyseWithPrevious)->Arg(500)->Unit(benchmark::kMillisecond);

struct LlmRig {
  ah::testing::FakeLlmServer server;
  std::unique_ptr<net::HttpClient> http =
      net::make_curl_client(brief::llm_curl_options("AcademicHub/0.1 (bench)"));
  std::unique_ptr<net::Clock> clock = net::make_system_clock();
  std::unique_ptr<brief::ChatModel> model;
  LlmRig() {
    std::vector<std::string> pieces(50, "token ");
    server.add(ah::testing::FakeLlmReply::text("").in_pieces(pieces));
    model = std::move(*brief::make_openai_client(
        brief::LlmSettings{server.base_url(), "bench", config::Secret("sk-bench")}, *http,
        *clock));
  }
};

// From the call to the first piece of text in the caller's hands, against a server that answers
// at once: what the client (request, connection, SSE parsing) adds.
void BM_ClientFirstToken(benchmark::State& state) {
  LlmRig rig;
  brief::ChatRequest request;
  request.messages = {{brief::ChatMessage::Role::user, "Write a briefing."}};
  double after_server_us = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    Clock::time_point first{};
    brief::ChatCall call;
    call.on_delta = [&](std::string_view) {
      if (first == Clock::time_point{}) first = Clock::now();
    };
    auto reply = rig.model->chat(request, call);
    if (!reply) {
      state.SkipWithError(reply.error().message.c_str());
      return;
    }
    state.SetIterationTime(std::chrono::duration<double>(first - start).count());
    const auto written = rig.server.first_piece_times().back();
    after_server_us += std::chrono::duration<double, std::micro>(first - written).count();
  }
  state.counters["server_write_to_caller_us"] =
      benchmark::Counter(after_server_us, benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_ClientFirstToken)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(200);

// From the papers to the first piece of the briefing: analysis, prompt and client together.
void BM_BriefingFirstToken(benchmark::State& state) {
  const auto set = papers(static_cast<std::size_t>(state.range(0)));
  if (set.empty()) {
    state.SkipWithError("../shared/fixtures/arxiv-bulk is absent");
    return;
  }
  LlmRig rig;
  for (auto _ : state) {
    const auto start = Clock::now();
    Clock::time_point first{};
    brief::BriefingEvents events;
    events.on_delta = [&](std::string_view) {
      if (first == Clock::time_point{}) first = Clock::now();
    };
    const brief::Analysis analysis = brief::analyse(set, {});
    brief::BriefingOptions options;
    const brief::Briefing b = brief::write_briefing(analysis, set, rig.model.get(), options, events);
    if (first == Clock::time_point{}) {
      state.SkipWithError("no token arrived");
      return;
    }
    state.SetIterationTime(std::chrono::duration<double>(first - start).count());
    benchmark::DoNotOptimize(b);
  }
}
BENCHMARK(BM_BriefingFirstToken)->Arg(500)->UseManualTime()->Unit(benchmark::kMillisecond);

// Through the whole server: `academichub serve`'s web stack in this process (Beast server, router,
// briefings API over a SQLite store of the set) and the fake LLM answering at once. Measured at
// a raw socket client: from sending POST /api/v1/briefings with the ids of a set to the first
// `delta` event's bytes, for a set of the page's size (10) and a larger one. What AcademicHub adds
// is this minus the fake's own time (an instant answer: its HTTP handling only, counted in here,
// so the figure is an upper bound); "relay_us" is from the fake writing its first piece to the
// client holding it as an event.
void BM_ServerFirstDelta(benchmark::State& state) {
  const auto set = papers(static_cast<std::size_t>(state.range(0)));
  if (set.empty()) {
    state.SkipWithError("../shared/fixtures/arxiv-bulk is absent");
    return;
  }
  ah::testing::TempDir dir;
  const auto db = dir.path() / "papers.db";
  {
    auto writer = store::open_sqlite(db);
    if (!writer || !(*writer)->upsert(set)) {
      state.SkipWithError("cannot fill the store");
      return;
    }
  }
  LlmRig rig;
  web::StorePool pool(
      [db] { return store::open_sqlite(db, store::SqliteOptions::read_only_mode()); }, 4);
  web::Api api(pool, {});
  web::BriefingsApiOptions options;
  options.model = rig.model.get();
  web::BriefingsApi briefings(pool, options);
  web::Router router(api, {}, &briefings);
  web::ServerOptions server_options;
  server_options.port = 0;
  web::Server server(server_options, router, [](std::string_view) {});
  if (!server.bind()) {
    state.SkipWithError("cannot bind");
    return;
  }
  std::thread serving([&] { server.run(); });

  std::string ids;
  for (const core::Paper& p : set) ids += (ids.empty() ? "\"" : ",\"") + p.arxiv_id + "\"";
  // "cache": false, so every iteration asks the LLM.
  const std::string body = "{\"ids\": [" + ids + "], \"cache\": false}";
  const std::string request =
      "POST /api/v1/briefings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  double relay_us = 0;
  for (auto _ : state) {
    ah::testing::RawConnection c(server.port());
    const auto start = Clock::now();
    c.send(request);
    while (c.pending().find("event: delta") == std::string::npos) {
      if (!c.poll_read()) break;
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
    const auto first = Clock::now();
    if (c.pending().find("event: delta") == std::string::npos) {
      state.SkipWithError(("no delta: " + c.pending().substr(0, 300)).c_str());
      break;
    }
    state.SetIterationTime(std::chrono::duration<double>(first - start).count());
    relay_us += std::chrono::duration<double, std::micro>(
                    first - rig.server.first_piece_times().back())
                    .count();
    c.read_all(std::chrono::seconds(10));
  }
  state.counters["relay_us"] = benchmark::Counter(relay_us, benchmark::Counter::kAvgIterations);
  state.counters["papers"] = static_cast<double>(set.size());
  server.stop();
  serving.join();
}
BENCHMARK(BM_ServerFirstDelta)
    ->Arg(10)
    ->Arg(200)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(50);

}  // namespace

BENCHMARK_MAIN();
