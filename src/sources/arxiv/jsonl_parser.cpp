#include "sources/arxiv/jsonl_parser.h"

#include <simdjson.h>

#include <cstring>
#include <memory>

#include "core/text.h"
#include "sources/arxiv/fields.h"

namespace ah::sources::arxiv {
namespace {

// The DOM API picks the best kernel (AVX2, AVX-512, SSE4.2) at run time; the On Demand API would
// be compiled for the build's baseline target, which on x86-64 is its slow scalar fallback.
namespace dom = simdjson::dom;

constexpr size_t kChunk = size_t{8} << 20;      // bytes read per call
constexpr size_t kMaxLine = size_t{512} << 20;  // a longer "line" is not metadata

enum class Kind { unknown, snapshot, crawl };

// A string value, or "" for null and other types.
std::string_view string_of(const dom::element& e) {
  std::string_view s;
  if (e.get_string().get(s)) return {};
  return s;
}

// Calls `each` for every string of an array value (other values and non-arrays are skipped).
template <typename F>
void for_each_string(const dom::element& e, F&& each) {
  dom::array array;
  if (e.get_array().get(array)) return;
  for (dom::element item : array) {
    std::string_view s;
    if (!item.get_string().get(s)) each(s);
  }
}

// [["Bal\u00e1zs", "C.", ""], ["Brommer", "Peter", "", "Institut ..."]] -> "C. Balázs", ...
std::vector<core::Author> authors_parsed(const dom::element& e) {
  std::vector<core::Author> out;
  dom::array list;
  if (e.get_array().get(list)) return out;
  for (dom::element entry : list) {
    std::string_view parts[3];
    std::string affiliation;
    size_t k = 0;
    for_each_string(entry, [&](std::string_view s) {
      s = trim(s);
      if (k < 3) {
        parts[k] = s;
      } else if (!s.empty()) {
        if (!affiliation.empty()) affiliation += "; ";
        affiliation += s;
      }
      ++k;
    });
    // [last, first, suffix] -> "First Last Suffix"
    std::string name(parts[1]);
    for (std::string_view part : {parts[0], parts[2]}) {
      if (part.empty()) continue;
      if (!name.empty()) name += ' ';
      name += part;
    }
    out.push_back({std::move(name), std::move(affiliation)});
  }
  return out;
}

// [{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}, ...]
void read_versions(const dom::element& e, std::vector<core::PaperVersion>& out) {
  dom::array list;
  if (e.get_array().get(list)) return;
  for (dom::element entry : list) {
    dom::object o;
    if (entry.get_object().get(o)) continue;
    std::string_view version, created;
    for (dom::key_value_pair kv : o) {
      if (kv.key == "version") version = string_of(kv.value);
      if (kv.key == "created") created = string_of(kv.value);
    }
    std::string_view digits = trim(version);
    if (!digits.empty() && (digits[0] == 'v' || digits[0] == 'V')) digits.remove_prefix(1);
    int number = 0;
    for (char c : digits) {
      if (c < '0' || c > '9' || number > 100000) {
        number = 0;
        break;
      }
      number = number * 10 + (c - '0');
    }
    if (number > 0) out.push_back({number, core::normalize_date(created), ""});
  }
}

class LineParser {
 public:
  LineParser(std::string_view origin, const std::function<void(core::Paper&&)>& on_paper,
             const std::function<void(RecordError&&)>& on_reject,
             const std::function<void(CappedRecord&&)>& on_capped, JsonlCounts& counts)
      : origin_(origin),
        crawl_date_(date_from_file_name(origin)),
        on_paper_(on_paper),
        on_reject_(on_reject),
        on_capped_(on_capped),
        counts_(counts) {}

  // `line` lies inside a buffer with at least SIMDJSON_PADDING readable bytes after it.
  void parse(std::string_view line, std::int64_t line_number) {
    ++counts_.lines;
    core::Paper p;
    std::string why;
    std::string id_text;
    if (!read(line, p, id_text, why)) {
      ++counts_.rejected;
      on_reject_(RecordError{
          record_where(origin_, "line", static_cast<size_t>(line_number), trim(id_text)),
          std::move(why)});
      return;
    }
    ++counts_.papers;
    if (auto capped = finalize_record(p, origin_, "line", static_cast<size_t>(line_number))) {
      if (on_capped_) on_capped_(std::move(*capped));
    }
    on_paper_(std::move(p));
  }

