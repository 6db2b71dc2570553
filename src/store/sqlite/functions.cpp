#include "store/sqlite/functions.h"

#include <string>
#include <string_view>

#include "store/sqlite/encoding.h"

namespace ah::store::sqlite {
namespace {

void ah_author_token(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (text == nullptr) {
    sqlite3_result_null(ctx);
    return;
  }
  const std::string token =
      author_token(std::string_view(text, static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text(ctx, token.data(), static_cast<int>(token.size()), SQLITE_TRANSIENT);
}

}  // namespace

Result<void> register_functions(sqlite3* db) {
  const int rc =
      sqlite3_create_function_v2(db, "ah_author_token", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                 nullptr, ah_author_token, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    return fail(ErrorCode::internal, "sqlite: cannot register ah_author_token");
  }
  return {};
}

}  // namespace ah::store::sqlite
