#include "sources/feeds/item_fields.h"

#include <algorithm>
#include <array>

#include "core/identifiers.h"
#include "sources/common/markup_text.h"
#include "sources/common/notice_title.h"

namespace ah::sources::feeds {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool contains_ci(std::string_view hay, std::string_view needle) {
  return lower(hay).find(lower(needle)) != std::string::npos;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && lower(s.substr(0, prefix.size())) == lower(prefix);
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string doi_or_empty(std::string_view text) {
  auto doi = core::normalize_doi(trim(text));
  return doi ? *doi : std::string();
}

struct Url {
  std::string host;  // lower-case, without "www." and port
  std::string path;  // percent-decoded, from the first '/'
  std::string query;
};

Url split_url(std::string_view url) {
  Url out;
  url = trim(url);
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return out;
  url.remove_prefix(scheme + 3);
  const size_t fragment = url.find('#');
  url = url.substr(0, fragment);
  const size_t q = url.find('?');
  if (q != std::string_view::npos) {
    out.query = std::string(url.substr(q + 1));
    url = url.substr(0, q);
  }
  const size_t slash = url.find('/');
  std::string host = lower(url.substr(0, slash));
  if (size_t colon = host.find(':'); colon != std::string::npos) host.resize(colon);
  if (host.starts_with("www.")) host.erase(0, 4);
  out.host = std::move(host);
  out.path = slash == std::string_view::npos ? "/" : percent_decode(url.substr(slash));
  return out;
}

// "s41586-024-07956-2": a letter, 5 digits, '-', 3 digits, '-', 5 digits, '-', a check character
// (a digit or a letter: "d41586-024-02711-z").
bool is_springer_nature_id(std::string_view id) {
  constexpr std::string_view kShape = "a00000-000-00000-c";
  if (id.size() != kShape.size()) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i], want = kShape[i];
    const bool ok = want == 'a'   ? (c >= 'a' && c <= 'z')
                    : want == '0' ? (c >= '0' && c <= '9')
                    : want == 'c' ? ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
                                  : c == want;
    if (!ok) return false;
  }
  return true;
}

