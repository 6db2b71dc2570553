// Counts over UTF-8 text that the briefing decides with: an estimate of a text's size in model
// tokens, and how much of it is Chinese. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace ah::brief {

// An estimate of the tokens `text` costs a chat model, meant to err high rather than low:
// ASCII counts one token per 4 bytes (English runs 4 to 4.5 characters a token in the BPE
// vocabularies of GPT-4o, DeepSeek, Qwen and Llama 3), each CJK character (Han, kana, Hangul,
// CJK punctuation and full-width forms) one token (those vocabularies take 0.6 to 1.3 tokens for
// one), and every other character half a token (Latin with diacritics, Greek, Cyrillic, math
// symbols: 2-byte UTF-8 sequences that merge less well than ASCII). Rounded up; 0 for "".
int estimate_tokens(std::string_view text);

struct ScriptCounts {
  std::size_t cjk = 0;          // Han, kana, Hangul characters (not punctuation)
  std::size_t latin_words = 0;  // runs of ASCII letters (words of English, "LLM", "Transformer")
};
// What `text` is written in: Han characters counted one by one, Latin letters by words, so that
// a Chinese text quoting English names still reads as Chinese. Invalid UTF-8 is skipped.
ScriptCounts count_scripts(std::string_view text);

// The share of CJK in `text`: cjk / (cjk + latin_words), 0 when both are 0. A Chinese answer
// mentioning English method names scores 0.6 to 0.95; an English one 0; see language.h.
double cjk_share(std::string_view text);

// The next code point of `text` at `i` (advancing `i`); U+FFFD for an invalid sequence (one byte
// consumed).
char32_t next_code_point(std::string_view text, std::size_t& i);

// True for Han ideographs, kana and Hangul syllables (letters of CJK scripts).
bool is_cjk_letter(char32_t c);
// True for CJK letters and CJK punctuation and full-width forms (U+3000..U+303F, U+FF00..U+FFEF).
bool is_cjk(char32_t c);

}  // namespace ah::brief
