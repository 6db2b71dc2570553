// Parser for answers of the OpenAlex works API (api.openalex.org/works): one work, a list of
// works ({"meta": {count, per_page, next_cursor}, "results": [...]}) or an error object
// ({"error": ..., "message": ...}). Pure function of its input; thread-safe.
#pragma once

#include <string_view>

#include "core/error.h"
#include "core/work.h"
#include "sources/common/parse_result.h"

namespace ah::sources::openalex {

// The work fields parse_works reads, for the API's `select` parameter, so that a harvest fetches
// nothing it throws away.
inline constexpr std::string_view kSelectFields =
    "id,doi,title,display_name,publication_date,ids,language,type,type_crossref,authorships,"
    "biblio,is_retracted,primary_location,locations,best_oa_location,abstract_inverted_index,"
    "updated_date";

// The kind of work an OpenAlex type names: article (proceedings when Crossref's type is
// "proceedings-article"), preprint, review, book-chapter -> chapter, book, dataset, editorial,
// erratum, retraction, letter; paratext, dissertation, report, peer-review, standard, grant and
// any other named type -> other; an empty type -> unknown.
core::WorkType work_type(std::string_view openalex_type, std::string_view crossref_type);

// Parses one answer. Each work becomes a record (core::Paper, source core::source::kOpenalex):
//  - source_id and other_ids ("openalex", "W…") from `id`; doi (normalised) from `doi` or
//    ids.doi, and arxiv_id when that DOI is arXiv's (10.48550/arXiv.ID); other_ids pmid, pmcid
//    and mag from `ids`;
//  - title (else display_name), language, published = publication_date, updated =
//    updated_date, type (work_type), retracted = is_retracted;
//  - abstract rebuilt from abstract_inverted_index (abstract_inverted_index_v3 only when the
//    first is absent or null);
//  - authors from authorships: author.display_name (else raw_author_name), orcid, ids
//    ("openalex", "A…"), affiliation = the institutions' display names joined with "; ", else
//    the raw affiliation strings;
//  - venue = primary_location.source.display_name ("arXiv", "bioRxiv", "medRxiv" for those
//    servers), issns (issn, then issn_l), publisher = host_organization_name; volume, issue,
//    pages ("first-last") from biblio; abs_url = the primary landing page; pdf_url =
//    best_oa_location's (else the primary location's); license = the primary location's (else
//    best_oa_location's);
//  - relations from every location (see locations.h): its arXiv copy, bioRxiv copy or another
//    DOI, so the store merges those records with this one.
// info: meta.count -> total_results, meta.per_page -> items_per_page, meta.next_cursor ->
// resumption_token (empty when the list is complete or was paged by number). An error object
// gives answer = error, error_code = its "error", error_message = its "message", and no papers.
// A work without an OpenAlex id or a title goes to `rejected` ("<origin>: result 3 (id W1): no
// title"); the rest of the list still parses.
// Errors: bad_upstream_data naming `origin` when the bytes are not JSON (an HTML error page; its
// start is quoted) or are JSON that is none of the three answers.
Result<ParseResult> parse_works(std::string_view bytes, std::string_view origin);

}  // namespace ah::sources::openalex
