// The one hash the briefing's caches use: SHA-256 (OpenSSL) of a text, as 64 lower-case hex
// digits. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ah::brief {

std::string sha256_hex(std::string_view text);

}  // namespace ah::brief
