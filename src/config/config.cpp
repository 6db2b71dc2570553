#include "config/config.h"

#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <functional>

#include "net/url.h"

extern char** environ;

namespace ah::config {
namespace {

constexpr Setting kSettings[] = {
    {"db", "ACADEMICHUB_DB", "path", "",
     "SQLite database file (default: $XDG_DATA_HOME/academichub/academichub.db)"},
    {"db_busy_timeout_ms", "ACADEMICHUB_DB_BUSY_TIMEOUT_MS", "duration_ms", "10000",
     "how long a command waits for another process's lock on the database before it says so"},
    {"sources_file", "ACADEMICHUB_SOURCES_FILE", "path", "",
     "the catalogue of sources to harvest, a TOML file the operator edits (default: "
     "$XDG_CONFIG_HOME/academichub/sources.toml, written from the built-in default on first use)"},
    {"contact_email", "ACADEMICHUB_CONTACT_EMAIL", "string", "",
     "e-mail address sent in the User-Agent of every upstream request; required to harvest"},
    {"arxiv.api_url", "ACADEMICHUB_ARXIV_API_URL", "url", "https://export.arxiv.org/api/query",
     "arXiv API endpoint"},
    {"arxiv.oai_url", "ACADEMICHUB_ARXIV_OAI_URL", "url", "https://oaipmh.arxiv.org/oai",
     "arXiv OAI-PMH endpoint"},
    {"arxiv.rss_url", "ACADEMICHUB_ARXIV_RSS_URL", "url", "https://rss.arxiv.org/rss/",
     "arXiv RSS base URL; categories joined with '+' are appended"},
    {"arxiv.oai_prefix", "ACADEMICHUB_ARXIV_OAI_PREFIX", "string", "arXivRaw",
     "OAI-PMH metadataPrefix: arXivRaw (version history) or arXiv (affiliations)"},
    {"arxiv.min_interval_ms", "ACADEMICHUB_ARXIV_MIN_INTERVAL_MS", "duration_ms", "3000",
     "minimum delay between two requests to an arXiv host"},
    {"http.timeout_s", "ACADEMICHUB_HTTP_TIMEOUT_S", "duration_s", "120",
     "total time allowed for one HTTP request"},
    {"http.connect_timeout_s", "ACADEMICHUB_HTTP_CONNECT_TIMEOUT_S", "duration_s", "10",
     "time allowed to connect to a host"},
    {"http.max_retries", "ACADEMICHUB_HTTP_MAX_RETRIES", "int", "5",
     "retries after 429, 5xx or a dropped connection"},
    {"arxiv.api_page_size", "ACADEMICHUB_ARXIV_API_PAGE_SIZE", "int", "100",
     "results per arXiv API request (1..2000)"},
    {"import.batch_size", "ACADEMICHUB_IMPORT_BATCH_SIZE", "int", "25000",
     "records per database transaction while importing (1..1000000)"},
    {"crossref.api_url", "ACADEMICHUB_CROSSREF_API_URL", "url", "https://api.crossref.org",
     "Crossref REST API base URL"},
    {"openalex.api_url", "ACADEMICHUB_OPENALEX_API_URL", "url", "https://api.openalex.org",
     "OpenAlex API base URL"},
    {"openalex_api_key", "ACADEMICHUB_OPENALEX_API_KEY", "secret", "",
     "OpenAlex API key (openalex.org/settings/api; required since February 2026 beyond a few "
     "test requests a day); sent only when set"},
    {"biorxiv.api_url", "ACADEMICHUB_BIORXIV_API_URL", "url", "https://api.biorxiv.org",
     "bioRxiv/medRxiv API base URL"},
    {"log_level", "ACADEMICHUB_LOG_LEVEL", "string", "info", "error, warn, info or debug"},
    {"pubmed.eutils_url", "ACADEMICHUB_PUBMED_EUTILS_URL", "url",
     "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/",
     "NCBI E-utilities base URL (esearch.fcgi and efetch.fcgi are appended)"},
    {"pubmed_api_key", "ACADEMICHUB_PUBMED_API_KEY", "secret", "",
     "NCBI API key, sent with every PubMed request when set (10 requests a second instead of 3)"},
    {"s2.api_url", "ACADEMICHUB_S2_API_URL", "url", "https://api.semanticscholar.org/graph/v1",
     "Semantic Scholar Graph API base URL"},
    {"s2_api_key", "ACADEMICHUB_S2_API_KEY", "secret", "",
     "Semantic Scholar API key, sent as the x-api-key header when set"},
    {"llm.base_url", "ACADEMICHUB_LLM_BASE_URL", "url", "",
     "OpenAI-compatible chat endpoint, ending in /v1 (e.g. http://127.0.0.1:11434/v1 for Ollama); "
     "empty: briefings are written without an LLM"},
    {"llm.model", "ACADEMICHUB_LLM_MODEL", "string", "",
     "model name the endpoint knows (deepseek-chat, qwen-plus, llama3.1, ...)"},
    {"llm.api_key", "ACADEMICHUB_LLM_API_KEY", "secret", "",
     "API key sent as 'Authorization: Bearer'; empty for local servers that need none"},
    {"llm.timeout", "ACADEMICHUB_LLM_TIMEOUT", "integer", "300",
     "seconds one LLM answer may take in all, 1-3600 (a slow local model writing a long "
     "briefing needs minutes)"},
    {"llm.retries", "ACADEMICHUB_LLM_RETRIES", "integer", "3",
     "retries of an LLM call after 429, 5xx or a timeout, with back-off, 0-10"},
};

std::filesystem::path home(const std::map<std::string, std::string>& env) {
  auto it = env.find("HOME");
  return it != env.end() && !it->second.empty() ? std::filesystem::path(it->second)
                                                : std::filesystem::path(".");
}

std::filesystem::path xdg(const std::map<std::string, std::string>& env, const char* var,
                          const char* fallback) {
  auto it = env.find(var);
  if (it != env.end() && !it->second.empty()) return it->second;
  return home(env) / fallback;
}

Result<long long> parse_int(std::string_view text, long long min, long long max) {
  long long v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) {
    return fail(ErrorCode::invalid_argument, "expected an integer from " + std::to_string(min) +
                                                 " to " + std::to_string(max) + ", got \"" +
                                                 std::string(text) + "\"");
  }
  return v;
}

// Applies one textual value to the Config field named by `key`.
Result<void> apply(Config& c, std::string_view key, const std::string& value) {
  auto integer = [&](long long min, long long max) { return parse_int(value, min, max); };
  if (key == "db") {
    if (value.empty()) return fail(ErrorCode::invalid_argument, "must not be empty");
    c.db_path = value;
  } else if (key == "db_busy_timeout_ms") {
    auto v = integer(0, 3'600'000);
    if (!v) return std::unexpected(v.error());
    c.db_busy_timeout = std::chrono::milliseconds(*v);
  } else if (key == "sources_file") {
    if (value.empty()) return fail(ErrorCode::invalid_argument, "must not be empty");
    c.sources_file = value;
  } else if (key == "contact_email") {
    c.contact_email = value;
  } else if (key == "arxiv.api_url") {
    c.arxiv_api_url = value;
  } else if (key == "arxiv.oai_url") {
    c.arxiv_oai_url = value;
  } else if (key == "arxiv.rss_url") {
    c.arxiv_rss_url = value;
  } else if (key == "arxiv.oai_prefix") {
    if (value != "arXivRaw" && value != "arXiv") {
      return fail(ErrorCode::invalid_argument, "expected arXivRaw or arXiv, got \"" + value + "\"");
    }
    c.arxiv_oai_prefix = value;
  } else if (key == "arxiv.min_interval_ms") {
    auto v = integer(0, 3'600'000);
    if (!v) return std::unexpected(v.error());
    c.arxiv_min_interval = std::chrono::milliseconds(*v);
  } else if (key == "http.timeout_s") {
    auto v = integer(1, 86'400);
    if (!v) return std::unexpected(v.error());
    c.http_timeout = std::chrono::seconds(*v);
  } else if (key == "http.connect_timeout_s") {
    auto v = integer(1, 3'600);
    if (!v) return std::unexpected(v.error());
    c.http_connect_timeout = std::chrono::seconds(*v);
  } else if (key == "http.max_retries") {
    auto v = integer(0, 100);
    if (!v) return std::unexpected(v.error());
    c.http_max_retries = static_cast<int>(*v);
  } else if (key == "arxiv.api_page_size") {
    auto v = integer(1, 2000);
    if (!v) return std::unexpected(v.error());
    c.api_page_size = static_cast<int>(*v);
  } else if (key == "import.batch_size") {
    auto v = integer(1, 1'000'000);
    if (!v) return std::unexpected(v.error());
    c.import_batch_size = static_cast<int>(*v);
  } else if (key == "crossref.api_url") {
    c.crossref_api_url = value;
  } else if (key == "openalex.api_url") {
    c.openalex_api_url = value;
  } else if (key == "openalex_api_key") {
    c.openalex_api_key = Secret(value);
  } else if (key == "biorxiv.api_url") {
    c.biorxiv_api_url = value;
  } else if (key == "log_level") {
    if (value != "error" && value != "warn" && value != "info" && value != "debug") {
      return fail(ErrorCode::invalid_argument,
                  "expected error, warn, info or debug, got \"" + value + "\"");
    }
    c.log_level = value;
  } else if (key == "pubmed.eutils_url") {
    c.pubmed_eutils_url = value;
  } else if (key == "pubmed_api_key") {
    c.pubmed_api_key = Secret(value);
  } else if (key == "s2.api_url") {
    c.s2_api_url = value;
  } else if (key == "s2_api_key") {
    c.s2_api_key = Secret(value);
  } else if (key == "llm.base_url") {
    if (!value.empty() && !value.starts_with("http://") && !value.starts_with("https://")) {
      return fail(ErrorCode::invalid_argument,
                  "expected an http:// or https:// URL, got \"" + net::redact_url(value) + "\"");
    }
    c.llm_base_url = value;
  } else if (key == "llm.model") {
    c.llm_model = value;
  } else if (key == "llm.api_key") {
    c.llm_api_key = Secret(value);  // never echoed: no message here quotes the value
  } else if (key == "llm.timeout") {
    auto v = integer(1, 3600);
    if (!v) return std::unexpected(v.error());
    c.llm_timeout = std::chrono::seconds(*v);
  } else if (key == "llm.retries") {
    auto v = integer(0, 10);
    if (!v) return std::unexpected(v.error());
    c.llm_retries = static_cast<int>(*v);
  } else {
    return fail(ErrorCode::invalid_argument, "unknown setting");
  }
  return {};
}

const Setting* find_setting(std::string_view key) {
  for (const Setting& s : kSettings) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

// What `academichub config` may print of a value of `setting`.
std::string display(const Setting& setting, const std::string& value) {
  if (setting.type == "secret") return to_display(Secret(value));
  if (setting.type == "url") return net::redact_url(value);
  return value;
}

// apply(), and on success records the value's display form and origin.
Result<void> resolve(Config& c, std::string_view key, const std::string& value, Origin origin) {
  if (auto r = apply(c, key, value); !r) return r;
  if (const Setting* s = find_setting(key)) {
    c.shown.insert_or_assign(std::string(key), Shown{display(*s, value), origin});
  }
  return {};
}

// Flattens a TOML table into dotted keys with textual values.
Result<void> flatten(const toml::table& table, const std::string& prefix,
                     std::map<std::string, std::string>& out) {
  for (const auto& [k, node] : table) {
    std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = node.as_table()) {
      if (auto r = flatten(*sub, key, out); !r) return r;
    } else if (const auto* s = node.as_string()) {
      out[key] = s->get();
    } else if (const auto* i = node.as_integer()) {
      out[key] = std::to_string(i->get());
    } else if (const auto* b = node.as_boolean()) {
      out[key] = b->get() ? "true" : "false";
    } else {
      return fail(ErrorCode::invalid_argument, key + ": expected a string or an integer");
    }
  }
  return {};
}

}  // namespace

std::span<const Setting> settings_table() { return kSettings; }

std::string_view to_string(Origin origin) {
  switch (origin) {
    case Origin::default_value:
      return "default";
    case Origin::file:
      return "file";
    case Origin::environment:
      return "environment";
    case Origin::flag:
      return "flag";
  }
  return "default";
}

std::vector<ResolvedSetting> resolved_settings(const Config& config) {
  std::vector<ResolvedSetting> out;
  for (const Setting& s : kSettings) {
    auto it = config.shown.find(s.key);
    out.push_back({s, it != config.shown.end() ? it->second : Shown{}});
  }
  return out;
}

std::filesystem::path default_db_path() {
  auto env = read_environment();
  return xdg(env, "XDG_DATA_HOME", ".local/share") / "academichub" / "academichub.db";
}

std::filesystem::path default_config_path() {
  auto env = read_environment();
  return xdg(env, "XDG_CONFIG_HOME", ".config") / "academichub" / "config.toml";
}

std::map<std::string, std::string> read_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    size_t eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = kv.substr(0, eq);
    if (name.starts_with("ACADEMICHUB_") || name.starts_with("XDG_") || name == "HOME") {
      env.emplace(name, kv.substr(eq + 1));
    }
  }
  return env;
}

