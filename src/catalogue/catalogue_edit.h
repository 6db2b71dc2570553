// Changes to a catalogue file's text that keep everything else of it: the operator's comments,
// order, spacing and quoting. toml++ keeps no comments when it writes a table back, so edits are
// made on the text at the positions toml++ reports, and the result is parsed again and checked
// before it is returned. When an entry is not laid out as a [[source]] table (an inline table in a
// `source = [...]` array) the edit cannot be made in place: the whole file is then written anew,
// with a header saying the comments were lost (`rewritten`). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "catalogue/catalogue.h"
#include "core/error.h"

namespace ah::catalogue {

struct EditedText {
  std::string text;
  bool rewritten = false;  // written anew: the previous comments are not in `text`
};

// Appends `entry` as a [[source]] block at the end. Errors: conflict when its name is taken;
// invalid_argument when `text` is not a valid catalogue (parse_catalogue's error).
Result<EditedText> add_source(std::string_view text, std::string_view file,
                              const SourceEntry& entry);

// Removes the entry's [[source]] block: from its header line to its last key's line (comments
// inside the block go with it; those above its header stay). Errors: not_found, invalid_argument.
Result<EditedText> remove_source(std::string_view text, std::string_view file,
                                 std::string_view name);

// Sets the entry's `enabled` (its value replaced in place, or a line added under the header).
// Errors: not_found, invalid_argument.
Result<EditedText> set_enabled(std::string_view text, std::string_view file, std::string_view name,
                               bool enabled);

// The whole catalogue as a file: `header` (comment lines, each starting "# "), then the entries'
// blocks separated by blank lines.
std::string format_catalogue(const Catalogue& catalogue, std::string_view header);

}  // namespace ah::catalogue
