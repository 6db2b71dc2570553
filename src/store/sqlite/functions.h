// SQL functions the schema's migrations call, registered on every connection before migrating.
// Private to the SQLite backend.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>

#include "core/error.h"

namespace ah::store::sqlite {

// ah_author_token(name): encoding.h's author_token(name), deterministic; NULL for NULL.
// ah_retag_authors(tags, names): retag_authors(tags, names), deterministic (NULL reads as "").
// ah_notice_only(work_type, relations): 1 when core::is_notice_only holds for a paper of that
// stored work_type and relations column (columns.h), else 0; deterministic.
// Errors: internal when SQLite refuses the registration.
Result<void> register_functions(sqlite3* db);

// A paper's tags text (encoding.h) with its author tokens made anew from `names` (the paper's
// author names in order, joined by U+001F): the other tokens keep their order, the authors'
// tokens (those starting "zu") take the place of the first old one, or go last. Tags that were
// made from the same names by the current author_token come back unchanged.
std::string retag_authors(std::string_view tags, std::string_view names);

}  // namespace ah::store::sqlite
