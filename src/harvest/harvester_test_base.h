// What every harvester test sets up (test-only): a curl client, the politeness layer over a fake
// clock, a fresh SQLite store, the local replay server, and readers of what a run left behind.
// One fixture per test, used from the test's thread only.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_client.h"
#include "store/paper_store.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay_server.h"

namespace ah::testing {

class HarvesterTest : public ::testing::Test {
 protected:
  // Opens the clients and the store. `polite` is the source's rule as the test wants it for the
  // local server; its log, when unset, collects into lines_. Call from SetUp, then
  // `if (HasFatalFailure()) return;`.
  void open(net::PolitenessOptions polite, const std::string& db_name = "harvest.db") {
    net::CurlOptions curl;
    curl.user_agent = "AcademicHub/0.1 (mailto:ops@example.org)";
    curl.total_timeout = std::chrono::seconds(10);
    curl_ = net::make_curl_client(curl);
    if (!polite.log) polite.log = [this](std::string_view line) { lines_.emplace_back(line); };
    http_ = net::make_polite_client(*curl_, clock_, polite);
    auto store = store::open_sqlite(dir_.path() / db_name);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = std::move(*store);
  }

  // Papers in the store; -1 when the store cannot say.
  std::int64_t paper_count() {
    auto s = store_->stats();
    EXPECT_TRUE(s.has_value());
    return s ? s->papers : -1;
  }

  // The harvest state saved under `key`, parsed; null when there is none.
  nlohmann::json state(const std::string& key) {
    auto v = store_->get_state(key);
    EXPECT_TRUE(v.has_value());
    if (!v || !*v) return nullptr;
    return nlohmann::json::parse(**v);
  }

  TempDir dir_;
  FakeClock clock_;
  ReplayServer server_;
  std::vector<std::string> lines_;  // the politeness layer's and the harvester's log lines
  std::unique_ptr<net::HttpClient> curl_;
  std::unique_ptr<net::HttpClient> http_;
  std::unique_ptr<store::PaperStore> store_;
};

}  // namespace ah::testing
