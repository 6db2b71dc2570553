// ISSNs (ISO 3297): "0028-0836", seven digits and a check character. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ah::catalogue {

// The check character of the first seven digits of an ISSN: the digits weighted 8 down to 2,
// summed, and (11 - sum mod 11) mod 11, with 10 written "X". `seven` must be seven ASCII digits.
char issn_check_character(std::string_view seven);

// `text` in the canonical form "NNNN-NNNC" (upper-case X) when it is an ISSN with a correct check
// character, written "NNNN-NNNC" or "NNNNNNNC" (x in either case); nullopt otherwise.
std::optional<std::string> normalize_issn(std::string_view text);

}  // namespace ah::catalogue
