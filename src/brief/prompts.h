// What the briefing asks the LLM, and how its answers are read: the briefing's prompts (one call
// for the whole set, or one per theme then one to combine), and the per-paper requests (a
// one-line TL;DR, a Chinese translation of title and abstract, English search terms from a
// radar's Chinese description). Prompts carry the analysis as a scaffold and number the papers
// [1]..[N] as the set does. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "brief/analysis.h"
#include "brief/chat_model.h"
#include "brief/render.h"
#include "core/error.h"
#include "core/paper.h"

namespace ah::brief {

// Changes whenever a prompt changes, so cached briefings written from older prompts are not
// served for new ones (part of the cache key).
inline constexpr int kPromptVersion = 2;
// The same for the per-paper requests (TL;DR, translation, search terms) and their retry
// message: part of a note's cache key (paper_notes.h).
inline constexpr int kNotePromptVersion = 1;

// `text` cut to at most `limit` bytes at a word boundary (never inside a UTF-8 sequence), with
// "…" when cut; blanks collapsed. 0: "".
std::string trim_text(std::string_view text, std::size_t limit);

// One paper as the prompt lists it:
//   [n] Title
//   Authors: A, B, C et al. | cs.CL, cs.AI | Venue | 2025-03-18
//   Abstract: the abstract trimmed to abstract_chars (the line left out when 0)
std::string paper_entry(const core::Paper& paper, std::size_t n, std::size_t abstract_chars);

// The whole set in one call: the system prompt (the rules: cite every claim as [n] with the
// numbers given and no others, write in `lang`, Markdown sections) and the user prompt (the
// analysis as a scaffold, then the papers `listed` (indices into `papers`) with abstracts of at
// most `abstract_chars`).
ChatRequest briefing_request(const Analysis& analysis, std::span<const core::Paper> papers,
                             std::span<const std::size_t> listed, Lang lang,
                             std::size_t abstract_chars, int max_tokens);
// One theme of a set too large for one call: the theme's part of the scaffold and its papers.
ChatRequest theme_request(const Analysis& analysis, std::span<const core::Paper> papers,
                          std::size_t theme, std::span<const std::size_t> listed, Lang lang,
                          std::size_t abstract_chars, int max_tokens);
// The briefing combined from the themes' summaries (which cite the same [n]) and the scaffold.
ChatRequest combine_request(const Analysis& analysis, std::span<const core::Paper> papers,
                            std::span<const std::string> theme_summaries, Lang lang,
                            int max_tokens);
// The same request insisting on the language, for the one retry after an answer in another.
ChatRequest insist_on_language(ChatRequest request, Lang lang);

// A per-paper request asking again, once, after an answer in another language than `lang`.
ChatRequest insist_on_answer_language(ChatRequest request, Lang lang);

// A one-line TL;DR of one paper, in `lang`.
ChatRequest tldr_request(const core::Paper& paper, Lang lang);
// The answer's first line of text, without a "TL;DR:" label, quotes or Markdown emphasis.
// Errors: bad_upstream_data when there is no text.
Result<std::string> parse_tldr(std::string_view answer);

struct Translation {
  std::string title;     // Simplified Chinese
  std::string abstract;  // Simplified Chinese
};
// Title and abstract of one paper into Simplified Chinese, as JSON {"title", "abstract"}.
ChatRequest translation_request(const core::Paper& paper);
// Reads the JSON (also inside a ```json fence, or after text), else the lines "标题：" and
// "摘要：". Errors: bad_upstream_data when neither is there or the result is not Chinese.
Result<Translation> parse_translation(std::string_view answer);

// A radar's description (often Chinese) into English search terms, as a JSON array of strings.
ChatRequest search_terms_request(std::string_view description);
// The terms: from the first JSON array of strings in the answer, else one per line or comma;
// trimmed, bullets and quotes removed, duplicates (case-insensitive) and terms that are not
// mostly ASCII dropped, at most 20. Errors: bad_upstream_data when no term is left.
Result<std::vector<std::string>> parse_search_terms(std::string_view answer);

}  // namespace ah::brief
