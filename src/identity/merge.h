// One paper from several records: the field precedence table (which family wins each field) and
// merge_records, which applies it. Pure; thread-safe.
//
// The rules, one row per field (kFieldRules in merge.cpp; families in order of precedence):
//
//   field                                      | who wins
//   -------------------------------------------|------------------------------------------------
//   title, venue, venue_short, volume, issue,  | the journal's, once published: crossref >
//   pages, publisher, issns, language, type    |   pubmed > openalex > journal > s2 > biorxiv >
//                                              |   medrxiv > arxiv (first record that has it)
//   doi                                        | the same order, arXiv DOIs last (they are the
//                                              |   arXiv id, which `arxiv_id` carries)
//   abstract                                   | pubmed > crossref > arxiv > biorxiv > medrxiv >
//                                              |   openalex > journal > s2: the preprint's when
//                                              |   the journal gives none
//   authors                                    | the record with the most authors among crossref,
//                                              |   pubmed, openalex; else the preprint's; ORCIDs,
//                                              |   author ids and empty affiliations completed
//                                              |   from the other records by matching names
//   categories, arxiv_id, version, versions,   | the preprint's: arxiv > biorxiv > medrxiv > the
//   version_date, comment, journal_ref,        |   others
//   report_no, submitter, announce_type,       |
//   announced, license, abs_url, pdf_url       |
//   published                                  | the EARLIEST date of any record (a paper's place
//                                              |   in a feed never moves when it is published)
//   updated                                    | the latest of any record
//   other identifiers, relations               | all records' (the union)
//   retracted                                  | any record's flag
//   source                                     | the primary record's: the one whose title won
//
// Within one family the published record (not a preprint) comes first for the journal-first
// fields and the preprint first for the preprint-first ones; then the older record.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/paper.h"
#include "identity/family.h"

namespace ah::identity {

// One record of a paper, as the store keeps it.
struct Record {
  std::int64_t id = 0;  // the store's record id (0 when not stored yet)
  core::Paper content;  // the record as received: store-filled fields empty
};

// A notice about the paper from a record of another work: that record `updates` one of the
// paper's identifiers (a Crossref correction, a PubMed retraction notice).
struct Notice {
  core::NoticeKind kind = core::NoticeKind::other;
  std::string doi;     // the notice's DOI (or its record key when it has none)
  std::string date;    // "YYYY-MM-DD" or empty
  std::string source;  // core::source::* of the notice's record
  bool operator==(const Notice&) const = default;
};

struct Merged {
  // The paper: every field chosen by the table, `field_sources` (field -> record id), `history`
  // and `status` filled; paper_id and records are the store's to fill.
  core::Paper paper;
  size_t primary = 0;  // index in `records` of the primary record
};

// Merges the records of one paper (at least one; in any order) by the table above, with the
// notices that concern it. Deterministic: the same records in any order give the same paper.
// The merge of one record without notices is that record (store-filled fields aside).
Merged merge_records(std::span<const Record> records, std::span<const Notice> notices = {});

// The earlier of two dates for "the paper's date": a full day (core::leading_day reads it:
// "YYYY-MM-DD...", a real calendar day) beats a month, a year or a day that does not exist, and
// among equals the earlier wins; empty loses to anything.
const std::string& earlier_date(const std::string& a, const std::string& b);

}  // namespace ah::identity
