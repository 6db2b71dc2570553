// Parser for the "details" answers of api.biorxiv.org, the API of bioRxiv and medRxiv:
// {"messages": [{status, interval, cursor, count, total, ...}], "collection": [one item per
// version of a preprint]}. Pure function of its input; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/paper.h"
#include "sources/common/parse_result.h"

namespace ah::sources::biorxiv {

// Parses one answer. The items of one DOI (each a version of the preprint) become ONE record
// (core::Paper) carrying every version (core::PaperVersion {version, date}) and the fields of its
// latest version; records are in the order their DOIs first appear. From the items:
//  - source core::source::kBiorxiv or kMedrxiv and venue "bioRxiv" / "medRxiv" from `server`
//    (else from the jatsxml link's host; bioRxiv when neither says);
//  - source_id and doi = `doi` (normalised; 10.1101/... and, since December 2025,
//    10.64898/...); title, abstract, license as given ("cc_by"), categories = [category] in
//    lower case; type preprint;
//  - authors from the "Surname, I.; Surname2, J." string ("I. Surname"); the corresponding
//    author (`author_corresponding`) named in full and given `author_corresponding_institution`
//    as affiliation when the list has an author of that surname and first initial;
//  - version and version_date/updated from the latest version; published = the date of version 1
//    when the answer has it, else the posting date a new-style DOI carries
//    ("10.1101/2021.09.30.462652" -> 2021-09-30), else empty;
//  - `published` (the journal DOI; "NA" = none) -> a relation is_preprint_of that DOI, so the
//    store merges the preprint with its article;
//  - abs_url https://www.biorxiv.org/content/<doi>v<version> (medrxiv.org for medRxiv), pdf_url
//    that + ".full.pdf".
// info: messages[0] cursor -> cursor, total -> total_results (numbers or strings of digits);
// items_per_page = the items the collection holds (the message's `count` is not trusted: pages
// may be short, and recorded pages were cut without changing it); answer records for status "ok",
// no_records for "no posts found" (an empty answer, not an error), error for any other status;
// either way error_code is the status as given ("no posts found", "Invalid server"). An item without a DOI, or a DOI whose
// latest version has no title, goes to `rejected` ("<origin>: item 3 (id 10.1101/x): no title").
// Errors: bad_upstream_data naming `origin` when the bytes are not JSON or not a details answer
// (no "collection" array).
Result<ParseResult> parse_details(std::string_view bytes, std::string_view origin);

// "Durrieu, L.; Janzen, D. L. I.; COVID Consortium" -> "L. Durrieu", "D. L. I. Janzen",
// "COVID Consortium": names separated by ';', "Surname, Given" turned around, blanks collapsed.
std::vector<core::Author> split_authors(std::string_view text);

}  // namespace ah::sources::biorxiv
