#include "cli/app.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <ctime>

#include "net/url.h"
#include "sched/stop.h"

namespace ah::cli {
namespace {

LogLevel parse_level(const std::string& s) {
  if (s == "error") return LogLevel::error;
  if (s == "warn") return LogLevel::warn;
  if (s == "debug") return LogLevel::debug;
  return LogLevel::info;
}

std::string_view level_name(LogLevel l) {
  switch (l) {
    case LogLevel::error:
      return "error";
    case LogLevel::warn:
      return "warn";
    case LogLevel::info:
      return "info";
    case LogLevel::debug:
      return "debug";
  }
  return "info";
}

}  // namespace

App::App(config::Config config)
    : config_(std::move(config)),
      level_(parse_level(config_.log_level)),
      interactive_(isatty(STDERR_FILENO) == 1) {}

store::SqliteOptions App::store_options(StoreUse use) const {
  store::SqliteOptions options;
  options.read_only = use == StoreUse::read || use == StoreUse::serve;
  options.create = use != StoreUse::read;
  options.bulk_load = use == StoreUse::bulk_load;
  options.busy_timeout = config_.db_busy_timeout;
  options.on_migration = [this](std::string_view migration) {
    log(LogLevel::info, fmt::format("updating the database schema: {} (some updates rebuild the "
                                    "full-text index: about a minute per million papers)",
                                    migration));
  };
  options.on_maintenance = [this](std::string_view what) {
    log(LogLevel::info, fmt::format("{} (about a minute per million papers)", what));
  };
  return options;
}

Result<std::unique_ptr<store::PaperStore>> App::open_store(StoreUse use) const {
  auto s = store::open_sqlite(config_.db_path, store_options(use));
  if (s) return s;
  if (s.error().code == ErrorCode::not_found) {
    return fail(ErrorCode::not_found,
                fmt::format("no database at {} (is --db or ACADEMICHUB_DB right?): "
                            "`academichub import FILE...` or `academichub harvest arxiv ...` "
                            "creates one",
                            config_.db_path.string()));
  }
  return std::unexpected(s.error().with_context("database"));
}

Result<net::CurlOptions> App::curl_options() const {
  auto ua = config::user_agent(config_);
  if (!ua) return std::unexpected(ua.error());
  net::CurlOptions curl;
  curl.user_agent = *ua;
  curl.connect_timeout = config_.http_connect_timeout;
  curl.total_timeout = config_.http_timeout;
  return curl;
}

Result<std::unique_ptr<net::HttpClient>> App::make_http_client() {
  auto curl = curl_options();
  if (!curl) return std::unexpected(curl.error());
  clock_ = net::make_system_clock();
  curl_ = net::make_curl_client(*curl);
  return polite_client(*curl_);
}

Result<std::unique_ptr<net::HttpClient>> App::make_http_client(std::stop_token stop) {
  auto curl = curl_options();
  if (!curl) return std::unexpected(curl.error());
  clock_ = sched::make_stoppable_clock(stop);
  curl_ = net::make_curl_client(*curl);
  gate_ = sched::make_stop_gate(*curl_, stop);
  return polite_client(*gate_);
}

Result<std::unique_ptr<net::HttpClient>> App::polite_client(net::HttpClient& inner) {
  net::PolitenessOptions polite;
  // Hosts without a published rule get arXiv's spacing, the most careful of all.
  polite.min_interval = config_.arxiv_min_interval;
  polite.max_retries = config_.http_max_retries;
  polite.hosts = net::default_host_rules();
  // arXiv's spacing is a setting: it applies to arXiv's hosts and to any host its endpoints are
  // configured to (a mirror, a local replay server).
  for (const std::string& url :
       {config_.arxiv_api_url, config_.arxiv_oai_url, config_.arxiv_rss_url,
        std::string("https://export.arxiv.org"), std::string("https://oaipmh.arxiv.org"),
        std::string("https://rss.arxiv.org")}) {
    if (auto host = net::parse_url_host(url)) {
      polite.hosts[host->display()] = net::HostRule{config_.arxiv_min_interval, 1};
    }
  }
  // NCBI allows 10 requests a second with an API key (3 without: default_host_rules).
  if (!config_.pubmed_api_key.empty()) {
    if (auto host = net::parse_url_host(config_.pubmed_eutils_url)) {
      polite.hosts[host->display()] = net::HostRule{std::chrono::milliseconds(100), 1};
    }
  }
  polite.log = [this](std::string_view line) { log(LogLevel::info, line); };
  return net::make_polite_client(inner, *clock_, polite);
}

void App::log(LogLevel level, std::string_view message) const {
  if (level > level_) return;
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::lock_guard lock(log_mutex_);
  fmt::print(stderr, "{} {}: {}\n", stamp, level_name(level), message);
}

int report_error(const Error& error) {
  fmt::print(stderr, "error: {}\n", error.message);
  if (error.busy) return kExitBusy;
  return error.code == ErrorCode::invalid_argument ? kExitBadInput : kExitFailure;
}

}  // namespace ah::cli
