// The radar's text analysis: text into terms (words split as the full-text index splits them,
// lower-cased, English stop words dropped, Snowball-stemmed) and author names into keys.
// Thread-compatible: an Analyzer holds a libstemmer handle, so use one per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

struct sb_stemmer;

namespace ah::radar {

class Analyzer {
 public:
  // Errors: internal when libstemmer has no English stemmer (a broken installation).
  static Result<Analyzer> create();

  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;
  ~Analyzer();

  // Appends the terms of `text` to `out`, in order: words as search::split_words splits them
  // (Unicode categories, the FTS5 tokenizer's rule), lower-cased (ASCII by split_words, other
  // scripts per code point by ICU), then dropped when a stop word (is_stop_word), a single
  // character or all digits, then stemmed with Snowball's English stemmer ("networks" ->
  // "network", "attention" -> "attent"). Text in other scripts passes through unstemmed (Chinese
  // is split per run of letters, as the index does).
  // When `surfaces` is given, each term's lower-cased word before stemming is appended to it.
  void terms(std::string_view text, std::vector<std::string>& out,
             std::vector<std::string>* surfaces = nullptr);
  std::vector<std::string> terms(std::string_view text);

  // The stem of one lower-cased word.
  std::string stem(std::string_view word);

 private:
  struct StemmerDeleter {
    void operator()(sb_stemmer* s) const;
  };
  explicit Analyzer(std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer);
  std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer_;
};

// True for the ~300 English function words that carry no topic ("the", "of", "we", "using",
// "propose" is not one). The list is scikit-learn's ENGLISH_STOP_WORDS (Glasgow IR group's list,
// the one arxiv-sanity-lite uses), so the radar and the peer it is measured against drop the same
// words. `word` must be lower-case.
bool is_stop_word(std::string_view word);

// An author's name as a matching key: words as split_words finds them, lower-cased, joined by
// one blank ("Simeng  Zhang" and "simeng zhang" -> "simeng zhang"; "Zhang, S." -> "zhang s").
// Empty for a name without letters or digits.
std::string author_key(std::string_view name);

}  // namespace ah::radar
