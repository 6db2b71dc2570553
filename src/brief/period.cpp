// The previous period of a briefing's set.
#include "brief/period.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "brief/analysis.h"
#include "core/calendar.h"
#include "search/query.h"

namespace ah::brief {

using std::chrono::sys_days;

std::optional<DayWindow> set_window(std::span<const core::Paper> papers, std::string_view since,
                                    std::string_view until) {
  std::optional<sys_days> first, last;
  for (const core::Paper& p : papers) {
    const auto day = core::leading_day(paper_date(p));
    if (!day) continue;
    if (!first || *day < *first) first = day;
    if (!last || *day > *last) last = day;
  }
  auto bound = [](std::string_view text, bool end) -> std::optional<std::optional<sys_days>> {
    if (text.empty()) return std::optional<sys_days>();
    auto date = search::parse_date_bound(text, end);
    if (!date) return std::nullopt;
    auto day = core::leading_day(*date);
    if (!day) return std::nullopt;
    return day;
  };
  const auto lo = bound(since, false), hi = bound(until, true);
  if (!lo || !hi) return std::nullopt;
  if (*lo) first = *lo;
  if (*hi) last = *hi;
  if (!first || !last || *first > *last) return std::nullopt;
  return DayWindow{*first, *last};
}

DayWindow previous_window(const DayWindow& window) {
  const std::chrono::days length(window.days());
  return DayWindow{window.first - length, window.first - std::chrono::days(1)};
}

std::vector<std::string> main_categories(std::span<const core::Paper> papers, double share,
                                         std::size_t max) {
  std::map<std::string, int> count;
  for (const core::Paper& p : papers) {
    if (!p.categories.empty()) ++count[p.categories.front()];
  }
  std::vector<std::pair<std::string, int>> ranked(count.begin(), count.end());
  std::ranges::stable_sort(ranked,
                           [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  const double need = share * static_cast<double>(papers.size());
  double covered = 0;
  for (auto& [category, n] : ranked) {
    if (out.size() >= max || covered >= need) break;
    out.push_back(category);
    covered += n;
  }
  return out;
}

Result<std::vector<core::Paper>> gather_previous(store::PaperStore& store,
                                                 const PaperSetRequest& request,
                                                 std::span<const core::Paper> set) {
  std::vector<core::Paper> out;
  const auto window = set_window(set, request.since, request.until);
  if (!window) return out;
  const DayWindow before = previous_window(*window);

  search::SearchRequest search;
  if (!request.query.empty()) {
    auto parsed = search::parse_query(request.query);
    if (!parsed) return std::unexpected(parsed.error().with_context("the previous period"));
    search = std::move(*parsed);
    search.limit = std::clamp(request.limit, 1, kMaxPreviousPapers);
  } else {
    search.filters.categories = main_categories(set);
    if (search.filters.categories.empty()) return out;
    search.limit =
        std::clamp(static_cast<int>(set.size()), 200, kMaxPreviousPapers);
  }
  search.filters.since = core::day_text(before.first);
  search.filters.until = core::day_text(before.last);
  search.offset = 0;
  search.count_total = false;
  auto result = store.search(search);
  if (!result) return std::unexpected(result.error().with_context("the previous period"));
  std::unordered_set<std::int64_t> in_set;
  for (const core::Paper& p : set) in_set.insert(p.paper_id);
  for (store::SearchHit& hit : result->hits) {
    if (!in_set.contains(hit.paper.paper_id)) out.push_back(std::move(hit.paper));
  }
  return out;
}

}  // namespace ah::brief