Result<Config> load(const std::filesystem::path& config_file,
                    const std::map<std::string, std::string>& env,
                    const std::map<std::string, std::string>& flags) {
  Config c;
  for (const Setting& s : kSettings) {
    if (s.fallback.empty()) continue;
    if (auto r = resolve(c, s.key, std::string(s.fallback), Origin::default_value); !r) {
      return std::unexpected(r.error().with_context("default " + std::string(s.key)));
    }
  }
  const auto db = xdg(env, "XDG_DATA_HOME", ".local/share") / "academichub" / "academichub.db";
  if (auto r = resolve(c, "db", db.string(), Origin::default_value); !r) {
    return std::unexpected(r.error().with_context("default db"));
  }
  const auto sources = xdg(env, "XDG_CONFIG_HOME", ".config") / "academichub" / "sources.toml";
  if (auto r = resolve(c, "sources_file", sources.string(), Origin::default_value); !r) {
    return std::unexpected(r.error().with_context("default sources_file"));
  }

  // The file: explicit, then ACADEMICHUB_CONFIG, then the default location if present.
  std::filesystem::path file = config_file;
  bool explicit_file = !file.empty();
  if (!explicit_file) {
    if (auto it = env.find("ACADEMICHUB_CONFIG"); it != env.end() && !it->second.empty()) {
      file = it->second;
      explicit_file = true;
    } else {
      file = xdg(env, "XDG_CONFIG_HOME", ".config") / "academichub" / "config.toml";
    }
  }
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    // toml++ is built with exceptions here: its parse error is caught at this edge.
    toml::table parsed;
    try {
      parsed = toml::parse_file(file.string());
    } catch (const toml::parse_error& err) {
      return fail(ErrorCode::invalid_argument, file.string() + ":" +
                                                   std::to_string(err.source().begin.line) + ": " +
                                                   std::string(err.description()));
    }
    std::map<std::string, std::string> values;
    if (auto r = flatten(parsed, "", values); !r) {
      return std::unexpected(r.error().with_context(file.string()));
    }
    for (const auto& [key, value] : values) {
      if (auto r = resolve(c, key, value, Origin::file); !r) {
        return std::unexpected(r.error().with_context(file.string() + ": " + key));
      }
    }
    c.config_file = file;
  } else if (explicit_file) {
    return fail(ErrorCode::unavailable, "config file not found: " + file.string());
  }

  for (const Setting& s : kSettings) {
    if (auto it = env.find(std::string(s.env)); it != env.end()) {
      if (auto r = resolve(c, s.key, it->second, Origin::environment); !r) {
        return std::unexpected(r.error().with_context(std::string(s.env)));
      }
    }
  }
  for (const auto& [key, value] : flags) {
    if (auto r = resolve(c, key, value, Origin::flag); !r) {
      return std::unexpected(r.error().with_context("--" + key));
    }
  }
  return c;
}

Result<std::string> user_agent(const Config& config) {
  const std::string& e = config.contact_email;
  size_t at = e.find('@');
  if (e.empty() || at == std::string::npos || at == 0 || at + 1 >= e.size() ||
      e.find_first_of(" \t\r\n()<>") != std::string::npos) {
    return fail(ErrorCode::invalid_argument,
                "a contact e-mail is required to harvest (arXiv asks harvesters to identify "
                "themselves): set contact_email in " +
                    default_config_path().string() +
                    ", or ACADEMICHUB_CONTACT_EMAIL, or pass --contact-email");
  }
  return "AcademicHub/0.1 (+https://github.com/academichub/academichub; mailto:" + e + ")";
}

}  // namespace ah::config
