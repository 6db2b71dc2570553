// Cached briefings (PaperStore::get_briefing / put_briefing), run against every backend.
#include <gtest/gtest.h>

#include <string>

#include "store/store_test_backends.h"

namespace ah::store {
namespace {

StoredBriefing briefing(std::string id, std::string body) {
  StoredBriefing b;
  b.id = std::move(id);
  b.body = std::move(body);
  b.model = "qwen-plus";
  b.lang = "zh";
  b.papers = 3;
  return b;
}

class StoreBriefings : public StoreTest {};

TEST_P(StoreBriefings, AnUnknownIdIsAbsentNotAnError) {
  auto found = store_->get_briefing(std::string(64, 'a'));
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_FALSE(found->has_value());
}

TEST_P(StoreBriefings, KeepsWhatWasPutWithItsTime) {
  const std::string id(64, 'b');
  ASSERT_TRUE(store_->put_briefing(briefing(id, R"({"text":"简报 [1]"})")).has_value());
  auto found = store_->get_briefing(id);
  ASSERT_TRUE(found.has_value()) << found.error().message;
  ASSERT_TRUE(found->has_value());
  const StoredBriefing& b = **found;
  EXPECT_EQ(b.id, id);
  EXPECT_EQ(b.body, R"({"text":"简报 [1]"})");
  EXPECT_EQ(b.model, "qwen-plus");
  EXPECT_EQ(b.lang, "zh");
  EXPECT_EQ(b.papers, 3);
  EXPECT_EQ(b.created_at.size(), 20u) << b.created_at;  // 2026-01-02T03:04:05Z
}

TEST_P(StoreBriefings, ALaterPutOfTheSameIdReplacesIt) {
  const std::string id(64, 'c');
  ASSERT_TRUE(store_->put_briefing(briefing(id, "{\"v\":1}")).has_value());
  ASSERT_TRUE(store_->put_briefing(briefing(id, "{\"v\":2}")).has_value());
  auto found = store_->get_briefing(id);
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->body, "{\"v\":2}");
  auto other = store_->get_briefing(std::string(64, 'd'));
  ASSERT_TRUE(other.has_value());
  EXPECT_FALSE(other->has_value());
}

TEST_P(StoreBriefings, RefusesABriefingWithoutIdOrBody) {
  for (const StoredBriefing& b : {briefing("", "{}"), briefing(std::string(64, 'e'), "")}) {
    auto put = store_->put_briefing(b);
    ASSERT_FALSE(put.has_value());
    EXPECT_EQ(put.error().code, ErrorCode::invalid_argument);
  }
}

TEST_P(StoreBriefings, AReaderFindsWhatAWriterPutAndCannotWrite) {
  const std::string id(64, 'f');
  ASSERT_TRUE(store_->put_briefing(briefing(id, "{}")).has_value());
  if (std::string_view(GetParam().name).starts_with("sqlite")) {
    auto reader = open_sqlite(dir_.path() / "papers.db", SqliteOptions::read_only_mode());
    ASSERT_TRUE(reader.has_value()) << reader.error().message;
    auto found = (*reader)->get_briefing(id);
    ASSERT_TRUE(found.has_value() && found->has_value());
    auto put = (*reader)->put_briefing(briefing(id, "{}"));
    ASSERT_FALSE(put.has_value());
    EXPECT_EQ(put.error().code, ErrorCode::unavailable);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreBriefings, ::testing::ValuesIn(kBackends), backend_name);

}  // namespace
}  // namespace ah::store
