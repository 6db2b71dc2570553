#include "brief/terms.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_set>

#include "brief/text_stats.h"
#include "search/words.h"

namespace ah::brief {
namespace {

// English function words (the Snowball and NLTK lists), then the words of abstracts that say
// nothing about their subject, then the pieces of links. Lower-case.
// clang-format off
constexpr std::string_view kStopWords[] = {
    // function words
    "a", "about", "above", "after", "again", "against", "all", "almost", "along", "already", "also",
    "although", "always", "am", "among", "an", "and", "another", "any", "are", "around", "as", "at",
    "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
    "cannot", "could", "did", "do", "does", "doing", "done", "down", "due", "during", "each",
    "either", "else", "enough", "etc", "even", "ever", "every", "few", "for", "from", "further",
    "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
    "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "less", "may",
    "me", "might", "more", "most", "much", "must", "my", "myself", "neither", "no", "nor", "not",
    "now", "of", "off", "often", "on", "once", "one", "only", "or", "other", "others", "otherwise",
    "our", "ours", "ourselves", "out", "over", "own", "per", "rather", "same", "several", "shall",
    "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "theirs",
    "them", "themselves", "then", "there", "thereby", "therefore", "these", "they", "this", "those",
    "though", "through", "thus", "to", "too", "toward", "towards", "two", "three", "under", "until",
    "up", "upon", "us", "very", "via", "was", "we", "were", "what", "when", "where", "whereas",
    "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without",
    "would", "yet", "you", "your", "yours", "yourself", "yourselves", "first", "second", "third",
    "well", "like", "many", "across", "beyond", "still", "able", "unlike", "including", "include",
    "includes",
    // said by every abstract
    "paper", "papers", "propose", "proposed", "proposes", "proposing", "approach", "approaches",
    "method", "methods", "result", "results", "show", "shows", "shown", "showing", "present",
    "presents", "presented", "novel", "new", "based", "use", "used", "uses", "using", "work",
    "works", "study", "studies", "demonstrate", "demonstrates", "demonstrated", "achieve",
    "achieves", "achieved", "existing", "introduce", "introduces", "introduced", "significant",
    "significantly", "state", "art", "various", "different", "effective", "effectively",
    "efficient", "efficiently", "improve", "improves", "improved", "improving", "improvement",
    "improvements", "address", "addresses", "problem", "problems", "furthermore", "moreover",
    "additionally", "specifically", "particular", "particularly", "respectively", "key",
    "experiments", "experimental", "extensive", "outperforms", "outperform", "superior", "compared",
    "comparison", "provide", "provides", "provided", "make", "makes", "made", "framework",
    "frameworks", "performance", "challenge", "challenges", "challenging", "recent", "recently",
    "paradigm", "enable", "enables", "enabling", "leverage", "leverages", "leveraging", "remains",
    "remain", "given", "consider", "considered", "find", "finds", "found", "obtain", "obtained",
    "allow", "allows", "e.g", "i.e", "eg", "ie", "et", "al", "code", "available", "publicly",
    "release", "released", "github", "http", "https", "www", "com", "org", "html", "pdf", "arxiv",
    "abs", "doi", "aim", "aims", "important", "crucial", "critical", "substantial", "substantially",
    "demonstrating", "overall",
    // adverbs and adjectives that qualify anything
    "best", "better", "fewer", "clear", "clearly", "seamlessly", "relevant", "simple", "simply",
    "easily", "highly", "widely", "largely", "mainly", "finally", "typically", "usually",
    "directly", "namely", "potential", "promising", "comprehensive", "robust", "robustness",
    "accurate", "accuracy", "strong", "strongly", "notably", "effectiveness", "efficiency",
    "capable", "capability", "capabilities", "ability", "abilities", "general", "generally",
    "specific", "certain", "possible", "good", "great", "common", "commonly",
    // generic words of abstracts
    "requires", "require", "required", "integrates", "integrate", "integrating", "technique",
    "techniques", "details", "detailed", "single", "multiple", "years", "rapid", "advances",
    "individual", "strategy", "strategies", "way", "ways", "aspect", "aspects", "manner", "range",
    "wide", "number", "set", "sets", "type", "types", "level", "levels", "terms", "focus",
    "focuses", "lack", "lacks", "limited", "limitation", "limitations", "gap", "gaps", "task",
    "tasks", "despite", "yield", "yields", "fail", "fails", "extensively", "reveal", "reveals",
    "revealing", "underexplored", "emerging", "emerged", "increasingly", "growing", "widespread",
};
// clang-format on

// The longest formula skipped as one: a '$' with no closing one within this many bytes is taken
// for a lone dollar sign.
constexpr std::size_t kMaxMath = 400;

bool ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Punctuation that ends a phrase: no pair of terms is made across it.
bool breaks_phrase(unsigned char c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '"':
    case '/':
    case '=':
    case '<':
    case '>':
      return true;
    default:
      return false;
  }
}

// Prefixes whose hyphen joins them to the next word: "multi-modal", "self-supervised",
// "pre-trained", "fine-tuning", "zero-shot" count as the words their unhyphenated spellings are.
bool joins_hyphen(std::string_view prefix) {
  static constexpr std::string_view kPrefixes[] = {
      "multi", "self",  "semi", "non",  "pre",  "post", "sub",   "co",  "cross", "inter",
      "intra", "meta",  "fine", "zero", "few",  "one",  "un",    "re",  "bi",    "hyper",
      "super", "ultra", "mid",  "anti", "auto", "over", "under", "out", "long",  "real"};
  return std::find(std::begin(kPrefixes), std::end(kPrefixes), prefix) != std::end(kPrefixes);
}

// "8b", "70b", "10k", "2x", "1m": a number with a unit, which says how big, not what about.
bool is_quantity(std::string_view word) {
  if (word.size() < 2) return false;
  const char unit = word.back();
  if (unit != 'b' && unit != 'k' && unit != 'm' && unit != 'x') return false;
  return std::all_of(word.begin(), word.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

const std::unordered_set<std::string_view>& stop_set() {
  static const std::unordered_set<std::string_view> set(std::begin(kStopWords),
                                                        std::end(kStopWords));
  return set;
}

}  // namespace

bool is_stop_word(std::string_view word) { return stop_set().contains(word); }

struct TermTable::Stemmer {
  sb_stemmer* handle = nullptr;
  std::unordered_set<std::string> stop_stems;  // stems of the stop words ("propos", "result")
  Stemmer() {
    handle = sb_stemmer_new("english", "UTF_8");
    if (handle == nullptr) throw std::runtime_error("libstemmer: no English stemmer");
    for (std::string_view w : kStopWords) stop_stems.insert(stem(w));
  }
  ~Stemmer() { sb_stemmer_delete(handle); }
  std::string stem(std::string_view word) const {
    const sb_symbol* s = sb_stemmer_stem(handle, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
    if (s == nullptr) return std::string(word);  // out of memory: the word itself will do
    return std::string(reinterpret_cast<const char*>(s),
                       static_cast<std::size_t>(sb_stemmer_length(handle)));
  }
};

TermTable::TermTable() : stemmer_(std::make_unique<Stemmer>()) {}
TermTable::~TermTable() = default;

int TermTable::word_id(const std::string& lower, const std::string& shown) {
  if (auto it = word_ids_.find(lower); it != word_ids_.end()) return it->second;
  Word word;
  word.surface = shown;
  const bool only_digits =
      std::all_of(lower.begin(), lower.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!only_digits && !is_stop_word(lower)) {
    const std::string stem = stemmer_->stem(lower);
    if (!stemmer_->stop_stems.contains(stem) && !is_stop_word(stem)) word.term = single_term(stem);
  }
  const int id = static_cast<int>(words_.size());
  words_.push_back(std::move(word));
  word_ids_.emplace(lower, id);
  return id;
}

int TermTable::single_term(const std::string& stem) {
  auto [it, added] = stem_terms_.emplace(stem, static_cast<int>(terms_.size()));
  if (added) terms_.push_back(Term{});
  return it->second;
}

int TermTable::pair_term(int a, int b) {
  const std::uint64_t key = (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint32_t>(b);
  auto [it, added] = pair_terms_.emplace(key, static_cast<int>(terms_.size()));
  if (added) terms_.push_back(Term{a, b});
  return it->second;
}

void TermTable::add_terms(std::string_view text, std::vector<int>& out) {
  int previous = -1;  // the last kept word's term, -1 after a break
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '$') {  // math, $...$ or $$...$$: skipped whole
      const std::size_t open = i + 1 < n && text[i + 1] == '$' ? i + 2 : i + 1;
      const std::size_t close = text.find('$', open);
      // A lone dollar ("$5 million") is a separator, not the start of a formula.
      i = close == std::string_view::npos || close - open > kMaxMath ? i + 1 : close + 1;
      while (i < n && text[i] == '$') ++i;
      previous = -1;
      continue;
    }
    if (c == '\\') {  // \( ... \) math, or a LaTeX command's name
      if (i + 1 < n && text[i + 1] == '(') {
        const std::size_t close = text.find("\\)", i + 2);
        i = close == std::string_view::npos ? n : close + 2;
      } else {
        ++i;
        while (i < n && ascii_alnum(static_cast<unsigned char>(text[i]))) ++i;
      }
      previous = -1;
      continue;
    }
    // A word: ASCII letters and digits, and letters of other scripts.
    const std::size_t start = i;
    bool capitals = true;
    bool digit = false;
    int letters = 0;
    scratch_.clear();
    shown_.clear();
    while (i < n) {
      const unsigned char b = static_cast<unsigned char>(text[i]);
      if (b < 0x80) {
        if (b == '-' && i + 1 < n && ascii_alnum(static_cast<unsigned char>(text[i + 1])) &&
            joins_hyphen(scratch_)) {
          // "multi-modal" is the word "multimodal", shown as written.
          shown_ = scratch_ + '-';
          ++i;
          continue;
        }
        if (!ascii_alnum(b)) break;
        if (b >= 'A' && b <= 'Z') {
          scratch_ += static_cast<char>(b - 'A' + 'a');
          ++letters;
        } else {
          if (b >= 'a' && b <= 'z') {
            // "LLMs": capitals with a plural s still read as an acronym.
            const bool plural_s = b == 's' && i + 1 < n &&
                                  !ascii_alnum(static_cast<unsigned char>(text[i + 1])) &&
                                  letters >= 2;
            if (!plural_s) capitals = false;
            ++letters;
          } else {
            digit = true;
          }
          scratch_ += static_cast<char>(b);
        }
        ++i;
        continue;
      }
      std::size_t next = i;
      const char32_t cp = next_code_point(text, next);
      if (!search::is_word_char(cp)) break;
      scratch_.append(text.substr(i, next - i));
      capitals = false;
      ++letters;
      i = next;
    }
    if (i == start) {  // not a word character: a separator
      const std::size_t step = c < 0x80 ? 1 : [&] {
        std::size_t next = i;
        (void)next_code_point(text, next);
        return next - i;
      }();
      if (c >= 0x80 || breaks_phrase(c)) previous = -1;
      i += step;
      continue;
    }
    const std::size_t length = scratch_.size();
    const bool keep = length >= 3 || (length == 2 && letters > 0 && (capitals || digit));
    if (!keep || letters == 0) {
      previous = -1;
      continue;
    }
    if (!shown_.empty()) shown_.append(scratch_, shown_.size() - 1, std::string::npos);
    if (capitals && letters >= 3 && scratch_.back() == 's') {
      scratch_.pop_back();  // "LLMs" is the word "LLM"
      if (!shown_.empty()) shown_.pop_back();
    }
    if (is_quantity(scratch_)) {
      previous = -1;
      continue;
    }
    const int id = word_id(scratch_, shown_.empty() ? scratch_ : shown_);
    Word& word = words_[id];
    if (word.term < 0) {
      previous = -1;
      continue;
    }
    ++word.count;
    if (capitals && length >= 2) ++word.capitals;  // "AI", "3D", "LLM"
    out.push_back(word.term);
    if (previous >= 0 && previous != word.term) out.push_back(pair_term(previous, word.term));
    previous = word.term;
  }
}

std::string TermTable::display(int term) const {
  const Term& t = terms_[term];
  if (t.first >= 0) return display(t.first) + " " + display(t.second);
  // The most frequent surface word of the stem; computed on demand (labels are few).
  const Word* best = nullptr;
  for (const Word& w : words_) {
    if (w.term == term && (best == nullptr || w.count > best->count)) best = &w;
  }
  if (best == nullptr) return {};
  if (best->capitals * 2 > best->count) {
    std::string upper = best->surface;
    const bool plural = upper.size() > 2 && upper.back() == 's';
    for (char& ch : upper) {
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    }
    if (plural) upper.back() = 's';
    return upper;
  }
  return best->surface;
}

std::vector<std::string> choose_phrases(const TermTable& table, const std::vector<int>& ranked,
                                        std::size_t limit) {
  std::vector<std::vector<int>> phrases;  // each a run of single terms
  auto contains = [](const std::vector<int>& phrase, int single) {
    return std::find(phrase.begin(), phrase.end(), single) != phrase.end();
  };
  for (int t : ranked) {
    if (phrases.size() >= limit) break;
    if (!table.is_pair(t)) {
      if (std::none_of(phrases.begin(), phrases.end(),
                       [&](const auto& p) { return contains(p, t); })) {
        phrases.push_back({t});
      }
      continue;
    }
    const auto [a, b] = table.parts(t);
    bool placed = false;
    for (auto& phrase : phrases) {
      if (phrase.size() == 1) continue;
      if (contains(phrase, a) && contains(phrase, b)) {
        placed = true;  // already said
      } else if (contains(phrase, a) || contains(phrase, b)) {
        // "language models" after "natural language": the three words need not be a phrase
        // ("natural language models" is none), so the overlapping pair is left out.
        placed = true;
      }
      if (placed) break;
    }
    if (placed) {
      // Single terms the grown phrase now contains go.
      phrases.erase(
          std::remove_if(phrases.begin(), phrases.end(),
                         [&](const auto& p) { return p.size() == 1 && (p[0] == a || p[0] == b); }),
          phrases.end());
      continue;
    }
    // The pair takes the place of the first single term it contains; others it contains go.
    auto first = std::find_if(phrases.begin(), phrases.end(), [&](const auto& p) {
      return p.size() == 1 && (p[0] == a || p[0] == b);
    });
    if (first != phrases.end()) {
      *first = {a, b};
      phrases.erase(
          std::remove_if(std::next(first), phrases.end(),
                         [&](const auto& p) { return p.size() == 1 && (p[0] == a || p[0] == b); }),
          phrases.end());
    } else {
      phrases.push_back({a, b});
    }
  }
  std::vector<std::string> out;
  for (const auto& phrase : phrases) {
    std::string text;
    for (int single : phrase) {
      if (!text.empty()) text += ' ';
      text += table.display(single);
    }
    out.push_back(std::move(text));
  }
  return out;
}

}  // namespace ah::brief
