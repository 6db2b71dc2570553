// Shared between the files of `academichub radar` (cmd_radar.cpp, cmd_radar_feed.cpp). Main
// thread only.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace ah::cli {

// The flags of `radar create` and `radar edit`.
struct ProfileArgs {
  std::string name;
  std::vector<std::string> authors, author_ids, keywords, excludes, categories, venues, sources;
  std::string description;
  CLI::Option* description_option = nullptr;
  bool description_given = false;  // edit: --description was given (even "")
  std::vector<std::string> seeds, seeds_files;
  // edit only
  std::vector<std::string> remove_authors, remove_author_ids, remove_keywords, remove_excludes,
      remove_categories, remove_venues, remove_sources, remove_seeds;
  std::string rename;
  bool json = false;
};

// Adds create's flags (edit: the same, adding to the lists) to `cmd`.
void add_profile_options(CLI::App* cmd, ProfileArgs& args, bool edit);

// `radar feed`, added to the `radar` command.
void add_radar_feed(CLI::App& radar, Command& run);

}  // namespace ah::cli
