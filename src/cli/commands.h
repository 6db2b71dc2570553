// The subcommands of academichub, one file each. Each registers its CLI11 subcommand and returns
// the function that runs it once the arguments are parsed. Main thread only.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "cli/app.h"

namespace ah::cli {

using Command = std::function<int(App&)>;

// Each adds its subcommand to `parent` and sets `run` to the command when it is chosen.
void add_import(CLI::App& parent, Command& run);
void add_search(CLI::App& parent, Command& run);
void add_show(CLI::App& parent, Command& run);
void add_unmerge(CLI::App& parent, Command& run);  // unmerge and merges
void add_brief(CLI::App& parent, Command& run);
void add_tldr(CLI::App& parent, Command& run);       // cmd_notes.cpp
void add_translate(CLI::App& parent, Command& run);  // cmd_notes.cpp
void add_harvest(CLI::App& parent, Command& run);
// The subcommands of `harvest` beside arxiv, added to the `harvest` command.
void add_harvest_crossref(CLI::App& harvest, Command& run);
void add_harvest_feed(CLI::App& harvest, Command& run);
void add_harvest_pubmed(CLI::App& harvest, Command& run);  // under `harvest`
void add_s2(CLI::App& parent, Command& run);
// `harvest openalex` and `harvest biorxiv`, added to the `harvest` command by add_harvest.
void add_harvest_openalex(CLI::App& harvest, Command& run);
void add_harvest_biorxiv(CLI::App& harvest, Command& run);
void add_stats(CLI::App& parent, Command& run);
void add_config(CLI::App& parent, Command& run);
void add_serve(CLI::App& parent, Command& run);
void add_sources(CLI::App& parent, Command& run);
void add_status(CLI::App& parent, Command& run);
void add_radar(CLI::App& parent, Command& run);  // radar create|list|show|edit|delete|vote|feed

}  // namespace ah::cli
