#include "store/sqlite/checkpointer.h"

#include <algorithm>
#include <limits>

namespace ah::store::sqlite {

Result<std::unique_ptr<Checkpointer>> Checkpointer::start(const std::string& path,
                                                          std::chrono::milliseconds busy_timeout) {
  auto db = Db::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  if (!db) return std::unexpected(db.error().with_context("checkpointer"));
  sqlite3_busy_timeout(db->raw(), static_cast<int>(std::min<std::int64_t>(
                                      busy_timeout.count(), std::numeric_limits<int>::max())));
  // A connection opens the WAL with its first read; until then a checkpoint finds no WAL to copy.
  if (auto r = db->query_int("PRAGMA user_version"); !r) {
    return std::unexpected(r.error().with_context("checkpointer"));
  }
  std::unique_ptr<Checkpointer> c(new Checkpointer(std::move(*db)));
  c->thread_ = std::thread([p = c.get()] { p->run(); });
  return c;
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Checkpointer::request() {
  {
    std::lock_guard lock(mutex_);
    requested_ = true;
  }
  wake_.notify_one();
}

void Checkpointer::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return !requested_ && !running_; });
}

std::int64_t Checkpointer::completed() const {
  std::lock_guard lock(mutex_);
  return completed_;
}

std::string Checkpointer::last_error() const {
  std::lock_guard lock(mutex_);
  return last_error_;
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || requested_; });
    if (stop_) break;
    requested_ = false;
    running_ = true;
    lock.unlock();
    int log_frames = 0, copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db_.raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                             &log_frames, &copied);
    // SQLITE_BUSY: another checkpoint holds the lock; its copy serves as well.
    std::string failure =
        rc == SQLITE_OK || rc == SQLITE_BUSY ? std::string() : db_.error("wal_checkpoint").message;
    lock.lock();
    running_ = false;
    ++completed_;
    if (!failure.empty()) last_error_ = std::move(failure);
    if (!requested_) idle_.notify_all();
  }
  running_ = false;
  requested_ = false;
  idle_.notify_all();
}

}  // namespace ah::store::sqlite
