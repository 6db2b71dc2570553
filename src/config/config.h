// Settings of AcademicHub: one table of keys (config file key, ACADEMICHUB_* variable, type,
// default, help), resolved once into an immutable Config with precedence defaults < file < env <
// flags. Thread-safe: Config is a plain value; loading reads the environment and one file.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ah::config {

// A value that must never reach a log or terminal in clear: prints "***".
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }
  friend std::string to_display(const Secret& s) { return s.value_.empty() ? "" : "***"; }

 private:
  std::string value_;
};

// Where a setting's value came from, in order of precedence.
enum class Origin { default_value, file, environment, flag };
// "default", "file", "environment", "flag".
std::string_view to_string(Origin origin);

// A setting's value as resolved, in the form it may be shown in: a "secret" prints "***" (see
// Secret), a "url" has its credentials redacted (net::redact_url), others print as given.
struct Shown {
  std::string value;  // empty when the setting has no value
  Origin origin = Origin::default_value;
};

struct Config {
  std::filesystem::path db_path;                     // SQLite database file
  std::chrono::milliseconds db_busy_timeout{10000};  // wait for another process's database lock
  std::filesystem::path sources_file;  // the catalogue of sources (catalogue/catalogue.h)
  std::string contact_email;           // sent in the User-Agent; required to harvest
  std::string arxiv_api_url;           // arXiv API endpoint (Atom)
  std::string arxiv_oai_url;           // arXiv OAI-PMH endpoint
  std::string arxiv_rss_url;           // arXiv RSS base; categories are appended
  std::string arxiv_oai_prefix;        // metadataPrefix for OAI harvests: arXivRaw or arXiv
  std::chrono::milliseconds arxiv_min_interval{3000};  // arXiv asks for 1 request / 3 s
  std::chrono::seconds http_timeout{120};
  std::chrono::seconds http_connect_timeout{10};
  int http_max_retries = 5;
  int api_page_size = 100;                 // max_results per arXiv API request (1..2000)
  int import_batch_size = 25000;           // records per store transaction during import
  std::string crossref_api_url;            // Crossref REST API base ("https://api.crossref.org")
  std::string openalex_api_url;            // OpenAlex API base ("https://api.openalex.org")
  Secret openalex_api_key;                 // sent as api_key only when set
  std::string biorxiv_api_url;             // api.biorxiv.org base (bioRxiv and medRxiv)
  std::string log_level;                   // error, warn, info, debug
  std::string pubmed_eutils_url;           // NCBI E-utilities base (PubMed harvests)
  Secret pubmed_api_key;                   // optional NCBI API key: 10 requests/s instead of 3
  std::string s2_api_url;                  // Semantic Scholar Graph API base
  Secret s2_api_key;                       // optional Semantic Scholar key (x-api-key header)
  std::string llm_base_url;                // OpenAI-compatible ".../v1"; empty: no LLM
  std::string llm_model;                   // the endpoint's model name
  Secret llm_api_key;                      // Bearer key; empty for servers that need none
  std::chrono::seconds llm_timeout{300};   // one answer in all
  int llm_retries = 3;                     // after 429, 5xx, timeouts
  std::filesystem::path config_file;       // the file that was read, or empty
  // Every setting that has a value, by key: what `academichub config` prints. Kept in display form
  // only, so no secret is held here in clear.
  std::map<std::string, Shown, std::less<>> shown;
};

// One row of the settings table.
struct Setting {
  std::string_view key;  // TOML key (dotted: "arxiv.min_interval_ms")
  std::string_view env;  // ACADEMICHUB_* variable
  // "string", "path", "int", "duration_ms", "duration_s", "url" (shown redacted), "secret"
  // (shown as "***"; the Config field is a Secret)
  std::string_view type;
  std::string_view fallback;  // default as text; "" for none (see default_db_path for the db)
  std::string_view help;
};
std::span<const Setting> settings_table();

// Where the database lives when nothing says otherwise: $XDG_DATA_HOME/academichub/academichub.db
// (or ~/.local/share/academichub/academichub.db).
std::filesystem::path default_db_path();
// The default config file: $XDG_CONFIG_HOME/academichub/config.toml (or ~/.config/...).
std::filesystem::path default_config_path();

// Resolves the configuration. `config_file`: an explicit file (--config); when empty,
// ACADEMICHUB_CONFIG, then default_config_path() if it exists. `env`: the environment (injected
// for tests; pass read_environment() in main). `flags`: overrides by key from the command line.
// Errors: invalid_argument naming the key and its source ("config.toml: arxiv.min_interval_ms:
// expected an integer >= 0, got \"fast\""); unavailable when an explicitly named file is missing.
Result<Config> load(const std::filesystem::path& config_file,
                    const std::map<std::string, std::string>& env,
                    const std::map<std::string, std::string>& flags);

// One row per setting of the table, in table order, with the value `config` holds in display form
// and where it came from.
struct ResolvedSetting {
  const Setting& setting;
  Shown shown;
};
std::vector<ResolvedSetting> resolved_settings(const Config& config);

// ACADEMICHUB_* and XDG_*/HOME variables of this process.
std::map<std::string, std::string> read_environment();

// The User-Agent for upstream requests: "AcademicHub/<version> (mailto:<contact>)".
// Errors: invalid_argument when contact_email is empty or not an e-mail address, saying how to set
// it.
Result<std::string> user_agent(const Config& config);

}  // namespace ah::config
