// Field normalisation shared by the arXiv parsers: ids, DOIs, categories, author lists, dates
// and the location strings of rejected records. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/paper.h"
#include "sources/common/parse_result.h"

namespace ah::sources::arxiv {

// True for an arXiv category: a known archive ("hep-th", "quant-ph", "cs", old ones such as
// "solv-int") optionally followed by ".SUBJECT" ("cs.CL", "cond-mat.str-el", "physics.ao-ph").
// False for ACM/MSC classes the API mixes in ("I.2.7", "68T50", "F.2.2; I.2.7").
bool is_arxiv_category(std::string_view text);

// Appends the arXiv categories of a blank-separated list ("math.CO cs.CG"), in order, to `out`.
void append_categories(std::string_view list, std::vector<std::string>& out);

// The first DOI of a text that may hold several ("10.1103/a 10.1103/b", "doi:10.1/x; 10.2/y"),
// normalised by core::normalize_doi; empty when there is none.
std::string first_doi(std::string_view text);

// Parses `text` as an arXiv id and sets paper.arxiv_id and, when the text names one,
// paper.version. Returns an empty string on success, else why the id was refused.
std::string set_arxiv_id(core::Paper& paper, std::string_view text);

// Splits an arXiv author string into authors, in order: names are separated by ",", " and " and
// ", and" outside parentheses. A trailing "(Affiliation)" becomes the author's affiliation; the
// numbered form "A (1), B (1, 2) ((1) Univ X, (2) Lab Y)" is resolved to each author's list.
// Names are returned raw (LaTeX kept); core::finalize renders them.
std::vector<core::Author> split_authors(std::string_view text);

// Renders the short free-text fields (comment, journal_ref, report_no, submitter) the way
// author names are rendered (blanks collapsed, LaTeX accents resolved) and trims the license.
// Every parser calls it before core::finalize.
void tidy_fields(core::Paper& paper);

// core::finalize(paper), the last step of every parser; returns where the record is ("<origin>:
// <unit> <index> (id ...)") and how many authors it named when its author list was cut.
std::optional<CappedRecord> finalize_record(core::Paper& paper, std::string_view origin,
                                            std::string_view unit, std::size_t index);

// Blanks at both ends removed.
std::string_view trim(std::string_view text);

// The later of two normalised dates (ISO strings compare in time order); at equal days the one
// with a time wins. Empty strings lose.
std::string later_date(const std::string& a, const std::string& b);

// The last "YYYY-MM-DD" in the file-name part of `origin` ("data/2025-03-18.jsonl",
// "daily_arxiv_crawl_2025-03-18.jsonl"), or empty when there is none.
std::string date_from_file_name(std::string_view origin);

// "<origin>: <unit> <index>" plus " (id <id>)" when the id is known.
std::string record_where(std::string_view origin, std::string_view unit, std::size_t index,
                         std::string_view id);

}  // namespace ah::sources::arxiv
