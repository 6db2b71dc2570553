// gen_corpus: writes a deterministic synthetic arXiv corpus for the benchmarks, either as Kaggle
// snapshot JSON lines or as a folder of OAI-PMH ListRecords pages. See bench/README.md.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "corpus/generator.h"
#include "corpus/writers.h"

namespace {

struct Totals {
  std::int64_t records = 0;
  std::int64_t bytes = 0;
  int files = 0;
};

// Writes `bytes` to `file`; returns false (after printing why) on a short write.
bool write_all(std::FILE* file, std::string_view bytes, const std::string& path) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size()) {
    fmt::print(stderr, "gen_corpus: cannot write {}\n", path);
    return false;
  }
  return true;
}

int write_snapshot_file(ah::bench::CorpusGenerator& generator, const std::string& path,
                        Totals& totals) {
  std::FILE* file = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    fmt::print(stderr, "gen_corpus: cannot create {}\n", path);
    return 1;
  }
  bool ok = true;
  totals.records = ah::bench::write_snapshot(generator, 4 << 20, [&](std::string_view chunk) {
    ok = ok && write_all(file, chunk, path);
    totals.bytes += static_cast<std::int64_t>(chunk.size());
  });
  totals.files = 1;
  if (file != stdout && std::fclose(file) != 0) ok = false;
  return ok ? 0 : 1;
}

int write_oai_dir(ah::bench::CorpusGenerator& generator, const std::string& dir,
                  std::size_t page_size, std::uint64_t seed, Totals& totals) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    fmt::print(stderr, "gen_corpus: cannot create directory {}: {}\n", dir, ec.message());
    return 1;
  }
  ah::bench::OaiPagingOptions options;
  options.page_size = page_size;
  options.batch = 100000 + seed % 900000;
  bool ok = true;
  totals.files = ah::bench::write_oai_pages(generator, options, [&](const ah::bench::OaiPage& p) {
    if (!ok) return;
    const std::string path = fmt::format("{}/page-{:05}.xml", dir, p.number);
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) {
      fmt::print(stderr, "gen_corpus: cannot create {}\n", path);
      ok = false;
      return;
    }
    ok = write_all(file, p.bytes, path) && std::fclose(file) == 0;
    totals.bytes += static_cast<std::int64_t>(p.bytes.size());
  });
  totals.records = generator.produced();
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes a deterministic synthetic arXiv corpus for the benchmarks."};
  std::int64_t records = 0;
  std::string format = "snapshot";
  std::string out;
  std::size_t page_size = 1000;
  std::uint64_t seed = 42;
  double old_style = 0.08;
  bool quiet = false;
  app.add_option("--records,-n", records, "number of records")
      ->required()
      ->check(CLI::Range(std::int64_t{0}, ah::bench::kMaxRecords));
  app.add_option("--format,-f", format, "snapshot (Kaggle JSON lines) or oai (ListRecords pages)")
      ->check(CLI::IsMember({"snapshot", "oai"}));
  app.add_option("--out,-o", out,
                 "output file for snapshot ('-' = stdout), output directory for oai")
      ->required();
  app.add_option("--page-size", page_size, "records per OAI page")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  app.add_option("--seed", seed, "random seed; the same seed gives the same corpus");
  app.add_option("--old-style", old_style, "fraction of old-style ids (hep-th/9901001)")
      ->check(CLI::Range(0.0, 0.5));
  app.add_flag("--quiet,-q", quiet, "print nothing on success");
  CLI11_PARSE(app, argc, argv);

  const auto start = std::chrono::steady_clock::now();
  ah::bench::CorpusGenerator generator(
      {.seed = seed, .records = records, .old_style_fraction = old_style});
  Totals totals;
  const int rc = format == "snapshot" ? write_snapshot_file(generator, out, totals)
                                      : write_oai_dir(generator, out, page_size, seed, totals);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (rc == 0 && !quiet) {
    fmt::print(stderr,
               "gen_corpus: {} records, {} file(s), {:.1f} MB in {:.2f} s ({:.0f} MB/s, "
               "{:.0f} records/s) -> {}\n",
               totals.records, totals.files, totals.bytes / 1e6, seconds,
               totals.bytes / 1e6 / seconds, totals.records / seconds, out);
  }
  return rc;
}
