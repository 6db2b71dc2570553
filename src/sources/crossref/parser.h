// Parser for answers of the Crossref REST API (api.crossref.org): a work (/works/{doi}), a list of
// works (/works, /journals/{issn}/works: items, next-cursor, total-results), and its error
// answers. Pure function; thread-safe.
#pragma once

#include <string_view>

#include "core/error.h"
#include "sources/common/parse_result.h"

namespace ah::sources::crossref {

// Parses one answer. Each work becomes a record (core::source::kCrossref, source_id = its DOI):
// - doi (normalised), title (+ ": " + subtitle; JATS/HTML markup to text), abstract (JATS to
//   plain paragraphs, MathML to TeX), authors in order ("Given Family", an organisation's name,
//   the ORCID without URL, affiliation names joined "; "; a `sequence: first` author first);
// - venue = container-title (a posted-content's institution, e.g. "bioRxiv", when it has none),
//   venue_short = short-container-title, volume, issue, pages (page, else article-number),
//   publisher, issns (issn-type, else ISSN), language;
// - type: journal-article -> article, posted-content -> preprint (subtype preprint,
//   working_paper or none; other subtypes -> other), proceedings-article -> proceedings,
//   book-chapter/book-part/book-section/reference-entry -> chapter, book/monograph/edited-book/
//   reference-book -> book, dataset -> dataset, others -> other; a notice's kind wins: a work
//   with `update-to` (or a subtype, or a title such as "Author Correction: ...") is a
//   correction, erratum, retraction or expression of concern;
// - published = the earliest full date of published-online, published-print, posted, published,
//   issued ("YYYY-MM-DD"; "YYYY-MM" or "YYYY" when no date is full), updated = deposited;
// - license = the version-of-record license URL (else unspecified, else the first), abs_url =
//   resource.primary.URL, pdf_url = the first link of content-type application/pdf;
// - relations: updated-by -> updated_by (notice kind, date; Retraction Watch entries included,
//   duplicates of one notice merged), and `retracted` when one is a retraction; update-to ->
//   updates; relation has-preprint / is-preprint-of / is-identical-to -> has_preprint /
//   is_preprint_of / same_as, targets normalised (DOIs; arXiv ids given as id-type arxiv).
// A work without a DOI or a title goes to `rejected`. info: total_results, items_per_page and
// next_cursor of a list. Error answers are results with info.answer = error: the text "Resource
// not found." (HTTP 404: error_code "resource-not-found") and validation failures
// ({"status": "failed", "message-type": "validation-failure"}: error_code = the first failure's
// type, error_message = each failure's message).
// Errors: bad_upstream_data naming `origin` when the bytes are not JSON (a file cut short names
// the byte), not a Crossref answer, or an answer of another kind ("journal", "member", ...).
Result<ParseResult> parse_crossref(std::string_view bytes, std::string_view origin);

}  // namespace ah::sources::crossref