 private:
  bool read(std::string_view line, core::Paper& p, std::string& id_text, std::string& why) {
    dom::element root;
    simdjson::error_code error = parser_.parse(line.data(), line.size(), false).get(root);
    if (error) {
      why = std::string("invalid JSON: ") + simdjson::error_message(error);
      return false;
    }
    dom::object object;
    if (root.get_object().get(object)) {
      why = "not a JSON object";
      return false;
    }
    Kind kind = Kind::unknown;
    std::string_view authors_text, update_date;
    dom::element parsed_authors;
    bool have_parsed_authors = false;
    for (dom::key_value_pair kv : object) {
      std::string_view key = kv.key;
      const dom::element& v = kv.value;
      if (key == "id") {
        id_text = string_of(v);
      } else if (key == "title") {
        p.title = string_of(v);
      } else if (key == "abstract") {
        kind = Kind::snapshot;
        p.abstract = string_of(v);
      } else if (key == "summary") {
        kind = Kind::crawl;
        p.abstract = string_of(v);
      } else if (key == "authors") {
        if (v.is_array()) {
          kind = Kind::crawl;
          for_each_string(v, [&](std::string_view s) {
            p.authors.push_back({std::string(s), ""});
          });
        } else {
          authors_text = string_of(v);
        }
      } else if (key == "authors_parsed") {
        kind = Kind::snapshot;
        parsed_authors = v;
        have_parsed_authors = v.is_array();
      } else if (key == "categories") {
        if (v.is_array()) {
          for_each_string(v, [&](std::string_view s) { append_categories(s, p.categories); });
        } else {
          append_categories(string_of(v), p.categories);
        }
      } else if (key == "comments" || key == "comment") {
        p.comment = string_of(v);
      } else if (key == "journal-ref") {
        p.journal_ref = string_of(v);
      } else if (key == "doi") {
        p.doi = first_doi(string_of(v));
      } else if (key == "report-no") {
        p.report_no = string_of(v);
      } else if (key == "license") {
        p.license = string_of(v);
      } else if (key == "submitter") {
        kind = Kind::snapshot;
        p.submitter = string_of(v);
      } else if (key == "versions") {
        kind = Kind::snapshot;
        read_versions(v, p.versions);
      } else if (key == "update_date") {
        kind = Kind::snapshot;
        update_date = string_of(v);
      } else if (key == "pdf") {
        kind = Kind::crawl;
        p.pdf_url = string_of(v);
      } else if (key == "abs") {
        kind = Kind::crawl;
        p.abs_url = string_of(v);
      }
    }
    if (kind == Kind::unknown) {
      why = "neither a metadata-snapshot nor a daily-crawl record (unknown keys)";
      return false;
    }
    why = set_arxiv_id(p, id_text);
    if (!why.empty()) return false;
    if (trim(p.title).empty()) {
      why = "no title";
      return false;
    }
    if (have_parsed_authors) p.authors = authors_parsed(parsed_authors);
    if (p.authors.empty()) p.authors = split_authors(authors_text);
    if (kind == Kind::snapshot) {
      p.source = core::source::kArxivSnapshot;
      std::string updated = core::normalize_date(update_date);
      for (const core::PaperVersion& v : p.versions) updated = later_date(updated, v.date);
      p.updated = std::move(updated);
    } else {
      p.source = core::source::kArxivDaily;
      p.announced = crawl_date_;
    }
    tidy_fields(p);
    return true;
  }

  std::string_view origin_;
  std::string crawl_date_;
  const std::function<void(core::Paper&&)>& on_paper_;
  const std::function<void(RecordError&&)>& on_reject_;
  const std::function<void(CappedRecord&&)>& on_capped_;
  JsonlCounts& counts_;
  dom::parser parser_;
};

std::string_view trim_line(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

}  // namespace

Result<JsonlCounts> parse_jsonl(std::istream& in, std::string_view origin,
                                const std::function<void(core::Paper&&)>& on_paper,
                                const std::function<void(RecordError&&)>& on_reject,
                                const std::function<void(CappedRecord&&)>& on_capped) {
  JsonlCounts counts;
  LineParser lines(origin, on_paper, on_reject, on_capped, counts);
  size_t capacity = kChunk;
  auto buffer = std::make_unique<char[]>(capacity + simdjson::SIMDJSON_PADDING);
  size_t have = 0;  // bytes of an unfinished line carried to the front of the buffer
  bool first_line = true;
  std::int64_t line_number = 0;  // physical lines, blank ones included, for RecordError::where

  auto handle = [&](std::string_view line) -> Result<void> {
    ++line_number;
    if (first_line && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    line = trim_line(line);
    if (line.empty()) return {};
    if (first_line && line.front() != '{') {
      std::string head(line.substr(0, 80));
      return fail(ErrorCode::bad_upstream_data, std::string(origin) + ": line " +
                                                    std::to_string(line_number) +
                                                    " is not a JSON object: '" + head + "'");
    }
    first_line = false;
    lines.parse(line, line_number);
    return {};
  };

  while (true) {
    in.read(buffer.get() + have, static_cast<std::streamsize>(capacity - have));
    size_t got = static_cast<size_t>(in.gcount());
    counts.bytes += static_cast<std::int64_t>(got);
    if (in.bad()) {
      return fail(ErrorCode::internal, std::string(origin) + ": read error after " +
                                           std::to_string(counts.bytes) + " bytes");
    }
    size_t len = have + got;
    bool eof = got < capacity - have;
    const char* data = buffer.get();
    const void* last_nl = len > 0 ? memrchr(data, '\n', len) : nullptr;
    size_t cut = last_nl ? static_cast<size_t>(static_cast<const char*>(last_nl) - data) + 1 : 0;
    if (eof) cut = len;
    if (cut == 0 && !eof) {
      // One line fills the whole buffer: grow it, keeping what was read.
      if (capacity >= kMaxLine) {
        return fail(ErrorCode::bad_upstream_data,
                    std::string(origin) + ": a line longer than " + std::to_string(kMaxLine) +
                        " bytes near byte " + std::to_string(counts.bytes));
      }
      size_t bigger = capacity * 2;
      auto grown = std::make_unique<char[]>(bigger + simdjson::SIMDJSON_PADDING);
      std::memcpy(grown.get(), buffer.get(), len);
      buffer = std::move(grown);
      capacity = bigger;
      have = len;
      continue;
    }
    size_t start = 0;
    while (start < cut) {
      const void* nl = std::memchr(data + start, '\n', cut - start);
      size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data) : cut;
      auto handled = handle(std::string_view(data + start, end - start));
      if (!handled) return std::unexpected(handled.error());
      start = end + 1;
    }
    if (eof) break;
    have = len - cut;
    std::memmove(buffer.get(), buffer.get() + cut, have);
  }
  return counts;
}

}  // namespace ah::sources::arxiv
