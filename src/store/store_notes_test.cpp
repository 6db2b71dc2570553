// Notes an LLM wrote on request (PaperStore::get_note / put_note), run against every backend.
#include <gtest/gtest.h>

#include <string>

#include "store/store_test_backends.h"

namespace ah::store {
namespace {

NoteKey key(std::int64_t paper_id = 7, std::string kind = "tldr") {
  return NoteKey{paper_id, std::move(kind), "zh", "qwen-plus", 1, std::string(64, 'a')};
}

StoredNote note(NoteKey k, std::string body) {
  StoredNote n;
  n.key = std::move(k);
  n.body = std::move(body);
  n.prompt_tokens = 312;
  n.completion_tokens = 41;
  return n;
}

class StoreNotes : public StoreTest {};

TEST_P(StoreNotes, AnUnknownKeyIsAbsentNotAnError) {
  auto found = store_->get_note(key());
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_FALSE(found->has_value());
}

TEST_P(StoreNotes, KeepsWhatWasPutWithItsTokensAndTime) {
  ASSERT_TRUE(store_->put_note(note(key(), R"({"tldr":"一句话总结"})")).has_value());
  auto found = store_->get_note(key());
  ASSERT_TRUE(found.has_value()) << found.error().message;
  ASSERT_TRUE(found->has_value());
  const StoredNote& n = **found;
  EXPECT_EQ(n.body, R"({"tldr":"一句话总结"})");
  EXPECT_EQ(n.key.model, "qwen-plus");
  EXPECT_EQ(n.prompt_tokens, 312);
  EXPECT_EQ(n.completion_tokens, 41);
  EXPECT_EQ(n.created_at.size(), 20u) << n.created_at;  // 2026-01-02T03:04:05Z
}

// Every part of the key tells notes apart: a note is never served for another paper, kind,
// language, model, prompt or input.
TEST_P(StoreNotes, EveryPartOfTheKeyTellsNotesApart) {
  const NoteKey base = key();
  ASSERT_TRUE(store_->put_note(note(base, "{\"v\":0}")).has_value());
  struct Case {
    const char* what;
    NoteKey other;
  };
  std::vector<Case> cases;
  auto with = [&](const char* what, auto change) {
    NoteKey k = base;
    change(k);
    cases.push_back({what, k});
  };
  with("paper", [](NoteKey& k) { k.paper_id = 8; });
  with("kind", [](NoteKey& k) { k.kind = "translation"; });
  with("lang", [](NoteKey& k) { k.lang = "en"; });
  with("model", [](NoteKey& k) { k.model = "deepseek-chat"; });
  with("prompt version", [](NoteKey& k) { k.prompt_version = 2; });
  with("input", [](NoteKey& k) { k.input_hash = std::string(64, 'b'); });
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    auto found = store_->get_note(c.other);
    ASSERT_TRUE(found.has_value()) << found.error().message;
    EXPECT_FALSE(found->has_value());
    ASSERT_TRUE(store_->put_note(note(c.other, "{\"v\":1}")).has_value());
  }
  auto first = store_->get_note(base);
  ASSERT_TRUE(first.has_value() && first->has_value());
  EXPECT_EQ((*first)->body, "{\"v\":0}");
}

TEST_P(StoreNotes, ALaterPutOfTheSameKeyReplacesIt) {
  ASSERT_TRUE(store_->put_note(note(key(0, "search_terms"), "{\"v\":1}")).has_value());
  ASSERT_TRUE(store_->put_note(note(key(0, "search_terms"), "{\"v\":2}")).has_value());
  auto found = store_->get_note(key(0, "search_terms"));
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->body, "{\"v\":2}");
}

TEST_P(StoreNotes, RefusesANoteMissingAPartOfItsKeyOrItsBody) {
  std::vector<StoredNote> bad;
  for (int i = 0; i < 6; ++i) {
    StoredNote n = note(key(), "{}");
    switch (i) {
      case 0:
        n.key.kind.clear();
        break;
      case 1:
        n.key.lang.clear();
        break;
      case 2:
        n.key.model.clear();
        break;
      case 3:
        n.key.input_hash.clear();
        break;
      case 4:
        n.body.clear();
        break;
      case 5:
        n.key.paper_id = -1;
        break;
    }
    bad.push_back(n);
  }
  for (const StoredNote& n : bad) {
    auto put = store_->put_note(n);
    ASSERT_FALSE(put.has_value());
    EXPECT_EQ(put.error().code, ErrorCode::invalid_argument);
  }
}

TEST_P(StoreNotes, AReaderFindsWhatAWriterPutAndCannotWrite) {
  ASSERT_TRUE(store_->put_note(note(key(), "{}")).has_value());
  if (std::string_view(GetParam().name).starts_with("sqlite")) {
    auto reader = open_sqlite(dir_.path() / "papers.db", SqliteOptions::read_only_mode());
    ASSERT_TRUE(reader.has_value()) << reader.error().message;
    auto found = (*reader)->get_note(key());
    ASSERT_TRUE(found.has_value() && found->has_value());
    auto put = (*reader)->put_note(note(key(), "{}"));
    ASSERT_FALSE(put.has_value());
    EXPECT_EQ(put.error().code, ErrorCode::unavailable);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreNotes, ::testing::ValuesIn(kBackends), backend_name);

}  // namespace
}  // namespace ah::store
