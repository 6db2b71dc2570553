#include "radarsvc/index_file.h"

#include <fmt/format.h>

#include <random>
#include <string>
#include <vector>

namespace ah::radarsvc {
namespace {

void say(const Note& note, std::string_view line) {
  if (note) note(line);
}

std::string new_stamp(std::size_t papers) {
  std::random_device random;
  return fmt::format("{:08x}{:08x}{:08x}-{}", random(), random(), random(), papers);
}

}  // namespace

std::optional<radar::FeatureIndex> read_index_file(store::PaperStore& store,
                                                   const std::filesystem::path& path,
                                                   const radar::IndexOptions& options,
                                                   const Note& note) {
  auto loaded = radar::FeatureIndex::load(path, options);
  if (!loaded) {
    say(note, loaded.error().message);
    return std::nullopt;
  }
  if (!*loaded) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      say(note, fmt::format("radar index file {}: written by another version or with other "
                            "options; building the index again",
                            path.string()));
    }
    return std::nullopt;
  }
  auto stamp = store.get_state(kIndexStampKey);
  if (!stamp) {
    say(note, fmt::format("radar index file {}: the store's stamp cannot be read ({}); building "
                          "the index again",
                          path.string(), stamp.error().message));
    return std::nullopt;
  }
  if (!*stamp || **stamp != (*loaded)->stamp) {
    say(note, fmt::format("radar index file {}: not made from this database; building the index "
                          "again",
                          path.string()));
    return std::nullopt;
  }
  say(note, fmt::format("radar index: read {} papers from {}", (*loaded)->index.size(),
                        path.string()));
  return std::move((*loaded)->index);
}

bool write_index_file(store::PaperStore& store, const std::filesystem::path& path,
                      const radar::FeatureIndex& index, const Note& note) {
  // The stamp first: a store that cannot keep it (read-only) leaves the file as it is, and a
  // file not written in full is refused by the stamp it lacks.
  const std::string stamp = new_stamp(index.size());
  const std::vector<store::StateEntry> state{{std::string(kIndexStampKey), stamp}};
  if (auto put = store.put_state(state); !put) {
    say(note, fmt::format("radar index file {}: not written: the store cannot keep its stamp "
                          "({})",
                          path.string(), put.error().message));
    return false;
  }
  if (auto saved = index.save(path, stamp); !saved) {
    say(note, saved.error().message + "; the index lives in memory only");
    return false;
  }
  say(note, fmt::format("radar index: wrote {} papers to {}", index.size(), path.string()));
  return true;
}

}  // namespace ah::radarsvc
