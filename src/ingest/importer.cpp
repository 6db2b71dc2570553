#include "ingest/importer.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "ingest/bounded_queue.h"
#include "sources/arxiv/atom_parser.h"
#include "sources/arxiv/detect.h"
#include "sources/arxiv/jsonl_parser.h"
#include "sources/arxiv/oai_parser.h"
#include "sources/arxiv/rss_parser.h"

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
  std::int64_t bytes_done = 0;       // over all files, after this item
  bool file_done = false;            // last item of the file: carries format/error/notice
  std::string format;
  std::optional<Error> error;
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

// Expands directories (sorted, recursive, hidden entries skipped) into the files to read.
std::vector<Planned> plan(std::span<const fs::path> paths) {
  std::vector<Planned> out;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        if (hidden(it->path())) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) found.push_back(it->path());
      }
      if (ec) out.push_back({p, true, "cannot list directory: " + ec.message(), 0});
      std::sort(found.begin(), found.end());
      for (fs::path& f : found) {
        std::int64_t size = static_cast<std::int64_t>(fs::file_size(f, ec));
        out.push_back({std::move(f), false, "", ec ? 0 : size});
      }
    } else if (fs::is_regular_file(p, ec)) {
      std::int64_t size = static_cast<std::int64_t>(fs::file_size(p, ec));
      out.push_back({p, true, "", ec ? 0 : size});
    } else {
      out.push_back({p, true, fs::exists(p, ec) ? "not a regular file" : "no such file", 0});
    }
  }
  return out;
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
    std::ifstream in(f.path, std::ios::binary);
    if (!in) {
      done.error = Error{ErrorCode::unavailable, f.path.string() + ": cannot open for reading"};
      finish(std::move(done), f.size);
      return;
    }
    std::string head = read_head(in, 8192);
    arxiv::Format format = arxiv::detect_format(head, f.path.filename().string());
    done.format = std::string(arxiv::to_string(format));
    const std::string origin = f.path.string();

    if (format == arxiv::Format::unknown) {
      std::string what = "not a recognised format (expected arXiv Atom, OAI-PMH, RSS or JSON lines)";
      if (f.explicit_path) {
        done.error = Error{ErrorCode::bad_upstream_data, origin + ": " + what};
      } else {
        done.notice = "skipped: " + what;
      }
      finish(std::move(done), f.size);
      return;
    }

    Item batch(index);
    if (format == arxiv::Format::jsonl) {
      auto counts = arxiv::parse_jsonl(
          in, origin,
          [&](core::Paper&& p) {
            if (stopped_) {
              in.setstate(std::ios::badbit);  // ends the parse at the next chunk
              return;
            }
            batch.papers.push_back(std::move(p));
            if (batch.papers.size() >= batch_size_) {
              std::streamoff pos = in.tellg();
              flush(batch, index, pos < 0 ? f.size : static_cast<std::int64_t>(pos));
            }
          },
          [&](arxiv::RecordError&& e) {
            batch.rejected.push_back({std::move(e.where), std::move(e.message)});
          });
      if (!counts && !stopped_) done.error = counts.error();
    } else {
      std::ostringstream buffer;
      buffer << in.rdbuf();
      std::string bytes = std::move(buffer).str();
      Result<arxiv::ParseResult> parsed =
          format == arxiv::Format::atom  ? arxiv::parse_atom(bytes, origin)
          : format == arxiv::Format::rss ? arxiv::parse_rss(bytes, origin)
                                         : arxiv::parse_oai(bytes, origin);
      if (!parsed) {
        done.error = parsed.error();
      } else {
        for (arxiv::RecordError& e : parsed->rejected) {
          batch.rejected.push_back({std::move(e.where), std::move(e.message)});
        }
        if (!parsed->info.error_code.empty()) {
          done.notice = "the document reports " + parsed->info.error_code +
                        (parsed->info.error_message.empty() ? ""
                                                            : ": " + parsed->info.error_message);
        }
        for (core::Paper& p : parsed->papers) {
          batch.papers.push_back(std::move(p));
          if (batch.papers.size() >= batch_size_) flush(batch, index, f.size);
        }
      }
    }
    if (!batch.papers.empty() || !batch.rejected.empty()) flush(batch, index, f.size);
    finish(std::move(done), f.size);
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
    if (item->file_done) {
      file.format = std::move(item->format);
      file.error = std::move(item->error);
      if (item->notice.starts_with("skipped: ")) {
        file.skipped = item->notice.substr(9);
      } else {
        file.notice = std::move(item->notice);
      }
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
