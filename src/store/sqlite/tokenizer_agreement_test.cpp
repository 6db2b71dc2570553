// The query side's words (search::split_words) against the index's own tokenizer: the FTS5
// tokenizer of a freshly created store's paper_fts table, run through FTS5's C API on the same
// text. Where they disagree, a query's word is not one of the index's tokens and the search finds
// nothing (a phrase "—" has no tokens at all).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <regex>
#include <sstream>

#include "search/words.h"
#include "store/paper_store.h"
#include "tests/support/fixtures.h"

namespace ah::store::sqlite {
namespace {

// The tokenizer paper_fts was created with, ready to tokenize text like the index does.
class IndexTokenizer {
 public:
  IndexTokenizer() {
    auto store = open_sqlite(dir_.path() / "papers.db");
    EXPECT_TRUE(store.has_value()) << store.error().message;
    store->reset();
    EXPECT_EQ(
        sqlite3_open_v2((dir_.path() / "papers.db").c_str(), &db_, SQLITE_OPEN_READONLY, nullptr),
        SQLITE_OK);
    // "tokenize = 'porter unicode61 remove_diacritics 2'" in the table's CREATE statement.
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db_, "SELECT sql FROM sqlite_schema WHERE name = 'paper_fts'", -1, &stmt,
                       nullptr);
    std::string create;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      create = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    std::smatch m;
    EXPECT_TRUE(std::regex_search(create, m, std::regex("tokenize\\s*=\\s*'([^']*)'"))) << create;
    std::istringstream words(m[1].str());
    for (std::string w; words >> w;) spec_.push_back(w);
    EXPECT_FALSE(spec_.empty());

    fts5_api* api = nullptr;
    sqlite3_prepare_v2(db_, "SELECT fts5(?1)", -1, &stmt, nullptr);
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    EXPECT_NE(api, nullptr);
    void* user = nullptr;
    EXPECT_EQ(api->xFindTokenizer(api, spec_[0].c_str(), &user, &methods_), SQLITE_OK);
    std::vector<const char*> args;
    for (size_t i = 1; i < spec_.size(); ++i) args.push_back(spec_[i].c_str());
    EXPECT_EQ(methods_.xCreate(user, args.data(), static_cast<int>(args.size()), &tokenizer_),
              SQLITE_OK);
  }
  ~IndexTokenizer() {
    if (tokenizer_) methods_.xDelete(tokenizer_);
    sqlite3_close(db_);
  }

  // The text of each token as it stands in `text` (before case folding and stemming), with ASCII
  // lower-cased as split_words does.
  std::vector<std::string> words(std::string_view text) const {
    struct Out {
      std::string_view text;
      std::vector<std::string> words;
    } out{text, {}};
    auto each = [](void* ctx, int, const char*, int, int start, int end) {
      auto* o = static_cast<Out*>(ctx);
      std::string w(o->text.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
      for (char& c : w) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      o->words.push_back(std::move(w));
      return SQLITE_OK;
    };
    methods_.xTokenize(tokenizer_, &out, FTS5_TOKENIZE_DOCUMENT, text.data(),
                       static_cast<int>(text.size()), each);
    return out.words;
  }

  const std::vector<std::string>& spec() const { return spec_; }

 private:
  ah::testing::TempDir dir_;
  sqlite3* db_ = nullptr;
  std::vector<std::string> spec_;
  fts5_tokenizer methods_{};
  Fts5Tokenizer* tokenizer_ = nullptr;
};

std::string utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

TEST(TokenizerAgreement, QueryWordsAreTheIndexTokensForEveryScript) {
  IndexTokenizer index;
  ASSERT_EQ(index.spec().front(), "porter") << "the index's tokenizer changed: recheck words.h";
  const char* texts[] = {
      "model attention",
      "GPT-4, BERT & state-of-the-art!",
      "model — attention",
      "model—attention",
      "10–20 a−b",
      "model → attention ⇒ x ↔ y",
      "model™ ± 3×4 °C © ®",
      "model 😀 attention😀 🤗 x",
      "a👩‍🔬b",
      "a‍b a‌b",  // zero-width joiner and non-joiner
      "注意力 机制",
      "注意力，机制。「模型」",
      "トランスフォーマー・モデル",
      "주의 메커니즘",
      "Модель внимания",
      "Σύστημα αβγ",
      "Schrödinger Ökonomie façade Łukasz",
      "Schro\u0308dinger \u0308x a\u0301\u0327b",  // combining diacritics
      "a\u0332b a\u20ddb",                         // other combining marks
      "٣٤ ३४ x² ½",
      "a\u00a0b\u3000c",
      "“sparse” O’Brien",
      "a\uE000b",
      "— → ™ ± × 😀",
      "$\\alpha$-stable {x}^2",
  };
  for (const char* text : texts) {
    EXPECT_EQ(search::split_words(text), index.words(text)) << text;
  }
}

// Every code point, alone between blanks and inside a word ("a?b"): split_words keeps it in a word
// exactly when FTS5 does.
TEST(TokenizerAgreement, EveryCodePointIsAWordCharacterExactlyWhenTheIndexSaysSo) {
  IndexTokenizer index;
  std::string text;
  for (char32_t c = 0x21; c < 0x110000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;  // surrogates are not characters of UTF-8
    text += ' ' + utf8(c) + " a" + utf8(c) + 'b';
  }
  const std::vector<std::string> query = search::split_words(text), indexed = index.words(text);
  // Both lists are in text order: the first difference names the code point.
  auto [q, i] = std::mismatch(query.begin(), query.end(), indexed.begin(), indexed.end());
  EXPECT_TRUE(q == query.end() && i == indexed.end())
      << "query words " << query.size() << ", index tokens " << indexed.size()
      << "; first difference: query '" << (q == query.end() ? "(end)" : *q) << "', index '"
      << (i == indexed.end() ? "(end)" : *i) << "'";
}

}  // namespace
}  // namespace ah::store::sqlite
