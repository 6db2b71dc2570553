// Notes an LLM writes on request: the cache around prompts.h's per-paper requests.
#include "brief/paper_notes.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "brief/analysis.h"
#include "brief/citations.h"
#include "brief/digest.h"
#include "brief/text_stats.h"

namespace ah::brief {
namespace {

using nlohmann::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The kind as people read it, first in every error message.
std::string_view label(NoteKind kind) {
  switch (kind) {
    case NoteKind::tldr:
      return "TL;DR";
    case NoteKind::translation:
      return "translation";
    case NoteKind::search_terms:
      return "search terms";
  }
  return "note";
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// What a paper's notes are made from: the prompts read more (authors, venue), but only a new
// title or abstract changes what the answer should say.
std::string paper_input(const core::Paper& paper) {
  const std::string& abstract =
      paper.abstract_display.empty() ? paper.abstract : paper.abstract_display;
  return paper_title(paper) + "\n\n" + abstract;
}

NoteRequest paper_note(NoteKind kind, Lang lang, const core::Paper& paper, ChatRequest chat) {
  return NoteRequest{kind, lang, paper.paper_id, sha256_hex(paper_input(paper)), std::move(chat)};
}

json body_of(const Note& note) {
  switch (note.kind) {
    case NoteKind::tldr:
      return json{{"tldr", note.tldr}};
    case NoteKind::translation:
      return json{{"title", note.translation.title}, {"abstract", note.translation.abstract}};
    case NoteKind::search_terms:
      return json{{"terms", note.terms}};
  }
  return json::object();
}

// Fills `note`'s answer from a cached body; false when the body is not what its kind keeps.
bool read_body(const json& body, Note& note) {
  if (!body.is_object()) return false;
  auto text = [&](const char* name, std::string& out) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_string()) return false;
    out = it->get<std::string>();
    return !out.empty();
  };
  switch (note.kind) {
    case NoteKind::tldr:
      return text("tldr", note.tldr);
    case NoteKind::translation:
      // A paper without an abstract has its title translated alone.
      (void)text("abstract", note.translation.abstract);
      return text("title", note.translation.title);
    case NoteKind::search_terms: {
      auto it = body.find("terms");
      if (it == body.end() || !it->is_array()) return false;
      for (const json& term : *it) {
        if (term.is_string()) note.terms.push_back(term.get<std::string>());
      }
      return !note.terms.empty();
    }
  }
  return false;
}

// Reads an answer (without its reasoning) into `note`.
Result<void> parse_into(Note& note, std::string_view answer) {
  switch (note.kind) {
    case NoteKind::tldr: {
      auto tldr = parse_tldr(answer);
      if (!tldr) return std::unexpected(tldr.error());
      note.tldr = std::move(*tldr);
      return {};
    }
    case NoteKind::translation: {
      auto translation = parse_translation(answer);
      if (!translation) return std::unexpected(translation.error());
      note.translation = std::move(*translation);
      return {};
    }
    case NoteKind::search_terms: {
      auto terms = parse_search_terms(answer);
      if (!terms) return std::unexpected(terms.error());
      note.terms = std::move(*terms);
      return {};
    }
  }
  return {};
}

// Whether `answer` is in the language `request` asks for. Search terms are read term by term and
// the English ones kept, so an answer is in the wrong language only when none is English and it
// has Chinese in it; the others are checked whole, before they are read, since a reader that
// drops what it does not want would hide an answer in the wrong language.
bool in_language(const NoteRequest& request, std::string_view answer) {
  if (request.kind == NoteKind::search_terms) {
    return parse_search_terms(answer).has_value() || count_scripts(answer).cjk == 0;
  }
  return language_matches(answer, request.lang);
}

std::string_view language_name(Lang lang) { return lang == Lang::zh ? "Chinese" : "English"; }

}  // namespace

std::string_view to_string(NoteKind kind) {
  switch (kind) {
    case NoteKind::tldr:
      return "tldr";
    case NoteKind::translation:
      return "translation";
    case NoteKind::search_terms:
      return "search_terms";
  }
  return "tldr";
}

NoteRequest tldr_note(const core::Paper& paper, Lang lang) {
  return paper_note(NoteKind::tldr, lang, paper, tldr_request(paper, lang));
}

NoteRequest translation_note(const core::Paper& paper) {
  return paper_note(NoteKind::translation, Lang::zh, paper, translation_request(paper));
}

NoteRequest search_terms_note(std::string_view description) {
  const std::string text = trim(description);
  return NoteRequest{NoteKind::search_terms, Lang::en, 0, sha256_hex(text),
                     search_terms_request(text)};
}

store::NoteKey note_key(const NoteRequest& request, std::string_view model) {
  return store::NoteKey{request.paper_id,
                        std::string(to_string(request.kind)),
                        std::string(to_string(request.lang)),
                        std::string(model),
                        kNotePromptVersion,
                        request.input_hash};
}

