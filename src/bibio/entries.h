// Internal to bibio (not a public interface): what the four format parsers share — line numbers,
// the cleaning of titles, names and years, identifiers read from fields and free text, and the
// collector that keeps entries and words warnings. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bibio/references.h"

namespace ah::bibio::detail {

// Maps byte offsets of a text to 1-based line numbers (a line ends at '\n').
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  std::size_t line_of(std::size_t offset) const;

 private:
  std::vector<std::size_t> starts_;  // offset of each line's first byte
};

// A title as display text on one line: core::display_text (TeX accents, braces, \emph, entities;
// $...$ kept), paragraph breaks and runs of blanks made one space.
std::string clean_title(std::string_view raw);

// A person's name as "Given Family": "Family, Given" and BibTeX's "von Family, Jr, Given" are
// turned around (at brace depth 0; "Given von Family Jr"), TeX resolved as in clean_title.
std::string person_name(std::string_view raw);

// The first run of exactly four digits read as a year (1000..2999), or 0.
int year_in(std::string_view text);

// Each sets its field when it is still empty and `raw` normalises (core identifiers); an arXiv DOI
// also sets arxiv_id. Return whether `raw` normalised.
bool take_doi(Reference& ref, std::string_view raw);
bool take_arxiv(Reference& ref, std::string_view raw);
bool take_pmid(Reference& ref, std::string_view raw);

// Reads identifiers out of free text (URLs, notes, Zotero's "extra"): arxiv.org/abs|pdf/X and
// "arXiv:X" (blanks allowed after the colon), doi.org/10.… and "doi:10.…", "PMID: N" and
// pubmed.ncbi.nlm.nih.gov/N. Fills only fields still empty.
void scan_identifiers(Reference& ref, std::string_view text);

// Strips a leading UTF-8 byte-order mark.
std::string_view without_bom(std::string_view text);

// Collects the entries of one file: keeps those with a title or an identifier, and words the
// warnings "FILE: line N: what".
class Collector {
 public:
  Collector(std::string_view file_name, Format format)
      : file_(file_name), result_{format, {}, {}} {}
  void warn(std::size_t line, std::string_view what);
  // Keeps `ref` unless it has no title and no identifier (then warns, naming `what` — "entry
  // 'smith2020'", "record", "item").
  void add(Reference ref, std::string_view what);
  ParseResult finish() { return std::move(result_); }

 private:
  std::string file_;
  ParseResult result_;
};

// "FILE: line N: what", the form of every message.
std::string at_line(std::string_view file_name, std::size_t line, std::string_view what);

// The parsers, on text without a byte-order mark. Errors: as parse_references says for the format.
Result<ParseResult> parse_bibtex(std::string_view text, std::string_view file_name);
Result<ParseResult> parse_ris(std::string_view text, std::string_view file_name);
Result<ParseResult> parse_csl_json(std::string_view text, std::string_view file_name);
Result<ParseResult> parse_zotero_rdf(std::string_view text, std::string_view file_name);

}  // namespace ah::bibio::detail
