// PubMed's vocabularies and date forms, read into AcademicHub's: publication types to WorkType,
// CommentsCorrections RefTypes to relations, ISO 639-2 language codes to ISO 639-1, and the date
// elements (Year/Month/Day, Season, MedlineDate) to ISO days. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/work.h"

namespace ah::sources::pubmed {

// --- dates -----------------------------------------------------------------------------------

// The period a PubMed date names, as ISO days: `first` is its first day, `last` its last (a day
// gives first == last; "2024 Dec" gives 2024-12-01..2024-12-31). Both empty when no year is given.
struct DatePeriod {
  std::string first, last;
  bool empty() const { return first.empty(); }
};

// A date element: <Year> with <Month> ("Sep", "09", "9") and <Day>, or <Year> with <Season>, or
// <MedlineDate> (PubDate only). The first day of what it says:
//   Year only -> YYYY-01-01; Month -> its first day; Season: Spring -> 03-01, Summer -> 06-01,
//   Fall/Autumn -> 09-01, Winter -> 01-01 of the year given (journals number "Winter 2020" as
//   that year's first issue; PubMed gives no other hint);
//   MedlineDate: the first date it names ("1998 Dec-1999 Jan" -> 1998-12-01, "2000 Spring" ->
//   2000-03-01, "1999-2000" -> 1999-01-01, "2002 Nov 25-Dec 2" -> 2002-11-25); the period of a
//   MedlineDate range is that of its first part (1998-12-01..1998-12-31).
DatePeriod date_period(const pugi::xml_node& date);
DatePeriod medline_date(std::string_view text);

// 1..12 for "Jan".."Dec" (any case, full names too) or "1".."12" ("09"); 0 otherwise.
int month_number(std::string_view text);

// --- publication types ------------------------------------------------------------------------

// What a record's PublicationType list says about it.
struct TypeFlags {
  core::WorkType type = core::WorkType::unknown;
  bool retracted = false;  // "Retracted Publication"
};

// Reads the publication types in order of precedence: a notice type wins over the kind of text it
// is ("Retraction of Publication" -> retraction, "Published Erratum" -> erratum, "Expression of
// Concern" -> expression_of_concern, "Comment" -> comment), then "Preprint" -> preprint,
// "Editorial"/"News"/"Newspaper Article" -> editorial, "Letter" -> letter, reviews ("Review",
// "Systematic Review", "Scoping Review") -> review, "Dataset" -> dataset, "Congress" ->
// proceedings, and any research type ("Journal Article", "Clinical Trial", "Case Reports",
// "Meta-Analysis", ...) -> article. Types that say nothing about the kind ("Research Support,
// N.I.H., Extramural") are ignored; none known -> unknown. "Retracted Publication" sets retracted.
TypeFlags read_publication_types(const std::vector<std::string>& types);

// --- comments and corrections -----------------------------------------------------------------

// How a CommentsCorrections RefType relates this record to the one it names.
struct RefTypeMeaning {
  core::RelationType relation;
  core::NoticeKind notice = core::NoticeKind::none;
};

// RetractionIn, ErratumIn, ExpressionOfConcernIn, PartialRetractionIn, CorrectedandRepublishedIn,
// RetractionandRepublishedIn -> updated_by; RetractionOf, ErratumFor, ExpressionOfConcernFor,
// PartialRetractionOf, CorrectedandRepublishedFrom, RetractionandRepublishedFrom -> updates;
// notice from core::notice_kind_from_source_word. nullopt for the others (CommentIn/On,
// UpdateIn/Of, ReprintIn/Of, Cites, ...): UpdateIn/UpdateOf are read by the parser itself, since
// they link a preprint only when the target is one.
std::optional<RefTypeMeaning> notice_reftype(std::string_view reftype);

// True for DOIs of preprint servers: bioRxiv/medRxiv (10.1101/, 10.64898/), arXiv (10.48550/),
// Research Square (10.21203/), SSRN (10.2139/), Preprints.org (10.20944/), OSF (10.31219/),
// ChemRxiv (10.26434/). `doi` is normalised (lower-case).
bool is_preprint_doi(std::string_view doi);

// The DOI in a RefSource citation ("Injury. 2024 Mar;55(3):111358. doi:
// 10.1016/j.injury.2024.111358."), normalised; empty when it names none.
std::string doi_in_citation(std::string_view citation);

// --- languages and ISSNs ------------------------------------------------------------------------

// ISO 639-1 for PubMed's ISO 639-2 code ("eng" -> "en", "ger" -> "de", "chi" -> "zh"); empty for
// "und", "mul" and codes outside the table (the 50 most frequent in PubMed).
std::string language_code(std::string_view pubmed_code);

// "1234-567X" for an ISSN written "1234-567x" or "1234567X"; empty when it is not one.
std::string normalize_issn(std::string_view text);

}  // namespace ah::sources::pubmed
