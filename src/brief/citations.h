// Checks an LLM's briefing against the set it was given: citations of papers outside the set are
// removed, claims without a citation are marked, and the language is the one asked for. Pure;
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "brief/render.h"

namespace ah::brief {

// What marks a claim sentence that cites nothing, placed before its final punctuation.
inline constexpr std::string_view kUncitedMark = "[?]";

struct CitationCheck {
  // The text with every citation group rewritten as "[a][b]" (from "[a, b]", "[a; b]", "[a-c]",
  // "【a】", "［a］"), citations of papers outside 1..paper_count removed (with the blank before
  // them), and each uncited claim sentence marked with kUncitedMark.
  std::string text;
  std::vector<int> cited;    // the papers cited, ascending, each once
  std::vector<int> removed;  // the numbers removed, in order of appearance, each once
  int claims = 0;            // claim sentences
  int uncited = 0;           // claim sentences that cite nothing (marked)
};

// A claim sentence is a sentence of prose (not a heading, a table row, code, or a line that is
// only citations) of at least 8 words, a Chinese character counting half a word (so 16
// characters), that is no question and does not end in a colon (it introduces a list). A
// sentence ends at . ! ? 。！？ followed by a blank or the end of the line (not after "e.g.",
// "i.e.", "et al.", "vs.", "cf.", "Fig.", "approx."), or at the end of its line; citations right
// after its end ("... better. [3]") are its own. Pure; linear in the text.
CitationCheck check_citations(std::string_view text, int paper_count);

// True when `text` is in `lang`: Chinese when at least half of it (Han characters counted one
// by one, English words as one each; citations, Markdown and numbers not counted) is Chinese,
// English when at most a tenth is. An empty text matches either.
bool language_matches(std::string_view text, Lang lang);

// `text` without the reasoning some models put before their answer (<think>...</think>, as Qwen3
// and DeepSeek-R1 served by Ollama or vLLM do), trimmed.
std::string strip_thinking(std::string_view text);

}  // namespace ah::brief
