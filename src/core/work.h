// What kind of work a record describes, and how records point at other works: preprint and
// published version, corrections and retractions. Pure values and stable names (stored in the
// database and shown in JSON); thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/identifiers.h"

namespace ah::core {

// The kind of work. Sources name kinds in their own words (Crossref "journal-article",
// "posted-content"; PubMed publication types; OpenAlex "article", "preprint"); each parser maps
// them to these.
enum class WorkType {
  unknown,
  preprint,     // arXiv, bioRxiv, medRxiv, Crossref posted-content
  article,      // a journal article (research or review not told apart)
  review,       // a review article, when the source says so
  proceedings,  // a paper in conference proceedings
  chapter,      // a book chapter
  book,
  letter,                 // a letter or brief communication that is research
  correction,             // a correction notice (corrigendum, "Author Correction: ...")
  erratum,                // an erratum notice
  retraction,             // a retraction notice
  expression_of_concern,  // an editorial expression of concern
  comment,                // a comment on, or reply to, another work
  editorial,              // editorials, news, views: journal content that is not research
  dataset,
  other,
};

// The stable name of a type: "preprint", "article", "expression-of-concern", ... ("unknown" for
// unknown).
std::string_view to_string(WorkType type);
// The type named by to_string's text; unknown for any other text.
WorkType parse_work_type(std::string_view name);
// True for notices about another work (correction, erratum, retraction, expression of concern,
// comment): such a record is a work of its own, never merged into the work it is about.
bool is_notice(WorkType type);

// How a record points at another work.
enum class RelationType {
  // Links: both are records of one work, so the store merges them.
  has_preprint,    // this (published) work's preprint is the target (Crossref has-preprint)
  is_preprint_of,  // this preprint was published as the target (Crossref is-preprint-of, bioRxiv
                   // "published", arXiv's own DOI field, OpenAlex locations)
  same_as,         // another identifier of the same work that the source knows (OpenAlex ids)
  // Notices: the works stay apart; the target's status changes.
  updated_by,  // the target is a notice about this work (Crossref updated-by, PubMed ErratumIn,
               // RetractionIn)
  updates,     // this record is a notice about the target (Crossref update-to, PubMed
               // ErratumFor, RetractionOf)
};
std::string_view to_string(RelationType type);  // "has-preprint", "is-preprint-of", ...
// The type named by to_string's text; nullopt when the text names none.
std::optional<RelationType> parse_relation_type(std::string_view name);
// True for the relation types that link two records into one paper.
bool links_records(RelationType type);

// What a notice says about the work it concerns.
enum class NoticeKind {
  none,
  correction,
  erratum,
  retraction,
  expression_of_concern,
  withdrawal,
  other
};
std::string_view to_string(NoticeKind kind);  // "", "correction", "erratum", "retraction", ...
NoticeKind parse_notice_kind(std::string_view name);  // none for unknown text
// The notice kind a source's own word names: Crossref update types ("correction", "erratum",
// "retraction", "expression_of_concern", "withdrawal", "removal", "partial_retraction", ...),
// PubMed CommentsCorrections RefTypes ("ErratumIn", "RetractionIn", "ExpressionOfConcernIn",
// ...), case-insensitive; other for an unknown word.
NoticeKind notice_kind_from_source_word(std::string_view word);

struct Relation {
  RelationType type = RelationType::same_as;
  Identifier target;                     // normalised as Identifier says ("doi", "10.1/x")
  NoticeKind notice = NoticeKind::none;  // for updated_by / updates
  std::string date;                      // "YYYY-MM-DD" when the source gives one
  bool operator==(const Relation&) const = default;
};

}  // namespace ah::core