std::optional<Note> find_note(store::PaperStore& store, const NoteRequest& request,
                              std::string_view model, const NoteWarn& warn) {
  auto found = store.get_note(note_key(request, model));
  if (!found) {
    if (warn)
      warn(fmt::format("the {} cache cannot be read: {}", label(request.kind),
                       found.error().message));
    return std::nullopt;
  }
  if (!*found) return std::nullopt;
  Note note;
  note.kind = request.kind;
  note.lang = request.lang;
  note.cached = true;
  note.llm.model = std::string(model);
  note.llm.prompt_tokens = static_cast<int>((*found)->prompt_tokens);
  note.llm.completion_tokens = static_cast<int>((*found)->completion_tokens);
  if (!read_body(json::parse((*found)->body, nullptr, /*allow_exceptions=*/false), note)) {
    if (warn) warn(fmt::format("a cached {} cannot be read; asking again", label(request.kind)));
    return std::nullopt;
  }
  return note;
}

Result<Note> ask_note(ChatModel& model, const NoteRequest& request, const CancelToken* cancel) {
  Note note;
  note.kind = request.kind;
  note.lang = request.lang;
  note.llm.model = model.model();
  const std::string what(label(request.kind));
  ChatCall how;
  if (cancel != nullptr) {
    how.cancel = cancel;
    how.on_delta = [](std::string_view) {};
  }
  auto call = [&](const ChatRequest& chat) -> Result<std::string> {
    auto reply = model.chat(chat, how);
    if (!reply) return std::unexpected(reply.error().with_context(what));
    if (reply->finish == FinishReason::cancelled) {
      return fail(ErrorCode::unavailable, what + ": cancelled");
    }
    ++note.llm.calls;
    note.llm.prompt_tokens += reply->usage.prompt_tokens;
    note.llm.completion_tokens += reply->usage.completion_tokens;
    return strip_thinking(reply->text);
  };
  auto answer = call(request.chat);
  if (!answer) return std::unexpected(answer.error());
  if (!in_language(request, *answer)) {
    answer = call(insist_on_answer_language(request.chat, request.lang));
    if (!answer) return std::unexpected(answer.error());
    if (!in_language(request, *answer)) {
      return fail(ErrorCode::bad_upstream_data,
                  fmt::format("{}: the LLM ({}) answered in another language than {}, twice", what,
                              note.llm.model, language_name(request.lang)));
    }
  }
  if (auto parsed = parse_into(note, *answer); !parsed) {
    return std::unexpected(parsed.error().with_context(what));
  }
  return note;
}

void keep_note(store::PaperStore& store, const NoteRequest& request, const Note& note,
               const NoteWarn& warn) {
  store::StoredNote stored;
  stored.key = note_key(request, note.llm.model);
  stored.body = dump(body_of(note));
  stored.prompt_tokens = note.llm.prompt_tokens;
  stored.completion_tokens = note.llm.completion_tokens;
  if (auto put = store.put_note(stored); !put && warn) {
    warn(fmt::format("the {} could not be cached: {}", label(request.kind), put.error().message));
  }
}

Result<Note> write_note(const NoteRequest& request, ChatModel* model, const NoteCache& cache) {
  if (model == nullptr) return fail(ErrorCode::unavailable, std::string(kNoLlmMessage));
  if (cache.reader != nullptr) {
    if (auto found = find_note(*cache.reader, request, model->model(), cache.warn)) return *found;
  }
  auto note = ask_note(*model, request);
  if (!note) return note;
  if (cache.writer != nullptr) keep_note(*cache.writer, request, *note, cache.warn);
  return note;
}

json to_json(const Note& note, std::string_view paper_id) {
  json out = json::object();
  if (note.kind != NoteKind::search_terms) out["id"] = paper_id;
  const json body = body_of(note);  // named: a temporary's items() would dangle in the loop
  for (const auto& [name, value] : body.items()) out[name] = value;
  out["lang"] = to_string(note.lang);
  out["cached"] = note.cached;
  out["llm"] = json{{"model", note.llm.model},
                    {"prompt_tokens", note.llm.prompt_tokens},
                    {"completion_tokens", note.llm.completion_tokens}};
  return out;
}

bool wants_english_terms(std::string_view description) {
  return count_scripts(description).cjk > 0;
}

Result<std::vector<std::string>> english_search_terms(std::string_view description,
                                                      ChatModel& model, store::PaperStore& store,
                                                      const NoteWarn& warn) {
  if (trim(description).empty()) {
    return fail(ErrorCode::invalid_argument, "search terms: the description is blank");
  }
  const NoteRequest request = search_terms_note(description);
  auto note = write_note(request, &model, NoteCache{&store, &store, warn});
  if (!note) return std::unexpected(note.error());
  return std::move(note->terms);
}

std::optional<std::vector<std::string>> cached_search_terms(store::PaperStore& store,
                                                            std::string_view description,
                                                            std::string_view model) {
  auto note = find_note(store, search_terms_note(description), model);
  if (!note) return std::nullopt;
  return std::move(note->terms);
}

}  // namespace ah::brief
