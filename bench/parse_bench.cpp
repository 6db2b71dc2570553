// parse_bench: throughput (MB/s, records/s) of the arXiv bulk parsers on the synthetic corpus:
// snapshot JSON lines through ah::sources::arxiv::parse_jsonl and OAI-PMH ListRecords pages
// through parse_oai. The corpus is generated in memory unless files made by gen_corpus are given.
//
//   parse_bench [--records=N] [--seed=S] [--snapshot=FILE] [--oai-dir=DIR] [benchmark flags]
//
// Without --benchmark_repetitions it runs 5 repetitions and reports only mean/median/stddev/cv.
// In-memory benchmarks are timed in CPU time, the file ones in wall time.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <istream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/generator.h"
#include "corpus/writers.h"
#include "sources/arxiv/jsonl_parser.h"
#include "sources/arxiv/oai_parser.h"

namespace {

namespace arxiv = ah::sources::arxiv;
namespace sources = ah::sources;

// An input stream over bytes already in memory, so that a pass costs no copy.
class MemoryStreambuf : public std::streambuf {
 public:
  explicit MemoryStreambuf(std::string_view bytes) {
    char* p = const_cast<char*>(bytes.data());  // the get area is never written through
    setg(p, p, p + bytes.size());
  }

 protected:
  pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override {
    const off_type base = dir == std::ios_base::beg   ? 0
                          : dir == std::ios_base::cur ? gptr() - eback()
                                                      : egptr() - eback();
    const off_type target = base + off;
    if (target < 0 || target > egptr() - eback()) return pos_type(off_type(-1));
    setg(eback(), eback() + target, egptr());
    return pos_type(target);
  }
  pos_type seekpos(pos_type pos, std::ios_base::openmode which) override {
    return seekoff(off_type(pos), std::ios_base::beg, which);
  }
};

struct Corpus {
  std::int64_t records = 0;
  std::string snapshot;                // in-memory JSON lines
  std::vector<std::string> oai_pages;  // in-memory ListRecords pages
};

struct FileCorpus {
  std::string snapshot_path;
  std::int64_t snapshot_bytes = 0;
  std::vector<std::string> oai_pages;  // loaded from --oai-dir
  std::int64_t oai_bytes = 0;
};

std::int64_t total_size(const std::vector<std::string>& pages) {
  std::int64_t n = 0;
  for (const auto& p : pages) n += static_cast<std::int64_t>(p.size());
  return n;
}

// Reports a parser's rejections once: synthetic records are all valid, so any is a finding.
void warn_rejections(std::string_view what, std::int64_t rejected, const std::string& first) {
  if (rejected == 0) return;
  static bool warned = false;
  if (!warned) {
    fmt::print(stderr, "parse_bench: {}: {} record(s) rejected per pass, e.g. {}\n", what, rejected,
               first);
    warned = true;
  }
}

void run_jsonl(benchmark::State& state, std::istream& in, std::string_view origin,
               std::int64_t& papers, std::int64_t& rejected, std::string& first_rejection) {
  auto counts = arxiv::parse_jsonl(
      in, origin,
      [&](ah::core::Paper&& p) {
        benchmark::DoNotOptimize(p.title_display.data());
        ++papers;
      },
      [&](sources::RecordError&& e) {
        if (rejected++ == 0) first_rejection = e.where + ": " + e.message;
      });
  if (!counts) state.SkipWithError(counts.error().message.c_str());
}

void BM_ParseSnapshotJsonl(benchmark::State& state, const Corpus* corpus) {
  std::int64_t papers = 0, rejected = 0;
  std::string first_rejection;
  for (auto _ : state) {
    MemoryStreambuf buf(corpus->snapshot);
    std::istream in(&buf);
    run_jsonl(state, in, "memory.jsonl", papers, rejected, first_rejection);
  }
  const auto passes = std::max<std::int64_t>(state.iterations(), 1);
  warn_rejections("snapshot", rejected / passes, first_rejection);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(corpus->snapshot.size()));
  state.SetItemsProcessed(papers);
  state.counters["rejected"] = static_cast<double>(rejected / passes);
}

