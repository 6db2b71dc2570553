// academichub: the command line. Parses global options, resolves the configuration once, builds
// the App and runs the chosen subcommand.
#include <map>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/app.h"
#include "cli/commands.h"
#include "config/config.h"

int main(int argc, char** argv) {
  using namespace ah;
  CLI::App parser{"AcademicHub: gathers new papers and keeps one clean record of each.",
                  "academichub"};
  parser.require_subcommand(1);
  parser.set_version_flag("--version", "academichub 0.1.0");

  std::string db, config_file, contact, log_level;
  parser.add_option("--db", db, "database file (default: $XDG_DATA_HOME/academichub/academichub.db)");
  parser.add_option("--config", config_file, "TOML config file (default: $XDG_CONFIG_HOME/academichub/config.toml)");
  parser.add_option("--contact-email", contact, "e-mail sent in the User-Agent when harvesting");
  parser.add_option("--log-level", log_level, "error, warn, info or debug");

  cli::Command run;
  cli::add_import(parser, run);
  cli::add_search(parser, run);
  cli::add_show(parser, run);
  cli::add_unmerge(parser, run);
  cli::add_brief(parser, run);
  cli::add_tldr(parser, run);
  cli::add_translate(parser, run);
  cli::add_harvest(parser, run);
  cli::add_stats(parser, run);
  cli::add_config(parser, run);
  cli::add_serve(parser, run);
  cli::add_s2(parser, run);
  cli::add_sources(parser, run);
  cli::add_status(parser, run);
  cli::add_radar(parser, run);

  try {
    parser.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 reports usage errors (and --help) by exception; this is the edge that turns them
    // into an exit code. Usage errors exit 2, like import's unreadable files.
    int code = parser.exit(e);
    return code == 0 ? 0 : cli::kExitBadInput;
  }

  std::map<std::string, std::string> flags;
  if (!db.empty()) flags["db"] = db;
  if (!contact.empty()) flags["contact_email"] = contact;
  if (!log_level.empty()) flags["log_level"] = log_level;
  auto config = config::load(config_file, config::read_environment(), flags);
  if (!config) return cli::report_error(config.error());

  cli::App app(std::move(*config));
  return run(app);
}
