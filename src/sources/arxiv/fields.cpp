#include "sources/arxiv/fields.h"

#include <algorithm>
#include <array>
#include <map>

#include "core/identifiers.h"
#include "core/text.h"

namespace ah::sources::arxiv {
namespace {

// Every archive arXiv has used, current and retired (arxiv.org/category_taxonomy and the old
// archives that still appear in the metadata of papers from the 1990s).
constexpr std::array<std::string_view, 37> kArchives = {
    "acc-phys", "adap-org", "alg-geom", "ao-sci",   "astro-ph", "atom-ph", "bayes-an", "chao-dyn",
    "chem-ph",  "cmp-lg",   "comp-gas", "cond-mat", "cs",       "dg-ga",   "econ",     "eess",
    "funct-an", "gr-qc",    "hep-ex",   "hep-lat",  "hep-ph",   "hep-th",  "math",     "math-ph",
    "mtrl-th",  "nlin",     "nucl-ex",  "nucl-th",  "patt-sol", "physics", "plasm-ph", "q-alg",
    "q-bio",    "q-fin",    "quant-ph", "solv-int", "stat"};

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

bool is_arxiv_category(std::string_view text) {
  size_t dot = text.find('.');
  std::string_view archive = text.substr(0, dot);
  if (std::find(kArchives.begin(), kArchives.end(), archive) == kArchives.end()) return false;
  if (dot == std::string_view::npos) return true;
  std::string_view subject = text.substr(dot + 1);
  if (subject.empty()) return false;
  return std::all_of(subject.begin(), subject.end(),
                     [](char c) { return is_letter(c) || c == '-'; });
}

void append_categories(std::string_view list, std::vector<std::string>& out) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && (is_blank(list[i]) || list[i] == ',')) ++i;
    size_t j = i;
    while (j < list.size() && !is_blank(list[j]) && list[j] != ',') ++j;
    std::string_view cat = list.substr(i, j - i);
    if (!cat.empty() && is_arxiv_category(cat)) out.emplace_back(cat);
    i = j;
  }
}

std::string first_doi(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (is_blank(text[i]) || text[i] == ',' || text[i] == ';')) ++i;
    size_t j = i;
    while (j < text.size() && !is_blank(text[j]) && text[j] != ',' && text[j] != ';') ++j;
    if (j > i) {
      auto doi = core::normalize_doi(text.substr(i, j - i));
      if (doi) return *doi;
    }
    i = j;
  }
  return {};
}

std::string set_arxiv_id(core::Paper& paper, std::string_view text) {
  if (trim(text).empty()) return "no arXiv id";
  auto id = core::ArxivId::parse(text);
  if (!id) return id.error().message;
  paper.arxiv_id = std::move(id->id);
  if (id->version > 0) paper.version = id->version;
  return {};
}

namespace {

struct RawAuthor {
  std::string_view name;
  std::string affiliation;         // given directly in parentheses
  std::vector<std::string> marks;  // numbered affiliations: "1", "2"
};

// Index of the '(' that matches the ')' at `close`, or npos.
size_t matching_open(std::string_view s, size_t close) {
  int depth = 0;
  for (size_t k = close + 1; k-- > 0;) {
    if (s[k] == ')') ++depth;
    if (s[k] == '(' && --depth == 0) return k;
  }
  return std::string_view::npos;
}

bool is_mark_list(std::string_view s) {
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != ',' && c != ' ' && c != '\n' && c != '\t') {
      return false;
    }
  }
  return digit;
}

void parse_marks(std::string_view s, std::vector<std::string>& out) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] < '0' || s[i] > '9')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
}

// "(1) Univ X, (2) Lab Y" -> {1: "Univ X", 2: "Lab Y"}.
void parse_legend(std::string_view s, std::map<std::string, std::string, std::less<>>& legend) {
  std::string key;
  size_t text_start = std::string_view::npos;
  auto close_entry = [&](size_t end) {
    if (!key.empty() && text_start != std::string_view::npos) {
      std::string_view text = trim(s.substr(text_start, end - text_start));
      while (!text.empty() && (text.back() == ',' || text.back() == ';')) {
        text.remove_suffix(1);
        text = trim(text);
      }
      legend[key] = std::string(text);
    }
  };
  int depth = 0;
  for (size_t k = 0; k < s.size(); ++k) {
    if (s[k] == '(') {
      size_t close = s.find(')', k);
      if (depth == 0 && close != std::string_view::npos &&
          is_mark_list(s.substr(k + 1, close - k - 1)) &&
          s.substr(k + 1, close - k - 1).find(',') == std::string_view::npos) {
        close_entry(k);
        key = std::string(trim(s.substr(k + 1, close - k - 1)));
        text_start = close + 1;
        k = close;
        continue;
      }
      ++depth;
    } else if (s[k] == ')' && depth > 0) {
      --depth;
    }
  }
  close_entry(s.size());
}

}  // namespace

