#include "store/sqlite/functions.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/paper.h"
#include "store/sqlite/columns.h"
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

std::string_view text_arg(sqlite3_value* v) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(v));
  return text ? std::string_view(text, static_cast<size_t>(sqlite3_value_bytes(v)))
              : std::string_view();
}

void ah_retag_authors(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const std::string tags = retag_authors(text_arg(argv[0]), text_arg(argv[1]));
  sqlite3_result_text(ctx, tags.data(), static_cast<int>(tags.size()), SQLITE_TRANSIENT);
}

// The rule itself (core::is_notice_only) over the columns it reads, so that a migration's
// backfill cannot drift from what the store writes.
void ah_notice_only(sqlite3_context* ctx, int, sqlite3_value** argv) {
  core::Paper p;
  p.type = core::parse_work_type(text_arg(argv[0]));
  if (const std::string_view relations = text_arg(argv[1]); !relations.empty()) {
    p.relations = decode_relations(relations);
  }
  sqlite3_result_int(ctx, core::is_notice_only(p) ? 1 : 0);
}

}  // namespace

std::string retag_authors(std::string_view tags, std::string_view names) {
  std::vector<std::string> authors;
  for (size_t start = 0; start <= names.size();) {
    size_t end = names.find('\x1f', start);
    if (end == std::string_view::npos) end = names.size();
    std::string token = author_token(names.substr(start, end - start));
    if (!token.empty() && std::find(authors.begin(), authors.end(), token) == authors.end()) {
      authors.push_back(std::move(token));
    }
    start = end + 1;
  }
  std::string out;
  auto add = [&out](std::string_view token) {
    if (!out.empty()) out.push_back(' ');
    out += token;
  };
  bool placed = false;
  for_each_tag(tags, [&](std::string_view token) {
    if (!token.starts_with("zu")) {
      add(token);
    } else if (!placed) {
      for (const std::string& a : authors) add(a);
      placed = true;
    }
  });
  if (!placed) {
    for (const std::string& a : authors) add(a);
  }
  return out;
}

Result<void> register_functions(sqlite3* db) {
  int rc = sqlite3_create_function_v2(db, "ah_author_token", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                      nullptr, ah_author_token, nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "ah_retag_authors", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                    nullptr, ah_retag_authors, nullptr, nullptr, nullptr);
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "ah_notice_only", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                    nullptr, ah_notice_only, nullptr, nullptr, nullptr);
  }
  if (rc != SQLITE_OK) {
    return fail(ErrorCode::internal, "sqlite: cannot register the migrations' functions");
  }
  return {};
}

}  // namespace ah::store::sqlite
