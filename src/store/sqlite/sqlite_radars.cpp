#include "store/sqlite/sqlite_radars.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "core/calendar.h"

namespace ah::store::sqlite {
namespace {

// A paper id as it reads now: the paper that absorbed it when it was merged away (aliases are
// re-pointed on every merge, so one step suffices).
constexpr const char* kResolved =
    "coalesce((SELECT target_uid FROM paper_aliases WHERE uid = {0}), {0})";

// Feed sessions kept per radar: older ones are forgotten with their shown papers.
constexpr int kSessionsKept = 20;

constexpr const char* kRadarColumns =
    "id, user, name, authors, author_ids, keywords, excludes, categories, venues, sources, "
    "description, revision, created, updated";

std::string list_json(const std::vector<std::string>& values) {
  return nlohmann::json(values).dump();
}

std::vector<std::string> list_from(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

StoredRadar read_radar(const Stmt& s) {
  StoredRadar r;
  r.id = s.int64(0);
  r.user = s.str(1);
  r.name = s.str(2);
  r.profile.authors = list_from(s.text(3));
  r.profile.author_ids = list_from(s.text(4));
  r.profile.keywords = list_from(s.text(5));
  r.profile.excludes = list_from(s.text(6));
  r.profile.categories = list_from(s.text(7));
  r.profile.venues = list_from(s.text(8));
  r.profile.sources = list_from(s.text(9));
  r.profile.description = s.str(10);
  r.revision = s.int64(11);
  r.created = s.str(12);
  r.updated = s.str(13);
  return r;
}

std::optional<std::int64_t> decimal(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Binds the profile's columns as ?3..?11 (authors .. description) of `s`; the strings live in
// `keep` until the statement has run.
void bind_profile(Stmt& s, const radar::RadarProfile& p, std::vector<std::string>& keep) {
  keep = {list_json(p.authors),    list_json(p.author_ids),
          list_json(p.keywords),   list_json(p.excludes),
          list_json(p.categories), list_json(p.venues),
          list_json(p.sources),    p.description};
  for (std::size_t i = 0; i < keep.size(); ++i) {
    s.bind(static_cast<int>(i) + 3, std::string_view(keep[i]));
  }
}

}  // namespace

Result<void> SqliteRadars::writable() const {
  if (read_only_) return fail(ErrorCode::unavailable, "the store is open read-only");
  return {};
}

Result<std::optional<StoredRadar>> SqliteRadars::load(std::string_view user, std::int64_t id) {
  auto stmt =
      db_.cached(fmt::format("SELECT {} FROM radars WHERE id = ?1 AND user = ?2", kRadarColumns));
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id).bind(2, user);
  std::optional<StoredRadar> out;
  if (auto ok = (*stmt)->each_row([&](const Stmt& s) { out = read_radar(s); }); !ok) {
    return std::unexpected(ok.error());
  }
  if (!out) return out;
  auto seeds =
      db_.cached(fmt::format("SELECT {} FROM radar_seeds s WHERE radar_id = ?1 ORDER BY position",
                             fmt::format(kResolved, "s.paper_uid")));
  if (!seeds) return std::unexpected(seeds.error());
  (*seeds)->bind(1, id);
  auto ok = (*seeds)->each_row([&](const Stmt& s) {
    const std::int64_t paper = s.int64(0);
    if (std::ranges::find(out->profile.seeds, paper) == out->profile.seeds.end()) {
      out->profile.seeds.push_back(paper);
    }
  });
  if (!ok) return std::unexpected(ok.error());
  // Oldest first, so that of two votes now on one paper (merged since) the later one wins.
  auto votes = db_.cached(
      fmt::format("SELECT {}, vote FROM radar_votes v WHERE radar_id = ?1 ORDER BY at, paper_uid",
                  fmt::format(kResolved, "v.paper_uid")));
  if (!votes) return std::unexpected(votes.error());
  (*votes)->bind(1, id);
  ok = (*votes)->each_row([&](const Stmt& s) {
    out->profile.votes[s.int64(0)] = s.int64(1) < 0 ? radar::Vote::down : radar::Vote::up;
  });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

Result<StoredRadar> SqliteRadars::must_load(std::string_view user, std::int64_t id) {
  auto r = load(user, id);
  if (!r) return std::unexpected(r.error());
  if (!*r) return fail(ErrorCode::not_found, fmt::format("no radar {}", id));
  return std::move(**r);
}

Result<std::optional<std::int64_t>> SqliteRadars::id_by_name(std::string_view user,
                                                             std::string_view name) {
  auto stmt = db_.cached("SELECT id FROM radars WHERE user = ?1 AND name = ?2 COLLATE NOCASE");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, user).bind(2, name);
  std::optional<std::int64_t> id;
  if (auto ok = (*stmt)->each_row([&](const Stmt& s) { id = s.int64(0); }); !ok) {
    return std::unexpected(ok.error());
  }
  return id;
}

Result<std::vector<StoredRadar>> SqliteRadars::list_radars(std::string_view user) {
  auto stmt = db_.cached("SELECT id FROM radars WHERE user = ?1 ORDER BY name COLLATE NOCASE");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, user);
  std::vector<std::int64_t> ids;
  if (auto ok = (*stmt)->each_row([&](const Stmt& s) { ids.push_back(s.int64(0)); }); !ok) {
    return std::unexpected(ok.error());
  }
  std::vector<StoredRadar> out;
  for (std::int64_t id : ids) {
    auto r = load(user, id);
    if (!r) return std::unexpected(r.error());
    if (*r) out.push_back(std::move(**r));
  }
  return out;
}

Result<std::optional<StoredRadar>> SqliteRadars::find_radar(std::string_view user,
                                                            std::string_view name_or_id) {
  auto id = id_by_name(user, name_or_id);
  if (!id) return std::unexpected(id.error());
  if (!*id) *id = decimal(name_or_id);
  if (!*id) return std::optional<StoredRadar>();
  return load(user, **id);
}

Result<void> SqliteRadars::write_seeds(std::int64_t id, const radar::RadarProfile& profile) {
  auto clear = db_.cached("DELETE FROM radar_seeds WHERE radar_id = ?1");
  if (!clear) return std::unexpected(clear.error());
  (*clear)->bind(1, id);
  if (auto r = (*clear)->exec(); !r) return std::unexpected(r.error());
  auto insert =
      db_.cached("INSERT INTO radar_seeds (radar_id, position, paper_uid) VALUES (?1, ?2, ?3)");
  if (!insert) return std::unexpected(insert.error());
  std::vector<std::int64_t> done;
  for (std::int64_t paper : profile.seeds) {
    if (std::ranges::find(done, paper) != done.end()) continue;
    (*insert)->bind(1, id).bind(2, static_cast<std::int64_t>(done.size())).bind(3, paper);
    if (auto r = (*insert)->exec(); !r) return std::unexpected(r.error());
    done.push_back(paper);
  }
  return {};
}

Result<void> SqliteRadars::touch(std::int64_t id) {
  auto stmt = db_.cached("UPDATE radars SET revision = revision + 1, updated = ?2 WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  const std::string now = core::utc_now(now_);
  (*stmt)->bind(1, id).bind(2, std::string_view(now));
  if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
  return {};
}

Result<StoredRadar> SqliteRadars::create_radar(std::string_view user, std::string_view name,
                                               const radar::RadarProfile& profile) {
  if (auto ok = writable(); !ok) return std::unexpected(ok.error());
  if (auto ok = validate_radar(name, profile); !ok) return std::unexpected(ok.error());
  return in_write_transaction(db_, [&]() -> Result<StoredRadar> {
    auto taken = id_by_name(user, name);
    if (!taken) return std::unexpected(taken.error());
    if (*taken) {
      return fail(ErrorCode::conflict, fmt::format("there is a radar named '{}' already", name));
    }
    auto stmt = db_.cached(
        "INSERT INTO radars (user, name, authors, author_ids, keywords, excludes, categories, "
        "venues, sources, description, revision, created, updated) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?11)");
    if (!stmt) return std::unexpected(stmt.error());
    std::vector<std::string> keep;
    const std::string now = core::utc_now(now_);
    (*stmt)->bind(1, user).bind(2, name);
    bind_profile(**stmt, profile, keep);
    (*stmt)->bind(11, std::string_view(now));
    if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
    const std::int64_t id = db_.last_insert_rowid();
    if (auto r = write_seeds(id, profile); !r) return std::unexpected(r.error());
    auto vote = db_.cached(
        "INSERT INTO radar_votes (radar_id, paper_uid, vote, at) VALUES (?1, ?2, ?3, ?4)");
    if (!vote) return std::unexpected(vote.error());
    for (const auto& [paper, v] : profile.votes) {
      (*vote)->bind(1, id).bind(2, paper).bind(3, v == radar::Vote::down ? -1 : 1);
      (*vote)->bind(4, std::string_view(now));
      if (auto r = (*vote)->exec(); !r) return std::unexpected(r.error());
    }
    return must_load(user, id);
  });
}

Result<StoredRadar> SqliteRadars::update_radar(std::string_view user, std::int64_t id,
                                               std::optional<std::string_view> name,
                                               const radar::RadarProfile& profile) {
  if (auto ok = writable(); !ok) return std::unexpected(ok.error());
  return in_write_transaction(db_, [&]() -> Result<StoredRadar> {
    auto current = must_load(user, id);
    if (!current) return std::unexpected(current.error());
    const std::string new_name = name ? std::string(*name) : current->name;
    if (auto ok = validate_radar(new_name, profile); !ok) return std::unexpected(ok.error());
    auto taken = id_by_name(user, new_name);
    if (!taken) return std::unexpected(taken.error());
    if (*taken && **taken != id) {
      return fail(ErrorCode::conflict,
                  fmt::format("there is a radar named '{}' already", new_name));
    }
    auto stmt = db_.cached(
        "UPDATE radars SET name = ?2, authors = ?3, author_ids = ?4, keywords = ?5, "
        "excludes = ?6, categories = ?7, venues = ?8, sources = ?9, description = ?10 "
        "WHERE id = ?1");
    if (!stmt) return std::unexpected(stmt.error());
    std::vector<std::string> keep;
    (*stmt)->bind(1, id).bind(2, std::string_view(new_name));
    bind_profile(**stmt, profile, keep);
    if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
    if (auto r = write_seeds(id, profile); !r) return std::unexpected(r.error());
    if (auto r = touch(id); !r) return std::unexpected(r.error());
    return must_load(user, id);
  });
}

Result<bool> SqliteRadars::delete_radar(std::string_view user, std::int64_t id) {
  if (auto ok = writable(); !ok) return std::unexpected(ok.error());
  return in_write_transaction(db_, [&]() -> Result<bool> {
    // Children first: foreign_keys is on, but the cascade is spelled out so that it holds on a
    // connection without it too.
    auto owned = load(user, id);
    if (!owned) return std::unexpected(owned.error());
    if (!*owned) return false;
    for (const char* table : {"radar_seen", "radar_sessions", "radar_votes", "radar_seeds"}) {
      auto stmt = db_.cached(fmt::format("DELETE FROM {} WHERE radar_id = ?1", table));
      if (!stmt) return std::unexpected(stmt.error());
      (*stmt)->bind(1, id);
      if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
    }
    auto stmt = db_.cached("DELETE FROM radars WHERE id = ?1 AND user = ?2");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->bind(1, id).bind(2, user);
    auto changed = (*stmt)->exec();
    if (!changed) return std::unexpected(changed.error());
    return *changed > 0;
  });
}

Result<StoredRadar> SqliteRadars::set_vote(std::string_view user, std::int64_t id,
                                           std::int64_t paper, std::optional<radar::Vote> vote) {
  if (auto ok = writable(); !ok) return std::unexpected(ok.error());
  return in_write_transaction(db_, [&]() -> Result<StoredRadar> {
    auto current = must_load(user, id);
    if (!current) return std::unexpected(current.error());
    // Every vote that now names this paper (under an id merged into it) is replaced.
    auto clear = db_.cached(
        "DELETE FROM radar_votes WHERE radar_id = ?1 AND (paper_uid = ?2 OR paper_uid IN "
        "(SELECT uid FROM paper_aliases WHERE target_uid = ?2))");
    if (!clear) return std::unexpected(clear.error());
    (*clear)->bind(1, id).bind(2, paper);
    if (auto r = (*clear)->exec(); !r) return std::unexpected(r.error());
    if (vote) {
      auto insert = db_.cached(
          "INSERT INTO radar_votes (radar_id, paper_uid, vote, at) VALUES (?1, ?2, ?3, ?4)");
      if (!insert) return std::unexpected(insert.error());
      const std::string now = core::utc_now(now_);
      (*insert)->bind(1, id).bind(2, paper).bind(3, *vote == radar::Vote::down ? -1 : 1);
      (*insert)->bind(4, std::string_view(now));
      if (auto r = (*insert)->exec(); !r) return std::unexpected(r.error());
    }
    if (auto r = touch(id); !r) return std::unexpected(r.error());
    return must_load(user, id);
  });
}

Result<std::int64_t> SqliteRadars::start_session(std::int64_t radar) {
  if (auto ok = writable(); !ok) return std::unexpected(ok.error());
  return in_write_transaction(db_, [&]() -> Result<std::int64_t> {
    auto exists = db_.cached("SELECT 1 FROM radars WHERE id = ?1");
    if (!exists) return std::unexpected(exists.error());
    (*exists)->bind(1, radar);
    bool found = false;
    if (auto ok = (*exists)->each_row([&](const Stmt&) { found = true; }); !ok) {
      return std::unexpected(ok.error());
    }
    if (!found) return fail(ErrorCode::not_found, fmt::format("no radar {}", radar));
    auto insert = db_.cached("INSERT INTO radar_sessions (radar_id, created) VALUES (?1, ?2)");
    if (!insert) return std::unexpected(insert.error());
    const std::string now = core::utc_now(now_);
    (*insert)->bind(1, radar).bind(2, std::string_view(now));
    if (auto r = (*insert)->exec(); !r) return std::unexpected(r.error());
    const std::int64_t session = db_.last_insert_rowid();
    // Forget the sessions beyond the newest kSessionsKept, and what they showed.
    const std::string old = fmt::format(
        "SELECT id FROM radar_sessions WHERE radar_id = ?1 ORDER BY id DESC LIMIT -1 OFFSET {}",
        kSessionsKept);
    for (const std::string& sql :
         {fmt::format("DELETE FROM radar_seen WHERE radar_id = ?1 AND session IN ({})", old),
          fmt::format("DELETE FROM radar_sessions WHERE radar_id = ?1 AND id IN ({})", old)}) {
      auto stmt = db_.cached(sql);
      if (!stmt) return std::unexpected(stmt.error());
      (*stmt)->bind(1, radar);
      if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
    }
    return session;
  });
}

Result<bool> SqliteRadars::has_session(std::int64_t radar, std::int64_t session) {
  auto stmt = db_.cached("SELECT 1 FROM radar_sessions WHERE id = ?1 AND radar_id = ?2");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, session).bind(2, radar);
  bool found = false;
  if (auto ok = (*stmt)->each_row([&](const Stmt&) { found = true; }); !ok) {
    return std::unexpected(ok.error());
  }
  return found;
}

Result<void> SqliteRadars::mark_seen(std::int64_t radar, std::span<const std::int64_t> papers,
                                     SeenState state, std::int64_t session) {
  if (auto ok = writable(); !ok) return ok;
  return in_write_transaction(db_, [&]() -> Result<void> {
    auto exists = db_.cached("SELECT 1 FROM radars WHERE id = ?1");
    if (!exists) return std::unexpected(exists.error());
    (*exists)->bind(1, radar);
    bool found = false;
    if (auto ok = (*exists)->each_row([&](const Stmt&) { found = true; }); !ok) return ok;
    if (!found) return fail(ErrorCode::not_found, fmt::format("no radar {}", radar));
    if (state == SeenState::shown) {
      auto has = has_session(radar, session);
      if (!has) return std::unexpected(has.error());
      if (!*has) {
        return fail(ErrorCode::invalid_argument,
                    fmt::format("session {} is not one of radar {}'s", session, radar));
      }
    } else {
      session = 0;
    }
    auto stmt = db_.cached(
        "INSERT INTO radar_seen (radar_id, session, paper_uid, state, at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (radar_id, session, paper_uid) "
        "DO UPDATE SET state = excluded.state, at = excluded.at");
    if (!stmt) return std::unexpected(stmt.error());
    const std::string now = core::utc_now(now_);
    const std::string_view name = to_string(state);
    for (std::int64_t paper : papers) {
      (*stmt)->bind(1, radar).bind(2, session).bind(3, paper).bind(4, name);
      (*stmt)->bind(5, std::string_view(now));
      if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
    }
    return {};
  });
}

Result<std::unordered_set<std::int64_t>> SqliteRadars::excluded(std::int64_t radar,
                                                                std::int64_t session) {
  auto stmt = db_.cached(
      fmt::format("SELECT {} FROM radar_seen s WHERE radar_id = ?1 AND session IN (0, ?2)",
                  fmt::format(kResolved, "s.paper_uid")));
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, radar).bind(2, session);
  std::unordered_set<std::int64_t> out;
  if (auto ok = (*stmt)->each_row([&](const Stmt& s) { out.insert(s.int64(0)); }); !ok) {
    return std::unexpected(ok.error());
  }
  return out;
}

}  // namespace ah::store::sqlite
