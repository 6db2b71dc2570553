// A paper's history (posted, versions, published, corrected, retracted) and standing, derived
// from its records and the notices about it. Pure; thread-safe.
#pragma once

#include <span>
#include <vector>

#include "core/paper.h"
#include "identity/merge.h"

namespace ah::identity {

// The events the records and notices tell, ascending by date (undated ones last, in record
// order):
//  - a preprint server's record (arxiv, biorxiv, medrxiv): "posted" (label "arXiv", "bioRxiv",
//    "medRxiv") at v1 or its first date, and "version" ("v2", ...) for each later version;
//  - any other record that is not a preprint or a notice: "published" (label: its venue) at
//    its date, one event for all such records of the same venue (the earliest full date);
//  - notices, from a record's updated-by relations or from notice records: "corrected"
//    (corrections and errata), "retracted", "expression-of-concern", "withdrawn" (label: the
//    notice's DOI), and "retracted" without a date for a record flagged retracted without one.
std::vector<core::HistoryEvent> history_of(std::span<const Record> records,
                                           std::span<const Notice> notices = {});
// The history of a paper that is one record (the store's single-record papers), without copying it.
std::vector<core::HistoryEvent> history_of_one(const core::Paper& record);

// The standing: retracted (a flag or a retraction), corrected (a correction or erratum),
// concern, the notices' DOIs (in history order), and the update mark: the latest dated event
// when it is later than the first one (the paper's first appearance), else none.
// `flagged_retracted`: a record itself says the work is retracted.
core::PaperStatus status_of(std::span<const core::HistoryEvent> history, bool flagged_retracted);

}  // namespace ah::identity
