#include "web/notes_api.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <stop_token>

#include "json/paper_json.h"
#include "web/errors.h"

namespace ah::web {
namespace {

std::string_view label(brief::NoteKind kind) {
  return kind == brief::NoteKind::tldr ? "TL;DR" : "translation";
}

}  // namespace

struct NotesApi::Asked {
  brief::NoteRequest request;
  std::string paper_id;               // the id of the paper's JSON
  std::optional<brief::Note> cached;  // looked up with the configured model
};

NotesApi::NotesApi(StorePool& stores, NotesApiOptions options)
    : stores_(stores), options_(std::move(options)) {}

Response NotesApi::fail(const Error& error) {
  if (http_status(error.code) >= 500 && options_.log_error) options_.log_error(error.message);
  return error_response(error);
}

Result<NotesApi::Asked> NotesApi::read(const Request& r, std::string_view id,
                                       brief::NoteKind kind) {
  const std::string lang_text =
      r.first("lang").value_or(kind == brief::NoteKind::tldr ? "en" : "zh");
  const auto lang = brief::parse_lang(lang_text);
  if (!lang) {
    return ah::fail(ErrorCode::invalid_argument,
                    fmt::format("lang: expected zh or en, got '{}'", lang_text.substr(0, 40)));
  }
  if (kind == brief::NoteKind::translation && *lang != brief::Lang::zh) {
    return ah::fail(ErrorCode::invalid_argument,
                    "lang: a translation is into Simplified Chinese (zh) only");
  }
  auto lease = stores_.acquire(options_.store_wait);
  if (!lease) return std::unexpected(lease.error());
  auto found = (*lease)->get(id);
  if (!found) {
    return std::unexpected(found.error().code == ErrorCode::invalid_argument
                               ? found.error().with_context("id")
                               : found.error());
  }
  if (!*found) {
    return ah::fail(ErrorCode::not_found, fmt::format("no paper '{}' in this store", id));
  }
  Asked asked{kind == brief::NoteKind::tldr ? brief::tldr_note(**found, *lang)
                                            : brief::translation_note(**found),
              json::display_id(**found), std::nullopt};
  if (options_.model != nullptr) {
    asked.cached =
        brief::find_note(**lease, asked.request, options_.model->model(), options_.log_error);
  }
  return asked;
}

Response NotesApi::answer(const brief::Note& note, std::string_view paper_id) {
  Response res;
  res.body =
      brief::to_json(note, paper_id).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  res.set_header("Cache-Control", "no-store");
  return res;
}

Response NotesApi::create(const Request& r, std::string_view id, brief::NoteKind kind) {
  if (options_.model == nullptr) return llm_unavailable_response(brief::kNoLlmMessage);
  auto asked = read(r, id, kind);
  if (!asked) return fail(asked.error());
  if (asked->cached) return answer(*asked->cached, asked->paper_id);
  Response res;
  res.deferred = [this, request = std::move(asked->request), paper_id = std::move(asked->paper_id)](
                     std::stop_token stop) { return write(request, paper_id, std::move(stop)); };
  return res;
}

Response NotesApi::write(const brief::NoteRequest& request, const std::string& paper_id,
                         std::stop_token stop) {
  // A server that stops cancels the call (the ChatModel sees it within 100 ms).
  brief::CancelToken cancel;
  std::stop_callback on_stop(stop, [&cancel] { cancel.cancel(); });
  auto note = brief::ask_note(*options_.model, request, &cancel);
  if (!note) {
    if (stop.stop_requested()) return fail(Error{ErrorCode::unavailable, "the server is stopping"});
    if (options_.log_error) options_.log_error(note.error().message);
    return llm_error_response(note.error());
  }
  {
    std::lock_guard lock(writer_mutex_);
    if (!writer_ && !writer_failed_ && options_.open_writer) {
      auto opened = options_.open_writer();
      if (opened) {
        writer_ = std::move(*opened);
      } else {
        writer_failed_ = true;
        if (options_.log_error) {
          options_.log_error("notes are not cached: " + opened.error().message);
        }
      }
    }
    if (writer_) brief::keep_note(*writer_, request, *note, options_.log_error);
  }
  return answer(*note, paper_id);
}

Response NotesApi::get(const Request& r, std::string_view id, brief::NoteKind kind) {
  auto asked = read(r, id, kind);
  if (!asked) return fail(asked.error());
  if (!asked->cached) {
    return error_response(
        404, "not_found",
        options_.model == nullptr
            ? fmt::format("no {} of '{}' is cached: no LLM is configured", label(kind), id)
            : fmt::format("no {} of '{}' is cached for model {}; POST to write one", label(kind),
                          id, options_.model->model()));
  }
  return answer(*asked->cached, asked->paper_id);
}

}  // namespace ah::web
