// academichub tldr ID [--lang zh|en] [--no-cache] [--json] and academichub translate ID
// [--no-cache] [--json]: a paper's one-line TL;DR, or its title and abstract in Simplified
// Chinese, written by the configured LLM and cached in the store (brief/paper_notes.h).
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "brief/paper_notes.h"
#include "cli/commands.h"
#include "cli/llm.h"
#include "json/paper_json.h"

namespace ah::cli {
namespace {

struct NoteArgs {
  std::string id;
  std::string lang = "en";
  bool no_cache = false;
  bool json = false;
};

void print(const brief::Note& note, const core::Paper& paper, bool as_json) {
  if (as_json) {
    fmt::print("{}\n", brief::to_json(note, json::display_id(paper))
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  if (note.kind == brief::NoteKind::tldr) {
    fmt::print("{}\n", note.tldr);
  } else {
    fmt::print("{}\n", note.translation.title);
    if (!note.translation.abstract.empty()) fmt::print("\n{}\n", note.translation.abstract);
  }
  fmt::print(stderr, "{}: {} prompt + {} completion tokens{}\n", note.llm.model,
             note.llm.prompt_tokens, note.llm.completion_tokens, note.cached ? " (cached)" : "");
}

int run_note(App& app, const NoteArgs& args, brief::NoteKind kind) {
  const auto lang = brief::parse_lang(args.lang);
  if (!lang) {
    fmt::print(stderr, "error: --lang: expected zh or en, got '{}'\n", args.lang);
    return kExitBadInput;
  }
  auto store = app.open_store(StoreUse::read);
  if (!store) return report_error(store.error());
  auto paper = (*store)->get(args.id);
  if (!paper) return report_error(paper.error());
  if (!*paper) {
    fmt::print(stderr, "error: no paper {} in {}\n", args.id, app.config().db_path.string());
    return kExitFailure;
  }
  auto llm = make_llm_client(app);
  if (!llm) return report_error(llm.error());
  if (!llm->model) {
    fmt::print(stderr, "error: {}\n", brief::kNoLlmMessage);
    return kExitLlmFailed;
  }
  brief::ChatModel& model = *llm->model;
  const brief::NoteRequest request = kind == brief::NoteKind::tldr
                                         ? brief::tldr_note(**paper, *lang)
                                         : brief::translation_note(**paper);
  auto warn = [&](std::string_view line) { app.log(LogLevel::warn, line); };
  if (!args.no_cache) {
    if (auto found = brief::find_note(**store, request, model.model(), warn)) {
      print(*found, **paper, args.json);
      return kExitOk;
    }
  }
  auto note = brief::ask_note(model, request);
  if (!note) {
    fmt::print(stderr, "error: {}\n", note.error().message);
    return kExitLlmFailed;
  }
  // A writer only now, for the cache (which --no-cache neither reads nor writes).
  if (!args.no_cache) {
    if (auto writer = app.open_store(StoreUse::write)) {
      brief::keep_note(**writer, request, *note, warn);
    } else {
      warn(fmt::format("the {} could not be cached: {}", brief::to_string(kind),
                       writer.error().message));
    }
  }
  print(*note, **paper, args.json);
  return kExitOk;
}

CLI::App* add_note_command(CLI::App& parent, const char* name, const char* help,
                           std::shared_ptr<NoteArgs> args) {
  CLI::App* cmd = parent.add_subcommand(name, help);
  cmd->add_option("id", args->id,
                  "the paper: an arXiv id, a DOI, pmid:N, pmcid:PMCN, openalex:WN, s2:ID or ah:N "
                  "(any identifier `show` reads)")
      ->required();
  cmd->add_flag("--no-cache", args->no_cache,
                "ask the LLM afresh and keep the answer out of the cache (answers are cached by "
                "paper, language, model and the paper's title and abstract)");
  cmd->footer(
      "Exit status 3: no LLM is configured ([llm] base_url and model), or it failed after its "
      "retries.");
  return cmd;
}

}  // namespace

void add_tldr(CLI::App& parent, Command& run) {
  auto args = std::make_shared<NoteArgs>();
  CLI::App* cmd = add_note_command(
      parent, "tldr", "a paper's one-line TL;DR, written by the configured LLM and cached", args);
  cmd->add_option("--lang", args->lang, "zh or en (default en)");
  cmd->add_flag("--json", args->json,
                "print {\"id\", \"tldr\", \"lang\", \"cached\", \"llm\": {\"model\", "
                "\"prompt_tokens\", \"completion_tokens\"}}");
  cmd->callback([args, &run] {
    run = [args](App& app) { return run_note(app, *args, brief::NoteKind::tldr); };
  });
}

void add_translate(CLI::App& parent, Command& run) {
  auto args = std::make_shared<NoteArgs>();
  CLI::App* cmd = add_note_command(
      parent, "translate",
      "a paper's title and abstract in Simplified Chinese, written by the configured LLM and "
      "cached",
      args);
  cmd->add_flag("--json", args->json,
                "print {\"id\", \"title\", \"abstract\", \"lang\", \"cached\", \"llm\": "
                "{\"model\", \"prompt_tokens\", \"completion_tokens\"}}");
  cmd->callback([args, &run] {
    run = [args](App& app) { return run_note(app, *args, brief::NoteKind::translation); };
  });
}

}  // namespace ah::cli
