// academichub serve [--listen HOST:PORT] [--harvest]: the page, its files and the JSON API over
// HTTP until SIGINT or SIGTERM; with --harvest also the scheduler that harvests the catalogue's
// sources on their cadences (sched/scheduler.h) into the same database.
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <future>
#include <memory>
#include <mutex>
#include <span>
#include <stop_token>
#include <string>
#include <thread>

#include "catalogue/catalogue_file.h"
#include "cli/commands.h"
#include "cli/llm.h"
#include "cli/radar_brief.h"
#include "cli/radar_service.h"
#include "cli/radar_terms.h"
#include "radarsvc/service.h"
#include "sched/harvester_factory.h"
#include "sched/scheduler.h"
#include "web/access.h"
#include "web/api.h"
#include "web/assets.h"
#include "web/briefings_api.h"
#include "web/notes_api.h"
#include "web/radar_api.h"
#include "web/routes.h"
#include "web/server.h"
#include "web/store_pool.h"

namespace ah::cli {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  int threads = 0;      // handler threads; 0: twice the cores
  int connections = 0;  // 0: twice the cores, at least 4
  int keep_alive = 5;
  int wait_ms = 2000;
  int max_connections = 10'000;
  int header_timeout = 10;
  int body_timeout = 10;
  int write_timeout = 10;
  int io_threads = 1;
  bool harvest = false;
  int harvest_parallel = 4;
  std::string source_edits = "loopback";
};

// How long a stopping server waits for harvest runs to end at their next page (an upstream
// transfer in progress finishes first) before it exits without them.
constexpr std::chrono::seconds kHarvestStopGrace{20};

// File descriptors kept for everything but the connections served: the listening socket, the
// event loop, logs, and the few connections being refused with 503 at a time (at most 64, see
// web/server.cpp); the database connections' (file, WAL, shared memory) come on top.
constexpr std::size_t kReservedFds = 128;

// Raises this process's soft limit on open files to its hard limit (each connection is one);
// returns the soft limit now in force.
std::size_t raise_open_files_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? std::size_t{1} << 20
                                         : static_cast<std::size_t>(limit.rlim_cur);
}

