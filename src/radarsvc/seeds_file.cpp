#include "radarsvc/seeds_file.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace ah::radarsvc {

Result<MatchedSeeds> seeds_from_text(store::PaperStore& store, std::string_view text,
                                     std::string_view file_name) {
  (void)store, (void)text;
  return fail(ErrorCode::unavailable,
              fmt::format("{}: reading reference files comes with the bibio module, not in this "
                          "build yet",
                          file_name));
}

Result<MatchedSeeds> seeds_from_file(store::PaperStore& store, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return fail(ErrorCode::invalid_argument, fmt::format("cannot read {}", file.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return seeds_from_text(store, text.str(), file.filename().string());
}

}  // namespace ah::radarsvc
