#include "sources/common/detect.h"

namespace ah::sources {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view skip_blanks(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  return s;
}

// Skips "<?...?>", "<!--...-->" and "<!DOCTYPE ...>" prologue items; returns the text from the
// root element's '<', or empty when the head ends first.
std::string_view skip_prologue(std::string_view s) {
  while (true) {
    s = skip_blanks(s);
    if (s.starts_with("<?")) {
      size_t end = s.find("?>");
      if (end == std::string_view::npos) return {};
      s.remove_prefix(end + 2);
    } else if (s.starts_with("<!--")) {
      size_t end = s.find("-->");
      if (end == std::string_view::npos) return {};
      s.remove_prefix(end + 3);
    } else if (s.starts_with("<!")) {
      size_t end = s.find('>');
      if (end == std::string_view::npos) return {};
      s.remove_prefix(end + 1);
    } else {
      return s;
    }
  }
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s = s.substr(s.size() - suffix.size());
  for (size_t k = 0; k < s.size(); ++k) {
    if ((s[k] | 0x20) != suffix[k]) return false;
  }
  return true;
}

// True when `head` contains `needle` (the head is a few KB: a scan is cheap).
bool has(std::string_view head, std::string_view needle) {
  return head.find(needle) != std::string_view::npos;
}

// A JSON document by its keys. `s` starts at '{' or '['.
Format detect_json(std::string_view s) {
  if (s.front() == '[') {
    // Semantic Scholar's batch endpoint answers an array of papers (or nulls).
    return has(s, "\"paperId\"") ? Format::semantic_scholar : Format::unknown;
  }
  if (has(s, "\"message-type\"")) return Format::crossref;
  if (has(s, "\"collection\"") && has(s, "\"messages\"")) return Format::biorxiv;
  if (has(s, "\"esearchresult\"")) return Format::pubmed_esearch;
  if (has(s, "\"https://openalex.org/W") || (has(s, "\"meta\"") && has(s, "\"results\""))) {
    return Format::openalex;
  }
  if (has(s, "\"paperId\"") || has(s, "\"authorId\"")) return Format::semantic_scholar;
  // OpenAlex's error object has both keys: {"error": "Invalid query parameters error.",
  // "message": "..."} (Semantic Scholar's has one of them).
  if (s.size() < 2000 && has(s, "\"error\"") && has(s, "\"message\"")) return Format::openalex;
  // Semantic Scholar's empty page and error object have no paper: {"total": 0, "offset": 0},
  // {"error": "Paper with id 0 not found"}.
  if (s.size() < 200 && (has(s, "\"offset\"") || s.starts_with("{\"error\""))) {
    return Format::semantic_scholar;
  }
  // JSON lines: a whole object on the first line. The snapshot's and the crawl's records start
  // with "id" and carry arXiv's keys.
  const size_t nl = s.find('\n');
  const std::string_view first = s.substr(0, nl);
  const bool one_line = nl != std::string_view::npos || s.size() < 4096;
  if (one_line && first.find("\"id\"") != std::string_view::npos &&
      (has(first, "\"categories\"") || has(first, "\"submitter\"") || has(first, "\"abs\"") ||
       has(first, "\"authors\""))) {
    return Format::jsonl;
  }
  return Format::unknown;
}

// The format of an XML document whose root element's local name is `name`.
Format detect_xml(std::string_view head, std::string_view name) {
  if (name == "feed") {
    return has(head, "arxiv.org/schemas/atom") || has(head, "opensearch") ||
                   has(head, "arxiv.org/abs/")
               ? Format::atom
               : Format::journal_feed;
  }
  if (name == "rss") {
    return has(head, "arxiv.org/schemas/atom") || has(head, "rss.arxiv.org") ||
                   has(head, "updates on arXiv.org")
               ? Format::rss
               : Format::journal_feed;
  }
  if (name == "RDF") return Format::journal_feed;
  if (name == "OAI-PMH") return Format::oai_pmh;
  if (name == "PubmedArticleSet") return Format::pubmed;
  if (name == "eSearchResult") return Format::pubmed_esearch;
  // An HTML page, or a fragment of one ("<h1>Retry after 10 seconds</h1>").
  for (std::string_view tag : {"html", "head", "body", "h1", "h2", "p", "div", "title"}) {
    if (name.size() == tag.size() && ends_with_ci(name, tag)) return Format::html;
  }
  return Format::unknown;
}

}  // namespace

Format detect_format(std::string_view head, std::string_view file_name) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  std::string_view s = skip_blanks(head);
  if (s.empty()) {
    for (std::string_view ext : {".jsonl", ".ndjson", ".jsonl.gz"}) {
      if (ends_with_ci(file_name, ext)) return Format::jsonl;
    }
    return Format::unknown;
  }
  if (s.front() == '{' || s.front() == '[') return detect_json(s);
  s = skip_prologue(s);
  if (s.size() < 2 || s.front() != '<') {
    // "<!DOCTYPE html>" is skipped as prologue: an HTML page is told by its root, or by a
    // doctype whose root the head does not reach.
    return has(head, "<!DOCTYPE html") || has(head, "<!doctype html") ? Format::html
                                                                      : Format::unknown;
  }
  s.remove_prefix(1);
  size_t end = 0;
  while (end < s.size() && !is_blank(s[end]) && s[end] != '>' && s[end] != '/') ++end;
  if (end == s.size()) return Format::unknown;  // the head stops inside the root tag
  std::string_view name = s.substr(0, end);
  if (size_t colon = name.find(':'); colon != std::string_view::npos) {
    name = name.substr(colon + 1);
  }
  return detect_xml(head, name);
}

std::string_view to_string(Format format) {
  switch (format) {
    case Format::atom:
      return "atom";
    case Format::oai_pmh:
      return "oai-pmh";
    case Format::rss:
      return "rss";
    case Format::jsonl:
      return "jsonl";
    case Format::crossref:
      return "crossref";
    case Format::pubmed:
      return "pubmed";
    case Format::pubmed_esearch:
      return "pubmed-esearch";
    case Format::openalex:
      return "openalex";
    case Format::biorxiv:
      return "biorxiv";
    case Format::semantic_scholar:
      return "semantic-scholar";
    case Format::journal_feed:
      return "journal-feed";
    case Format::html:
      return "html";
    case Format::unknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace ah::sources
