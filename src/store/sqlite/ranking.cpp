#include "store/sqlite/ranking.h"

#include <cmath>
#include <memory>
#include <vector>

namespace ah::store::sqlite {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kWeights[] = {kWeightTitle, kWeightAuthors, kWeightAbstract, kWeightTags};

// Per-statement data, computed on the first row: the IDF arguments and the average row length.
struct Aux {
  std::vector<double> idf;
  double avgdl = 1;
};

void delete_aux(void* p) { delete static_cast<Aux*>(p); }

void ah_bm25(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
             sqlite3_value** argv) {
  auto* aux = static_cast<Aux*>(api->xGetAuxdata(fts, 0));
  if (aux == nullptr) {
    auto fresh = std::make_unique<Aux>();
    const int phrases = api->xPhraseCount(fts);
    fresh->idf.assign(static_cast<size_t>(phrases), 0.0);
    for (int i = 0; i < phrases && i < argc; ++i) fresh->idf[i] = sqlite3_value_double(argv[i]);
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    fresh->avgdl = rows > 0 && tokens > 0 ? static_cast<double>(tokens) / rows : 1.0;
    aux = fresh.get();
    rc = api->xSetAuxdata(fts, fresh.release(), delete_aux);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
  }
  int length = 0;
  if (int rc = api->xColumnSize(fts, -1, &length); rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  const double norm = kK1 * (1 - kB + kB * length / aux->avgdl);
  double score = 0;
  for (size_t p = 0; p < aux->idf.size(); ++p) {
    if (aux->idf[p] == 0) continue;
    Fts5PhraseIter it;
    int col = 0, off = 0;
    double freq = 0;
    if (int rc = api->xPhraseFirst(fts, static_cast<int>(p), &it, &col, &off); rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    for (; col >= 0; api->xPhraseNext(fts, &it, &col, &off)) {
      if (col < 4) freq += kWeights[col];
    }
    if (freq > 0) score += aux->idf[p] * freq * (kK1 + 1) / (freq + norm);
  }
  sqlite3_result_double(ctx, score);
}

Result<fts5_api*> fts5(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  if (api == nullptr) return fail(ErrorCode::internal, "sqlite: FTS5 is not available");
  return api;
}

}  // namespace

Result<void> register_ranking(sqlite3* db) {
  auto api = fts5(db);
  if (!api) return std::unexpected(api.error());
  int rc = (*api)->xCreateFunction(*api, "ah_bm25", nullptr, ah_bm25, nullptr);
  if (rc != SQLITE_OK) return fail(ErrorCode::internal, "sqlite: cannot register ah_bm25");
  return {};
}

double bm25_idf(std::int64_t documents, std::int64_t matching) {
  double idf = std::log((documents - matching + 0.5) / (matching + 0.5));
  return idf <= 0 ? 1e-6 : idf;
}

}  // namespace ah::store::sqlite
