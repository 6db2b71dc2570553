// The operator's catalogue file (setting `sources_file`, default
// $XDG_CONFIG_HOME/academichub/sources.toml). Reads take no lock: every write replaces the file
// by rename, so a reader sees the old or the new file, never half of one. Edits (the command
// line's `sources add|remove|enable|disable` and the API's, possibly from two processes at once)
// are serialized by an exclusive lock on FILE.lock beside it, each a read-modify-write of the
// whole text (catalogue_edit.h). Thread-safe; the object holds only the path.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "catalogue/catalogue.h"
#include "core/error.h"

namespace ah::catalogue {

class CatalogueFile {
 public:
  explicit CatalogueFile(std::filesystem::path path) : path_(std::move(path)) {}
  const std::filesystem::path& path() const { return path_; }

  struct Loaded {
    Catalogue catalogue;
    bool exists = false;  // false: the file is missing and this is the embedded default
  };
  // The file's catalogue, or the embedded default when there is no file (nothing is written).
  // Errors: invalid_argument (parse_catalogue's, naming the file and line), unavailable when
  // the file exists but cannot be read.
  Result<Loaded> read() const;

  // Writes the embedded default when there is no file yet, creating its directory. Returns
  // whether it wrote. Errors: unavailable naming the path and the system's reason.
  Result<bool> ensure_exists() const;

  struct Edited {
    Catalogue catalogue;     // after the edit
    bool rewritten = false;  // the file was written anew; the previous one is FILE.bak
    bool created = false;    // the default was written first (there was no file)
  };
  // The edits of catalogue_edit.h applied to the file under its lock; the default is written
  // first when there is no file. Errors: those of the edit (conflict, not_found,
  // invalid_argument for a file that does not validate), unavailable (cannot write, or the lock
  // stayed taken for 10 s).
  Result<Edited> add(const SourceEntry& entry) const;
  Result<Edited> remove(std::string_view name) const;
  Result<Edited> set_enabled(std::string_view name, bool enabled) const;

  // Changes whenever the file does (its size, modification time and inode); nullopt when there
  // is no file. Cheap: one stat().
  std::optional<std::string> fingerprint() const;

 private:
  template <typename Edit>
  Result<Edited> edit(Edit&& apply) const;

  std::filesystem::path path_;
};

}  // namespace ah::catalogue
