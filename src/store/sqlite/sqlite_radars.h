// The SQLite implementation of RadarStore (private to the store module: users reach it through
// PaperStore::radars()). Works on its SqliteStore's connection; one thread at a time.
#pragma once

#include "core/calendar.h"
#include "store/radar_store.h"
#include "store/sqlite/db.h"

namespace ah::store::sqlite {

class SqliteRadars final : public RadarStore {
 public:
  // `db` outlives this object (the SqliteStore owns both). `read_only`: writes are refused.
  // `now` stamps radars, votes and sessions (SqliteOptions::now).
  SqliteRadars(Db& db, bool read_only, core::WallClock now)
      : db_(db), read_only_(read_only), now_(std::move(now)) {}

  Result<std::vector<StoredRadar>> list_radars(std::string_view user) override;
  Result<std::optional<StoredRadar>> find_radar(std::string_view user,
                                                std::string_view name_or_id) override;
  Result<StoredRadar> create_radar(std::string_view user, std::string_view name,
                                   const radar::RadarProfile& profile) override;
  Result<StoredRadar> update_radar(std::string_view user, std::int64_t id,
                                   std::optional<std::string_view> name,
                                   const radar::RadarProfile& profile) override;
  Result<bool> delete_radar(std::string_view user, std::int64_t id) override;
  Result<StoredRadar> set_vote(std::string_view user, std::int64_t id, std::int64_t paper,
                               std::optional<radar::Vote> vote) override;
  Result<std::int64_t> start_session(std::int64_t radar) override;
  Result<bool> has_session(std::int64_t radar, std::int64_t session) override;
  Result<void> mark_seen(std::int64_t radar, std::span<const std::int64_t> papers, SeenState state,
                         std::int64_t session) override;
  Result<std::unordered_set<std::int64_t>> excluded(std::int64_t radar,
                                                    std::int64_t session) override;

 private:
  Result<void> writable() const;
  // The radar `id` of `user` with its seeds and votes; nullopt when absent.
  Result<std::optional<StoredRadar>> load(std::string_view user, std::int64_t id);
  Result<std::optional<std::int64_t>> id_by_name(std::string_view user, std::string_view name);
  Result<void> write_seeds(std::int64_t id, const radar::RadarProfile& profile);
  Result<void> touch(std::int64_t id);  // revision + 1, updated = now
  Result<StoredRadar> must_load(std::string_view user, std::int64_t id);

  Db& db_;
  bool read_only_;
  core::WallClock now_;
};

}  // namespace ah::store::sqlite