// "127.0.0.1:8080" -> host and port ("[::1]:80" for IPv6). Errors: invalid_argument.
Result<std::pair<std::string, int>> parse_listen(std::string_view text) {
  const size_t colon = text.rfind(':');
  auto bad = [&] {
    return fail(ErrorCode::invalid_argument,
                fmt::format("--listen: expected HOST:PORT such as 127.0.0.1:8080, got '{}'", text));
  };
  if (colon == std::string_view::npos || colon == 0) return bad();
  std::string host(text.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = -1;
  std::string_view digits = text.substr(colon + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || port < 0 ||
      port > 65535) {
    return bad();
  }
  return std::pair{host, port};
}

int run_serve(App& app, const ServeArgs& args) {
  auto address = parse_listen(args.listen);
  if (!address) return report_error(address.error());
  const auto edits = web::parse_source_edits(args.source_edits);
  if (!edits) {
    return report_error(
        Error{ErrorCode::invalid_argument,
              "--source-edits: expected off or loopback, got '" + args.source_edits + "'"});
  }
  const catalogue::CatalogueFile catalogue(app.config().sources_file);
  const sched::HarvesterFactory factory = sched::builtin_harvesters();
  // Requested on SIGINT/SIGTERM: ends the scheduler and every harvest run at its next page.
  std::stop_source stop;
  std::unique_ptr<net::HttpClient> http;
  if (args.harvest) {
    auto wrote = catalogue.ensure_exists();
    if (!wrote) return report_error(wrote.error());
    if (*wrote) {
      app.log(LogLevel::info,
              fmt::format("wrote the default catalogue of sources to {} (edit it, or use "
                          "`academichub sources`)",
                          catalogue.path().string()));
    }
    // A catalogue that does not validate stops a server asked to harvest it, at once.
    auto loaded = catalogue.read();
    if (!loaded) return report_error(loaded.error());
    auto client = app.make_http_client(stop.get_token());
    if (!client) return report_error(client.error());
    http = std::move(*client);
  }

  // The pool's connections are read-only, so serving papers never writes (imports and harvests
  // write beside it); only the radars' own connections (below) write, and only radars. The
  // first one creates the database when there is none (the server is the long-running process
  // that harvests into it) and migrates an older schema; a current one is opened without a write.
  const std::filesystem::path db = app.config().db_path;
  std::error_code ec;
  const bool existed = std::filesystem::exists(db, ec);
  auto primary = app.open_store(StoreUse::serve);
  if (!primary) return report_error(primary.error());
  if (!existed) {
    app.log(LogLevel::info, fmt::format("there was no database at {}: created an empty one "
                                        "(`academichub import` or `academichub harvest` fills it)",
                                        db.string()));
  }
  store::SqliteOptions read_only = app.store_options(StoreUse::read);
  // One ranking per relevance query for all connections (store/ranking_cache.h).
  read_only.rankings = std::make_shared<store::RankingCache>();
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t connections =
      args.connections > 0 ? static_cast<std::size_t>(args.connections) : std::max(4u, 2 * cores);
  web::StorePool pool([db, read_only] { return store::open_sqlite(db, read_only); }, connections);

  // Workers log concurrently; App is used from one thread at a time.
  std::mutex log_mutex;
  auto log = [&app, &log_mutex](LogLevel level, std::string_view line) {
    std::lock_guard lock(log_mutex);
    app.log(level, line);
  };
  web::ApiOptions api_options;
  api_options.store_wait = std::chrono::milliseconds(args.wait_ms);
  api_options.log_error = [&log](std::string_view line) { log(LogLevel::error, line); };
  web::Api api(pool, api_options);

  // The scheduler: each run opens its own writer connection (the pool above stays read-only).
  std::unique_ptr<sched::Clock> clock = sched::make_system_clock();
  std::unique_ptr<sched::Scheduler> scheduler;
  if (args.harvest) {
    store::SqliteOptions writer = app.store_options(StoreUse::write);
    writer.on_migration = [&log](std::string_view m) {
      log(LogLevel::info, fmt::format("updating the database schema: {}", m));
    };
    writer.on_maintenance = [&log](std::string_view what) { log(LogLevel::info, what); };
    sched::SchedulerOptions options;
    options.max_parallel = static_cast<std::size_t>(args.harvest_parallel);
    options.log_info = [&log](std::string_view line) { log(LogLevel::info, line); };
    options.log_warn = [&log](std::string_view line) { log(LogLevel::warn, line); };
    scheduler = std::make_unique<sched::Scheduler>(
        catalogue, factory, [db, writer] { return store::open_sqlite(db, writer); }, *http,
        app.config(), *clock, stop.get_token(), std::move(options));
  }
  web::SourcesApiOptions sources_options;
  sources_options.store_wait = std::chrono::milliseconds(args.wait_ms);
  sources_options.unavailable = [&factory](catalogue::Kind k) { return factory.unavailable(k); };
  sources_options.edits = *edits;
  sources_options.log_error = [&log](std::string_view line) { log(LogLevel::error, line); };
  if (scheduler) {
    sources_options.live = [&scheduler] { return scheduler->live(); };
    sources_options.changed = [&scheduler] { scheduler->notify(); };
  }
  web::SourcesApi sources_api(catalogue, pool, sources_options);

  // Briefings: the configured LLM ([llm]) behind its own HTTP client (no politeness wrapper: the
  // client retries itself, and the wrapper would buffer a streamed answer), and a writer
  // connection of their own for the cache (the pool above stays read-only).
  auto llm = make_llm_client(app);
  if (!llm) return report_error(llm.error());
  web::BriefingsApiOptions briefings_options;
  briefings_options.store_wait = std::chrono::milliseconds(args.wait_ms);
  briefings_options.model = llm->model.get();
  store::SqliteOptions briefing_writer = app.store_options(StoreUse::write);
  briefings_options.open_writer = [db, briefing_writer] {
    return store::open_sqlite(db, briefing_writer);
  };
  briefings_options.log_error = [&log](std::string_view line) { log(LogLevel::error, line); };
  // A paper's TL;DR and translation: the same LLM, a writer connection of their own for the cache.
  web::NotesApiOptions notes_options;
  notes_options.store_wait = std::chrono::milliseconds(args.wait_ms);
  notes_options.model = llm->model.get();
  notes_options.open_writer = [db, briefing_writer] {
    return store::open_sqlite(db, briefing_writer);
  };
  notes_options.log_error = [&log](std::string_view line) { log(LogLevel::error, line); };
  web::NotesApi notes_api(pool, notes_options);

  // Radars write (votes, and the papers a feed showed), so they have writable connections of
  // their own; SQLite lets one write at a time and the others wait up to the busy timeout.
  store::SqliteOptions radar_writer = app.store_options(StoreUse::write);
  web::StorePool radar_pool([db, radar_writer] { return store::open_sqlite(db, radar_writer); },
                            2);
  // Chinese descriptions' English terms: feeds read them from the cache only; creating or
  // editing a radar asks the LLM (cli/radar_terms.h).
  auto terms = server_description_terms(
      llm->model.get(), [db, radar_writer] { return store::open_sqlite(db, radar_writer); },
      [&log](std::string_view line) { log(LogLevel::warn, line); });
  radarsvc::ServiceOptions service_options = radar_service_options(app);
  service_options.description_terms = std::move(terms.cached);
  service_options.note = [&log](std::string_view line) { log(LogLevel::info, line); };
  radarsvc::RadarService radar_service(std::move(service_options));
  web::RadarApiOptions radar_options;
  radar_options.on_description = std::move(terms.ask);
  radar_options.store_wait = std::chrono::milliseconds(args.wait_ms);
  radar_options.log_error = [&log](std::string_view line) { log(LogLevel::error, line); };
  web::RadarApi radar_api(radar_pool, pool, radar_service, radar_options);
  // A briefing of a radar's view reads the radar's previous period with the request's own
  // (read-only) connection: the look remembers nothing.
  briefings_options.radar_context = [&radar_service](store::PaperStore& store,
                                                     std::string_view name,
                                                     std::span<const core::Paper> set)
      -> Result<brief::SetContext> {
    if (store.radars() == nullptr) {
      return fail(ErrorCode::unavailable, "this store keeps no radars");
    }
    auto radar = store.radars()->find_radar(store::kLocalUser, name);
    if (!radar) return std::unexpected(radar.error());
    if (!*radar) return fail(ErrorCode::not_found, fmt::format("radar: no radar '{}'", name));
    return radar_context(radar_service, store, **radar, set);
  };
  web::BriefingsApi briefings_api(pool, briefings_options);
  const auto assets = web::embedded_assets();
  web::Router router(api, sources_api, radar_api, assets, web::RouterOptions{*edits},
                     &briefings_api, &notes_api);

  // SIGINT/SIGTERM are taken by a thread of their own (blocked everywhere else: the server's
  // threads, started below, inherit this mask), which stops the server; a closed client socket
  // must not kill us.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  web::ServerOptions options;
  options.host = address->first;
  options.port = address->second;
  options.io_threads = static_cast<std::size_t>(args.io_threads);
  options.handler_threads = static_cast<std::size_t>(args.threads);
  options.keep_alive_timeout = std::chrono::seconds(args.keep_alive);
  options.header_timeout = std::chrono::seconds(args.header_timeout);
  options.body_timeout = std::chrono::seconds(args.body_timeout);
  options.write_timeout = std::chrono::seconds(args.write_timeout);
  options.max_connections = static_cast<std::size_t>(args.max_connections);
  const std::size_t fds = raise_open_files_limit();
  const std::size_t reserved = kReservedFds + 3 * connections;
  const std::size_t fd_room = fds > reserved ? fds - reserved : 1;
  if (options.max_connections > fd_room) {
    log(LogLevel::warn,
        fmt::format("--max-connections {}: the open-file limit ({}) allows {} connections",
                    options.max_connections, fds, fd_room));
    options.max_connections = fd_room;
  }
  web::Server server(options, router, [&log](std::string_view line) { log(LogLevel::info, line); });

  if (auto bound = server.bind(); !bound) return report_error(bound.error());
  const std::string host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  // The first line on stdout is the address (tests and scripts read it; --listen ...:0 picks a
  // free port).
  fmt::print("academichub: serving http://{}:{}/ (database {})\n", host, server.port(),
             db.string());
  std::fflush(stdout);
  if (assets.empty()) {
    log(LogLevel::warn,
        "the web page was not built into this binary (web/dist was missing): / answers 503; "
        "run `npm ci && npm run build` in web/ and rebuild");
  }

  // /stats reads whole indexes (half a second at 1M papers): fill its cache before the first page
  // asks for it.
  std::thread warm([&api] { (void)api.stats(web::Request{}); });

  std::promise<void> harvest_done;
  std::future<void> harvest_ended = harvest_done.get_future();
  std::thread harvesting;
  if (scheduler) {
    log(LogLevel::info, fmt::format("harvesting the sources of {} ({} at most at once)",
                                    catalogue.path().string(), args.harvest_parallel));
    harvesting = std::thread([&scheduler, &harvest_done] {
      scheduler->run();
      harvest_done.set_value();
    });
  }

  std::atomic<int> received{0};
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    received = signal;
    stop.request_stop();
    server.stop();
  });
  server.run();
  if (received == 0) pthread_kill(waiter.native_handle(), SIGTERM);  // run() ended by itself
  waiter.join();
  warm.join();
  if (harvesting.joinable()) {
    stop.request_stop();
    if (harvest_ended.wait_for(kHarvestStopGrace) == std::future_status::timeout) {
      // A transfer that does not end (a stalled host within its timeouts): nothing of it is
      // committed yet, and the next start fetches that page again.
      log(LogLevel::warn,
          fmt::format("a harvest run did not stop within {} s; exiting without it (its "
                      "committed pages are kept, the next start goes on from them)",
                      kHarvestStopGrace.count()));
      std::fflush(stdout);
      std::fflush(stderr);
      std::_Exit(kExitOk);
    }
    harvesting.join();
  }
  log(LogLevel::info, received == SIGTERM || received == SIGINT
                          ? fmt::format("stopped on signal {}", received.load())
                          : std::string("stopped"));
  return kExitOk;
}

}  // namespace

