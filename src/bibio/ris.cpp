// RIS, as Zotero, EndNote, Mendeley and the publishers' "export citation" buttons write it: one
// "XX  - value" line per field (two upper-case characters, two blanks, a dash), records from TY to
// ER, lines without a tag continuing the field before them, LF or CRLF line ends.
#include <cctype>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bibio/entries.h"

namespace ah::bibio::detail {
namespace {

struct TagLine {
  std::string tag;
  std::string_view value;
};

// "TY  - JOUR" -> {"TY", "JOUR"}. Also accepts one blank before the dash and nothing after it
// ("ER  -"), which some exporters write.
std::optional<TagLine> tag_line(std::string_view line) {
  if (line.size() < 4) return std::nullopt;
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto upper_or_digit = [&](char c) { return upper(c) || (c >= '0' && c <= '9'); };
  if (!upper(line[0]) || !upper_or_digit(line[1])) return std::nullopt;
  size_t p = 2;
  size_t blanks = 0;
  while (p < line.size() && line[p] == ' ') ++p, ++blanks;
  if (blanks < 1 || blanks > 2 || p >= line.size() || line[p] != '-') return std::nullopt;
  ++p;
  if (p < line.size() && line[p] != ' ') return std::nullopt;
  if (p < line.size()) ++p;
  return TagLine{std::string(line.substr(0, 2)), line.substr(p)};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Record {
  size_t line = 0;
  std::vector<std::pair<std::string, std::string>> fields;  // in order, tags repeated
};

Reference reference(const Record& r) {
  auto first = [&](std::initializer_list<const char*> tags) -> std::string_view {
    for (const char* t : tags) {
      for (const auto& [tag, value] : r.fields) {
        if (tag == t && !value.empty()) return value;
      }
    }
    return {};
  };
  Reference ref;
  ref.line = r.line;
  ref.key = std::string(first({"ID"}));
  ref.title = clean_title(first({"TI", "T1", "CT"}));
  ref.year = year_in(first({"PY", "Y1", "DA"}));
  bool pubmed = false;
  for (const auto& [tag, value] : r.fields) {
    if (tag == "AU" || tag == "A1") {
      if (std::string n = person_name(value); !n.empty()) ref.authors.push_back(std::move(n));
    }
    if (tag == "DB" || tag == "DP") {
      const std::string db = lower_ascii(value);
      pubmed = pubmed || db.find("pubmed") != std::string::npos ||
               db.find("medline") != std::string::npos;
    }
  }
  take_doi(ref, first({"DO"}));
  for (const auto& [tag, value] : r.fields) {
    if (tag == "AN" && pubmed) take_pmid(ref, value);
    if (tag == "UR" || tag == "L1" || tag == "L2" || tag == "LK" || tag == "N1" || tag == "AN" ||
        tag == "M1" || tag == "M3" || tag == "DO") {
      scan_identifiers(ref, value);
    }
  }
  return ref;
}

}  // namespace

Result<ParseResult> parse_ris(std::string_view text, std::string_view file_name) {
  Collector out(file_name, Format::ris);
  std::optional<Record> record;
  std::string* last = nullptr;  // the field a line without a tag continues
  auto close = [&](std::optional<size_t> unterminated_at) {
    if (!record) return;
    if (unterminated_at) {
      out.warn(record->line,
               "record has no ER line before " +
                   (*unterminated_at ? "the next TY at line " + std::to_string(*unterminated_at)
                                     : std::string("the end of the file")) +
                   "; read up to there");
    }
    out.add(reference(*record), "record");
    record.reset();
    last = nullptr;
  };
  size_t line_no = 0;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto tagged = tag_line(line);
    if (!tagged) {
      if (last && !trim(line).empty()) {
        *last += ' ';
        *last += trim(line);
      }
      continue;
    }
    if (tagged->tag == "TY") {
      if (record) close(line_no);
      record = Record{line_no, {}};
      record->fields.emplace_back("TY", std::string(trim(tagged->value)));
      last = nullptr;
    } else if (tagged->tag == "ER") {
      if (!record) {
        out.warn(line_no, "ER without a TY before it; ignored");
        continue;
      }
      close(std::nullopt);
    } else if (!record) {
      out.warn(line_no, "'" + tagged->tag + "' outside a record (no TY before it); ignored");
    } else {
      record->fields.emplace_back(tagged->tag, std::string(trim(tagged->value)));
      last = &record->fields.back().second;
    }
  }
  if (record) close(0);
  return out.finish();
}

}  // namespace ah::bibio::detail
