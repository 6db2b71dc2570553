// Parser for arXiv API responses (export.arxiv.org/api/query): Atom 1.0 with the opensearch and
// arxiv namespaces, both the current form and the legacy (2016) one with per-element namespace
// declarations. Pure function of its input; thread-safe.
#pragma once

#include <string_view>

#include "core/error.h"
#include "sources/common/parse_result.h"

namespace ah::sources::arxiv {

// Parses one API response. Each <entry> becomes a Paper (source core::source::kArxivApi): id and
// version from <id>, title, summary, authors with arxiv:affiliation, categories with
// arxiv:primary_category first (non-arXiv classes such as "I.2.7" dropped), published, updated
// (also the version date), arxiv:comment, arxiv:journal_ref, arxiv:doi (first DOI; else the doi
// link), links (alternate -> abs_url, title="pdf" -> pdf_url). info gets the opensearch values.
// An entry without a usable id or title goes to `rejected`. An API error feed (entry id
// ".../api/errors#incorrect_id_format_for_abc") yields info.error_code "incorrect_id_format",
// error_message from its summary, and no papers.
// A feed that breaks off after <feed> began (cut short mid-entry) keeps the entries complete
// before the break and sets ParseResult::truncated.
// Errors: bad_upstream_data naming `origin` when the bytes are not an Atom <feed> (not
// well-formed before <feed>, an HTML page).
Result<ParseResult> parse_atom(std::string_view bytes, std::string_view origin);

}  // namespace ah::sources::arxiv
