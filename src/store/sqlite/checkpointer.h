// A background WAL checkpointer for bulk loads. Private to the SQLite backend.
//
// In WAL mode every committed page is written twice: appended to the WAL by the commit, then
// copied into the database file by a checkpoint. SQLite's automatic checkpoint runs that copy on
// the committing thread, after the commit; during a bulk import that is ~12% of the writer's
// time, on the one thread everything waits for. A Checkpointer does the copy on its own thread
// and connection instead: the writer calls request() after each commit and goes on with the next
// batch while the pages of the last one are copied.
//
// Contract: the writer's connection should raise its wal_autocheckpoint (it stays a fallback if
// this thread falls behind). Checkpoints are PASSIVE: they never block the writer or readers,
// never wait for them either (a reader on an older snapshot only stops the copy at the frames it
// still needs), and copy only frames no reader still needs, so they cannot lose or reorder
// anything, and readers cannot slow the import down through them; a failed or partial
// checkpoint leaves the frames in the WAL for the next one. Not copyable; the destructor
// finishes a running checkpoint and joins the thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "core/error.h"
#include "store/sqlite/db.h"

namespace ah::store::sqlite {

class Checkpointer {
 public:
  // Opens a second connection to the WAL-mode database at `path` and starts the thread.
  // `busy_timeout` bounds the wait of the connection's first read (checkpoints never wait).
  // Errors: unavailable when the connection cannot be opened.
  static Result<std::unique_ptr<Checkpointer>> start(
      const std::string& path, std::chrono::milliseconds busy_timeout = std::chrono::seconds(10));
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Asks for a checkpoint of everything committed so far; returns at once. Requests made while
  // one runs are folded into one more run.
  void request();
  // Blocks until no checkpoint is running or requested.
  void wait_idle();
  // Checkpoints completed, and the message of the last failure ("" if none). A failure is not
  // fatal (the frames stay in the WAL for the next checkpoint); these are for tests and tools.
  std::int64_t completed() const;
  std::string last_error() const;

 private:
  explicit Checkpointer(Db db) : db_(std::move(db)) {}
  void run();

  Db db_;  // used only by the thread
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  bool requested_ = false;
  bool running_ = false;
  bool stop_ = false;
  std::int64_t completed_ = 0;
  std::string last_error_;
  std::thread thread_;  // last: started after everything it uses exists
};

}  // namespace ah::store::sqlite
