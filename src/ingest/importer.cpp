#include "ingest/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/calendar.h"
#include "ingest/bounded_queue.h"
#include "ingest/parsers.h"
#include "sources/arxiv/jsonl_parser.h"
#include "sources/common/detect.h"

namespace ah::ingest {
namespace fs = std::filesystem;
namespace arxiv = ah::sources::arxiv;

bool ImportReport::any_failed() const {
  return std::any_of(files.begin(), files.end(), [](const FileReport& f) { return f.error; });
}

namespace {

// A unit of work handed from the parser thread to the writer thread.
struct Item {
  explicit Item(size_t file_index = 0) : file(file_index) {}
  size_t file;
  std::vector<core::Paper> papers;
  std::vector<RejectedRecord> rejected;
  std::vector<CappedRecord> capped;
  std::int64_t bytes_done = 0;  // over all files, after this item
  bool file_done = false;       // last item of the file: carries the fields below
  std::string format;
  std::optional<Error> error;
  std::string skipped;  // non-empty: the file was not read, and why
  std::string notice;
};

struct Planned {
  fs::path path;
  bool explicit_path = false;
  std::string missing;  // non-empty: the path could not be listed/read (reason)
  std::int64_t size = 0;
};

bool hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name.front() == '.';
}

// Adds the files under `dir` (recursively, hidden entries skipped, symbolic links to directories
// not followed) to `out`, and each directory that cannot be listed as a failed entry with the
// OS's reason. Sorted by path.
void walk(const fs::path& dir, std::vector<Planned>& out) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    out.push_back({dir, true, "cannot read directory: " + ec.message(), 0});
    return;
  }
  std::vector<Planned> found;
  for (fs::directory_iterator end; it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    if (hidden(entry.path())) continue;
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
      found.push_back({entry.path(), false, "", -1});  // a directory, walked below
    } else if (entry.is_regular_file(ec)) {
      std::int64_t size = static_cast<std::int64_t>(entry.file_size(ec));
      found.push_back({entry.path(), false, "", ec ? 0 : size});
    }
  }
  if (ec) {
    out.push_back({dir, true, "cannot read directory: " + ec.message(), 0});
    return;
  }
  std::sort(found.begin(), found.end(),
            [](const Planned& a, const Planned& b) { return a.path < b.path; });
  for (Planned& f : found) {
    if (f.size < 0) {
      walk(f.path, out);
    } else {
      out.push_back(std::move(f));
    }
  }
}

// Expands directories into the files to read.
std::vector<Planned> plan(std::span<const fs::path> paths) {
  std::vector<Planned> out;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      walk(p, out);
    } else if (fs::is_regular_file(p, ec)) {
      std::int64_t size = static_cast<std::int64_t>(fs::file_size(p, ec));
      out.push_back({p, true, "", ec ? 0 : size});
    } else {
      out.push_back({p, true, fs::exists(p, ec) ? "not a regular file" : "no such file", 0});
    }
  }
  return out;
}

// What a saved answer that is not a list of records means for its file: "no records match" is a
// notice (an empty list is a valid answer), any other error answer fails the file.
void describe_answer(const sources::FeedInfo& info, const std::string& origin, Item& done) {
  if (info.answer == sources::Answer::records) return;
  std::string what =
      info.error_code + (info.error_message.empty() ? "" : ": " + info.error_message);
  if (info.answer == sources::Answer::no_records) {
    done.notice = "the document reports " + what;
  } else {
    done.error = Error{ErrorCode::bad_upstream_data,
                       origin + ": a saved error answer, not records: the server answered " + what};
  }
}

// A file's modification time as ISO 8601 UTC, or "" when it cannot be read.
std::string modification_time(const fs::path& path) {
  std::error_code ec;
  const fs::file_time_type t = fs::last_write_time(path, ec);
  if (ec) return {};
  const auto system = std::chrono::file_clock::to_sys(t);
  return core::utc_time(system);
}

std::string read_head(std::ifstream& in, size_t n) {
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<size_t>(in.gcount()));
  in.clear();
  in.seekg(0);
  return head;
}

// Parses the files on the producer thread and feeds the queue.
class Producer {
 public:
  Producer(const std::vector<Planned>& files, BoundedQueue<Item>& queue, int batch_size)
      : files_(files), queue_(queue), batch_size_(static_cast<size_t>(batch_size)) {}

  void run() {
    for (size_t i = 0; i < files_.size() && !stopped_; ++i) run_file(i);
    queue_.close();
  }

