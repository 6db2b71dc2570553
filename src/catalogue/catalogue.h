// The catalogue: the list of sources AcademicHub harvests, as the operator's TOML file says
// (sources.toml, one [[source]] table per entry; the default is embedded in the binary). This
// header reads and validates it; catalogue_edit.h changes it, catalogue_file.h owns the file.
// Pure functions over text; thread-safe.
//
// An entry in the file, with the keys every kind shares and those of its kind:
//   [[source]]
//   name = "nature.crossref"          # unique: [a-z0-9][a-z0-9._-]*, at most 64 characters
//   kind = "crossref"                 # arxiv, crossref, pubmed, openalex, biorxiv, feed
//   title = "Nature"                  # optional, for people
//   enabled = true                    # optional, default true
//   every = "6h"                      # or at = "05:30" (daily, UTC); default per kind
//   since = "2026-01-01"              # optional: where a first harvest starts
//   issns = ["0028-0836", "1476-4687"]  # kind-specific keys:
//     arxiv: sets = [...], method = "rss" | "oai"     crossref: issns = [...]
//     pubmed: term = "..."                             openalex: source_id = "S..."
//     biorxiv: server = "biorxiv" | "medrxiv"          feed: url = "https://...", venue = "..."
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalogue/source_entry.h"
#include "core/error.h"

namespace ah::catalogue {

struct Catalogue {
  std::vector<SourceEntry> sources;  // in file order; names unique

  // The entry named `name`, or nullptr.
  const SourceEntry* find(std::string_view name) const;
};

// Parses and validates the text of a catalogue file; `file` names it in errors. Errors:
// invalid_argument for the first problem, located as "FILE:LINE: source 'NAME': key 'KEY': why"
// (TOML syntax errors as "FILE:LINE: why"): an unknown key (for the entry's kind), a missing or
// mistyped one, a bad duration or time of day, both `every` and `at`, an ISSN whose check digit
// is wrong, a feed URL that is not http(s), a name used twice.
Result<Catalogue> parse_catalogue(std::string_view text, std::string_view file);

// One entry given as a JSON object with the keys of the file (the API's POST body, or what the
// command line's `sources add` flags make), validated by the same rules as the file's entries.
// Errors: invalid_argument "source 'NAME': key 'KEY': why" (or "the body is not a JSON object").
Result<SourceEntry> entry_from_json(std::string_view json_text);

// The JSON object of an entry with the file's keys ("every": "6h" or "at": "05:30", the kind's
// own keys) and "host" (upstream_host). Compact; keys in a fixed order.
std::string entry_json(const SourceEntry& entry);

// The entry as a [[source]] block of the file, keys in the order of the comment above, ending in
// a newline. parse_catalogue reads it back to an equal entry (line aside).
std::string format_entry(const SourceEntry& entry);

// The default catalogue, embedded in the binary (src/catalogue/default_sources.toml).
std::string_view default_catalogue_text();

}  // namespace ah::catalogue
