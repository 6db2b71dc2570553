#include "store/sqlite/bulk_load.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <fstream>
#include <sstream>

namespace ah::store::sqlite {
namespace {

struct ProcStat {
  char state = '?';
  std::int64_t start = 0;
};

// Fields 3 (state) and 22 (starttime) of /proc/PID/stat; nullopt when unreadable (no such
// process, or no /proc). The command name (field 2) is in parentheses and may hold anything, so
// fields are counted after its last ')'.
std::optional<ProcStat> proc_stat(std::int64_t pid) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 1));
  ProcStat stat;
  std::string field;
  for (int n = 3; n <= 22 && fields >> field; ++n) {
    if (n == 3) stat.state = field.empty() ? '?' : field[0];
    if (n == 22) std::from_chars(field.data(), field.data() + field.size(), stat.start);
  }
  return stat;
}

// The full-text indexes, each written in the same transactions (sqlite_upsert.cpp).
constexpr const char* kFtsTables[] = {"paper_fts", "title_fts"};

Result<void> set_merge_policy(Db& db, bool bulk) {
  // FTS5's defaults are automerge 4 and crisismerge 16; see bulk_load.h for the bulk values.
  for (const char* table : kFtsTables) {
    if (auto r = db.exec(fmt::format("INSERT INTO {0} ({0}, rank) VALUES ('automerge', {1}); "
                                     "INSERT INTO {0} ({0}, rank) VALUES ('crisismerge', {2});",
                                     table, bulk ? 0 : 4, bulk ? 64 : 16));
        !r) {
      return r;
    }
  }
  return {};
}

}  // namespace

ProcessId this_process() {
  ProcessId p{static_cast<std::int64_t>(getpid()), 0};
  if (auto stat = proc_stat(p.pid)) p.start = stat->start;
  return p;
}

bool is_running(const ProcessId& p) {
  if (p.pid <= 0) return false;
  if (kill(static_cast<pid_t>(p.pid), 0) != 0 && errno != EPERM) return false;
  auto stat = proc_stat(p.pid);
  if (!stat) return true;  // no /proc: the pid exists, which is all that can be known
  if (stat->state == 'Z' || stat->state == 'X') return false;  // killed, not yet reaped
  return p.start == 0 || stat->start == 0 || stat->start == p.start;
}

std::string marker_text(const ProcessId& p) {
  return fmt::format("pid {} start {}", p.pid, p.start);
}

std::optional<ProcessId> parse_marker(std::string_view text) {
  ProcessId p;
  auto number = [&](std::string_view label, std::int64_t& out) {
    if (!text.starts_with(label)) return false;
    text.remove_prefix(label.size());
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc()) return false;
    text.remove_prefix(static_cast<size_t>(end - text.data()));
    return true;
  };
  if (!number("pid ", p.pid) || !number(" start ", p.start) || !text.empty() || p.pid <= 0) {
    return std::nullopt;
  }
  return p;
}

Result<BulkLoadState> read_bulk_load_state(Db& db) {
  BulkLoadState state;
  {
    auto stmt = db.prepare("SELECT value FROM harvest_state WHERE key = ?1");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, kBulkLoadKey);
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (*row) {
      state.marker = true;
      state.owner = parse_marker(stmt->text(0));
    }
  }
  auto stmt = db.prepare("SELECT v FROM paper_fts_config WHERE k = 'automerge'");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  state.bulk_policy = *row && stmt->int64(0) == 0;
  return state;
}

Result<void> claim_bulk_load(Db& db, const ProcessId& self, bool* inherited) {
  auto state = read_bulk_load_state(db);
  if (!state) return std::unexpected(state.error());
  if (state->marker && state->owner && (*state->owner == self || is_running(*state->owner))) {
    return {};  // ours already, or a running bulk load's: write under its policy
  }
  if (state->interrupted()) *inherited = true;
  auto put = db.prepare(
      "INSERT INTO harvest_state (key, value, updated_at) "
      "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
  if (!put) return std::unexpected(put.error());
  const std::string text = marker_text(self);
  if (auto r = put->bind(1, kBulkLoadKey).bind(2, std::string_view(text)).exec(); !r) {
    return std::unexpected(r.error());
  }
  if (state->bulk_policy) return {};
  return set_merge_policy(db, /*bulk=*/true);
}

Result<void> release_bulk_load(Db& db, const ProcessId& self, bool compact) {
  if (compact) {
    for (const char* table : kFtsTables) {
      if (auto r = db.exec(fmt::format("INSERT INTO {0} ({0}) VALUES ('optimize')", table)); !r) {
        return r;
      }
    }
  }
  auto state = read_bulk_load_state(db);
  if (!state) return std::unexpected(state.error());
  if (state->marker && state->owner && !(*state->owner == self) && is_running(*state->owner)) {
    return {};  // another bulk load is still running: its policy and marker stay
  }
  if (state->bulk_policy) {
    if (auto r = set_merge_policy(db, /*bulk=*/false); !r) return r;
  }
  if (!state->marker) return {};
  auto del = db.prepare("DELETE FROM harvest_state WHERE key = ?1");
  if (!del) return std::unexpected(del.error());
  if (auto r = del->bind(1, kBulkLoadKey).exec(); !r) return std::unexpected(r.error());
  return {};
}

Result<void> finish_interrupted_bulk_load(Db& db, const ProcessId& self,
                                          const std::function<void(std::string_view)>& notify) {
  // A plain read first, so that the usual open (nothing interrupted) takes no write lock.
  auto state = read_bulk_load_state(db);
  if (!state) return std::unexpected(state.error());
  if (!state->interrupted()) return {};
  if (notify) {
    notify(state->owner ? fmt::format("finishing the full-text compaction of an import that was "
                                      "interrupted (process {} is gone)",
                                      state->owner->pid)
                        : std::string("finishing the full-text compaction of an import that was "
                                      "interrupted"));
  }
  return in_write_transaction(db, [&]() -> Result<void> {
    // Again under the write lock: another writer may have finished it meanwhile.
    auto locked = read_bulk_load_state(db);
    if (!locked) return std::unexpected(locked.error());
    if (!locked->interrupted()) return {};
    return release_bulk_load(db, self, /*compact=*/true);
  });
}

}  // namespace ah::store::sqlite
