#include "bibio/entries.h"

#include <algorithm>
#include <cctype>

#include "core/identifiers.h"
#include "core/text.h"

namespace ah::bibio::detail {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// Blanks (and the no-break space display_text makes of "~") collapsed to single spaces, trimmed.
std::string one_line(std::string_view s) {
  std::string out;
  bool blank = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool nbsp = s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
    if (is_blank(s[i]) || nbsp) {
      blank = true;
      if (nbsp) ++i;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += s[i];
  }
  return out;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The token of an identifier starting at `pos`: up to a blank or a character no identifier holds,
// without trailing punctuation of the sentence around it.
std::string_view token_at(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end < text.size() && !is_blank(text[end]) &&
         std::string_view(",;\"'<>{}[]|\\").find(text[end]) == std::string_view::npos) {
    ++end;
  }
  std::string_view t = text.substr(pos, end - pos);
  while (!t.empty() && (t.back() == '.' || t.back() == ')')) t.remove_suffix(1);
  return t;
}

size_t skip_blanks(std::string_view text, size_t pos) {
  while (pos < text.size() && is_blank(text[pos])) ++pos;
  return pos;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

std::size_t LineIndex::line_of(std::size_t offset) const {
  return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                                  starts_.begin());
}

std::string clean_title(std::string_view raw) { return one_line(core::display_text(raw)); }

std::string person_name(std::string_view raw) {
  std::vector<std::string_view> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '{') ++depth;
    if (raw[i] == '}' && depth > 0) --depth;
    if (raw[i] == ',' && depth == 0) {
      parts.push_back(trim(raw.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.push_back(trim(raw.substr(start)));
  std::string name;
  if (parts.size() == 1) {
    name = std::string(parts[0]);
  } else {
    // "Family, Given" or "von Family, Jr, Given": the given names are the last part.
    name = std::string(parts.back()) + " " + std::string(parts[0]);
    if (parts.size() >= 3) name += " " + std::string(parts[1]);
  }
  return clean_title(name);
}

int year_in(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j - i == 4) {
      const int y = std::stoi(std::string(text.substr(i, 4)));
      if (y >= 1000 && y <= 2999) return y;
    }
    i = j;
  }
  return 0;
}

bool take_doi(Reference& ref, std::string_view raw) {
  auto doi = core::normalize_doi(raw);
  if (!doi) return false;
  if (ref.arxiv_id.empty()) ref.arxiv_id = core::arxiv_id_from_doi(*doi);
  if (ref.doi.empty()) ref.doi = std::move(*doi);
  return true;
}

bool take_arxiv(Reference& ref, std::string_view raw) {
  auto id = core::ArxivId::parse(raw);
  if (!id) return false;
  if (ref.arxiv_id.empty()) ref.arxiv_id = std::move(id->id);
  return true;
}

bool take_pmid(Reference& ref, std::string_view raw) {
  auto id = core::normalize_identifier("pmid", trim(raw));
  if (!id) return false;
  if (ref.pmid.empty()) ref.pmid = std::move(id->value);
  return true;
}

void scan_identifiers(Reference& ref, std::string_view text) {
  const std::string lower = lower_ascii(text);
  auto each = [&](std::string_view needle, bool blanks_after, auto take) {
    for (size_t at = lower.find(needle); at != std::string::npos; at = lower.find(needle, at + 1)) {
      size_t pos = at + needle.size();
      if (blanks_after) pos = skip_blanks(text, pos);
      if (take(token_at(text, pos))) return;
    }
  };
  auto arxiv = [&](std::string_view t) { return take_arxiv(ref, t); };
  auto doi = [&](std::string_view t) { return take_doi(ref, t); };
  auto pmid = [&](std::string_view t) { return take_pmid(ref, t); };
  each("arxiv.org/abs/", false, arxiv);
  each("arxiv.org/pdf/", false, arxiv);
  each("arxiv:", true, arxiv);
  each("doi.org/", false, doi);
  each("doi:", true, doi);
  each("pmid:", true, pmid);
  each("pubmed.ncbi.nlm.nih.gov/", false, pmid);
}

std::string_view without_bom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

std::string at_line(std::string_view file_name, std::size_t line, std::string_view what) {
  return std::string(file_name) + ": line " + std::to_string(line) + ": " + std::string(what);
}

void Collector::warn(std::size_t line, std::string_view what) {
  result_.warnings.push_back(at_line(file_, line, what));
}

void Collector::add(Reference ref, std::string_view what) {
  if (ref.title.empty() && ref.doi.empty() && ref.arxiv_id.empty() && ref.pmid.empty()) {
    warn(ref.line, std::string(what) + ": no title, DOI, arXiv id or PMID; skipped");
    return;
  }
  result_.references.push_back(std::move(ref));
}

}  // namespace ah::bibio::detail