void BM_ParseSnapshotFile(benchmark::State& state, const FileCorpus* files) {
  std::int64_t papers = 0, rejected = 0;
  std::string first_rejection;
  for (auto _ : state) {
    std::ifstream in(files->snapshot_path, std::ios::binary);
    run_jsonl(state, in, files->snapshot_path, papers, rejected, first_rejection);
  }
  const auto passes = std::max<std::int64_t>(state.iterations(), 1);
  warn_rejections("snapshot file", rejected / passes, first_rejection);
  state.SetBytesProcessed(state.iterations() * files->snapshot_bytes);
  state.SetItemsProcessed(papers);
  state.counters["rejected"] = static_cast<double>(rejected / passes);
}

void BM_ParseOaiPages(benchmark::State& state, const std::vector<std::string>* pages) {
  std::int64_t papers = 0, rejected = 0;
  std::string first_rejection;
  for (auto _ : state) {
    for (std::size_t i = 0; i < pages->size(); ++i) {
      auto parsed = arxiv::parse_oai((*pages)[i], "page");
      if (!parsed) {
        state.SkipWithError(parsed.error().message.c_str());
        break;
      }
      papers += static_cast<std::int64_t>(parsed->papers.size());
      if (!parsed->rejected.empty() && rejected == 0) {
        first_rejection = parsed->rejected[0].where + ": " + parsed->rejected[0].message;
      }
      rejected += static_cast<std::int64_t>(parsed->rejected.size());
      benchmark::DoNotOptimize(parsed->papers.data());
    }
  }
  const auto passes = std::max<std::int64_t>(state.iterations(), 1);
  warn_rejections("oai", rejected / passes, first_rejection);
  state.SetBytesProcessed(state.iterations() * total_size(*pages));
  state.SetItemsProcessed(papers);
  state.counters["rejected"] = static_cast<double>(rejected / passes);
}

// The floor under the JSON-lines parser: splitting the same bytes into lines with getline.
void BM_SplitLinesBaseline(benchmark::State& state, const Corpus* corpus) {
  std::string line;
  for (auto _ : state) {
    MemoryStreambuf buf(corpus->snapshot);
    std::istream in(&buf);
    std::int64_t n = 0;
    while (std::getline(in, line)) ++n;
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(corpus->snapshot.size()));
  state.SetItemsProcessed(state.iterations() * corpus->records);
}

