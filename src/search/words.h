// Words as the full-text index sees them: which characters make up a word and which separate
// words, decided the way the index's tokenizer decides (SQLite FTS5 'unicode61', see
// src/store/migrations/0001_init.sql), so that a query's words are the index's tokens. Pure;
// thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ah::search {

// True when the index's tokenizer keeps code point `c` inside a token: letters, numbers and
// private-use characters of every script (Unicode categories L*, N*, Co), as FTS5's 'unicode61'
// defines them. Everything else separates words: ASCII punctuation, but also dashes (—),
// arrows (→), symbols (™ ± ×), emoji, zero-width joiners and combining marks (but see
// is_word_mark).
// FTS5's tables are those of Unicode 6.1, and the answer follows them where later Unicode
// differs: a character assigned after 6.1 (and an unassigned one) is part of a word, as FTS5
// treats it; the few whose category changed since (Mongolian U+1885..U+1886, New Tai Lue
// U+19B0..U+19C9, Vedic U+1CF2..U+1CF3) keep their 6.1 category; U+FFFE and U+FFFF separate.
// Checked against FTS5 for every code point by store_tests (TokenizerAgreement).
bool is_word_char(char32_t c);

// True for the 25 combining diacritics (within U+0300..U+0331: grave, acute, circumflex, tilde,
// diaeresis, cedilla, ...) that FTS5 keeps inside a word when they follow a word character,
// although they do not start one: "Schro\u0308dinger" is one word, "\u0308x" the word "x".
bool is_word_mark(char32_t c);

// Splits text into words the way the index's tokenizer does (is_word_char, is_word_mark), each
// lower-cased in ASCII (the index folds the case and accents of the others itself). Ill-formed
// UTF-8 separates words. "Simeng Zhang" -> {"simeng", "zhang"}; "model — attention" ->
// {"model", "attention"}; "—" -> {}.
std::vector<std::string> split_words(std::string_view text);

// The length in bytes of the white space at the start of `text` (0 when there is none): ASCII
// blanks and Unicode white space (the no-break space U+00A0, the ideographic space U+3000 that
// Chinese and Japanese input methods type, ...). The query language separates terms by it.
std::size_t blank_length(std::string_view text);

}  // namespace ah::search