void add_serve(CLI::App& parent, Command& run) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = parent.add_subcommand("serve", "serve the web page and the JSON API (/api/v1)");
  cmd->add_option("--listen", args->listen,
                  "HOST:PORT (default 127.0.0.1:8080; port 0: any free one)");
  cmd->add_option("--threads", args->threads,
                  "threads running request handlers, in arrival order (default: twice the "
                  "cores); open connections need none (see --max-connections)")
      ->check(CLI::Range(1, 4096));
  cmd->add_option(
         "--connections", args->connections,
         "database connections shared by the workers (default twice the cores, at least 4)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--keep-alive", args->keep_alive,
                  "seconds an idle connection stays open (default 5)")
      ->check(CLI::Range(1, 300));
  cmd->add_option("--max-connections", args->max_connections,
                  "open connections at most; more are answered 503 and closed (default 10000, "
                  "lowered to what the open-file limit allows)")
      ->check(CLI::Range(1, 1'000'000));
  cmd->add_option("--header-timeout", args->header_timeout,
                  "seconds a request's line and headers may take from their first byte "
                  "(default 10)")
      ->check(CLI::Range(1, 300));
  cmd->add_option("--body-timeout", args->body_timeout,
                  "seconds a request's body may take after its headers (default 10)")
      ->check(CLI::Range(1, 300));
  cmd->add_option("--write-timeout", args->write_timeout,
                  "seconds a client may take to receive an answer (default 10)")
      ->check(CLI::Range(1, 300));
  cmd->add_option("--io-threads", args->io_threads,
                  "threads running the sockets' event loop (default 1)")
      ->check(CLI::Range(1, 64));
  cmd->add_option(
         "--wait-ms", args->wait_ms,
         "how long a request waits for a free database connection before 503 (default 2000)")
      ->check(CLI::Range(1, 60000));
  cmd->add_flag("--harvest", args->harvest,
                "also harvest the catalogue's enabled sources on their cadences (the "
                "sources_file setting; needs contact_email)");
  cmd->add_option("--harvest-parallel", args->harvest_parallel,
                  "harvest runs at once, each on another host (default 4)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--source-edits", args->source_edits,
                  "who may change sources over the API: loopback (default: direct requests "
                  "from this machine) or off")
      ->check(CLI::IsMember({"off", "loopback"}));
  cmd->callback([args, &run] { run = [args](App& app) { return run_serve(app, *args); }; });
}

}  // namespace ah::cli
