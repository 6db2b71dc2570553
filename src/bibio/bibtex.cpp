// BibTeX and BibLaTeX, as reference managers write them (Zotero with or without Better BibTeX,
// JabRef, Mendeley, Google Scholar): entries @type{key, field = value, ...} or @type(...), values
// in braces (nested), in quotes, numbers or @string macros (the month macros predefined), joined
// with #; @comment and @preamble skipped; text outside entries ignored, as BibTeX does.
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bibio/entries.h"

namespace ah::bibio::detail {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_name_char(char c) {
  // What BibTeX accepts in entry types, field names and macro names (and citation keys use more).
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' ||
         c == '.' || c == '+' || c == '/' || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// An identifier field's value without the braces that protect its case.
std::string unbraced(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != '{' && c != '}') out += c;
  }
  return std::string(trim(out));
}

const std::map<std::string, std::string> kMonths = {
    {"jan", "January"},   {"feb", "February"}, {"mar", "March"},    {"apr", "April"},
    {"may", "May"},       {"jun", "June"},     {"jul", "July"},     {"aug", "August"},
    {"sep", "September"}, {"oct", "October"},  {"nov", "November"}, {"dec", "December"}};

// Why an entry could not be read, and where.
struct Failure {
  size_t at;
  std::string what;
};

struct Field {
  std::string name;  // lower case
  std::string value;
};

class BibtexParser {
 public:
  BibtexParser(std::string_view text, std::string_view file_name)
      : s_(text), lines_(text), out_(file_name, Format::bibtex), macros_(kMonths) {}

  ParseResult run() {
    size_t pos = 0;
    while ((pos = s_.find('@', pos)) != std::string_view::npos) {
      const size_t start = pos++;
      const size_t type_start = pos;
      while (pos < s_.size() && is_name_char(s_[pos])) ++pos;
      const std::string type = lower_ascii(s_.substr(type_start, pos - type_start));
      while (pos < s_.size() && is_blank(s_[pos])) ++pos;
      if (type.empty() || pos >= s_.size() || (s_[pos] != '{' && s_[pos] != '(')) continue;
      const char close = s_[pos] == '{' ? '}' : ')';
      if (type == "comment") {
        pos = skip_balanced(pos);
        continue;
      }
      pos_ = pos + 1;
      if (auto failed = entry(type, start, close)) {
        out_.warn(line(start), "@" + type + (key_.empty() ? "" : " '" + key_ + "'") + ": line " +
                                   std::to_string(line(failed->at)) + ": " + failed->what +
                                   "; entry skipped");
        pos = next_entry(start + 1);
      } else {
        pos = pos_;
      }
    }
    return out_.finish();
  }

 private:
  size_t line(size_t offset) const { return lines_.line_of(offset); }

  // Past the group that opens at `open` ('{' or '('), or the end of the text when it never closes.
  size_t skip_balanced(size_t open) const {
    const char o = s_[open], c = o == '{' ? '}' : ')';
    int depth = 0;
    for (size_t i = open; i < s_.size(); ++i) {
      if (s_[i] == o) ++depth;
      if (s_[i] == c && --depth == 0) return i + 1;
    }
    return s_.size();
  }

  // True when an entry ("@word{" or "@word(") starts at `at`, which starts a line (after blanks).
  bool entry_starts_line(size_t at) const {
    if (at >= s_.size() || s_[at] != '@') return false;
    size_t b = at;
    while (b > 0 && (s_[b - 1] == ' ' || s_[b - 1] == '\t')) --b;
    if (b > 0 && s_[b - 1] != '\n') return false;
    size_t p = at + 1;
    while (p < s_.size() && std::isalpha(static_cast<unsigned char>(s_[p]))) ++p;
    return p > at + 1 && p < s_.size() && (s_[p] == '{' || s_[p] == '(');
  }

  // The next entry that starts a line at or after `from` (where reading resumes after a broken
  // entry), or the end of the text.
  size_t next_entry(size_t from) const {
    for (size_t at = s_.find('@', from); at != std::string_view::npos; at = s_.find('@', at + 1)) {
      if (entry_starts_line(at)) return at;
    }
    return s_.size();
  }

