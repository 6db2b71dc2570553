// What a briefing's "what is new" compares against: the previous period, the window of days of
// equal length just before the set's own window, read the way the set was chosen (the same
// search; for a list of ids, the set's main categories). Thread-compatible: the store given is
// used from the calling thread only.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "brief/analysis.h"
#include "brief/paper_set.h"
#include "core/error.h"
#include "core/paper.h"
#include "store/paper_store.h"

namespace ah::brief {

// What a briefing reads beside its set: the previous period, and what makes a paper notable
// beyond the papers themselves (a radar's followed authors and its best).
struct SetContext {
  std::vector<core::Paper> previous;
  NotableInputs notable;
};

// A briefing's papers, in the order their [n] follow, with their context.
struct BriefSet {
  std::vector<core::Paper> papers;
  SetContext context;
};

// Inclusive days.
struct DayWindow {
  std::chrono::sys_days first, last;
  int days() const { return (last - first).count() + 1; }
};

// The window `papers` cover: `since` (YYYY-MM-DD, YYYY-MM or YYYY) when given, else their first
// day (paper_date); `until` likewise, else their last day. nullopt when a bound is missing and no
// paper has a date, or the bounds cannot be read or are reversed.
std::optional<DayWindow> set_window(std::span<const core::Paper> papers, std::string_view since,
                                    std::string_view until);

// The equal-length window that ends the day before `window` starts.
DayWindow previous_window(const DayWindow& window);

// The main categories of `papers`: their primary categories, most frequent first, as many as
// cover `share` of the papers, at most `max` of them (ties by name, so the list is stable).
std::vector<std::string> main_categories(std::span<const core::Paper> papers,
                                         double share = 0.8, std::size_t max = 5);

// The papers most previous-period papers a briefing reads: enough for term rates, no more.
inline constexpr int kMaxPreviousPapers = kMaxSetPapers;

// The previous period of `set` (gather(store, request)'s papers): for a query, the same query's
// best `request.limit` papers in the previous window; for ids, the newest papers of the set's
// main categories in the previous window (as many as the set, at least 200, at most
// kMaxPreviousPapers). Papers of the set are left out. Empty when the set has no window or no
// categories (the briefing then says nothing of what is new). Errors: the store's.
Result<std::vector<core::Paper>> gather_previous(store::PaperStore& store,
                                                 const PaperSetRequest& request,
                                                 std::span<const core::Paper> set);

}  // namespace ah::brief
