// academichub import PATH...: files or directories of saved responses (any format sources::detect
// knows) into the database.
#include <chrono>
#include <filesystem>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/format.h"
#include "core/paper.h"
#include "ingest/importer.h"

namespace ah::cli {
namespace {

struct ImportArgs {
  std::vector<std::string> paths;
  int batch_size = 0;  // 0: from the config
};

// Draws progress in place on a terminal; otherwise logs a line every 10 seconds.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(const App& app) : app_(app) {}

  void operator()(const ingest::Progress& p) {
    auto now = std::chrono::steady_clock::now();
    const bool terminal = app_.interactive();
    if (now - last_ < (terminal ? std::chrono::milliseconds(200) : std::chrono::seconds(10))) return;
    last_ = now;
    double rate = p.seconds > 0 ? static_cast<double>(p.records) / p.seconds : 0;
    std::string eta;
    if (p.bytes_total > 0 && p.bytes_done > 0 && p.bytes_done < p.bytes_total) {
      double remaining = p.seconds * static_cast<double>(p.bytes_total - p.bytes_done) /
                         static_cast<double>(p.bytes_done);
      eta = fmt::format(", {:.0f}%, ETA {}",
                        100.0 * static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total),
                        duration(remaining));
    }
    std::string line = fmt::format("{}: {} records, {} records/s{}", p.file.filename().string(),
                                   thousands(p.records), thousands(static_cast<std::int64_t>(rate)), eta);
    if (terminal) {
      fmt::print(stderr, "\r\033[K{}", line);
      drawn_ = true;
    } else {
      app_.log(LogLevel::info, line);
    }
  }

  void clear() {
    if (drawn_) fmt::print(stderr, "\r\033[K");
  }

 private:
  const App& app_;
  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
};

int run_import(App& app, const ImportArgs& args) {
  auto store = app.open_store(StoreUse::bulk_load);
  if (!store) return report_error(store.error());
  std::vector<std::filesystem::path> paths(args.paths.begin(), args.paths.end());
  ProgressPrinter progress(app);
  ingest::ImportOptions options;
  options.batch_size = args.batch_size > 0 ? args.batch_size : app.config().import_batch_size;
  options.on_progress = [&](const ingest::Progress& p) { progress(p); };
  auto report = ingest::import_paths(paths, **store, options);
  progress.clear();
  if (!report) return report_error(report.error());

  for (const ingest::FileReport& f : report->files) {
    if (!f.skipped.empty()) {
      fmt::print("{}: skipped: {}\n", f.path.string(), f.skipped);
      continue;
    }
    fmt::print("{}: {}: {}\n", f.path.string(), f.format, counts_line(f.counts));
    if (!f.notice.empty()) fmt::print("  note: {}\n", f.notice);
    for (const ingest::RejectedRecord& r : f.rejected) {
      fmt::print("  rejected: {}: {}\n", r.where, r.reason);
    }
    for (const ingest::CappedRecord& c : f.capped) {
      fmt::print("  authors cut: {}: kept the first {} of its {} authors\n", c.where,
                 thousands(static_cast<std::int64_t>(core::kMaxAuthors)),
                 thousands(static_cast<std::int64_t>(c.authors)));
    }
    if (f.error) fmt::print(stderr, "error: {}\n", f.error->message);
  }
  double rate = report->seconds > 0
                    ? static_cast<double>(report->total.inserted + report->total.updated +
                                          report->total.unchanged) / report->seconds
                    : 0;
  fmt::print("total: {} ({} files, {:.1f} MB in {}, {} records/s)\n", counts_line(report->total),
             report->files.size(), static_cast<double>(report->bytes) / 1e6,
             duration(report->seconds), thousands(static_cast<std::int64_t>(rate)));
  // A large import compacts the index it deferred merging in; a small one is not worth a full
  // merge and only ends the bulk load (normal merging resumes).
  if (report->total.inserted + report->total.updated > 10'000) {
    app.log(LogLevel::info, "compacting the full-text index");
    if (auto r = (*store)->optimize(); !r) return report_error(r.error());
  } else if (auto r = (*store)->end_bulk_load(); !r) {
    return report_error(r.error());
  }
  return report->any_failed() ? kExitBadInput : kExitOk;
}

}  // namespace

void add_import(CLI::App& parent, Command& run) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "import",
      "import saved responses, each format detected: arXiv (API Atom, OAI-PMH, RSS, JSON lines), "
      "Crossref, PubMed efetch, OpenAlex, bioRxiv/medRxiv, Semantic Scholar, journal feeds; "
      "directories recursively");
  cmd->add_option("paths", args->paths, "files or directories")->required();
  cmd->add_option("--batch-size", args->batch_size, "records per transaction (default 25000)")
      ->check(CLI::Range(1, 1'000'000));
  cmd->callback([args, &run] { run = [args](App& app) { return run_import(app, *args); }; });
}

}  // namespace ah::cli