  void skip_blanks_and_comments() {
    while (pos_ < s_.size()) {
      if (is_blank(s_[pos_])) {
        ++pos_;
      } else if (s_[pos_] == '%') {
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }

  std::string_view name() {
    const size_t start = pos_;
    while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }

  // Reads the text of a {...} or "..." part whose opening character is at pos_, without its
  // delimiters. A line that starts a new entry inside it means its braces do not close.
  std::optional<Failure> delimited(std::string& out) {
    const size_t open = pos_;
    const bool quoted = s_[pos_] == '"';
    int depth = quoted ? 0 : 1;
    for (++pos_; pos_ < s_.size(); ++pos_) {
      const char c = s_[pos_];
      if (c == '\n' && entry_starts_line(s_.find_first_not_of(" \t", pos_ + 1))) break;
      if (c == '\\' && pos_ + 1 < s_.size()) {  // \{ \} \" are text
        out += c;
        out += s_[++pos_];
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}') {
        if (depth == 0) return Failure{pos_, "unbalanced '}' in a quoted value"};
        if (--depth == 0 && !quoted) {
          ++pos_;
          return std::nullopt;
        }
      }
      if (c == '"' && quoted && depth == 0) {
        ++pos_;
        return std::nullopt;
      }
      out += c;
    }
    return Failure{open, std::string("a value that opens here and does not close") +
                             (pos_ < s_.size() ? " before the next entry" : "")};
  }

  // A value: parts joined by '#'.
  std::optional<Failure> value(std::string& out) {
    for (;;) {
      skip_blanks_and_comments();
      if (pos_ >= s_.size()) return Failure{pos_, "the text ends where a value should be"};
      const char c = s_[pos_];
      if (c == '{' || c == '"') {
        if (auto f = delimited(out)) return f;
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
          out += s_[pos_++];
        }
      } else if (is_name_char(c)) {
        const size_t at = pos_;
        const std::string macro = lower_ascii(name());
        if (auto m = macros_.find(macro); m != macros_.end()) {
          out += m->second;
        } else {
          out_.warn(line(at), "unknown @string macro '" + macro + "', read as empty");
        }
      } else {
        return Failure{pos_, std::string("expected a value, found '") + c + "'"};
      }
      skip_blanks_and_comments();
      if (pos_ < s_.size() && s_[pos_] == '#') {
        ++pos_;
        continue;
      }
      return std::nullopt;
    }
  }

