// ISSNs: the "1234-567X" form journals and sources use, read from the ways sources write them.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ah::sources {

// The "NNNN-NNNC" form (upper-case X) of an ISSN written "1548-7091", "15487091", "1548 7091" or
// "issn:1548-709x"; nullopt when the text has not exactly 7 digits and a digit or X. The check
// digit is not verified: records keep what their source registered.
std::optional<std::string> format_issn(std::string_view text);

// format_issn, and the check digit must be right (ISO 3297: weights 8..2, modulo 11). For ISSNs
// a person typed. Errors: invalid_argument naming the text and what is wrong with it.
Result<std::string> parse_issn(std::string_view text);

}  // namespace ah::sources
