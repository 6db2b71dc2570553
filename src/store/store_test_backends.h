// Test support: the list of PaperStore backends every store test runs against, and a fixture
// that opens a fresh store of the parameter's backend (skipping backends not configured).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <ostream>
#include <vector>

#include "store/paper_store.h"
#include "tests/support/fixtures.h"

namespace ah::store {

struct Backend {
  const char* name;
  // Opens a store in `dir` (a fresh one when `dir` is empty of it).
  std::function<Result<std::unique_ptr<PaperStore>>(const std::filesystem::path& dir)> open;
  // Why the backend cannot run here, or nullptr.
  std::function<const char*()> skip_reason;
};

inline const Backend kBackends[] = {
    {"sqlite", [](const std::filesystem::path& dir) { return open_sqlite(dir / "papers.db"); },
     []() -> const char* { return nullptr; }},
    // The same backend in bulk-load mode (deferred FTS merges, background checkpoints), as
    // `academichub import` opens it: every behaviour must hold there too.
    {"sqlite_bulk",
     [](const std::filesystem::path& dir) {
       return open_sqlite(dir / "papers.db", SqliteOptions::bulk_load_mode());
     },
     []() -> const char* { return nullptr; }},
    {"postgres",
     [](const std::filesystem::path&) -> Result<std::unique_ptr<PaperStore>> {
       return fail(ErrorCode::unavailable, "no PostgreSQL backend is built yet");
     },
     []() -> const char* {
       return std::getenv("ACADEMICHUB_TEST_POSTGRES") == nullptr
                  ? "ACADEMICHUB_TEST_POSTGRES is unset: skipping the PostgreSQL backend"
                  : "ACADEMICHUB_TEST_POSTGRES is set, but no PostgreSQL backend is built yet";
     }},
};

// Names the parameter in test listings ("sqlite") instead of dumping its bytes.
inline void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param.name;
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (const char* reason = GetParam().skip_reason()) GTEST_SKIP() << reason;
    auto s = GetParam().open(dir_.path());
    ASSERT_TRUE(s.has_value()) << s.error().message;
    store_ = std::move(*s);
  }

  UpsertCounts put(std::vector<core::Paper> papers, std::vector<StateEntry> state = {}) {
    auto r = store_->upsert(papers, state);
    EXPECT_TRUE(r.has_value()) << r.error().message;
    return r.value_or(UpsertCounts{});
  }

  core::Paper must_get(std::string_view id) {
    auto p = store_->get(id);
    EXPECT_TRUE(p.has_value()) << p.error().message;
    if (!p || !*p) {
      ADD_FAILURE() << id << " not found";
      return {};
    }
    return **p;
  }

  ah::testing::TempDir dir_;
  std::unique_ptr<PaperStore> store_;
};

}  // namespace ah::store
