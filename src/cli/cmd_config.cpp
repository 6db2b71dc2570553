// academichub config [--json]: every setting with the value this process resolved and where it
// came from (default, file, environment, flag); secrets as "***", URLs redacted.
#include <algorithm>
#include <memory>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"

namespace ah::cli {
namespace {

int run_config(App& app, bool as_json) {
  const config::Config& c = app.config();
  const std::vector<config::ResolvedSetting> settings = config::resolved_settings(c);
  if (as_json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const config::ResolvedSetting& r : settings) {
      list.push_back({{"key", r.setting.key},
                      {"value", r.shown.value},
                      {"from", config::to_string(r.shown.origin)},
                      {"environment", r.setting.env},
                      {"type", r.setting.type},
                      {"default", r.setting.fallback},
                      {"help", r.setting.help}});
    }
    nlohmann::ordered_json out = {
        {"config_file", c.config_file.empty() ? nlohmann::ordered_json(nullptr)
                                              : nlohmann::ordered_json(c.config_file.string())},
        {"settings", std::move(list)}};
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  fmt::print("config file  {}\n\n", c.config_file.empty() ? "(none)" : c.config_file.string());
  // Columns as wide as their widest entry, so a long path or URL never runs into the next one.
  size_t key_width = 3, value_width = 5, env_width = 11;
  for (const config::ResolvedSetting& r : settings) {
    key_width = std::max(key_width, r.setting.key.size());
    value_width = std::max(value_width, r.shown.value.size());
    env_width = std::max(env_width, r.setting.env.size());
  }
  auto row = [&](std::string_view key, std::string_view value, std::string_view from,
                 std::string_view env, std::string_view help) {
    fmt::print("{:<{}}  {:<{}}  {:<11}  {:<{}}  {}\n", key, key_width, value, value_width, from,
               env, env_width, help);
  };
  row("key", "value", "from", "environment", "meaning");
  for (const config::ResolvedSetting& r : settings) {
    row(r.setting.key, r.shown.value.empty() ? "-" : r.shown.value,
        config::to_string(r.shown.origin), r.setting.env, r.setting.help);
  }
  return kExitOk;
}

}  // namespace

void add_config(CLI::App& parent, Command& run) {
  auto as_json = std::make_shared<bool>(false);
  CLI::App* cmd = parent.add_subcommand(
      "config", "print every setting: its value, where it came from and its variable");
  cmd->add_flag("--json", *as_json, "print as JSON");
  cmd->callback(
      [as_json, &run] { run = [as_json](App& app) { return run_config(app, *as_json); }; });
}

}  // namespace ah::cli
