// Reading reference lists people export from their reference managers (BibTeX, RIS, CSL-JSON,
// Zotero RDF) into the identifiers, title, year and authors needed to find the papers in the
// store (match.h). Pure: no I/O, the caller reads the file. Thread-safe: plain values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ah::bibio {

enum class Format { bibtex, ris, csl_json, zotero_rdf };

// Stable lower-case name of a format ("bibtex", "ris", "csl_json", "zotero_rdf").
std::string_view to_string(Format format);

// One entry of a reference list. Every kept entry has a title or at least one identifier.
struct Reference {
  std::string doi;       // normalised as core::normalize_doi (lower-case, no https://doi.org/);
                         // an arXiv DOI (10.48550/arxiv.X) is kept here and also read as arxiv_id
  std::string arxiv_id;  // "2501.01234" or "hep-th/9901001", no version (core::ArxivId::id); from
                         // eprint/archivePrefix, an arXiv DOI, arxiv.org URLs, "arXiv:X" in notes
  std::string pmid;      // digits without leading zeros
  std::string title;     // display text: TeX and markup removed ({...}, \emph, {\"o} -> ö, CSL's
                         // <i>...</i>), $...$ kept as written, on one line
  int year = 0;          // 0 when unknown
  std::vector<std::string> authors;  // "Given Family" (a literal or corporate name as given)
  std::size_t line = 0;              // 1-based line where the entry starts (for messages)
  std::string key;  // the entry's own key when the format has one (BibTeX citation key, RIS
                    // ID, CSL-JSON id, Zotero RDF rdf:about); empty otherwise
};

struct ParseResult {
  Format format;
  std::vector<Reference> references;  // in file order
  // One per entry that was skipped or partly read, each "FILE: line N: what was wrong".
  std::vector<std::string> warnings;
};

// Detects the format from the content (a UTF-8 byte-order mark is skipped; JSON is CSL-JSON, XML
// is Zotero RDF, "TY  - " lines are RIS, "@type{" entries are BibTeX; the file name's extension
// .bib/.ris/.json/.rdf decides only when the content could be both BibTeX and RIS) and parses it.
// `file_name` is used in messages only.
// A malformed single entry (a BibTeX entry whose braces do not close, a RIS record without ER, a
// CSL-JSON item that is not an object, an entry without title or identifier) is a warning naming
// its line; the rest still parse. An identifier that does not normalise is left empty, silently.
// Errors: invalid_argument "FILE: line N: what is wrong" when the content is none of the formats
// (or empty), when JSON or XML does not parse (the line of the syntax error), when JSON is not a
// CSL-JSON list or XML not an RDF document, and when entries were found but none could be read
// (the first entry's warning).
Result<ParseResult> parse_references(std::string_view text, std::string_view file_name);

}  // namespace ah::bibio
