// The radar service's index kept in a file between processes (radar::FeatureIndex::save/load),
// tied to its store by a stamp: a random token written into the file and into the store's state
// (key kIndexStampKey), so that a file beside another database, or one the store no longer
// vouches for, is built again rather than trusted. Thread-compatible: each call uses only the
// store and index it is given.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>

#include "radar/feature_index.h"
#include "store/paper_store.h"

namespace ah::radarsvc {

// A "store:" key: the store's own bookkeeping, not harvest state (stats leave it out).
inline constexpr std::string_view kIndexStampKey = "store:radar-index-stamp";

using Note = std::function<void(std::string_view)>;

// The index in `path` when the store's stamp is the file's; nullopt when there is no file, or it
// is stale (other options, another store, another format) or broken: `note` hears why (except
// for no file), and the caller builds the index.
std::optional<radar::FeatureIndex> read_index_file(store::PaperStore& store,
                                                   const std::filesystem::path& path,
                                                   const radar::IndexOptions& options,
                                                   const Note& note);

// Keeps a new stamp in the store's state, then writes `index` to `path` with it. A failure (a
// read-only store: the file is left as it is; an unwritable directory, a full disk) goes to
// `note`. Returns whether both were written.
bool write_index_file(store::PaperStore& store, const std::filesystem::path& path,
                      const radar::FeatureIndex& index, const Note& note);

}  // namespace ah::radarsvc
