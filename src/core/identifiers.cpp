#include "core/identifiers.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace ah::core {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// Strips the URL and scheme prefixes under which arXiv ids travel.
std::string_view strip_arxiv_prefixes(std::string_view s) {
  for (std::string_view p : {"https://", "http://"}) {
    if (starts_with_ci(s, p)) {
      s.remove_prefix(p.size());
      if (starts_with_ci(s, "www.")) s.remove_prefix(4);
      if (starts_with_ci(s, "export.")) s.remove_prefix(7);
      if (!starts_with_ci(s, "arxiv.org/")) return {};  // some other host
      s.remove_prefix(10);
      for (std::string_view kind : {"abs/", "pdf/", "html/", "api/"}) {
        if (starts_with_ci(s, kind)) {
          s.remove_prefix(kind.size());
          break;
        }
      }
      if (s.size() > 4 && s.ends_with(".pdf")) s.remove_suffix(4);
      return s;
    }
  }
  if (starts_with_ci(s, "oai:arxiv.org:")) s.remove_prefix(14);
  if (starts_with_ci(s, "arxiv:")) s.remove_prefix(6);
  return s;
}

// Parses "v<digits>" at the end of `s` (if any) into `version`, returning `s` without it.
std::string_view split_version(std::string_view s, int& version, bool& bad) {
  version = 0;
  size_t v = s.find_last_of("vV");
  if (v == std::string_view::npos || v + 1 >= s.size()) return s;
  std::string_view digits = s.substr(v + 1);
  if (!std::all_of(digits.begin(), digits.end(), is_digit)) return s;
  int n = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || n <= 0) {
    bad = true;
    return s;
  }
  version = n;
  return s.substr(0, v);
}

bool is_new_style(std::string_view s) {
  // YYMM.NNNN (2007-2014) or YYMM.NNNNN (2015-)
  if (s.size() != 9 && s.size() != 10) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 4) {
      if (s[i] != '.') return false;
    } else if (!is_digit(s[i])) {
      return false;
    }
  }
  int month = (s[2] - '0') * 10 + (s[3] - '0');
  return month >= 1 && month <= 12;
}

// Old style: archive[.SUBJ]/YYMMNNN, archive letters and '-'.
bool normalize_old_style(std::string_view s, std::string& out) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos || slash == 0) return false;
  std::string_view archive = s.substr(0, slash);
  std::string_view number = s.substr(slash + 1);
  if (number.size() != 7 || !std::all_of(number.begin(), number.end(), is_digit)) return false;
  size_t dot = archive.find('.');
  std::string_view base = archive.substr(0, dot);
  if (base.empty()) return false;
  for (char c : base) {
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '-')) return false;
  }
  out.clear();
  for (char c : base) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  out.push_back('/');
  out.append(number);
  return true;
}

}  // namespace

Result<ArxivId> ArxivId::parse(std::string_view text) {
  std::string_view s = strip_arxiv_prefixes(trim(text));
  auto invalid = [&] {
    return fail(ErrorCode::invalid_argument,
                "not an arXiv id: '" + std::string(trim(text)) + "'");
  };
  if (s.empty()) return invalid();
  bool bad = false;
  ArxivId out;
  std::string_view base = split_version(s, out.version, bad);
  if (bad) return invalid();
  if (is_new_style(base)) {
    out.id = std::string(base);
    return out;
  }
  if (normalize_old_style(base, out.id)) return out;
  return invalid();
}

std::string ArxivId::with_version() const {
  return version > 0 ? id + "v" + std::to_string(version) : id;
}

Result<std::string> normalize_doi(std::string_view text) {
  std::string_view s = trim(text);
  for (std::string_view p : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                             "http://dx.doi.org/", "doi.org/", "doi:"}) {
    if (starts_with_ci(s, p)) {
      s.remove_prefix(p.size());
      s = trim(s);
      break;
    }
  }
  std::string out;
  out.reserve(s.size());
  for (char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (!out.starts_with("10.") || out.find('/') == std::string::npos ||
      out.find_first_of(" \t\r\n") != std::string::npos) {
    return fail(ErrorCode::invalid_argument, "not a DOI: '" + std::string(trim(text)) + "'");
  }
  return out;
}

bool looks_like_doi(std::string_view text) { return normalize_doi(text).has_value(); }

}  // namespace ah::core
