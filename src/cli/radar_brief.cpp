// A radar's briefing context.
#include "cli/radar_brief.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>

#include "core/calendar.h"
#include "radar/explain.h"

namespace ah::cli {
namespace {

// `radar`'s ranking of `window`, remembering nothing.
Result<std::vector<core::Paper>> look(radarsvc::RadarService& service, store::PaperStore& store,
                                      const store::StoredRadar& radar,
                                      const brief::DayWindow& window, int limit) {
  radarsvc::FeedRequest request;
  request.view = radarsvc::View::all;
  request.since = core::day_text(window.first);
  request.until = core::day_text(window.last);
  request.limit = std::clamp(limit, 1, radarsvc::kMaxFeedLimit);
  request.remember = false;
  auto feed = service.feed(store, radar, request);
  if (!feed) return std::unexpected(feed.error().with_context("the previous period"));
  std::vector<core::Paper> out;
  out.reserve(feed->papers.size());
  for (radarsvc::FeedItem& item : feed->papers) out.push_back(std::move(item.paper));
  return out;
}

}  // namespace

std::string radar_reason(const std::vector<radar::Why>& why) {
  for (const radar::Why& w : why) {
    const bool telling = w.kind == radar::WhyKind::followed_author ||
                         w.kind == radar::WhyKind::keyword ||
                         w.kind == radar::WhyKind::taste_terms;
    if (!telling || w.values.empty()) continue;
    const std::size_t n = std::min<std::size_t>(w.values.size(), 3);
    return fmt::format("{}", fmt::join(w.values.begin(), w.values.begin() + n, ", "));
  }
  return {};
}

Result<brief::BriefSet> radar_brief_set(radarsvc::RadarService& service,
                                        store::PaperStore& store, const store::StoredRadar& radar,
                                        const radarsvc::FeedRequest& request) {
  auto feed = service.feed(store, radar, request);
  if (!feed) return std::unexpected(feed.error());
  brief::BriefSet set;
  set.papers.reserve(feed->papers.size());
  set.context.notable.followed_authors = radar.profile.authors;
  for (radarsvc::FeedItem& item : feed->papers) {
    set.context.notable.radar.push_back(
        brief::RadarScore{set.papers.size(), item.score, radar_reason(item.why)});
    set.papers.push_back(std::move(item.paper));
  }
  if (set.papers.empty()) return set;
  auto window = brief::set_window(set.papers, request.since, request.until);
  if (feed->first_day && feed->last_day) {
    window = brief::DayWindow{std::chrono::sys_days(std::chrono::days(*feed->first_day)),
                              std::chrono::sys_days(std::chrono::days(*feed->last_day))};
  }
  if (!window) return set;
  auto previous = look(service, store, radar, brief::previous_window(*window), request.limit);
  if (!previous) return std::unexpected(previous.error());
  set.context.previous = std::move(*previous);
  return set;
}

Result<brief::SetContext> radar_context(radarsvc::RadarService& service, store::PaperStore& store,
                                        const store::StoredRadar& radar,
                                        std::span<const core::Paper> set) {
  brief::SetContext context;
  context.notable.followed_authors = radar.profile.authors;
  const auto window = brief::set_window(set, "", "");
  if (!window) return context;
  const int limit = std::clamp(static_cast<int>(set.size()), 200, brief::kMaxPreviousPapers);
  auto previous = look(service, store, radar, brief::previous_window(*window), limit);
  if (!previous) return std::unexpected(previous.error());
  context.previous = std::move(*previous);
  return context;
}

}  // namespace ah::cli