bool host_is(const std::string& host, std::string_view domain) {
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = s.find(sep, start);
    const std::string_view piece =
        s.substr(start, end == std::string_view::npos ? s.npos : end - start);
    out.emplace_back(piece);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::string collapse_lower(std::string_view s) {
  std::string out;
  bool blank = false;
  for (char c : s) {
    if (is_blank(c)) {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out.push_back(' ');
    blank = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

// A paragraph that cites the item instead of describing it.
bool is_citation_line(std::string_view p) {
  if (p.size() >= 300) return false;
  for (std::string_view label : {"Publication date:", "Source:", "Author(s):"}) {
    if (starts_with_ci(p, label)) return true;
  }
  for (std::string_view mark : {"doi:", "pmid:", "published online"}) {
    if (contains_ci(p, mark)) return true;
  }
  return p.size() < 200 && (p.find(", Volume ") != std::string_view::npos ||
                            p.find(", EarlyView") != std::string_view::npos);
}

bool truncated(std::string_view s) { return s.ends_with("...") || s.ends_with("\u2026"); }

}  // namespace

std::string doi_from_url(std::string_view url) {
  const Url u = split_url(url);
  if (u.host.empty()) return {};
  if (host_is(u.host, "doi.org")) return doi_or_empty(std::string_view(u.path).substr(1));
  if (size_t at = u.path.find("/doi/"); at != std::string::npos) {
    std::string_view rest = std::string_view(u.path).substr(at + 5);
    for (std::string_view view :
         {"abs/", "full/", "pdf/", "epdf/", "pdfdirect/", "reader/", "book/"}) {
      if (rest.starts_with(view)) {
        rest.remove_prefix(view.size());
        break;
      }
    }
    if (rest.starts_with("10.")) return doi_or_empty(rest);
  }
  if (u.host == "link.springer.com") {
    for (std::string_view kind : {"/article/", "/chapter/"}) {
      if (u.path.starts_with(kind))
        return doi_or_empty(std::string_view(u.path).substr(kind.size()));
    }
  }
  if (u.host == "journals.plos.org") {
    for (const std::string& pair : split(u.query, '&')) {
      if (pair.starts_with("id=")) return doi_or_empty(percent_decode(pair.substr(3)));
    }
  }
  if (host_is(u.host, "nature.com") && u.path.starts_with("/articles/")) {
    std::string_view id = std::string_view(u.path).substr(10);
    id = id.substr(0, id.find('/'));
    if (is_springer_nature_id(id)) return doi_or_empty("10.1038/" + lower(id));
  }
  return {};
}

std::string doi_from_identifier(std::string_view text) {
  text = trim(text);
  if (starts_with_ci(text, "doi:")) return doi_or_empty(text.substr(4));
  if (starts_with_ci(text, "info:doi/")) return doi_or_empty(text.substr(9));
  if (starts_with_ci(text, "http://") || starts_with_ci(text, "https://")) {
    return doi_from_url(text);
  }
  if (text.starts_with("10.")) return doi_or_empty(text);
  return {};
}

std::vector<std::string> split_author_list(std::string_view text) {
  text = trim(text);
  // RSS 2.0's <author> is "email (Name)".
  if (text.find('@') != std::string_view::npos) {
    const size_t open = text.find('('), close = text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
      return {};
    }
    text = trim(text.substr(open + 1, close - open - 1));
  }
  std::string list(text);
  // Vancouver style ends the list with a period: "Brandão S, Saeedi H, Brandt A."
  if (list.ends_with('.') && std::count(list.begin(), list.end(), '.') == 1) list.pop_back();
  const bool semicolons = list.find(';') != std::string::npos;
  char sep = semicolons ? ';' : list.find(',') != std::string::npos ? ',' : '\n';
  std::vector<std::string> parts;
  for (const std::string& piece : split(list, sep)) {
    // "A, B and C", "A & B"
    std::string rest = piece;
    for (std::string_view joiner : {" and ", " & "}) {
      size_t at;
      while ((at = rest.find(joiner)) != std::string::npos) {
        parts.emplace_back(trim(std::string_view(rest).substr(0, at)));
        rest.erase(0, at + joiner.size());
      }
    }
    parts.emplace_back(trim(rest));
  }
  std::erase_if(parts, [](const std::string& p) {
    const std::string l = lower(p);
    return p.empty() || l == "et al." || l == "et al" || l == "et. al.";
  });
  // "Family, Given": one comma and a surname without blanks before it.
  if (sep == ',' && parts.size() == 2 && parts[0].find(' ') == std::string::npos &&
      list.find(" and ") == std::string::npos && list.find(" & ") == std::string::npos) {
    return {parts[1] + " " + parts[0]};
  }
  return parts;
}

core::WorkType classify_item(std::string_view title, const std::vector<std::string>& sections,
                             std::string_view doi) {
  using core::WorkType;
  if (WorkType t = notice_type_from_title(title); t != WorkType::unknown) return t;
  // Section words, most specific first.
  static constexpr std::array<std::pair<std::string_view, WorkType>, 20> kSections = {{
      {"retraction", WorkType::retraction},
      {"expression of concern", WorkType::expression_of_concern},
      {"erratum", WorkType::erratum},
      {"errata", WorkType::erratum},
      {"correction", WorkType::correction},
      {"corrigend", WorkType::correction},
      {"book review", WorkType::other},
      {"review", WorkType::review},
      {"editorial", WorkType::editorial},
      {"news", WorkType::editorial},
      {"views", WorkType::editorial},
      {"perspective", WorkType::editorial},
      {"commentary", WorkType::editorial},
      {"obituary", WorkType::editorial},
      {"issue information", WorkType::other},
      {"front matter", WorkType::other},
      {"back matter", WorkType::other},
      {"research", WorkType::article},
      {"original article", WorkType::article},
      {"article", WorkType::article},
  }};
  for (const auto& [word, type] : kSections) {
    for (const std::string& s : sections) {
      if (contains_ci(s, word)) return type;
    }
  }
  // Springer Nature ids: "d" for the magazine (news, comment, views), "s" for scholarly papers.
  if (doi.starts_with("10.1038/") && is_springer_nature_id(doi.substr(8))) {
    return doi[8] == 'd' ? WorkType::editorial : WorkType::article;
  }
  return WorkType::unknown;
}

std::string choose_abstract(const std::vector<std::string>& bodies, std::string_view title) {
  const std::string title_key = collapse_lower(title);
  std::string best;
  for (const std::string& body : bodies) {
    std::vector<std::string> paragraphs = markup_paragraphs(body, TextForm::display);
    bool labelled = false;
    // Plain text "Abstract\nText..." (Wiley's dc:description) carries its label in the text.
    if (std::string_view t = trim(body);
        starts_with_ci(t, "abstract") && t.size() > 8 && (t[8] == '\n' || t[8] == ':')) {
      labelled = true;
      if (!paragraphs.empty() && paragraphs.front().size() >= 8) {
        std::string& first = paragraphs.front();
        first = std::string(trim(std::string_view(first).substr(first[8] == ':' ? 9 : 8)));
      }
    }
    std::string text;
    for (const std::string& p : paragraphs) {
      if (is_abstract_heading(p)) {
        labelled = true;
        continue;
      }
      if (p.empty() || is_citation_line(p) || collapse_lower(p) == title_key) continue;
      if (!text.empty()) text += "\n\n";
      text += p;
    }
    if (text.empty() || truncated(text)) continue;
    if (!labelled && text.size() < kMinUnlabelledAbstract) continue;
    if (text.size() > best.size()) best = std::move(text);
  }
  return best;
}

void read_citation_line(std::string_view line, std::string& volume, std::string& issue,
                        std::string& pages) {
  line = trim(line);
  if (line.size() > 200 || line.find(", Volume ") == std::string_view::npos) return;
  auto grab = [&](std::string_view key, std::string& into) {
    if (!into.empty()) return;
    const size_t at = line.find(key);
    if (at == std::string_view::npos) return;
    std::string_view rest = line.substr(at + key.size());
    rest = rest.substr(0, rest.find(','));
    rest = trim(rest);
    if (rest.ends_with('.')) rest.remove_suffix(1);
    into = std::string(rest);
  };
  grab("Volume ", volume);
  grab("Issue ", issue);
  grab("Pages ", pages);
  grab("Page ", pages);
}

std::string venue_from_channel_title(std::string_view title) {
  std::string_view t = trim(title);
  for (std::string_view prefix : {"ScienceDirect Publication: ", "Wiley: ", "tandf: "}) {
    if (t.starts_with(prefix)) t.remove_prefix(prefix.size());
  }
  for (std::string_view suffix : {": Table of Contents", " Table of Contents", " Current Issue",
                                  " Advance Articles", " Advance Access", " Latest Issue",
                                  " - Latest Issue", " - latest papers", ": Latest Articles"}) {
    if (t.ends_with(suffix)) {
      t.remove_suffix(suffix.size());
      break;
    }
  }
  return std::string(trim(t));
}

bool is_bot_check_page(std::string_view html) {
  const std::string page = lower(html.substr(0, 64 * 1024));
  for (std::string_view marker :
       {"captcha", "validate user", "not a robot", "are you a robot", "unusual traffic",
        "verify you are human", "checking your browser", "just a moment...", "cf-challenge",
        "challenge-platform", "attention required"}) {
    if (page.find(marker) != std::string::npos) return true;
  }
  return false;
}

std::string describe_html_page(std::string_view html) {
  std::string title;
  const std::string page = lower(html.substr(0, 64 * 1024));
  if (size_t open = page.find("<title"); open != std::string::npos) {
    if (size_t start = page.find('>', open); start != std::string::npos) {
      const size_t end = page.find("</title", start);
      if (end != std::string::npos) {
        for (const std::string& p : markup_paragraphs(html.substr(start + 1, end - start - 1))) {
          title += p;
        }
      }
    }
  }
  if (title.size() > 80) title = title.substr(0, 77) + "...";
  const std::string what = is_bot_check_page(html) ? "a bot-check page" : "an HTML page";
  return title.empty() ? what : what + " (" + title + ")";
}

std::string strip_tracking(std::string_view url) {
  const size_t q = url.find('?');
  if (q == std::string_view::npos) return std::string(url);
  std::string_view query = url.substr(q + 1);
  std::string_view fragment;
  if (size_t hash = query.find('#'); hash != std::string_view::npos) {
    fragment = query.substr(hash);
    query = query.substr(0, hash);
  }
  std::string kept;
  for (const std::string& pair : split(query, '&')) {
    if (pair.empty() || pair.starts_with("utm_")) continue;
    kept += (kept.empty() ? "" : "&") + pair;
  }
  return std::string(url.substr(0, q)) + (kept.empty() ? "" : "?" + kept) + std::string(fragment);
}

}  // namespace ah::sources::feeds