// The generator itself: records rendered as snapshot lines (what gen_corpus does, minus disk).
void BM_GenerateSnapshot(benchmark::State& state, std::uint64_t seed) {
  std::int64_t bytes = 0;
  for (auto _ : state) {
    ah::bench::CorpusGenerator generator({.seed = seed, .records = state.range(0)});
    ah::bench::write_snapshot(generator, 1 << 20, [&](std::string_view chunk) {
      bytes += static_cast<std::int64_t>(chunk.size());
    });
  }
  state.SetBytesProcessed(bytes);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

Corpus make_corpus(std::int64_t records, std::uint64_t seed) {
  Corpus c;
  c.records = records;
  ah::bench::CorpusGenerator snapshot({.seed = seed, .records = records});
  ah::bench::write_snapshot(snapshot, 1 << 20,
                            [&](std::string_view chunk) { c.snapshot += chunk; });
  ah::bench::CorpusGenerator oai({.seed = seed, .records = records});
  ah::bench::write_oai_pages(oai, {.page_size = 1000}, [&](const ah::bench::OaiPage& p) {
    c.oai_pages.emplace_back(p.bytes);
  });
  return c;
}

bool load_files(const std::string& snapshot, const std::string& oai_dir, FileCorpus& out) {
  namespace fs = std::filesystem;
  if (!snapshot.empty()) {
    std::error_code ec;
    out.snapshot_bytes = static_cast<std::int64_t>(fs::file_size(snapshot, ec));
    if (ec) {
      fmt::print(stderr, "parse_bench: cannot read {}: {}\n", snapshot, ec.message());
      return false;
    }
    out.snapshot_path = snapshot;
  }
  if (!oai_dir.empty()) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(oai_dir, ec)) {
      if (entry.path().extension() == ".xml") files.push_back(entry.path());
    }
    if (ec || files.empty()) {
      fmt::print(stderr, "parse_bench: no .xml pages in {}\n", oai_dir);
      return false;
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      out.oai_pages.push_back(std::move(bytes).str());
    }
    out.oai_bytes = total_size(out.oai_pages);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // Our own flags first; the rest goes to Google Benchmark, with our repetition defaults.
  std::int64_t records = 20'000;
  std::uint64_t seed = 42;
  std::string snapshot_path, oai_dir;
  std::vector<char*> args = {argv[0]};
  bool repetitions_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&](std::string_view flag) -> const char* {
      return a.starts_with(flag) && a.size() > flag.size() && a[flag.size()] == '='
                 ? argv[i] + flag.size() + 1
                 : nullptr;
    };
    if (const char* v = value("--records")) {
      records = std::clamp<std::int64_t>(std::atoll(v), 1, ah::bench::kMaxRecords);
    } else if (const char* v = value("--seed")) {
      seed = std::strtoull(v, nullptr, 10);
    } else if (const char* v = value("--snapshot")) {
      snapshot_path = v;
    } else if (const char* v = value("--oai-dir")) {
      oai_dir = v;
    } else {
      repetitions_given = repetitions_given || a.starts_with("--benchmark_repetitions");
      args.push_back(argv[i]);
    }
  }
  std::string reps = "--benchmark_repetitions=5";
  std::string aggregates = "--benchmark_report_aggregates_only=true";
  if (!repetitions_given) {
    args.push_back(reps.data());
    args.push_back(aggregates.data());
  }
  int bench_argc = static_cast<int>(args.size());
  benchmark::Initialize(&bench_argc, args.data());
  if (benchmark::ReportUnrecognizedArguments(bench_argc, args.data())) return 1;

  FileCorpus files;
  if (!load_files(snapshot_path, oai_dir, files)) return 1;
  const Corpus corpus = make_corpus(records, seed);
  fmt::print(stderr,
             "parse_bench: in-memory corpus: {} records, snapshot {:.1f} MB, {} OAI pages "
             "{:.1f} MB\n",
             records, corpus.snapshot.size() / 1e6, corpus.oai_pages.size(),
             total_size(corpus.oai_pages) / 1e6);

  // In-memory benchmarks report CPU time: the machines are shared, and CPU time measures the
  // parser's work without the wait for a core. The file benchmarks report wall time (with reads).
  const std::string suffix = fmt::format("/records:{}", records);
  benchmark::RegisterBenchmark(("BM_ParseSnapshotJsonl" + suffix).c_str(), BM_ParseSnapshotJsonl,
                               &corpus)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("BM_ParseOaiPages" + suffix).c_str(), BM_ParseOaiPages,
                               &corpus.oai_pages)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("BM_SplitLinesBaseline" + suffix).c_str(), BM_SplitLinesBaseline,
                               &corpus)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_GenerateSnapshot", BM_GenerateSnapshot, seed)
      ->Arg(10'000)
      ->Unit(benchmark::kMillisecond);
  if (!files.snapshot_path.empty()) {
    benchmark::RegisterBenchmark("BM_ParseSnapshotFile", BM_ParseSnapshotFile, &files)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(1);
  }
  if (!files.oai_pages.empty()) {
    benchmark::RegisterBenchmark("BM_ParseOaiDir", BM_ParseOaiPages, &files.oai_pages)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(1);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
