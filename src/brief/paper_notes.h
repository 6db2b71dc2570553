// What an LLM writes on request about one paper — a one-line TL;DR (zh or en), its title and
// abstract in Simplified Chinese — or about one text: the English search terms of a radar's
// description (often Chinese), so that a Chinese radar finds English papers. Each is a "note",
// cached in the store (migration 0008, PaperStore::get_note/put_note) under everything its answer
// depends on: the paper's stable id, the kind, the answer's language, the model, kNotePromptVersion
// and a SHA-256 of the text the prompt was made from (a new abstract is asked anew).
// Errors come from the LLM only: a cache that cannot be read or written is a warning.
// Thread-compatible: a call uses the stores it is given from the calling thread; the ChatModel's
// own rule applies (the OpenAI-compatible client is thread-safe).
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brief/chat_model.h"
#include "brief/prompts.h"
#include "brief/render.h"
#include "core/error.h"
#include "core/paper.h"
#include "store/paper_store.h"

namespace ah::brief {

enum class NoteKind { tldr, translation, search_terms };
std::string_view to_string(NoteKind kind);  // "tldr", "translation", "search_terms"

// What a note cost when it was written (a cached note: what it cost then).
struct NoteLlm {
  std::string model;  // the model asked: part of the cache key
  int prompt_tokens = 0;
  int completion_tokens = 0;
  int calls = 0;  // calls this request made: 0 from the cache, 2 after a wrong language
};

struct Note {
  NoteKind kind = NoteKind::tldr;
  Lang lang = Lang::en;            // the answer's language (a translation's is zh, terms' en)
  std::string tldr;                // kind tldr: one line
  Translation translation;         // kind translation
  std::vector<std::string> terms;  // kind search_terms: 1..20 English terms
  bool cached = false;             // found in the cache, not asked for now
  NoteLlm llm;
};

// One note to write: what to ask, and the parts of its cache key that are not the model.
struct NoteRequest {
  NoteKind kind = NoteKind::tldr;
  Lang lang = Lang::en;       // the language the answer must be in
  std::int64_t paper_id = 0;  // the paper's stable id; 0 for a note on a text
  std::string input_hash;     // SHA-256 (hex) of the title and abstract, or of the description
  ChatRequest chat;           // prompts.h's request
};

// A one-line TL;DR of `paper` in `lang` (tldr_request).
NoteRequest tldr_note(const core::Paper& paper, Lang lang);
// `paper`'s title and abstract in Simplified Chinese (translation_request).
NoteRequest translation_note(const core::Paper& paper);
// English search terms for a radar's `description` (search_terms_request); blanks at either end
// do not count.
NoteRequest search_terms_note(std::string_view description);

// The store's key of `request`'s note written by `model`.
store::NoteKey note_key(const NoteRequest& request, std::string_view model);

using NoteWarn = std::function<void(std::string_view)>;

// The note cached for `request` and `model`, with cached set; nullopt when there is none, or when
// the cache cannot be read or holds what cannot be read (`warn`, when set, hears why).
std::optional<Note> find_note(store::PaperStore& store, const NoteRequest& request,
                              std::string_view model, const NoteWarn& warn = {});

// Asks `model` (one call, with the ChatModel's own retries of 429, 5xx and timeouts), and once
// more, insisting, when the answer is in another language than request.lang; reads the answer
// with prompts.h's parser. The tokens of both calls are counted. Errors: the ChatModel's
// (unavailable naming the endpoint's host and the status, rate_limited, invalid_argument for a
// refused request or key), bad_upstream_data when the answer cannot be read or is still in the
// wrong language; messages start with the kind ("TL;DR: ...") and never hold the API key;
// unavailable ("... cancelled") when `cancel` (borrowed, may be null) is set meanwhile: with one,
// the answer is streamed, so that a cancel is seen while the LLM is still thinking.
Result<Note> ask_note(ChatModel& model, const NoteRequest& request,
                      const CancelToken* cancel = nullptr);

// Keeps `note` (as ask_note wrote it for `request`) in `store`; a store that cannot keep it is
// no failure: `warn` hears why.
void keep_note(store::PaperStore& store, const NoteRequest& request, const Note& note,
               const NoteWarn& warn = {});

// Where notes are looked up and kept: the caller's connections (the same one may do both).
struct NoteCache {
  store::PaperStore* reader = nullptr;  // null: not looked up (--no-cache)
  store::PaperStore* writer = nullptr;  // null: not kept (--no-cache, or a read-only caller)
  NoteWarn warn;                        // hears cache troubles
};

// The message when no LLM is configured.
inline constexpr std::string_view kNoLlmMessage =
    "no LLM is configured: set [llm] base_url and model in the config, or "
    "ACADEMICHUB_LLM_BASE_URL and ACADEMICHUB_LLM_MODEL";

// The whole request: the cached note (cache.reader), else ask_note, kept (cache.writer).
// Errors: unavailable (kNoLlmMessage) when `model` is null; ask_note's.
Result<Note> write_note(const NoteRequest& request, ChatModel* model, const NoteCache& cache);

// `note` as `academichub tldr|translate --json` and the API print it: {"id": paper_id,
// "tldr" | "title" + "abstract" | "terms", "lang", "cached", "llm": {"model", "prompt_tokens",
// "completion_tokens"}}.
nlohmann::json to_json(const Note& note, std::string_view paper_id);

// True when `description` has Chinese in it (a Han character or another CJK letter): the
// radar's words then need english_search_terms to match English papers.
bool wants_english_terms(std::string_view description);

// A radar's description (often Chinese) as English search terms (1..20, each one to four
// words), written by `model` once and then read from `store`'s cache (the same store looks up
// and keeps; a read-only one only looks up). Errors: invalid_argument for a blank description;
// ask_note's. For the radar's ranking.
Result<std::vector<std::string>> english_search_terms(std::string_view description,
                                                      ChatModel& model, store::PaperStore& store,
                                                      const NoteWarn& warn = {});
// The terms cached for `description` and `model`, without asking the LLM (for a ranking that must
// not wait for one); nullopt when none are cached.
std::optional<std::vector<std::string>> cached_search_terms(store::PaperStore& store,
                                                            std::string_view description,
                                                            std::string_view model);

}  // namespace ah::brief
