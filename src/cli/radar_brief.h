// What a radar gives a briefing of its papers (brief/period.h's SetContext): its ranking of the
// previous period (a look that remembers nothing: radarsvc::FeedRequest::remember), whom it
// follows, and its scores with its reasons. For `brief --radar` and the API's briefings of a
// radar's view (web::BriefingsApiOptions::radar_context). Thread-safe as RadarService is: each
// call uses only the store it is given.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "brief/period.h"
#include "core/error.h"
#include "core/paper.h"
#include "radarsvc/service.h"
#include "store/paper_store.h"
#include "store/radar_store.h"

namespace ah::cli {

// The radar's words for why a paper ranks high: the values of its first reason that has any
// (followed authors, keywords, the terms that weighed most), at most three, comma-separated.
std::string radar_reason(const std::vector<radar::Why>& why);

// `request`'s batch of `radar`'s feed, best first (remembered as shown, as any feed), with its
// context: the previous period is the radar's ranking of the equal window before the one
// ranked (the view's days or since/until; else the days the batch spans), as many papers as
// the batch at most. Errors: the feed's, with "the previous period" for the second look.
Result<brief::BriefSet> radar_brief_set(radarsvc::RadarService& service,
                                        store::PaperStore& store, const store::StoredRadar& radar,
                                        const radarsvc::FeedRequest& request);

// The context of `set`, papers of `radar`'s view chosen elsewhere (the page's cards): whom the
// radar follows, and its ranking of the equal window before the days `set` spans (at least 200
// papers, at most brief::kMaxPreviousPapers). Remembers nothing, so a read-only store will do.
// Errors: the feed's.
Result<brief::SetContext> radar_context(radarsvc::RadarService& service, store::PaperStore& store,
                                        const store::StoredRadar& radar,
                                        std::span<const core::Paper> set);

}  // namespace ah::cli
