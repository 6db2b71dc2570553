#include "bibio/references.h"

#include <cctype>
#include <optional>

#include "bibio/entries.h"

namespace ah::bibio {
namespace {

// Offset of the first line that opens a RIS record ("TY  - "), or npos.
size_t first_ris_record(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    std::string_view line = text.substr(at, text.find('\n', at) - at);
    if (line.starts_with("TY")) {
      size_t p = 2;
      while (p < line.size() && line[p] == ' ') ++p;
      if (p > 2 && p <= 4 && p < line.size() && line[p] == '-') return at;
    }
    const size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return std::string_view::npos;
}

// Offset of the first "@type{" or "@type(", or npos.
size_t first_bibtex_entry(std::string_view text) {
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    size_t p = at + 1;
    while (p < text.size() && std::isalpha(static_cast<unsigned char>(text[p]))) ++p;
    if (p == at + 1) continue;
    while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
    if (p < text.size() && (text[p] == '{' || text[p] == '(')) return at;
  }
  return std::string_view::npos;
}

std::string extension(std::string_view file_name) {
  const size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string ext(file_name.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// The format of text that is neither JSON nor XML: whichever of BibTeX and RIS it holds, the
// extension deciding when it holds both, else the one that comes first.
std::optional<Format> text_format(std::string_view text, std::string_view file_name) {
  const size_t ris = first_ris_record(text), bib = first_bibtex_entry(text);
  if (ris == std::string_view::npos && bib == std::string_view::npos) return std::nullopt;
  if (ris == std::string_view::npos) return Format::bibtex;
  if (bib == std::string_view::npos) return Format::ris;
  const std::string ext = extension(file_name);
  if (ext == "ris") return Format::ris;
  if (ext == "bib" || ext == "bibtex" || ext == "biblatex") return Format::bibtex;
  return ris < bib ? Format::ris : Format::bibtex;
}

}  // namespace

std::string_view to_string(Format format) {
  switch (format) {
    case Format::bibtex:
      return "bibtex";
    case Format::ris:
      return "ris";
    case Format::csl_json:
      return "csl_json";
    case Format::zotero_rdf:
      return "zotero_rdf";
  }
  return "unknown";
}

Result<ParseResult> parse_references(std::string_view text, std::string_view file_name) {
  text = detail::without_bom(text);
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return fail(
        ErrorCode::invalid_argument,
        detail::at_line(file_name, 1,
                        "the file is empty (expected BibTeX, RIS, CSL-JSON or Zotero RDF)"));
  }
  Result<ParseResult> parsed;
  if (text[first] == '[' || text[first] == '{') {
    parsed = detail::parse_csl_json(text, file_name);
  } else if (text[first] == '<') {
    parsed = detail::parse_zotero_rdf(text, file_name);
  } else if (auto format = text_format(text, file_name); !format) {
    const detail::LineIndex lines(text);
    return fail(ErrorCode::invalid_argument,
                detail::at_line(file_name, lines.line_of(first),
                                "none of BibTeX, RIS, CSL-JSON or Zotero RDF (no '@type{' entry, "
                                "no 'TY  - ' line, not JSON, not XML)"));
  } else if (*format == Format::ris) {
    parsed = detail::parse_ris(text, file_name);
  } else {
    parsed = detail::parse_bibtex(text, file_name);
  }
  if (parsed && parsed->references.empty() && !parsed->warnings.empty()) {
    return fail(ErrorCode::invalid_argument,
                parsed->warnings.front() + " (no reference in the file could be read)");
  }
  return parsed;
}

}  // namespace ah::bibio
