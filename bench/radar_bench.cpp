// The radar's speed (bench/README.md, "Radar speed"): one FeatureIndex of N papers (the first N
// records of a gen_corpus snapshot, parsed by the arXiv importer's parser, or generated in memory
// with the same seed when no file is given), one radar with 50 seeds and 200 votes, then
//  - rank: the newest 2,000 papers (a day), the newest 60,000 (30 days) and all N, as the feed
//    does (limit 50, explanations on), timed `--runs` times each: median, p99, max;
//  - update: Radar::update after one more vote (a new paper each time, alternating up and
//    down), timed the same way;
//  - memory: Radar::memory_bytes (its column table, ColumnTable::memory_bytes, included),
//    FeatureIndex::memory_bytes and the process's peak RSS.
// The index build and the radar's first training are reported, not part of the targets; with
// --index-file, so are writing the index to a file and reading it back (what a process does
// instead of building, radarsvc/index_file.h), and a later run reads it instead of building.
// A small timing loop rather than Google Benchmark: p99 is the target, and every sample is kept.
#include <fmt/format.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/generator.h"
#include "corpus/writers.h"
#include "radar/feature_index.h"
#include "radar/radar.h"
#include "radar/ranker.h"
#include "sources/arxiv/jsonl_parser.h"

namespace {

using namespace ah;
using namespace ah::radar;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Stats {
  double median = 0, p99 = 0, max = 0, mean = 0;
  std::size_t runs = 0;
};

// p99 as the sample at rank ceil(0.99 n) (nearest-rank): with 100 runs, the second slowest.
Stats stats(std::vector<double> v) {
  Stats s;
  if (v.empty()) return s;
  std::ranges::sort(v);
  s.runs = v.size();
  s.median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  const auto rank = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(v.size())));
  s.p99 = v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
  s.max = v.back();
  double sum = 0;
  for (double x : v) sum += x;
  s.mean = sum / static_cast<double>(v.size());
  return s;
}

