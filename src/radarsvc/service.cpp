#include "radarsvc/service.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "core/work.h"
#include "radarsvc/index_file.h"
#include "search/query.h"

namespace ah::radarsvc {

struct RadarService::Index {
  radar::FeatureIndex index;
  std::int64_t last_id = 0;      // the highest stable id read from the store
  std::size_t built_size = 0;    // papers at the last build
  std::uint64_t generation = 0;  // bumped by every build: rows of an older build mean nothing
  int max_day = radar::kNoDay;   // the newest paper's day
  std::size_t saved_size = 0;    // papers when last written to the index file (0: never)
};

struct RadarService::Learned {
  std::shared_ptr<const radar::Radar> radar;
  std::int64_t revision = 0;
  std::uint64_t generation = 0;
};

namespace {

using Clock = std::chrono::steady_clock;

std::string cursor_text(std::int64_t radar, std::int64_t session) {
  return fmt::format("r{}s{}", radar, session);
}

// The session of a cursor that cursor_text made for `radar`. Errors: invalid_argument.
Result<std::int64_t> cursor_session(std::string_view text, std::int64_t radar) {
  auto bad = [&] {
    return fail(ErrorCode::invalid_argument,
                fmt::format("cursor: '{}' is not a cursor of this radar's feed", text));
  };
  if (!text.starts_with('r')) return bad();
  const auto s = text.find('s');
  if (s == std::string_view::npos) return bad();
  std::int64_t r = 0, session = 0;
  auto number = [](std::string_view digits, std::int64_t& out) {
    if (digits.empty() || digits.size() > 18) return false;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc() && end == digits.data() + digits.size() && out > 0;
  };
  if (!number(text.substr(1, s - 1), r) || !number(text.substr(s + 1), session) || r != radar) {
    return bad();
  }
  return session;
}

Result<int> day_bound(std::string_view name, const std::string& text, bool end) {
  auto date = search::parse_date_bound(text, end);
  if (!date) return std::unexpected(date.error().with_context(name));
  return radar::day_number(*date);
}

// What the index reads of a paper (radar/analyzer.h: title, abstract, authors, categories,
// venue or journal_ref, source, dates) and nothing else: a build holds every paper of the store
// at once, so the rest is dropped as the papers arrive.
void slim(core::Paper& p) {
  if (!p.title_display.empty()) p.title.clear();
  if (!p.abstract_display.empty()) p.abstract.clear();
  p.records.clear();
  p.history.clear();
  p.field_sources.clear();
  p.versions.clear();
  p.relations.clear();
  p.other_ids.clear();
  p.issns.clear();
  for (core::Author& a : p.authors) a.affiliation.clear();
  for (std::string* s : {&p.comment, &p.report_no, &p.license, &p.submitter, &p.abs_url,
                         &p.pdf_url, &p.fetched_from, &p.publisher, &p.pages}) {
    s->clear();
    s->shrink_to_fit();
  }
}

}  // namespace

std::optional<View> parse_view(std::string_view text) {
  for (View v : {View::all, View::today, View::week}) {
    if (to_string(v) == text) return v;
  }
  return std::nullopt;
}

std::string_view to_string(View view) {
  switch (view) {
    case View::all:
      return "all";
    case View::today:
      return "today";
    case View::week:
      return "week";
  }
  return "all";
}

const radar::SignalWeights& weights(const ServiceOptions& options) { return options.radar.weights; }

RadarService::RadarService(ServiceOptions options) : options_(std::move(options)) {}
RadarService::~RadarService() = default;

std::size_t RadarService::indexed() const {
  std::shared_lock lock(index_mutex_);
  return index_ ? index_->index.size() : 0;
}

Result<void> RadarService::build(store::PaperStore& store) {
  std::vector<core::Paper> papers;
  std::vector<radar::PaperId> ids;
  std::int64_t after = 0;
  for (;;) {
    auto batch = store.papers_after(after, options_.read_batch);
    if (!batch) return std::unexpected(batch.error().with_context("radar index"));
    if (batch->papers.empty()) break;
    after = batch->papers.back().paper_id;
    for (auto& p : batch->papers) {
      if (core::is_notice_only(p)) continue;  // its news is its work's status
      slim(p);
      ids.push_back(p.paper_id);
      papers.push_back(std::move(p));
    }
  }
  if (papers.empty()) return {};  // nothing to index yet: built when the store has papers
  auto built = radar::FeatureIndex::build({ids, papers}, options_.index);
  if (!built) return std::unexpected(built.error().with_context("radar index"));
  auto fresh = std::make_unique<Index>(Index{std::move(*built), after, papers.size(), 0, 0});
  fresh->max_day = radar::kNoDay;
  for (radar::Row r = 0; r < fresh->index.size(); ++r) {
    fresh->max_day = std::max(fresh->max_day, fresh->index.day(r));
  }
  {
    std::unique_lock lock(index_mutex_);
    fresh->generation = index_ ? index_->generation + 1 : 1;
    index_ = std::move(fresh);
  }
  keep(store, /*built=*/true);
  return {};
}

bool RadarService::read_saved(store::PaperStore& store) {
  if (options_.index_file.empty()) return false;
  auto read = read_index_file(store, options_.index_file, options_.index, options_.note);
  if (!read) return false;
  auto fresh = std::make_unique<Index>(Index{std::move(*read), 0, 0, 0, radar::kNoDay, 0});
  for (radar::Row r = 0; r < fresh->index.size(); ++r) {
    fresh->last_id = std::max(fresh->last_id, fresh->index.id(r));
    fresh->max_day = std::max(fresh->max_day, fresh->index.day(r));
  }
  fresh->built_size = fresh->saved_size = fresh->index.size();
  std::unique_lock lock(index_mutex_);
  fresh->generation = index_ ? index_->generation + 1 : 1;
  index_ = std::move(fresh);
  return true;
}

void RadarService::keep(store::PaperStore& store, bool built) {
  if (options_.index_file.empty()) return;
  std::size_t size = 0;
  {
    std::shared_lock lock(index_mutex_);
    if (!index_) return;
    size = index_->index.size();
    const auto enough =
        static_cast<double>(index_->saved_size) * (1.0 + options_.index_file_growth);
    if (!built && static_cast<double>(size) < enough) return;
    if (!write_index_file(store, options_.index_file, index_->index, options_.note)) return;
  }
  // Only this thread (it holds sync_mutex_) changes the index: the size written is still its.
  std::unique_lock lock(index_mutex_);
  if (index_) index_->saved_size = size;
}

Result<void> RadarService::sync(store::PaperStore& store) {
  std::unique_lock sync_lock(sync_mutex_, std::defer_lock);
  {
    std::shared_lock lock(index_mutex_);
    if (index_) {
      // Another thread is syncing: rank with the index as it is.
      if (!sync_lock.try_lock()) return {};
    }
  }
  if (!sync_lock.owns_lock()) sync_lock.lock();
  std::int64_t after = 0;
  std::size_t size = 0, built = 0;
  bool have = false;
  {
    std::shared_lock lock(index_mutex_);
    if (index_) {
      have = true;
      after = index_->last_id;
      size = index_->index.size();
      built = index_->built_size;
    }
  }
  if (!have) {
    if (!read_saved(store)) return build(store);
    std::shared_lock lock(index_mutex_);
    after = index_->last_id;
    size = index_->index.size();
    built = index_->built_size;
  }
  const auto limit = static_cast<std::size_t>(static_cast<double>(std::max<std::size_t>(built, 1)) *
                                              (1.0 + options_.rebuild_growth));
  std::vector<core::Paper> fresh;
  for (;;) {
    auto batch = store.papers_after(after, options_.read_batch);
    if (!batch) return std::unexpected(batch.error().with_context("radar index"));
    if (batch->papers.empty()) break;
    after = batch->papers.back().paper_id;
    for (auto& p : batch->papers) {
      if (!core::is_notice_only(p)) fresh.push_back(std::move(p));
    }
    if (size + fresh.size() > limit) return build(store);
  }
  if (fresh.empty()) return {};
  {
    std::unique_lock lock(index_mutex_);
    for (const core::Paper& p : fresh) {
      auto row = index_->index.add(p.paper_id, p);
      if (!row) continue;  // conflict: indexed already (cannot happen: ids only grow)
      index_->max_day = std::max(index_->max_day, index_->index.day(*row));
    }
    index_->last_id = after;
  }
  keep(store, /*built=*/false);
  return {};
}

radar::RadarProfile RadarService::with_terms(const radar::RadarProfile& profile) const {
  if (!options_.description_terms || profile.description.empty()) return profile;
  auto terms = options_.description_terms(profile.description);
  if (!terms || terms->empty()) return profile;
  radar::RadarProfile out = profile;
  for (const auto& t : *terms) out.description += "\n" + t;
  return out;
}

Result<std::shared_ptr<const radar::Radar>> RadarService::learned(
    const Index& index, const store::StoredRadar& stored) {
  std::shared_ptr<const radar::Radar> previous;
  {
    std::lock_guard lock(learned_mutex_);
    auto it = learned_.find(stored.id);
    if (it != learned_.end() && it->second.generation == index.generation) {
      if (it->second.revision == stored.revision) return it->second.radar;
      previous = it->second.radar;
    }
  }
  // Trained outside the cache's lock: other radars' requests go on meanwhile. Two requests for
  // one changed radar may both train; they learn the same thing.
  const radar::RadarProfile profile = with_terms(stored.profile);
  std::shared_ptr<radar::Radar> next;
  if (previous) {
    next = std::make_shared<radar::Radar>(*previous);
    if (auto ok = next->update(index.index, profile); !ok) {
      return std::unexpected(ok.error());
    }
  } else {
    auto made = radar::Radar::create(index.index, profile, options_.radar);
    if (!made) return std::unexpected(made.error());
    next = std::make_shared<radar::Radar>(std::move(*made));
  }
  std::lock_guard lock(learned_mutex_);
  auto& slot = learned_[stored.id];
  if (slot.generation != index.generation || slot.revision <= stored.revision) {
    slot = Learned{next, stored.revision, index.generation};
  }
  return std::shared_ptr<const radar::Radar>(next);
}

Result<std::optional<std::chrono::microseconds>> RadarService::retrain(
    const store::StoredRadar& radar) {
  std::shared_lock lock(index_mutex_);
  if (!index_) return std::optional<std::chrono::microseconds>();
  const auto start = Clock::now();
  auto r = learned(*index_, radar);
  if (!r) return std::unexpected(r.error());
  return std::optional(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start));
}

