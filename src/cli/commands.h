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
void add_harvest(CLI::App& parent, Command& run);
void add_stats(CLI::App& parent, Command& run);
void add_config(CLI::App& parent, Command& run);
void add_serve(CLI::App& parent, Command& run);
void add_sources(CLI::App& parent, Command& run);
void add_status(CLI::App& parent, Command& run);

}  // namespace ah::cli
