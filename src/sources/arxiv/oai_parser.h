// Parser for arXiv OAI-PMH responses (export.arxiv.org/oai2, ListRecords/GetRecord) in the
// metadata formats arXiv, arXivRaw and oai_dc. Pure function of its input; thread-safe.
#pragma once

#include <string_view>

#include "core/error.h"
#include "sources/common/parse_result.h"

namespace ah::sources::arxiv {

// Parses one OAI-PMH response page. Each <record> becomes a Paper (core::source::kArxivOai):
//  - arXiv: id, created (published; with no <updated> the paper has one version, so version 1),
//    updated (version date), authors from keyname/forenames/suffix with <affiliation>s,
//    categories (blank separated, first is primary), comments, journal-ref, doi (first DOI),
//    report-no, license, abstract;
//  - arXivRaw: as above plus submitter, the <version version="vN"> history (date, size; the
//    highest is the record's version) and the authors string split on ", " and " and ";
//  - oai_dc: title, creators ("Last, First"), descriptions (abstract, "Comment: ..."), dates,
//    identifiers (doi).
// Paper::updated is the latest of the record's dates, the header <datestamp> included.
// info gets responseDate and the resumptionToken (text, completeListSize, cursor). An OAI <error>
// (noRecordsMatch, badResumptionToken, ...) gives info.error_code/error_message and no papers.
// A record without a usable id or title, or marked deleted, goes to `rejected`. A page that
// breaks off after <OAI-PMH> began keeps the records complete before the break and sets
// ParseResult::truncated (it then has no resumption token to trust).
// Errors: bad_upstream_data naming `origin` when the bytes are not an OAI-PMH document (the HTML
// "Retry after" page of a 503, XML not well-formed before the root, with the byte offset).
Result<ParseResult> parse_oai(std::string_view bytes, std::string_view origin);

}  // namespace ah::sources::arxiv
