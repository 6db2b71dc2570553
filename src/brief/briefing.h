// A briefing: the analysis of a set of papers written up by an LLM, within a token budget, with
// every citation checked against the set and the language checked, or the analysis alone when
// no LLM is configured, when asked not to use one, or when it fails. The result is what
// `academichub brief --json` prints and the API streams. Thread-compatible: one call per
// briefing; the ChatModel's own rule applies to it.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "brief/analysis.h"
#include "brief/chat_model.h"
#include "brief/render.h"
#include "core/paper.h"

namespace ah::brief {

// Tokens one briefing may spend (estimated with text_stats.h before the calls).
struct TokenBudget {
  // One request's prompt and answer together at most: a set whose prompt does not fit is
  // briefed theme by theme, then combined. 16k suits every endpoint listed in openai_client.h
  // (Ollama's default context is smaller: raise its num_ctx, or lower this).
  int context_tokens = 16'000;
  int answer_tokens = 1'500;  // max_tokens of the briefing's answer (and of each theme's)
  // All requests of the briefing together, prompts and answers: abstracts are shortened, then
  // left out, then papers left out of the prompts (with a warning) to stay within it.
  int total_tokens = 80'000;
};

struct BriefingOptions {
  Lang lang = Lang::en;
  bool use_llm = true;  // false: the analysis alone (--no-llm)
  TokenBudget budget;
  std::size_t abstract_chars = 700;  // the longest abstract excerpt a prompt carries (bytes)
};

enum class WarningKind {
  llm_failed,        // the LLM failed after its retries: the text is the analysis
  cancelled,         // the caller cancelled: the text is the analysis
  citation_removed,  // citations of papers outside the set were removed
  uncited_claims,    // claim sentences without a citation were marked
  wrong_language,    // still in the wrong language after the one retry
  truncated,         // the answer reached its token limit
  papers_left_out,   // the budget left papers or abstracts out of the prompts
  usage_estimated,   // token counts are estimates: the server reported none
  over_budget,       // the budget cannot brief the set even with one title per theme: the
                     // text is the analysis, no call was made
};
std::string_view to_string(WarningKind kind);  // "llm_failed", ...

struct Warning {
  WarningKind kind;
  std::string message;  // for people, in English; never holds the API key
};

struct BriefedPaper {
  int n = 0;  // 1-based, as cited
  std::string id;
  std::string title;
  std::string date;  // paper_date(): "YYYY-MM-DD", or "" (the page's papers-per-day chart)
};

struct BriefedTheme {
  std::string label;
  std::vector<std::string> terms;
  std::vector<int> papers;  // their n, most central first
};

// What is new against the previous period (Analysis::rising_terms), for callers that show it
// apart from the text.
struct BriefedNew {
  int previous_papers = 0;  // 0: no previous period was read (nothing is said to be new)
  std::vector<RisingTerm> rising_terms;  // most rising first
};

struct LlmUse {
  bool used = false;  // the text was written by the LLM
  std::string model;  // the model asked ("" when none is configured)
  int prompt_tokens = 0;
  int completion_tokens = 0;
  bool estimated = false;  // the counts are (partly) estimates
  int calls = 0;
};

struct Briefing {
  Lang lang = Lang::en;
  std::vector<BriefedPaper> papers;
  std::vector<BriefedTheme> themes;
  BriefedNew news;
  std::string text;  // Markdown; every [n] is an n of `papers`
  LlmUse llm;
  std::vector<Warning> warnings;
  bool llm_failed = false;  // the CLI exits 3
  bool cancelled = false;
  int claims = 0;          // claim sentences in an LLM's text
  int uncited_claims = 0;  // of them without a citation (marked [?])
};

// Progress for a caller that streams the briefing (the API, the page).
struct BriefingEvents {
  // Each step as it starts: "theme 2/7", "combining", "writing".
  std::function<void(std::string_view step)> on_step;
  // The final answer's text as it arrives (before its citations are checked: the Briefing's
  // text is the checked one).
  std::function<void(std::string_view piece)> on_delta;
  // What on_delta sent so far is void: the answer is asked again (wrong language).
  std::function<void()> on_reset;
  const CancelToken* cancel = nullptr;
};

// Writes the briefing of `papers` from their `analysis` (analyse() of the same papers), with
// `model` when it is not null and options.use_llm. Never fails: an LLM failure leaves the
// analysis as the text, with a warning saying why and llm_failed set.
Briefing write_briefing(const Analysis& analysis, std::span<const core::Paper> papers,
                        ChatModel* model, const BriefingOptions& options,
                        const BriefingEvents& events = {});

// The briefing as `--json` prints it: {"lang", "papers": [{"n", "id", "title", "date"}],
// "themes": [{"label", "terms", "papers"}], "new": {"previous_papers", "rising_terms": [{"term",
// "now", "before"}]}, "text", "llm": {"used", "model", "prompt_tokens", "completion_tokens",
// "tokens_estimated"}, "warnings": ["..."], "claims", "uncited_claims"}.
nlohmann::json to_json(const Briefing& briefing);

// The key a briefing is cached under: a SHA-256 (hex) of the papers (ids, versions, last
// changes, in order), the previous period's papers, the notable inputs, the options, the model
// ("" for none) and kPromptVersion.
std::string cache_key(std::span<const core::Paper> papers, std::span<const core::Paper> previous,
                      const NotableInputs& notable, const BriefingOptions& options,
                      std::string_view model);

}  // namespace ah::brief