  // Reads the entry whose body starts at pos_; on success pos_ is past its closing character.
  std::optional<Failure> entry(const std::string& type, size_t start, char close) {
    key_.clear();
    if (type == "preamble") {
      std::string ignored;
      if (auto f = value(ignored)) return f;
      return expect_close(close);
    }
    if (type == "string") return string_macro(close);
    skip_blanks_and_comments();
    const size_t key_start = pos_;
    while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != close && s_[pos_] != '\n') ++pos_;
    key_ = std::string(trim(s_.substr(key_start, pos_ - key_start)));
    std::vector<Field> fields;
    for (;;) {
      skip_blanks_and_comments();
      if (pos_ < s_.size() && s_[pos_] == close) {
        ++pos_;
        break;
      }
      if (pos_ >= s_.size() || s_[pos_] != ',') {
        return Failure{pos_, std::string("expected ',' or '") + close + "'" +
                                 (fields.empty() ? " after the key"
                                                 : " after field '" + fields.back().name + "'")};
      }
      ++pos_;
      skip_blanks_and_comments();
      if (pos_ < s_.size() && s_[pos_] == close) {
        ++pos_;
        break;
      }
      const size_t name_at = pos_;
      std::string field = lower_ascii(name());
      if (field.empty()) return Failure{name_at, "expected a field name"};
      skip_blanks_and_comments();
      if (pos_ >= s_.size() || s_[pos_] != '=') {
        return Failure{pos_, "expected '=' after field '" + field + "'"};
      }
      ++pos_;
      std::string v;
      if (auto f = value(v)) return f;
      fields.push_back({std::move(field), std::move(v)});
    }
    out_.add(reference(fields, start), "@" + type + " '" + key_ + "'");
    return std::nullopt;
  }

  std::optional<Failure> string_macro(char close) {
    skip_blanks_and_comments();
    const size_t at = pos_;
    const std::string macro = lower_ascii(name());
    if (macro.empty()) return Failure{at, "expected a macro name"};
    skip_blanks_and_comments();
    if (pos_ >= s_.size() || s_[pos_] != '=') return Failure{pos_, "expected '=' after the name"};
    ++pos_;
    std::string v;
    if (auto f = value(v)) return f;
    macros_[macro] = std::move(v);
    return expect_close(close);
  }

  std::optional<Failure> expect_close(char close) {
    skip_blanks_and_comments();
    if (pos_ < s_.size() && s_[pos_] == ',') {
      ++pos_;
      skip_blanks_and_comments();
    }
    if (pos_ >= s_.size() || s_[pos_] != close) {
      return Failure{pos_, std::string("expected '") + close + "'"};
    }
    ++pos_;
    return std::nullopt;
  }

  Reference reference(const std::vector<Field>& fields, size_t start) const {
    auto get = [&](std::string_view field) -> std::string_view {
      for (const Field& f : fields) {
        if (f.name == field) return f.value;
      }
      return {};
    };
    Reference ref;
    ref.line = line(start);
    ref.key = key_;
    ref.title = clean_title(get("title"));
    ref.year = year_in(get("year"));
    if (ref.year == 0) ref.year = year_in(get("date"));  // BibLaTeX
    for (const std::string& a : split_authors(get("author"))) {
      if (lower_ascii(trim(a)) == "others") continue;  // "and others": et al.
      if (std::string n = person_name(a); !n.empty()) ref.authors.push_back(std::move(n));
    }
    take_doi(ref, unbraced(get("doi")));
    take_pmid(ref, unbraced(get("pmid")));
    // The preprint: eprint with archivePrefix (BibTeX) or eprinttype (BibLaTeX); an eprint with
    // no prefix is read as arXiv when it parses as an arXiv id. An old-style number ("9901001")
    // takes its archive from primaryClass.
    const std::string eprint = unbraced(get("eprint"));
    std::string prefix = lower_ascii(unbraced(get("archiveprefix")));
    if (prefix.empty()) prefix = lower_ascii(unbraced(get("eprinttype")));
    if (!eprint.empty() && (prefix.empty() || prefix == "arxiv")) {
      if (!take_arxiv(ref, eprint)) {
        const std::string primary = unbraced(get("primaryclass"));
        if (!primary.empty()) take_arxiv(ref, primary + "/" + eprint);
      }
    } else if (!eprint.empty() && prefix == "pubmed") {
      take_pmid(ref, eprint);
    }
    // Free text that may name identifiers: Better BibTeX's number = {arXiv:X}, Google Scholar's
    // journal = {arXiv preprint arXiv:X}, URLs, notes.
    for (std::string_view f : {"url", "note", "howpublished", "journal", "journaltitle", "addendum",
                               "annote", "extra", "number"}) {
      scan_identifiers(ref, get(f));
    }
    return ref;
  }

  // The names of an author field: split at " and " outside braces.
  static std::vector<std::string> split_authors(std::string_view s) {
    std::vector<std::string> out;
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '{') ++depth;
      if (s[i] == '}' && depth > 0) --depth;
      if (depth == 0 && is_blank(s[i]) && i + 4 < s.size() &&
          lower_ascii(s.substr(i + 1, 3)) == "and" && is_blank(s[i + 4])) {
        out.emplace_back(trim(s.substr(start, i - start)));
        start = i + 4;
      }
    }
    if (std::string_view last = trim(s.substr(start)); !last.empty()) out.emplace_back(last);
    std::erase_if(out, [](const std::string& a) { return a.empty(); });
    return out;
  }

  std::string_view s_;
  LineIndex lines_;
  Collector out_;
  std::map<std::string, std::string> macros_;  // lower-case name -> value
  size_t pos_ = 0;
  std::string key_;  // of the entry being read
};

}  // namespace

Result<ParseResult> parse_bibtex(std::string_view text, std::string_view file_name) {
  return BibtexParser(text, file_name).run();
}

}  // namespace ah::bibio::detail