 private:
  void run_file(size_t index) {
    const Planned& f = files_[index];
    Item done(index);
    done.file_done = true;
    done.format = "unknown";
    if (!f.missing.empty()) {
      done.error = Error{ErrorCode::unavailable, f.path.string() + ": " + f.missing};
      finish(std::move(done), f.size);
      return;
    }
    errno = 0;
    std::ifstream in(f.path, std::ios::binary);
    if (!in) {
      std::string reason = errno != 0 ? std::string(": ") + std::strerror(errno) : "";
      done.error =
          Error{ErrorCode::unavailable, f.path.string() + ": cannot open for reading" + reason};
      finish(std::move(done), f.size);
      return;
    }
    saved_at_ = modification_time(f.path);
    std::string head = read_head(in, 8192);
    sources::Format format = sources::detect_format(head, f.path.filename().string());
    done.format = std::string(sources::to_string(format));
    const std::string origin = f.path.string();

    const FormatHandling handling = handling_of(format);
    if (!handling.unsupported.empty()) {
      // One line for the whole file, never a rejection per line of it.
      std::string what = "unsupported: " + std::string(handling.unsupported);
      if (f.explicit_path) {
        done.error = Error{ErrorCode::bad_upstream_data, origin + ": " + what};
      } else {
        done.skipped = what;
      }
      finish(std::move(done), f.size);
      return;
    }

    Item batch(index);
    if (format == sources::Format::jsonl) {
      auto counts = arxiv::parse_jsonl(
          in, origin,
          [&](core::Paper&& p) {
            if (stopped_) {
              in.setstate(std::ios::badbit);  // ends the parse at the next chunk
              return;
            }
            stamp(p, f);
            batch.papers.push_back(std::move(p));
            if (batch.papers.size() >= batch_size_) {
              std::streamoff pos = in.tellg();
              flush(batch, index, pos < 0 ? f.size : static_cast<std::int64_t>(pos));
            }
          },
          [&](sources::RecordError&& e) {
            batch.rejected.push_back({std::move(e.where), std::move(e.message)});
          },
          [&](sources::CappedRecord&& c) {
            batch.capped.push_back({std::move(c.where), c.authors});
          });
      if (!counts && !stopped_) done.error = counts.error();
    } else {
      std::ostringstream buffer;
      buffer << in.rdbuf();
      std::string bytes = std::move(buffer).str();
      Result<sources::ParseResult> parsed = handling.parse(bytes, origin);
      if (!parsed) {
        done.error = parsed.error();
      } else {
        for (sources::RecordError& e : parsed->rejected) {
          batch.rejected.push_back({std::move(e.where), std::move(e.message)});
        }
        for (sources::CappedRecord& c : parsed->capped) {
          batch.capped.push_back({std::move(c.where), c.authors});
        }
        describe_answer(parsed->info, origin, done);
        // A document cut short still gives the records complete before the cut.
        if (parsed->truncated) done.error = std::move(parsed->truncated);
        for (core::Paper& p : parsed->papers) {
          stamp(p, f);
          batch.papers.push_back(std::move(p));
          if (batch.papers.size() >= batch_size_) flush(batch, index, f.size);
        }
      }
    }
    if (!batch.papers.empty() || !batch.rejected.empty() || !batch.capped.empty()) {
      flush(batch, index, f.size);
    }
    finish(std::move(done), f.size);
  }

  // Where and when a record was fetched: an imported file was saved when it was last written.
  void stamp(core::Paper& p, const Planned& f) const {
    if (p.fetched_from.empty()) p.fetched_from = f.path.string();
    if (p.fetched_at.empty()) p.fetched_at = saved_at_;
  }

  void flush(Item& batch, size_t index, std::int64_t file_bytes_done) {
    batch.bytes_done = bytes_before_ + file_bytes_done;
    if (!queue_.push(std::move(batch))) stopped_ = true;
    batch = Item(index);
  }

  void finish(Item done, std::int64_t file_size) {
    bytes_before_ += file_size;
    done.bytes_done = bytes_before_;
    if (!queue_.push(std::move(done))) stopped_ = true;
  }

  const std::vector<Planned>& files_;
  BoundedQueue<Item>& queue_;
  const size_t batch_size_;
  std::int64_t bytes_before_ = 0;
  bool stopped_ = false;  // the writer abandoned the queue
  std::string saved_at_;  // the file being read was last written then (ISO 8601 UTC)
};

}  // namespace

Result<ImportReport> import_paths(std::span<const fs::path> paths, store::PaperStore& store,
                                  const ImportOptions& options) {
  if (options.batch_size < 1) {
    return fail(ErrorCode::invalid_argument, "batch size must be at least 1");
  }
  const auto start = std::chrono::steady_clock::now();
  std::vector<Planned> files = plan(paths);
  ImportReport report;
  Progress progress;
  for (const Planned& f : files) {
    report.files.emplace_back().path = f.path;
    progress.bytes_total += f.size;
  }

  // Two batches in flight: enough to overlap parsing with writing, bounded in memory.
  BoundedQueue<Item> queue(2);
  Producer producer(files, queue, options.batch_size);
  std::jthread parser([&] { producer.run(); });

  std::optional<Error> store_error;
  while (std::optional<Item> item = queue.pop()) {
    FileReport& file = report.files[item->file];
    if (!item->papers.empty()) {
      auto counts = store.upsert(item->papers);
      if (!counts) {
        store_error = counts.error().with_context(file.path.string());
        queue.abandon();
        break;
      }
      file.counts += *counts;
      report.total += *counts;
      progress.records += static_cast<std::int64_t>(item->papers.size());
    }
    file.counts.rejected += static_cast<std::int64_t>(item->rejected.size());
    report.total.rejected += static_cast<std::int64_t>(item->rejected.size());
    for (RejectedRecord& r : item->rejected) file.rejected.push_back(std::move(r));
    for (CappedRecord& c : item->capped) file.capped.push_back(std::move(c));
    if (item->file_done) {
      file.format = std::move(item->format);
      file.error = std::move(item->error);
      file.skipped = std::move(item->skipped);
      file.notice = std::move(item->notice);
    }
    progress.file = file.path;
    progress.bytes_done = item->bytes_done;
    progress.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (options.on_progress) options.on_progress(progress);
  }
  parser.join();
  if (store_error) return std::unexpected(*store_error);

  report.bytes = progress.bytes_total;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace ah::ingest
