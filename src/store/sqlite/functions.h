// SQL functions the schema's migrations call, registered on every connection before migrating.
// Private to the SQLite backend.
#pragma once

#include <sqlite3.h>

#include "core/error.h"

namespace ah::store::sqlite {

// ah_author_token(name): encoding.h's author_token(name), deterministic; NULL for NULL.
// Errors: internal when SQLite refuses the registration.
Result<void> register_functions(sqlite3* db);

}  // namespace ah::store::sqlite
