#include "identity/fuzzy.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <set>
#include <unordered_set>

#include "identity/fold.h"

namespace ah::identity {
namespace {

// Notices named by their title's start (folded, so "Author Correction:" is "author correction").
constexpr std::array kNoticeStarts = {
    "correction",
    "corrigendum",
    "author correction",
    "publisher correction",
    "erratum",
    "errata",
    "retraction",
    "retracted",
    "notice of retraction",
    "expression of concern",
    "editorial expression of concern",
    "reply to",
    "response to",
    "comment on",
    "comments on",
    "addendum",
    "withdrawal",
    "withdrawn",
    "in reply",
    "reply",
    "correspondence",
};

constexpr std::array kStopwords = {
    "about",   "after",   "against", "also",   "among",   "based", "been", "before", "being",
    "between", "both",    "does",    "during", "each",    "from",  "have", "into",   "more",
    "most",    "novel",   "only",    "other",  "over",    "some",  "such", "than",   "that",
    "their",   "them",    "then",    "there",  "these",   "they",  "this", "those",  "through",
    "toward",  "towards", "under",   "upon",   "using",   "very",  "what", "when",   "where",
    "which",   "while",   "with",    "within", "without", "your",
};

// Short function words: in almost every title, so they never find a paper by themselves.
constexpr std::array kShortStopwords = {
    "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "how", "in", "is", "it",
    "its", "not", "of", "on", "or", "our", "the", "to", "via", "vs", "we", "why", "who",
};

bool is_stopword(const std::string& w) {
  return std::find(kStopwords.begin(), kStopwords.end(), w) != kStopwords.end() ||
         std::find(kShortStopwords.begin(), kShortStopwords.end(), w) != kShortStopwords.end();
}

double dice(size_t common, size_t a, size_t b) {
  return a + b == 0 ? 0.0 : 2.0 * static_cast<double>(common) / static_cast<double>(a + b);
}

double word_dice(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::set<std::string> sa(a.begin(), a.end()), sb(b.begin(), b.end());
  size_t common = 0;
  for (const std::string& w : sa) common += sb.count(w);
  return dice(common, sa.size(), sb.size());
}

double trigram_dice(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  auto grams = [](const std::vector<std::string>& words) {
    std::string s = " ";
    for (const std::string& w : words) s += w + " ";
    std::multiset<std::string> out;
    for (size_t i = 0; i + 3 <= s.size(); ++i) out.insert(s.substr(i, 3));
    return out;
  };
  std::multiset<std::string> ga = grams(a), gb = grams(b);
  size_t common = 0;
  for (auto it = ga.begin(); it != ga.end();) {
    const size_t n = std::min(ga.count(*it), gb.count(*it));
    common += n;
    it = ga.upper_bound(*it);
  }
  return dice(common, ga.size(), gb.size());
}

int year_of(const core::Paper& p) {
  const std::string& d = p.published.empty() ? p.announced : p.published;
  if (d.size() < 4) return 0;
  int y = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (d[i] < '0' || d[i] > '9') return 0;
    y = y * 10 + (d[i] - '0');
  }
  return y;
}

std::vector<std::string> surnames(const core::Paper& p) {
  std::vector<std::string> out;
  for (const core::Author& a : p.authors) {
    NameKey k = name_key(a.name);
    if (!k.surname.empty()) out.push_back(std::move(k.surname));
  }
  return out;
}

bool starts_with_words(const std::string& folded, std::string_view start) {
  return folded.starts_with(start) &&
         (folded.size() == start.size() || folded[start.size()] == ' ');
}

}  // namespace

namespace {

bool is_notice_folded(const std::string& folded) {
  for (const char* start : kNoticeStarts) {
    if (starts_with_words(folded, start)) return true;
  }
  return false;
}

// The score's weights and the title part below which two records are not compared further
// (fuzzy.h).
constexpr double kTitleWeight = 0.55, kAuthorsWeight = 0.30, kYearWeight = 0.15;
constexpr double kTitleFloor = 0.75;

double score(double title, double authors, double year) {
  return kTitleWeight * title + kAuthorsWeight * authors + kYearWeight * year;
}

double title_similarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::max(word_dice(a, b), trigram_dice(a, b));
}

