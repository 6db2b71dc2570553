#include "core/identifiers.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <initializer_list>
#include <utility>

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
    return fail(ErrorCode::invalid_argument, "not an arXiv id: '" + std::string(trim(text)) + "'");
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

namespace {

// `s` without leading zeros ("0" stays), or empty unless it is 1..20 ASCII digits.
std::string canonical_digits(std::string_view s) {
  if (s.empty() || s.size() > 20 || !std::all_of(s.begin(), s.end(), is_digit)) return {};
  while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
  return std::string(s);
}

// Strips "https://host/" (any of `hosts`) from a URL form of an id.
std::string_view strip_host(std::string_view s, std::initializer_list<std::string_view> hosts) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (!starts_with_ci(s, scheme)) continue;
    std::string_view rest = s.substr(scheme.size());
    if (starts_with_ci(rest, "www.")) rest.remove_prefix(4);
    for (std::string_view host : hosts) {
      if (starts_with_ci(rest, host)) return rest.substr(host.size());
    }
  }
  return s;
}

}  // namespace

Result<Identifier> normalize_identifier(std::string_view scheme, std::string_view value) {
  const std::string_view v = trim(value);
  auto invalid = [&] {
    return fail(ErrorCode::invalid_argument,
                "not a " + std::string(scheme) + " identifier: '" + std::string(v) + "'");
  };
  std::string out;
  if (scheme == "arxiv") {
    auto id = ArxivId::parse(v);
    if (!id) return invalid();
    out = id->id;
  } else if (scheme == "doi") {
    auto doi = normalize_doi(v);
    if (!doi) return invalid();
    out = *doi;
  } else if (scheme == "pmid" || scheme == "s2corpus" || scheme == "mag" || scheme == "paper") {
    std::string_view s = strip_host(v, {"pubmed.ncbi.nlm.nih.gov/"});
    if (!s.empty() && s.back() == '/') s.remove_suffix(1);
    out = canonical_digits(s);
  } else if (scheme == "pmcid") {
    std::string_view s =
        strip_host(v, {"www.ncbi.nlm.nih.gov/pmc/articles/", "ncbi.nlm.nih.gov/pmc/articles/",
                       "pmc.ncbi.nlm.nih.gov/articles/"});
    if (!s.empty() && s.back() == '/') s.remove_suffix(1);
    if (starts_with_ci(s, "pmc")) s.remove_prefix(3);
    std::string digits = canonical_digits(s);
    if (!digits.empty()) out = "PMC" + digits;
  } else if (scheme == "openalex") {
    std::string_view s = strip_host(v, {"openalex.org/", "api.openalex.org/works/"});
    if (s.size() > 1 && (s.front() == 'W' || s.front() == 'w')) {
      std::string digits = canonical_digits(s.substr(1));
      if (!digits.empty()) out = "W" + digits;
    }
  } else if (scheme == "s2") {
    std::string_view s = strip_host(v, {"semanticscholar.org/paper/", "api.semanticscholar.org/"});
    if (s.size() == 40 && std::all_of(s.begin(), s.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) != 0;
        })) {
      for (char c : s)
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  } else if (scheme == "orcid") {
    std::string_view s = strip_host(v, {"orcid.org/"});
    // 16 digits in groups of four, the last may be X.
    std::string compact;
    for (char c : s) {
      if (c != '-')
        compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    const bool ok = compact.size() == 16 &&
                    std::all_of(compact.begin(), compact.end() - 1, is_digit) &&
                    (is_digit(compact.back()) || compact.back() == 'X');
    if (ok) {
      out = compact.substr(0, 4) + "-" + compact.substr(4, 4) + "-" + compact.substr(8, 4) + "-" +
            compact.substr(12, 4);
    }
  } else {
    return fail(ErrorCode::invalid_argument,
                "unknown identifier scheme '" + std::string(scheme) + "'");
  }
  if (out.empty()) return invalid();
  return Identifier{std::string(scheme), std::move(out)};
}

std::string arxiv_id_from_doi(std::string_view doi) {
  constexpr std::string_view kPrefix = "10.48550/arxiv.";
  if (!starts_with_ci(doi, kPrefix)) return {};
  auto id = ArxivId::parse(doi.substr(kPrefix.size()));
  return id ? id->id : std::string();
}

Result<Identifier> parse_any_identifier(std::string_view text) {
  const std::string_view t = trim(text);
  auto invalid = [&] {
    return fail(ErrorCode::invalid_argument,
                "not an identifier AcademicHub knows: '" + std::string(t) +
                    "' (an arXiv id, a DOI, pmid:N, pmcid:PMCN, openalex:WN, s2:ID or ah:N)");
  };
  if (t.empty()) return invalid();
  // "scheme:value" forms. "doi:" and "arxiv:" are handled by their own parsers below.
  for (auto [prefix, scheme] : {std::pair{"pmid:", "pmid"}, std::pair{"pmcid:", "pmcid"},
                                std::pair{"openalex:", "openalex"}, std::pair{"s2:", "s2"},
                                std::pair{"ah:", "paper"}, std::pair{"mag:", "mag"}}) {
    if (starts_with_ci(t, prefix)) {
      auto id = normalize_identifier(scheme, t.substr(std::string_view(prefix).size()));
      if (!id) return invalid();
      return id;
    }
  }
  if (auto doi = normalize_doi(t)) {
    if (std::string arxiv = arxiv_id_from_doi(*doi); !arxiv.empty()) {
      return Identifier{"arxiv", std::move(arxiv)};
    }
    return Identifier{"doi", std::move(*doi)};
  }
  if (auto arxiv = ArxivId::parse(t)) return Identifier{"arxiv", arxiv->id};
  if (starts_with_ci(t, "pmc")) {
    if (auto id = normalize_identifier("pmcid", t)) return id;
  }
  if (starts_with_ci(t, "https://openalex.org/") || starts_with_ci(t, "http://openalex.org/")) {
    if (auto id = normalize_identifier("openalex", t)) return id;
  }
  if (starts_with_ci(t, "https://pubmed.ncbi.nlm.nih.gov/")) {
    if (auto id = normalize_identifier("pmid", t)) return id;
  }
  return invalid();
}

}  // namespace ah::core
