#include "web/briefings_api.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "brief/analysis.h"
#include "brief/briefing.h"
#include "brief/paper_set.h"
#include "brief/period.h"
#include "brief/render.h"
#include "web/errors.h"

namespace ah::web {
namespace {

using nlohmann::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Response json_response(std::string body) {
  Response r;
  r.body = std::move(body);
  r.set_header("Cache-Control", "no-store");
  return r;
}

// What a POST asks for, read from its body.
struct BriefingRequest {
  brief::PaperSetRequest set;
  std::string radar;  // the radar whose view the ids come from; empty: none
  brief::BriefingOptions options;
  bool cache = true;
};

Result<BriefingRequest> parse_request(const std::string& body) {
  auto bad = [](std::string message) { return fail(ErrorCode::invalid_argument, message); };
  const json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return bad("the body must be a JSON object");
  BriefingRequest out;
  for (const auto& [name, value] : j.items()) {
    if (name == "ids") {
      if (!value.is_array()) return bad("ids: expected an array of paper ids");
      for (const json& id : value) {
        if (!id.is_string() || id.get<std::string>().empty()) {
          return bad("ids: expected an array of paper ids");
        }
        out.set.ids.push_back(id.get<std::string>());
      }
      if (out.set.ids.empty()) return bad("ids: the list is empty");
    } else if (name == "query" || name == "since" || name == "until" || name == "lang") {
      if (!value.is_string()) return bad(name + ": expected a string");
      std::string text = value.get<std::string>();
      if (name == "query") {
        if (text.empty()) return bad("query: empty");
        out.set.query = std::move(text);
      } else if (name == "since") {
        out.set.since = std::move(text);
      } else if (name == "until") {
        out.set.until = std::move(text);
      } else {
        auto lang = brief::parse_lang(text);
        if (!lang) return bad("lang: expected \"zh\" or \"en\", got \"" + text + "\"");
        out.options.lang = *lang;
      }
    } else if (name == "radar") {
      if (value.is_number_integer() && value.get<std::int64_t>() > 0) {
        out.radar = std::to_string(value.get<std::int64_t>());
      } else if (value.is_string() && !value.get<std::string>().empty()) {
        out.radar = value.get<std::string>();
      } else {
        return bad("radar: expected a radar's name or id");
      }
    } else if (name == "limit") {
      if (!value.is_number_integer()) return bad("limit: expected an integer");
      out.set.limit = value.get<int>();
    } else if (name == "llm" || name == "cache") {
      if (!value.is_boolean()) return bad(name + ": expected true or false");
      (name == "llm" ? out.options.use_llm : out.cache) = value.get<bool>();
    } else {
      return bad("unknown field \"" + name + "\" (ids, query, since, until, limit, lang, llm, "
                 "cache, radar)");
    }
  }
  if (!out.radar.empty() && out.set.ids.empty()) {
    return bad("radar: names the radar whose view the ids come from; give ids with it");
  }
  return out;
}

}  // namespace

std::string sse_event(std::string_view name, std::string_view data) {
  return fmt::format("event: {}\ndata: {}\n\n", name, data);
}

BriefingsApi::BriefingsApi(StorePool& stores, BriefingsApiOptions options)
    : stores_(stores), options_(std::move(options)) {}

Response BriefingsApi::fail(const Error& error) {
  if (http_status(error.code) >= 500 && options_.log_error) options_.log_error(error.message);
  return error_response(error);
}

Response BriefingsApi::create(const Request& r) {
  if (r.header("content-type").find("application/json") == std::string::npos) {
    return error_response(415, "unsupported_media_type",
                          "the body must be JSON (Content-Type: application/json)");
  }
  auto request = parse_request(r.body);
  if (!request) return fail(request.error());
  brief::ChatModel* model = request->options.use_llm ? options_.model : nullptr;
  const std::string model_name = model != nullptr ? model->model() : std::string();

  std::vector<core::Paper> papers;
  brief::SetContext context;
  std::optional<brief::ServedBriefing> cached;
  std::string key;
  {
    // The store is held while the set is gathered, not while the briefing streams.
    auto lease = stores_.acquire(options_.store_wait);
    if (!lease) return fail(lease.error());
    auto gathered = brief::gather(**lease, request->set);
    if (!gathered) return fail(gathered.error());
    if (gathered->empty()) {
      return fail(Error{ErrorCode::invalid_argument, "the set is empty: nothing to brief"});
    }
    papers = std::move(*gathered);
    if (!request->radar.empty()) {
      if (!options_.radar_context) {
        return fail(Error{ErrorCode::unavailable, "radar: this server briefs no radars"});
      }
      auto radar = options_.radar_context(**lease, request->radar, papers);
      if (!radar) return fail(radar.error());
      context = std::move(*radar);
    } else {
      auto before = brief::gather_previous(**lease, request->set, papers);
      if (!before) return fail(before.error());
      context.previous = std::move(*before);
    }
    key = brief::cache_key(papers, context.previous, context.notable, request->options,
                           model_name);
    if (request->cache) cached = brief::find_cached(**lease, key, options_.log_error);
  }

  Response res;
  res.content_type = "text/event-stream; charset=utf-8";
  if (cached) {
    res.stream = [done = dump(cached->json)](StreamSink& sink) {
      sink.write(sse_event("done", done));
    };
    return res;
  }
  auto set = std::make_shared<const std::vector<core::Paper>>(std::move(papers));
  auto around = std::make_shared<const brief::SetContext>(std::move(context));
  res.stream = [this, set, around, model, key, options = request->options,
                cache = request->cache](StreamSink& sink) {
    const brief::Analysis analysis = brief::analyse(*set, around->previous, {}, around->notable);
    const brief::Briefing base = brief::write_briefing(analysis, *set, nullptr, options);
    if (!sink.write(sse_event("analysis", dump(brief::to_json(base))))) return;
    if (model == nullptr) {
      const auto served = keep(base, key, cache);
      sink.write(sse_event("done", dump(served.json)));
      return;
    }
    // A client that leaves (or a server that stops) cancels the LLM's call; the token outlives
    // a callback that may still be running on an I/O thread.
    auto cancel = std::make_shared<brief::CancelToken>();
    sink.on_close([cancel] { cancel->cancel(); });
    brief::BriefingEvents events;
    events.cancel = cancel.get();
    events.on_step = [&](std::string_view step) {
      sink.write(sse_event("step", dump(json{{"step", step}})));
    };
    events.on_delta = [&](std::string_view piece) {
      sink.write(sse_event("delta", dump(json{{"text", piece}})));
    };
    events.on_reset = [&] { sink.write(sse_event("reset", "{}")); };
    const brief::Briefing b = brief::write_briefing(analysis, *set, model, options, events);
    sink.on_close(nullptr);
    if (b.cancelled || sink.closed()) return;
    const auto served = keep(b, key, cache);
    if (!b.llm_failed) {
      sink.write(sse_event("done", dump(served.json)));
      return;
    }
    std::string why = "the LLM failed";
    for (const brief::Warning& w : b.warnings) {
      if (w.kind == brief::WarningKind::llm_failed) why = w.message;
    }
    sink.write(sse_event(
        "error", dump(json{{"code", "llm_failed"}, {"message", why}, {"briefing", served.json}})));
  };
  return res;
}

brief::ServedBriefing BriefingsApi::keep(const brief::Briefing& b, const std::string& key,
                                          bool cache) {
  std::lock_guard lock(writer_mutex_);
  store::PaperStore* store = nullptr;
  if (cache && options_.open_writer && !writer_failed_) {
    if (!writer_) {
      auto opened = options_.open_writer();
      if (opened) {
        writer_ = std::move(*opened);
      } else {
        writer_failed_ = true;
        if (options_.log_error) {
          options_.log_error("briefings are not cached: " + opened.error().message);
        }
      }
    }
    store = writer_.get();
  }
  return brief::serve_fresh(b, key, store, options_.log_error);
}

Response BriefingsApi::get(const Request&, std::string_view id) {
  auto lease = stores_.acquire(options_.store_wait);
  if (!lease) return fail(lease.error());
  auto found = brief::find_cached(**lease, std::string(id), options_.log_error);
  if (!found) {
    return error_response(404, "not_found", fmt::format("no briefing {}", id.substr(0, 80)));
  }
  return json_response(dump(found->json));
}

}  // namespace ah::web