std::vector<core::Author> split_authors(std::string_view text) {
  // 1. Cut at separators outside parentheses.
  std::vector<std::string_view> pieces;
  int depth = 0;
  size_t start = 0;
  auto cut = [&](size_t end, size_t next) {
    pieces.push_back(trim(text.substr(start, end - start)));
    start = next;
  };
  for (size_t k = 0; k < text.size(); ++k) {
    char c = text[k];
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (depth == 0 && c == ',') {
      cut(k, k + 1);
    } else if (depth == 0 && is_blank(c) && k + 4 < text.size() && text.substr(k + 1, 3) == "and" &&
               is_blank(text[k + 4])) {
      cut(k, k + 5);
      k += 4;
    }
  }
  cut(text.size(), text.size());

  // 2. Peel trailing parenthesised groups off each name.
  std::vector<RawAuthor> raw;
  std::map<std::string, std::string, std::less<>> legend;
  for (std::string_view piece : pieces) {
    RawAuthor a;
    while (!piece.empty() && piece.back() == ')') {
      size_t open = matching_open(piece, piece.size() - 1);
      if (open == std::string_view::npos) break;
      std::string_view content = trim(piece.substr(open + 1, piece.size() - open - 2));
      if (!content.empty() && content.front() == '(') {
        parse_legend(content, legend);
      } else if (is_mark_list(content)) {
        parse_marks(content, a.marks);
      } else if (a.affiliation.empty()) {
        a.affiliation = std::string(content);
      } else {
        a.affiliation = std::string(content) + "; " + a.affiliation;
      }
      piece = trim(piece.substr(0, open));
    }
    if (piece.starts_with("and ")) piece = trim(piece.substr(4));
    a.name = piece;
    if (!a.name.empty()) raw.push_back(std::move(a));
  }

  // 3. Resolve numbered affiliations.
  std::vector<core::Author> out;
  out.reserve(raw.size());
  for (RawAuthor& a : raw) {
    std::string affiliation = std::move(a.affiliation);
    for (const std::string& m : a.marks) {
      auto it = legend.find(m);
      if (it == legend.end() || it->second.empty()) continue;
      if (!affiliation.empty()) affiliation += "; ";
      affiliation += it->second;
    }
    out.push_back(core::Author{std::string(a.name), std::move(affiliation)});
  }
  return out;
}

void tidy_fields(core::Paper& paper) {
  for (std::string* field :
       {&paper.comment, &paper.journal_ref, &paper.report_no, &paper.submitter}) {
    if (!field->empty()) *field = core::display_name(*field);
  }
  paper.license = std::string(trim(paper.license));
}

std::optional<CappedRecord> finalize_record(core::Paper& paper, std::string_view origin,
                                            std::string_view unit, std::size_t index) {
  core::Finalized f = core::finalize(paper);
  if (!f.authors_capped()) return std::nullopt;
  return CappedRecord{record_where(origin, unit, index, paper.arxiv_id), f.authors_given};
}

std::string later_date(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  std::string_view da = std::string_view(a).substr(0, 10), db = std::string_view(b).substr(0, 10);
  if (da != db) return da > db ? a : b;
  return a.size() >= b.size() ? a : b;
}

std::string date_from_file_name(std::string_view origin) {
  size_t slash = origin.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? origin : origin.substr(slash + 1);
  auto d = [&](size_t k) { return name[k] >= '0' && name[k] <= '9'; };
  for (size_t k = name.size(); k-- > 0;) {
    if (k + 10 > name.size()) continue;
    if (d(k) && d(k + 1) && d(k + 2) && d(k + 3) && name[k + 4] == '-' && d(k + 5) && d(k + 6) &&
        name[k + 7] == '-' && d(k + 8) && d(k + 9)) {
      std::string date = core::normalize_date(name.substr(k, 10));
      if (!date.empty()) return date;
    }
  }
  return {};
}

std::string record_where(std::string_view origin, std::string_view unit, std::size_t index,
                         std::string_view id) {
  std::string out(origin);
  out += ": ";
  out += unit;
  out += ' ';
  out += std::to_string(index);
  if (!id.empty()) {
    out += " (id ";
    out += id;
    out += ')';
  }
  return out;
}

}  // namespace ah::sources::arxiv
