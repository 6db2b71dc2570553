#include "radar/analyzer.h"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "search/words.h"

namespace ah::radar {
namespace {

// scikit-learn's ENGLISH_STOP_WORDS (sklearn/feature_extraction/_stop_words.py, from the Glasgow
// Information Retrieval Group's list), sorted for binary search.
constexpr auto kStopWords = std::to_array<std::string_view>({
  "a", "about", "above", "across", "after", "afterwards", "again", "against", "all", "almost",
    "alone", "along", "already", "also", "although", "always", "am", "among", "amongst",
    "amoungst", "amount", "an", "and", "another", "any", "anyhow", "anyone", "anything", "anyway",
    "anywhere", "are", "around", "as", "at", "back", "be", "became", "because", "become",
    "becomes", "becoming", "been", "before", "beforehand", "behind", "being", "below", "beside",
    "besides", "between", "beyond", "bill", "both", "bottom", "but", "by", "call", "can",
    "cannot", "cant", "co", "con", "could", "couldnt", "cry", "de", "describe", "detail", "do",
    "done", "down", "due", "during", "each", "eg", "eight", "either", "eleven", "else",
    "elsewhere", "empty", "enough", "etc", "even", "ever", "every", "everyone", "everything",
    "everywhere", "except", "few", "fifteen", "fifty", "fill", "find", "fire", "first", "five",
    "for", "former", "formerly", "forty", "found", "four", "from", "front", "full", "further",
    "get", "give", "go", "had", "has", "hasnt", "have", "he", "hence", "her", "here", "hereafter",
    "hereby", "herein", "hereupon", "hers", "herself", "him", "himself", "his", "how", "however",
    "hundred", "i", "ie", "if", "in", "inc", "indeed", "interest", "into", "is", "it", "its",
    "itself", "keep", "last", "latter", "latterly", "least", "less", "ltd", "made", "many", "may",
    "me", "meanwhile", "might", "mill", "mine", "more", "moreover", "most", "mostly", "move",
    "much", "must", "my", "myself", "name", "namely", "neither", "never", "nevertheless", "next",
    "nine", "no", "nobody", "none", "noone", "nor", "not", "nothing", "now", "nowhere", "of",
    "off", "often", "on", "once", "one", "only", "onto", "or", "other", "others", "otherwise",
    "our", "ours", "ourselves", "out", "over", "own", "part", "per", "perhaps", "please", "put",
    "rather", "re", "same", "see", "seem", "seemed", "seeming", "seems", "serious", "several",
    "she", "should", "show", "side", "since", "sincere", "six", "sixty", "so", "some", "somehow",
    "someone", "something", "sometime", "sometimes", "somewhere", "still", "such", "system",
    "take", "ten", "than", "that", "the", "their", "them", "themselves", "then", "thence",
    "there", "thereafter", "thereby", "therefore", "therein", "thereupon", "these", "they",
    "thick", "thin", "third", "this", "those", "though", "three", "through", "throughout", "thru",
    "thus", "to", "together", "too", "top", "toward", "towards", "twelve", "twenty", "two", "un",
    "under", "until", "up", "upon", "us", "very", "via", "was", "we", "well", "were", "what",
    "whatever", "when", "whence", "whenever", "where", "whereafter", "whereas", "whereby",
    "wherein", "whereupon", "wherever", "whether", "which", "while", "whither", "who", "whoever",
    "whole", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you",
    "your", "yours", "yourself", "yourselves",
});

static_assert(std::ranges::is_sorted(kStopWords));

// Lower-cases the non-ASCII letters of a word that split_words left as they were.
std::string lower(std::string_view word) {
  if (std::ranges::all_of(word, [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return std::string(word);
  }
  std::string out;
  out.reserve(word.size());
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const auto n = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;
    c = u_tolower(c);
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
    if (!error) out.append(buf, static_cast<size_t>(len));
  }
  return out;
}

bool all_digits(std::string_view w) {
  return std::ranges::all_of(w, [](char c) { return c >= '0' && c <= '9'; });
}

bool single_character(std::string_view w) {
  if (w.empty()) return true;
  const auto* s = reinterpret_cast<const uint8_t*>(w.data());
  const auto n = static_cast<int32_t>(w.size());
  int32_t i = 0;
  U8_FWD_1(s, i, n);
  return i >= n;
}

}  // namespace

bool is_stop_word(std::string_view word) {
  return std::ranges::binary_search(kStopWords, word);
}

void Analyzer::StemmerDeleter::operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }

Analyzer::Analyzer(std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer)
    : stemmer_(std::move(stemmer)) {}
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;
Analyzer::~Analyzer() = default;

Result<Analyzer> Analyzer::create() {
  std::unique_ptr<sb_stemmer, StemmerDeleter> s(sb_stemmer_new("english", "UTF_8"));
  if (!s) return fail(ErrorCode::internal, "libstemmer: no English stemmer");
  return Analyzer(std::move(s));
}

std::string Analyzer::stem(std::string_view word) {
  const auto* out = sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                                    static_cast<int>(word.size()));
  if (out == nullptr) return std::string(word);  // out of memory inside libstemmer
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(stemmer_.get())));
}

void Analyzer::terms(std::string_view text, std::vector<std::string>& out,
                     std::vector<std::string>* surfaces) {
  for (auto& w : search::split_words(text)) {
    std::string word = lower(w);
    if (single_character(word) || all_digits(word) || is_stop_word(word)) continue;
    out.push_back(stem(word));
    if (surfaces != nullptr) surfaces->push_back(std::move(word));
  }
}

std::vector<std::string> Analyzer::terms(std::string_view text) {
  std::vector<std::string> out;
  terms(text, out);
  return out;
}

std::string author_key(std::string_view name) {
  std::string key;
  for (auto& w : search::split_words(name)) {
    if (!key.empty()) key.push_back(' ');
    key += lower(w);
  }
  return key;
}

}  // namespace ah::radar
