// PLACEHOLDER until the text-normalisation work lands: returns its input unchanged.
#include "core/text.h"

namespace ah::core {
std::string display_text(std::string_view raw) { return std::string(raw); }
std::string search_text(std::string_view display) { return std::string(display); }
std::string display_name(std::string_view raw) { return std::string(raw); }
std::string normalize_date(std::string_view text) { return std::string(text); }
}  // namespace ah::core
