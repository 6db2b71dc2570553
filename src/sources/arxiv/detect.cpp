#include "sources/arxiv/detect.h"

namespace ah::sources::arxiv {
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
  if (s.front() == '{') return Format::jsonl;
  s = skip_prologue(s);
  if (s.size() < 2 || s.front() != '<') return Format::unknown;
  s.remove_prefix(1);
  size_t end = 0;
  while (end < s.size() && !is_blank(s[end]) && s[end] != '>' && s[end] != '/') ++end;
  if (end == s.size()) return Format::unknown;  // the head stops inside the root tag
  std::string_view name = s.substr(0, end);
  if (size_t colon = name.find(':'); colon != std::string_view::npos) {
    name = name.substr(colon + 1);
  }
  if (name == "feed") return Format::atom;
  if (name == "OAI-PMH") return Format::oai_pmh;
  if (name == "rss") return Format::rss;
  return Format::unknown;
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
    case Format::unknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace ah::sources::arxiv
