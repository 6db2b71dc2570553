// Finding the stored papers a reference list names (references.h): by identifier first, then by
// title. Reads the store only. Thread-safe as the store is: one call per store at a time.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bibio/references.h"
#include "core/error.h"
#include "core/paper.h"
#include "store/paper_store.h"

namespace ah::bibio {

enum class MatchedBy { doi, arxiv_id, pmid, title };

// Stable lower-case name ("doi", "arxiv_id", "pmid", "title").
std::string_view to_string(MatchedBy by);

struct Match {
  std::size_t reference;  // index into the references given
  // The identifier that found the paper, in a form PaperStore::get reads: the DOI ("10.1/x"),
  // the arXiv id ("2401.01234"), "pmid:N", or for a title match the paper's stable id
  // ("ah:42"). Empty when unmatched.
  std::string paper_identifier_used;
  std::optional<core::Paper> paper;  // as PaperStore::get returns it; nullopt when unmatched
  std::optional<MatchedBy> by;       // nullopt when unmatched
};

// For each reference, in order (one Match per reference, Match::reference its index), finds the
// stored paper:
//  1. by DOI, then arXiv id, then PMID, each through PaperStore::get (an arXiv DOI finds the
//     arXiv paper; an identifier the store does not read is passed over);
//  2. else by title: a title-field search for the title's rarest words (identity::candidate_words,
//     or all its words for a title too short for those), then among the first 50 hits the first
//     whose folded title (identity::fold: markup, accents, case and punctuation removed) equals
//     the reference's, with publication years at most 1 apart when both are known.
// A reference found by none has no paper.
// Errors: those of PaperStore::get other than invalid_argument, and of PaperStore::search, with
// the reference's line as context ("reference at line 12: ...").
Result<std::vector<Match>> match_references(store::PaperStore& store,
                                            std::span<const Reference> refs);

}  // namespace ah::bibio