// The folded words of a title that can be matched (3 words or more, not read as a notice), else
// nullopt: the title folded once for both (folding is most of a lookup's cost outside the
// database).
std::optional<std::vector<std::string>> eligible_words(std::string_view title) {
  std::vector<std::string> words = folded_words(title);
  if (words.size() < 3 || is_notice_folded(join_folded(words))) return std::nullopt;
  return words;
}

// eligible_words of the record's title when it is fuzzy_eligible, else nullopt.
std::optional<std::vector<std::string>> eligible_title_words(const core::Paper& r) {
  if (core::is_notice(r.type) || r.type == core::WorkType::editorial) return std::nullopt;
  return eligible_words(r.title);
}

}  // namespace

bool is_notice_title(std::string_view title) { return is_notice_folded(fold(title)); }

bool fuzzy_eligible(const core::Paper& r) { return eligible_title_words(r).has_value(); }

std::vector<std::string> title_words(const core::Paper& r) {
  std::optional<std::vector<std::string>> eligible = eligible_title_words(r);
  if (!eligible) return {};
  std::vector<std::string> words = std::move(*eligible);
  std::erase_if(words, [](const std::string& w) { return w.size() < 2 || is_stopword(w); });
  std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

TitleScreen::TitleScreen(const core::Paper& record) : words_(eligible_title_words(record)) {}

bool TitleScreen::could_match(std::string_view title) const {
  if (!words_) return false;
  const std::optional<std::vector<std::string>> theirs = eligible_words(title);
  if (!theirs) return false;
  const double t = title_similarity(*words_, *theirs);
  return t >= kTitleFloor && score(t, 1.0, 1.0) >= kMatchThreshold;  // the best score it can get
}

std::string title_phrase(const core::Paper& r) {
  std::optional<std::vector<std::string>> eligible = eligible_title_words(r);
  return eligible ? join_folded(*eligible) : std::string();
}

std::vector<std::string> candidate_words(const core::Paper& r) {
  std::vector<std::string> words = title_words(r);
  if (words.size() > 3) words.resize(3);
  return words;
}

std::vector<std::string> rarest_words(std::vector<std::string> words,
                                      const std::vector<std::int64_t>& frequencies, size_t n) {
  std::vector<size_t> order;
  for (size_t i = 0; i < words.size() && i < frequencies.size(); ++i) {
    if (frequencies[i] > 0) order.push_back(i);
  }
  // Stable: among equally rare words the longer (title_words' order) comes first.
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return frequencies[a] < frequencies[b]; });
  if (order.size() > n) order.resize(n);
  std::vector<std::string> out;
  for (size_t i : order) out.push_back(std::move(words[i]));
  return out;
}

Match fuzzy_match(const core::Paper& a, const core::Paper& b) {
  Match m;
  const std::optional<std::vector<std::string>> wa = eligible_title_words(a);
  const std::optional<std::vector<std::string>> wb = wa ? eligible_title_words(b) : std::nullopt;
  if (!wa || !wb) {
    m.reason = "a notice, or a title too short to match";
    return m;
  }
  const std::vector<std::string>& ta = *wa;
  const std::vector<std::string>& tb = *wb;
  m.title = title_similarity(ta, tb);
  if (m.title < kTitleFloor) {
    m.score = kTitleWeight * m.title;
    m.reason = fmt::format("title {:.2f}", m.title);
    return m;
  }
  const std::vector<std::string> sa = surnames(a), sb = surnames(b);
  if (!sa.empty() && !sb.empty()) {
    const std::set<std::string> set_a(sa.begin(), sa.end()), set_b(sb.begin(), sb.end());
    size_t common = 0;
    for (const std::string& s : set_a) common += set_b.count(s);
    const double overlap =
        static_cast<double>(common) / static_cast<double>(std::min(set_a.size(), set_b.size()));
    m.authors = 0.25 * (sa.front() == sb.front() ? 1.0 : 0.0) + 0.75 * overlap;
  }
  const int ya = year_of(a), yb = year_of(b);
  if (ya && yb) {
    const int d = std::abs(ya - yb);
    if (d > 2) {
      m.reason = fmt::format("years {} and {}", std::min(ya, yb), std::max(ya, yb));
      return m;
    }
    m.year = d <= 1 ? 1.0 : 0.5;
  } else {
    m.year = 0.5;
  }
  m.score = score(m.title, m.authors, m.year);
  m.accepted = m.score >= kMatchThreshold;
  m.reason = fmt::format("title+authors+year {:.2f}", m.score);
  return m;
}

}  // namespace ah::identity
