// How much of FTS5's insert of a paper is tokenizing (bench/README.md, "Where the 1M merge mix
// spends its time"): reads the four indexed texts of the first N papers of an AcademicHub
// database, then, per round, (1) runs the index's tokenizer ("porter unicode61
// remove_diacritics 2", found through the fts5_api of an in-memory connection) over them and
// (2) inserts them into a contentless FTS5 table of the same definition in one transaction.
// Prints microseconds per paper for each, and the commit.
//
//   fts_insert_bench --db papers.db [--papers 100000] [--rounds 3] [--hashsize BYTES]
//
// --hashsize is FTS5's pending-terms buffer of the table (migration 0001 sets 64 MiB): a
// smaller one writes more, smaller segments within the transaction (included in the insert).
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <array>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using Texts = std::array<std::string, 4>;  // title, authors, abstract, tags

int count_token(void* ctx, int, const char*, int, int, int) {
  ++*static_cast<long*>(ctx);
  return SQLITE_OK;
}

bool ok(int rc, sqlite3* db, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
  std::fprintf(stderr, "fts_insert_bench: %s: %s\n", what, sqlite3_errmsg(db));
  return false;
}

// Segments of table f (its structure record lists them): one per flush of the pending terms.
long long segments(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  long long n = -1;
  if (sqlite3_prepare_v2(db, "SELECT count(DISTINCT segid) FROM f_idx", -1, &st, nullptr) ==
          SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    n = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"FTS5 insert against tokenizing alone"};
  std::string path;
  int papers = 100000, rounds = 3;
  std::int64_t hashsize = 67108864;
  app.add_option("--db", path, "an AcademicHub database")->required();
  app.add_option("--papers", papers, "papers read (the first by row id)")
      ->check(CLI::PositiveNumber);
  app.add_option("--rounds", rounds, "rounds")->check(CLI::PositiveNumber);
  app.add_option("--hashsize", hashsize, "FTS5's pending-terms buffer, bytes")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  sqlite3* src = nullptr;
  if (!ok(sqlite3_open_v2(path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr), src, path.c_str()))
    return 1;
  sqlite3_stmt* st = nullptr;
  if (!ok(sqlite3_prepare_v2(src,
                             "SELECT title_display, authors_text, abstract_display, fts_tags "
                             "FROM papers ORDER BY id LIMIT ?1",
                             -1, &st, nullptr),
          src, "read papers"))
    return 1;
  sqlite3_bind_int(st, 1, papers);
  std::vector<Texts> rows;
  while (sqlite3_step(st) == SQLITE_ROW) {
    Texts t;
    for (int i = 0; i < 4; ++i) {
      const unsigned char* text = sqlite3_column_text(st, i);
      t[i] = text ? reinterpret_cast<const char*>(text) : "";
    }
    rows.push_back(std::move(t));
  }
  sqlite3_finalize(st);
  sqlite3_close(src);
  if (rows.empty()) {
    std::fprintf(stderr, "fts_insert_bench: %s has no papers\n", path.c_str());
    return 1;
  }

  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  fts5_api* api = nullptr;
  sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr);
  sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  if (api == nullptr) {
    std::fprintf(stderr, "fts_insert_bench: this SQLite has no FTS5\n");
    return 1;
  }
  const double n = static_cast<double>(rows.size());
  auto us = [&](auto a, auto b) {
    return std::chrono::duration<double, std::micro>(b - a).count() / n;
  };
  for (int round = 0; round < rounds; ++round) {
    void* user = nullptr;
    fts5_tokenizer porter{};
    api->xFindTokenizer(api, "porter", &user, &porter);
    const char* args[] = {"unicode61", "remove_diacritics", "2"};
    Fts5Tokenizer* tokenizer = nullptr;
    if (porter.xCreate(user, args, 3, &tokenizer) != SQLITE_OK) return 1;
    long tokens = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (const Texts& r : rows) {
      for (const std::string& text : r) {
        porter.xTokenize(tokenizer, &tokens, FTS5_TOKENIZE_DOCUMENT, text.data(),
                         static_cast<int>(text.size()), count_token);
      }
    }
    const auto t1 = std::chrono::steady_clock::now();
    porter.xDelete(tokenizer);

    // The index's definition (migration 0001), contentless: the insert without the content.
    const std::string create = fmt::format(
        "DROP TABLE IF EXISTS f; CREATE VIRTUAL TABLE f USING fts5(title, authors, abstract, "
        "tags, content='', detail=full, tokenize='porter unicode61 remove_diacritics 2'); "
        "INSERT INTO f (f, rank) VALUES ('hashsize', {}); BEGIN",
        hashsize);
    if (!ok(sqlite3_exec(db, create.c_str(), nullptr, nullptr, nullptr), db, "create"))
      return 1;
    sqlite3_prepare_v2(db,
                       "INSERT INTO f (rowid, title, authors, abstract, tags) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)",
                       -1, &st, nullptr);
    const auto t2 = std::chrono::steady_clock::now();
    sqlite3_int64 id = 0;
    for (const Texts& r : rows) {
      sqlite3_bind_int64(st, 1, ++id);
      for (int i = 0; i < 4; ++i) {
        sqlite3_bind_text(st, i + 2, r[i].data(), static_cast<int>(r[i].size()), SQLITE_STATIC);
      }
      if (!ok(sqlite3_step(st), db, "insert")) return 1;
      sqlite3_reset(st);
    }
    const auto t3 = std::chrono::steady_clock::now();
    if (!ok(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit")) return 1;
    const auto t4 = std::chrono::steady_clock::now();
    sqlite3_finalize(st);
    std::printf(
        "round %d: %zu papers, %.0f tokens a paper: tokenize %.1f us, insert %.1f us, "
        "commit %.1f us a paper; %lld segments\n",
        round + 1, rows.size(), static_cast<double>(tokens) / n, us(t0, t1), us(t2, t3),
        us(t3, t4), segments(db));
  }
  sqlite3_close(db);
  return 0;
}
