// RadarStore: the research radars every user keeps (issue 9) — profiles, seed papers, votes, feed
// sessions and the papers each radar has shown or its user dismissed or read. Papers are named by
// their stable id (core::Paper::paper_id); an id that was merged into another paper since is
// read back as the paper it now belongs to (a vote or seed follows its paper through merges).
// Every call is atomic. Thread-safety: as the PaperStore it comes from (PaperStore::radars()):
// one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/error.h"
#include "radar/profile.h"

namespace ah::store {

// The one user until accounts exist.
inline constexpr std::string_view kLocalUser = "local";

// Bounds on what one radar holds (invalid_argument beyond them).
inline constexpr std::size_t kMaxRadarNameBytes = 100;
inline constexpr std::size_t kMaxRadarListEntries = 200;  // per list (authors, keywords, ...)
inline constexpr std::size_t kMaxRadarEntryBytes = 300;   // one author, keyword, category, ...
inline constexpr std::size_t kMaxRadarDescriptionBytes = 10'000;
inline constexpr std::size_t kMaxRadarSeeds = 5'000;

struct StoredRadar {
  std::int64_t id = 0;  // never reused
  std::string user;
  std::string name;
  // The profile; seeds in the order given and votes, each by the paper's current stable id.
  radar::RadarProfile profile;
  // Bumped by every change of the profile, seeds or votes (starts at 1): what a learned radar
  // cached elsewhere was trained on.
  std::int64_t revision = 0;
  std::string created, updated;  // ISO 8601 UTC
};

// What a radar remembers of a paper it showed.
enum class SeenState {
  shown,      // shown in a feed session (kept out of the rest of that session)
  dismissed,  // the user dismissed it: out of every later feed of the radar
  read,       // the user read it: likewise
};
std::string_view to_string(SeenState state);  // "shown", "dismissed", "read"
std::optional<SeenState> parse_seen_state(std::string_view text);

// Checks a radar's name and profile against the rules create_radar states (for every backend,
// and for callers that want to say what is wrong before they write). Errors: invalid_argument
// naming the field ("name: ...", "keywords: ...").
Result<void> validate_radar(std::string_view name, const radar::RadarProfile& profile);

class RadarStore {
 public:
  virtual ~RadarStore() = default;

  // The user's radars, by name (case-insensitive order).
  virtual Result<std::vector<StoredRadar>> list_radars(std::string_view user) = 0;

  // The user's radar named `name_or_id` (names compare case-insensitively), else the one whose id
  // it is in decimal; nullopt when neither exists (or the id is another user's).
  virtual Result<std::optional<StoredRadar>> find_radar(std::string_view user,
                                                        std::string_view name_or_id) = 0;

  // Creates a radar with `profile` (votes included). Errors: invalid_argument for a name that is
  // blank, all digits (it would read as an id), longer than kMaxRadarNameBytes or has control
  // characters, and for a profile beyond the bounds above (naming the list); conflict when the
  // user has a radar of that name; unavailable for a read-only store; internal.
  virtual Result<StoredRadar> create_radar(std::string_view user, std::string_view name,
                                           const radar::RadarProfile& profile) = 0;

  // Replaces the radar's name (when `name` is set) and its profile except the votes, which only
  // set_vote changes; bumps the revision. Errors: as create_radar; not_found for no such radar
  // of the user.
  virtual Result<StoredRadar> update_radar(std::string_view user, std::int64_t id,
                                           std::optional<std::string_view> name,
                                           const radar::RadarProfile& profile) = 0;

  // Deletes the radar with its seeds, votes, sessions and seen papers. Returns false when the user
  // has no such radar. Errors: unavailable for a read-only store; internal.
  virtual Result<bool> delete_radar(std::string_view user, std::int64_t id) = 0;

  // Sets (or, with nullopt, clears) the user's vote on `paper` (a stable id) and bumps the
  // revision. Errors: not_found for no such radar of the user; unavailable; internal.
  virtual Result<StoredRadar> set_vote(std::string_view user, std::int64_t id, std::int64_t paper,
                                       std::optional<radar::Vote> vote) = 0;

  // Starts a feed session of the radar and returns its id (> 0, never reused). Sessions older
  // than the radar's 20 newest are forgotten with their shown papers. Errors: not_found,
  // unavailable, internal.
  virtual Result<std::int64_t> start_session(std::int64_t radar) = 0;

  // Whether `session` is one of the radar's (and not forgotten).
  virtual Result<bool> has_session(std::int64_t radar, std::int64_t session) = 0;

  // Remembers `papers` (stable ids) as `state`: shown in `session` (which must be the radar's),
  // or dismissed / read for good (session ignored). A paper dismissed and then read keeps the
  // later state. Errors: invalid_argument for shown without a session of the radar; not_found
  // for no such radar; unavailable; internal.
  virtual Result<void> mark_seen(std::int64_t radar, std::span<const std::int64_t> papers,
                                 SeenState state, std::int64_t session = 0) = 0;

  // The papers to keep out of the radar's feed in `session` (0: none shown yet): those shown in
  // the session, dismissed or read; each by its current stable id.
  virtual Result<std::unordered_set<std::int64_t>> excluded(std::int64_t radar,
                                                            std::int64_t session) = 0;
};

}  // namespace ah::store