nlohmann::json to_json(const Stats& s) {
  return {{"median_ms", s.median},
          {"p99_ms", s.p99},
          {"max_ms", s.max},
          {"mean_ms", s.mean},
          {"runs", s.runs}};
}

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// The first `n` papers of the snapshot file, or of an in-memory corpus of `n` records from
// gen_corpus's generator (seed 42, as gen_corpus's default), parsed by the importer's parser.
std::vector<core::Paper> load(const std::string& snapshot, std::size_t n) {
  std::vector<core::Paper> papers;
  papers.reserve(n);
  auto on_paper = [&](core::Paper&& p) {
    if (papers.size() < n) papers.push_back(std::move(p));
  };
  auto on_reject = [](sources::RecordError&& e) {
    fmt::print(stderr, "rejected: {}\n", e.message);
  };
  if (!snapshot.empty()) {
    std::ifstream in(snapshot, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + snapshot);
    // parse_jsonl reads to the end; stop early by reading only the lines needed.
    std::string chunk, line;
    std::size_t lines = 0;
    while (papers.size() < n && std::getline(in, line)) {
      chunk += line;
      chunk += '\n';
      if (++lines % 10000 == 0) {
        std::istringstream s(chunk);
        (void)sources::arxiv::parse_jsonl(s, "snapshot", on_paper, on_reject);
        chunk.clear();
      }
    }
    std::istringstream s(chunk);
    (void)sources::arxiv::parse_jsonl(s, "snapshot", on_paper, on_reject);
    return papers;
  }
  bench::CorpusGenerator gen({.seed = 42, .records = static_cast<std::int64_t>(n)});
  std::string chunk;
  auto flush = [&] {
    std::istringstream s(chunk);
    (void)sources::arxiv::parse_jsonl(s, "generated", on_paper, on_reject);
    chunk.clear();
  };
  bench::write_snapshot(gen, 16 << 20, [&](std::string_view bytes) {
    chunk.append(bytes);
    flush();
  });
  return papers;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"radar_bench: the radar's ranking and retraining time and memory"};
  std::size_t papers_n = 1'000'000;
  std::string snapshot;
  std::vector<std::size_t> sizes = {2'000, 60'000, 1'000'000};
  std::size_t seeds_n = 50, votes_n = 200, runs = 100, update_runs = 50, limit = 50, add_runs = 0;
  int threads = 2;
  int rank_threads = 2;
  std::string json_out, index_file;
  app.add_option("--papers", papers_n, "papers in the index (default 1,000,000)");
  app.add_option("--snapshot", snapshot,
                 "gen_corpus snapshot to read the papers from (its first --papers records); "
                 "default: generate them in memory (seed 42)");
  app.add_option("--sizes", sizes, "candidate set sizes: the newest K papers")->delimiter(',');
  app.add_option("--seeds", seeds_n, "seed papers of the radar");
  app.add_option("--votes", votes_n, "votes of the radar (3 up : 1 down)");
  app.add_option("--runs", runs, "timed rankings per candidate set");
  app.add_option("--update-runs", update_runs, "timed retrains after one vote");
  app.add_option("--limit", limit, "papers returned per ranking (with explanations)");
  app.add_option("--add-runs", add_runs,
                 "at the end, papers added to the index one by one, each timed (copies of the "
                 "newest under new ids, as the radar service adds a day's papers)");
  app.add_option("--vector-threads", threads, "fastText threads for the index build");
  app.add_option("--rank-threads", rank_threads,
                 "threads one ranking of 8,192+ candidates uses (RankRequest::threads), as the "
                 "service's default");
  app.add_option("--json", json_out, "also write the results here");
  app.add_option("--index-file", index_file,
                 "read the index from this file when it holds one of these papers and options; "
                 "else build it, write it here and read it back (FeatureIndex::save and load, as "
                 "the service keeps it between processes), timing both");
  CLI11_PARSE(app, argc, argv);

  nlohmann::json out;
  auto t0 = Clock::now();
  auto papers = load(snapshot, papers_n);
  out["load_s"] = ms_since(t0) / 1000;
  const std::size_t n = papers.size();
  fmt::print("papers: {} ({} s to load)\n", n, out["load_s"].get<double>());
  std::vector<PaperId> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = static_cast<PaperId>(i + 1);

  IndexOptions io;
  io.vectors.threads = threads;
  // With --index-file naming a file of these options, the index is read from it instead of
  // built (to measure ranking again without the build); else built, written and read back.
  std::optional<FeatureIndex> reused;
  if (!index_file.empty()) {
    t0 = Clock::now();
    auto read = FeatureIndex::load(index_file, io);
    if (read && *read && (*read)->index.size() == n) {
      const double load_s = ms_since(t0) / 1000;
      fmt::print("index: read from {} in {:.1f} s\n", index_file, load_s);
      out["index_load_s"] = load_s;
      reused = std::move((*read)->index);
    }
  }
  double build_s = 0;
  std::optional<FeatureIndex> built_index;
  if (!reused) {
    t0 = Clock::now();
    auto built = FeatureIndex::build({ids, papers}, io);
    if (!built) {
      fmt::print(stderr, "index: {}\n", built.error().message);
      return 1;
    }
    build_s = ms_since(t0) / 1000;
    built_index = std::move(*built);
  }
  // The newest papers, kept for --add-runs (added again under new ids); the rest freed.
  std::vector<core::Paper> to_add(
      std::make_move_iterator(papers.end() - static_cast<std::ptrdiff_t>(std::min(add_runs, n))),
      std::make_move_iterator(papers.end()));
  std::vector<core::Paper>().swap(papers);
  const FeatureIndex& index = reused ? *reused : *built_index;
  if (built_index) {
    fmt::print("index: {} papers, {} features, built in {:.1f} s, {:.1f} MiB\n", index.size(),
               index.columns_count(), build_s, index.memory_bytes() / 1048576.0);
    out["index_build_s"] = build_s;
  }
  if (built_index && !index_file.empty()) {
    t0 = Clock::now();
    if (auto saved = index.save(index_file, "radar_bench"); !saved) {
      fmt::print(stderr, "index file: {}\n", saved.error().message);
      return 1;
    }
    const double save_s = ms_since(t0) / 1000;
    t0 = Clock::now();
    auto read = FeatureIndex::load(index_file, io);
    const double load_s = ms_since(t0) / 1000;
    if (!read || !*read || (*read)->index.size() != index.size()) {
      fmt::print(stderr, "index file: not read back: {}\n",
                 read ? "other options" : read.error().message);
      return 1;
    }
    const auto bytes = std::filesystem::file_size(index_file);
    fmt::print("index file: {:.0f} MiB, written in {:.1f} s, read back in {:.1f} s\n",
               bytes / 1048576.0, save_s, load_s);
    out["index_file_bytes"] = bytes;
    out["index_save_s"] = save_s;
    out["index_load_s"] = load_s;
  }
  out["papers"] = n;
  out["features"] = index.columns_count();
  out["index_bytes"] = index.memory_bytes();

  // The radar: seeds and votes spread over the whole index (deterministic), like a researcher's
  // library built up over years; the newest papers are the candidates.
  RadarProfile profile;
  std::uint64_t rng = 7;
  auto next = [&] {
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(rng >> 33) % n;
  };
  std::set<std::size_t> used;
  auto fresh = [&] {
    for (;;) {
      const auto r = next();
      if (used.insert(r).second) return r;
    }
  };
  for (std::size_t i = 0; i < seeds_n; ++i) profile.seeds.push_back(ids[fresh()]);
  for (std::size_t i = 0; i < votes_n; ++i) {
    profile.votes[ids[fresh()]] = i % 4 == 3 ? Vote::down : Vote::up;
  }
  t0 = Clock::now();
  auto created = Radar::create(index, profile);
  if (!created) {
    fmt::print(stderr, "radar: {}\n", created.error().message);
    return 1;
  }
  Radar radar = std::move(*created);
  out["radar_create_ms"] = ms_since(t0);
  fmt::print("radar: {} seeds, {} votes, trained in {:.1f} ms, {} taste weights\n", seeds_n,
             votes_n, out["radar_create_ms"].get<double>(), radar.taste().weights().size());

  fmt::print("\n| rank | candidates | median ms | p99 ms | max ms | runs |\n");
  fmt::print("| --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (std::size_t k : sizes) {
    k = std::min(k, n);
    std::vector<Row> rows(k);
    for (std::size_t i = 0; i < k; ++i) rows[i] = static_cast<Row>(n - k + i);
    RankRequest request;
    request.rows = rows;
    request.use_rows = true;
    request.limit = limit;
    request.explain = true;
    request.threads = rank_threads;
    // one warm-up: first touch of the index's pages
    (void)rank(index, radar, request);
    std::vector<double> times;
    std::size_t returned = 0;
    for (std::size_t r = 0; r < runs; ++r) {
      t0 = Clock::now();
      auto ranked = rank(index, radar, request);
      times.push_back(ms_since(t0));
      returned = ranked->size();
    }
    const auto s = stats(times);
    fmt::print("| {} papers | {} | {:.2f} | {:.2f} | {:.2f} | {} |\n", k, k, s.median, s.p99, s.max,
               s.runs);
    out["rank"][std::to_string(k)] = to_json(s);
    out["rank"][std::to_string(k)]["times_ms"] = times;  // in the order run
    out["rank"][std::to_string(k)]["returned"] = returned;
  }

  // Retraining after one vote: each run votes on one more paper (3 up : 1 down) and retrains.
  std::vector<double> times;
  for (std::size_t r = 0; r < update_runs; ++r) {
    profile.votes[ids[fresh()]] = r % 4 == 3 ? Vote::down : Vote::up;
    t0 = Clock::now();
    auto ok = radar.update(index, profile);
    times.push_back(ms_since(t0));
    if (!ok) {
      fmt::print(stderr, "update: {}\n", ok.error().message);
      return 1;
    }
  }
  const auto u = stats(times);
  fmt::print("| update after one vote | - | {:.2f} | {:.2f} | {:.2f} | {} |\n", u.median, u.p99,
             u.max, u.runs);
  out["update"] = to_json(u);
  out["update"]["times_ms"] = times;  // in the order run

  out["radar_bytes"] = radar.memory_bytes();
  out["column_table_bytes"] = radar.table(index)->memory_bytes();
  out["peak_rss_kib"] = peak_rss_kib();
  fmt::print(
      "\nmemory: radar {:.1f} KiB (of which its column table {:.1f} KiB), index {:.1f} "
      "MiB ({:.0f} bytes a paper), peak RSS {:.1f} MiB\n",
      radar.memory_bytes() / 1024.0, radar.table(index)->memory_bytes() / 1024.0,
      index.memory_bytes() / 1048576.0,
      static_cast<double>(index.memory_bytes()) / static_cast<double>(n), peak_rss_kib() / 1024.0);
  if (add_runs > 0) {
    auto& grown = const_cast<FeatureIndex&>(index);  // the last use of the index
    std::vector<double> adds;
    for (std::size_t i = 0; i < add_runs; ++i) {
      t0 = Clock::now();
      auto row = grown.add(static_cast<PaperId>(n + 1 + i), to_add[i % to_add.size()]);
      adds.push_back(ms_since(t0));
      if (!row) {
        fmt::print(stderr, "add: {}\n", row.error().message);
        return 1;
      }
    }
    const auto a = stats(adds);
    fmt::print("| add one paper | - | {:.2f} | {:.2f} | {:.2f} | {} |\n", a.median, a.p99, a.max,
               a.runs);
    out["add"] = to_json(a);
    out["add"]["times_ms"] = adds;
  }
  if (!json_out.empty()) std::ofstream(json_out) << out.dump(1) << '\n';
  return 0;
}
