#include "store/sqlite/ranking.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "store/sqlite/fts_query.h"

namespace ah::store::sqlite {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kWeights[] = {kWeightTitle, kWeightAuthors, kWeightAbstract, kWeightTags};

// Per-statement data, computed on the first row: the match formula, the IDF arguments and the
// average row length.
struct Aux {
  std::vector<int> program;  // fts_query.h: >= 0 a phrase, < 0 an operator
  std::vector<double> idf;   // per phrase; 0 = does not score
  double avgdl = 1;
};

void delete_aux(void* p) { delete static_cast<Aux*>(p); }

// Returns the statement's Aux, creating it from the arguments (program, then IDFs) on the first
// row; nullptr after reporting an error.
Aux* statement_aux(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
                   sqlite3_value** argv, bool scoring) {
  if (auto* aux = static_cast<Aux*>(api->xGetAuxdata(fts, 0))) return aux;
  auto fresh = std::make_unique<Aux>();
  const char* text = argc > 0 ? reinterpret_cast<const char*>(sqlite3_value_text(argv[0])) : "";
  for (const char* p = text ? text : ""; *p;) {
    char* end = nullptr;
    const long v = std::strtol(p, &end, 10);
    if (end == p) break;
    fresh->program.push_back(static_cast<int>(v));
    p = end;
  }
  const int phrases = api->xPhraseCount(fts);
  fresh->idf.assign(static_cast<size_t>(phrases), 0.0);
  if (argc > 1) {
    const char* idfs = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    const char* end = idfs ? idfs + std::strlen(idfs) : nullptr;
    for (size_t i = 0; idfs && i < fresh->idf.size(); ++i) {
      while (idfs < end && *idfs == ' ') ++idfs;
      auto [next, ec] = std::from_chars(idfs, end, fresh->idf[i]);
      if (ec != std::errc()) break;
      idfs = next;
    }
  }
  int rc = SQLITE_OK;
  if (scoring) {
    sqlite3_int64 rows = 0, tokens = 0;
    rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    fresh->avgdl = rows > 0 && tokens > 0 ? static_cast<double>(tokens) / rows : 1.0;
  }
  Aux* aux = fresh.get();
  if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, fresh.release(), delete_aux);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return nullptr;
  }
  return aux;
}

// Weighted hit count of phrase `p` in the current row (0: no hit in its columns).
double phrase_frequency(const Fts5ExtensionApi* api, Fts5Context* fts, int p) {
  Fts5PhraseIter it;
  int col = -1, off = 0;
  double freq = 0;
  if (api->xPhraseFirst(fts, p, &it, &col, &off) != SQLITE_OK) return 0;
  for (; col >= 0; api->xPhraseNext(fts, &it, &col, &off)) {
    freq += col < 4 ? kWeights[col] : 0.0;
    if (freq == 0) freq = 1e-9;  // a hit in a zero-weight column still is a hit
  }
  return freq;
}

// Evaluates the formula; `freq` caches phrase frequencies (negative = not computed yet).
bool matches(const Fts5ExtensionApi* api, Fts5Context* fts, const Aux& aux,
             std::vector<double>& freq) {
  bool stack[64];
  int top = 0;
  for (int op : aux.program) {
    if (op >= 0) {
      if (static_cast<size_t>(op) >= freq.size() || top == 64) return false;
      if (freq[op] < 0) freq[op] = phrase_frequency(api, fts, op);
      stack[top++] = freq[op] > 0;
      continue;
    }
    if (top < 2) return false;
    const bool b = stack[--top], a = stack[--top];
    stack[top++] = op == kMatchAnd ? (a && b) : op == kMatchOr ? (a || b) : (a && !b);
  }
  return top == 1 && stack[0];
}

void ah_match(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
              sqlite3_value** argv) {
  Aux* aux = statement_aux(api, fts, ctx, argc, argv, false);
  if (aux == nullptr) return;
  std::vector<double> freq(aux->idf.size(), -1.0);
  sqlite3_result_int(ctx, matches(api, fts, *aux, freq) ? 1 : 0);
}

void ah_bm25(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
             sqlite3_value** argv) {
  Aux* aux = statement_aux(api, fts, ctx, argc, argv, true);
  if (aux == nullptr) return;
  std::vector<double> freq(aux->idf.size(), -1.0);
  if (!matches(api, fts, *aux, freq)) {
    sqlite3_result_double(ctx, -1.0);
    return;
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
    if (freq[p] < 0) freq[p] = phrase_frequency(api, fts, static_cast<int>(p));
    if (freq[p] > 0) score += aux->idf[p] * freq[p] * (kK1 + 1) / (freq[p] + norm);
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
  if (rc == SQLITE_OK) rc = (*api)->xCreateFunction(*api, "ah_match", nullptr, ah_match, nullptr);
  if (rc != SQLITE_OK) return fail(ErrorCode::internal, "sqlite: cannot register ah_bm25");
  return {};
}

std::string idf_text(std::span<const double> idfs) {
  std::string out;
  for (double idf : idfs) out += fmt::format("{}{}", out.empty() ? "" : " ", idf);
  return out;
}

double bm25_idf(std::int64_t documents, std::int64_t matching) {
  double idf = std::log((documents - matching + 0.5) / (matching + 0.5));
  return idf <= 0 ? 1e-6 : idf;
}

}  // namespace ah::store::sqlite