Result<RadarService::Voted> RadarService::vote(store::PaperStore& store,
                                               const store::StoredRadar& radar,
                                               std::string_view paper,
                                               std::optional<radar::Vote> vote) {
  store::RadarStore* radars = store.radars();
  if (radars == nullptr) return fail(ErrorCode::unavailable, "this store keeps no radars");
  auto id = resolve_papers(store, {std::string(paper)}, "paper");
  if (!id) return std::unexpected(id.error());
  auto updated = radars->set_vote(radar.user, radar.id, id->front(), vote);
  if (!updated) return std::unexpected(updated.error());
  Voted out{std::move(*updated), id->front(), std::nullopt};
  auto took = retrain(out.radar);
  if (!took) return std::unexpected(took.error());
  out.retrain = *took;
  return out;
}

Result<Feed> RadarService::feed(store::PaperStore& store, const store::StoredRadar& stored,
                                const FeedRequest& request) {
  store::RadarStore* radars = store.radars();
  if (radars == nullptr) return fail(ErrorCode::unavailable, "this store keeps no radars");
  if (request.limit < 1 || request.limit > kMaxFeedLimit) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("limit: expected an integer from 1 to {}, got {}", kMaxFeedLimit,
                            request.limit));
  }
  int since = std::numeric_limits<int>::min(), until = std::numeric_limits<int>::max();
  if (!request.since.empty()) {
    auto d = day_bound("since", request.since, false);
    if (!d) return std::unexpected(d.error());
    since = *d;
  }
  if (!request.until.empty()) {
    auto d = day_bound("until", request.until, true);
    if (!d) return std::unexpected(d.error());
    until = *d;
  }
  if (since > until) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("since: {} is after until {}", request.since, request.until));
  }
  std::int64_t session = 0;
  if (!request.remember && !request.cursor.empty()) {
    return fail(ErrorCode::invalid_argument,
                "cursor: a look that remembers nothing has no session");
  }
  if (!request.cursor.empty()) {
    auto s = cursor_session(request.cursor, stored.id);
    if (!s) return std::unexpected(s.error());
    auto known = radars->has_session(stored.id, *s);
    if (!known) return std::unexpected(known.error());
    if (!*known) {
      return fail(ErrorCode::invalid_argument,
                  "cursor: that session was forgotten; ask again without a cursor");
    }
    session = *s;
  }
  if (auto ok = sync(store); !ok) return std::unexpected(ok.error());
  auto excluded = radars->excluded(stored.id, session);
  if (!excluded) return std::unexpected(excluded.error());
  if (session == 0 && request.remember) {
    auto s = radars->start_session(stored.id);
    if (!s) return std::unexpected(s.error());
    session = *s;
  }

  Feed feed;
  std::vector<radar::RankedPaper> batch;
  bool more = false;
  {
    std::shared_lock lock(index_mutex_);
    if (!index_) return feed;  // an empty store
    const Index& index = *index_;
    auto learned_radar = this->learned(index, stored);
    if (!learned_radar) return std::unexpected(learned_radar.error());
    const radar::Radar& radar = **learned_radar;
    feed.missing.assign(radar.missing().begin(), radar.missing().end());
    int lo = since, hi = until;
    if (request.view == View::today) lo = std::max(lo, index.max_day);
    if (request.view == View::week) lo = std::max(lo, index.max_day - 6);
    if (request.view != View::all) hi = std::min(hi, index.max_day);
    if (lo != std::numeric_limits<int>::min()) feed.first_day = lo;
    if (hi != std::numeric_limits<int>::max()) feed.last_day = hi;
    radar::RankRequest first;
    first.since = lo;
    first.until = hi;
    first.limit =
        static_cast<std::size_t>(request.limit) * std::max<std::size_t>(1, options_.mmr.window);
    first.skip = &*excluded;
    first.explain = false;
    first.today = std::min(hi, index.max_day);
    first.threads = options_.rank_threads;
    auto ranked = radar::rank(index.index, radar, first);
    if (!ranked) return std::unexpected(ranked.error());
    batch = radar::next_batch(index.index, *ranked, *excluded,
                              static_cast<std::size_t>(request.limit), options_.mmr);
    more = ranked->size() > batch.size();
    // The batch's explanations, with the same reference day as its scores.
    std::vector<radar::Row> rows;
    for (const auto& p : batch) rows.push_back(p.row);
    radar::RankRequest explain;
    explain.rows = rows;
    explain.use_rows = true;
    explain.limit = 0;
    explain.today = first.today;
    auto explained = radar::rank(index.index, radar, explain);
    if (!explained) return std::unexpected(explained.error());
    std::unordered_map<radar::PaperId, std::vector<radar::Why>> whys;
    for (auto& p : *explained) whys[p.id] = std::move(p.why);
    for (auto& p : batch) p.why = std::move(whys[p.id]);
  }

  // The papers themselves. An indexed id merged into another paper since reads as that paper:
  // it is shown once, and not when the paper it now is has been seen.
  std::unordered_set<std::int64_t> out(stored.profile.seeds.begin(), stored.profile.seeds.end());
  for (const auto& [id, v] : stored.profile.votes) {
    if (v == radar::Vote::down) out.insert(id);
  }
  std::vector<std::int64_t> shown;
  for (auto& ranked : batch) {
    auto paper = store.get(fmt::format("ah:{}", ranked.id));
    if (!paper) return std::unexpected(paper.error());
    if (!*paper) continue;  // gone from the store
    const std::int64_t id = (*paper)->paper_id;
    shown.push_back(ranked.id);
    if (id != ranked.id) {
      if (excluded->contains(id) || out.contains(id) ||
          std::ranges::find(shown, id) != shown.end()) {
        continue;
      }
      shown.push_back(id);
    }
    feed.papers.push_back(
        FeedItem{std::move(**paper), ranked.score, ranked.signals, std::move(ranked.why)});
  }
  if (!shown.empty() && request.remember) {
    if (auto ok = radars->mark_seen(stored.id, shown, store::SeenState::shown, session); !ok) {
      return std::unexpected(ok.error());
    }
  }
  for (const FeedItem& item : feed.papers) {
    for (const radar::Why& why : item.why) {
      for (std::int64_t id : why.papers) {
        if (feed.titles.contains(id)) continue;
        auto p = store.get(fmt::format("ah:{}", id));
        if (!p) return std::unexpected(p.error());
        if (*p) feed.titles[id] = (*p)->title_display.empty() ? (*p)->title : (*p)->title_display;
      }
    }
  }
  if (more && request.remember) feed.next_cursor = cursor_text(stored.id, session);
  return feed;
}

Result<std::vector<std::int64_t>> resolve_papers(store::PaperStore& store,
                                                 const std::vector<std::string>& ids,
                                                 std::string_view what) {
  std::vector<std::int64_t> out;
  std::vector<std::string> unknown, unreadable;
  for (const std::string& id : ids) {
    auto p = store.get(id);
    if (!p) {
      if (p.error().code != ErrorCode::invalid_argument) return std::unexpected(p.error());
      unreadable.push_back(fmt::format("'{}' ({})", id, p.error().message));
      continue;
    }
    if (!*p) {
      unknown.push_back(id);
      continue;
    }
    if (std::ranges::find(out, (*p)->paper_id) == out.end()) out.push_back((*p)->paper_id);
  }
  if (!unreadable.empty()) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("{}: not a paper identifier: {}", what, fmt::join(unreadable, "; ")));
  }
  if (!unknown.empty()) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("{}: no paper {} in the store", what, fmt::join(unknown, ", ")));
  }
  return out;
}

}  // namespace ah::radarsvc
