// Imports files of saved responses (each file's format detected: sources/common/detect.h) into a
// PaperStore. Parsing runs on a producer thread while the calling thread writes batches, so
// parsing and writing overlap. One import at a time per store; the store must only be used by
// the calling thread meanwhile.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/paper_store.h"

namespace ah::ingest {

struct RejectedRecord {
  std::string where;   // "<file>: line 17 (id 2401.01234)"
  std::string reason;  // "missing title"
};

// A record stored with only the first core::kMaxAuthors of its authors.
struct CappedRecord {
  std::string where;        // as RejectedRecord::where
  std::size_t authors = 0;  // how many authors the record named
};

struct FileReport {
  std::filesystem::path path;
  std::string format;                 // "atom", "oai-pmh", "rss", "jsonl", or "unknown"
  store::UpsertCounts counts;         // what the store did with the file's records
  std::vector<RejectedRecord> rejected;
  std::vector<CappedRecord> capped;   // stored, but with their author lists cut
  // The file (or directory) could not be read, could not be parsed, broke off (its records
  // complete before the break are stored), or is a saved error answer (an OAI-PMH error other
  // than noRecordsMatch, an arXiv API error feed). Nothing of it, or only the batches before the
  // error, or the complete records before a break, was stored.
  std::optional<Error> error;
  std::string skipped;                // non-empty: why a file found in a directory was not read
  std::string notice;                 // e.g. "the document reports noRecordsMatch"
};

struct ImportReport {
  std::vector<FileReport> files;
  store::UpsertCounts total;          // rejected counts parser and store rejections
  std::int64_t bytes = 0;
  double seconds = 0;
  bool any_failed() const;
};

struct Progress {
  std::filesystem::path file;
  std::int64_t bytes_done = 0;        // over all files
  std::int64_t bytes_total = 0;       // over all files, known up front
  std::int64_t records = 0;           // records written so far
  double seconds = 0;
};

struct ImportOptions {
  int batch_size = 25'000;            // records per store transaction, >= 1
  // Called on the writer thread after each batch; may be empty.
  std::function<void(const Progress&)> on_progress;
};

// Imports `paths` (files, or directories walked recursively; hidden entries skipped) in the order
// given (directory entries sorted by name). A file named explicitly whose format is unknown is an
// error for that file; one found in a directory is skipped with a reason. Each batch is one store
// transaction, so an interrupted import keeps every committed batch. Returns the per-file report;
// per-file errors are in the report, not the Result. Errors: internal when the store fails (the
// import stops; batches before it stay committed); invalid_argument for batch_size < 1. A path that
// does not exist or cannot be read, and a directory (at any depth) that cannot be listed, is a
// per-file error in the report naming the path and the OS's reason; the rest is imported.
Result<ImportReport> import_paths(std::span<const std::filesystem::path> paths,
                                  store::PaperStore& store, const ImportOptions& options);

}  // namespace ah::ingest
