#include "brief/citations.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "brief/text_stats.h"

namespace ah::brief {
namespace {

constexpr int kMaxRange = 20;  // "[3-7]" is expanded; a longer range keeps its two ends

bool starts_with_at(std::string_view text, std::size_t i, std::string_view prefix) {
  return text.substr(i, prefix.size()) == prefix;
}

// A citation group at `i`: "[1]", "[1, 2]", "[3-5]", "【4】", "［4］". On success returns its end
// and the numbers it names.
bool parse_group(std::string_view text, std::size_t i, std::size_t& end, std::vector<int>& out) {
  std::string_view close;
  std::size_t at = i;
  if (text[i] == '[') {
    close = "]";
    at += 1;
  } else if (starts_with_at(text, i, "【")) {
    close = "】";
    at += std::string_view("【").size();
  } else if (starts_with_at(text, i, "［")) {
    close = "］";
    at += std::string_view("［").size();
  } else {
    return false;
  }
  out.clear();
  int pending = -1;  // the number read, before a separator
  bool range = false;
  bool any = false;
  while (at < text.size()) {
    const char c = text[at];
    if (c >= '0' && c <= '9') {
      int value = 0;
      std::size_t digits = 0;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9' && digits < 6) {
        value = value * 10 + (text[at] - '0');
        ++at;
        ++digits;
      }
      if (at < text.size() && text[at] >= '0' && text[at] <= '9') return false;  // too long
      if (range && pending >= 0) {
        if (value >= pending && value - pending <= kMaxRange) {
          for (int v = pending + 1; v <= value; ++v) out.push_back(v);
        } else {
          out.push_back(value);
        }
        range = false;
      } else {
        out.push_back(value);
      }
      pending = value;
      any = true;
      continue;
    }
    if (starts_with_at(text, at, close)) {
      if (!any || range) return false;
      end = at + close.size();
      // "[1](#paper-1)" is a Markdown link, not a citation to rewrite.
      if (end < text.size() && text[end] == '(') return false;
      return true;
    }
    if (c == ' ' || c == ',' || c == ';') {
      ++at;
      continue;
    }
    if (c == '-') {
      range = true;
      ++at;
      continue;
    }
    if (starts_with_at(text, at, "–")) {  // en dash
      range = true;
      at += std::string_view("–").size();
      continue;
    }
    if (starts_with_at(text, at, "，") || starts_with_at(text, at, "、")) {
      at += 3;
      continue;
    }
    return false;
  }
  return false;
}

struct Rewritten {
  std::string text;
  std::set<int> cited;
  std::vector<int> removed;
};

// Rewrites every citation group of one line; removed numbers are collected.
void rewrite_citations(std::string_view line, int paper_count, Rewritten& out) {
  std::vector<int> numbers;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t end = 0;
    if ((line[i] == '[' || static_cast<unsigned char>(line[i]) == 0xE3 ||
         static_cast<unsigned char>(line[i]) == 0xEF) &&
        parse_group(line, i, end, numbers)) {
      std::string group;
      for (int n : numbers) {
        if (n >= 1 && n <= paper_count) {
          group += "[" + std::to_string(n) + "]";
          out.cited.insert(n);
        } else if (std::find(out.removed.begin(), out.removed.end(), n) == out.removed.end()) {
          out.removed.push_back(n);
        }
      }
      if (group.empty()) {
        // The blank before a removed citation goes with it: "better [99]." -> "better."
        while (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
      }
      out.text += group;
      i = end;
      continue;
    }
    out.text += line[i];
    ++i;
  }
}

bool only_citations(std::string_view line) {
  bool any = false;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == '[') {
      const std::size_t close = line.find(']', i);
      if (close == std::string_view::npos) return false;
      i = close + 1;
      any = true;
    } else if (line[i] == ' ' || line[i] == '-' || line[i] == '*') {
      ++i;
    } else {
      return false;
    }
  }
  return any;
}

bool has_citation(std::string_view sentence) {
  for (std::size_t i = 0; i + 2 < sentence.size(); ++i) {
    if (sentence[i] == '[' && sentence[i + 1] >= '0' && sentence[i + 1] <= '9') return true;
  }
  return false;
}

// Words of a sentence for the claim rule: English words, and Chinese characters at half a word.
double word_weight(std::string_view sentence) {
  const ScriptCounts counts = count_scripts(sentence);
  return static_cast<double>(counts.latin_words) + static_cast<double>(counts.cjk) / 2.0;
}

bool is_abbreviation_before(std::string_view line, std::size_t dot) {
  static constexpr std::string_view kAbbreviations[] = {"e.g", "i.e",    "et al", "vs", "cf",
                                                        "Fig", "approx", "etc",   "Eq", "No"};
  const std::string_view before = line.substr(0, dot);
  for (std::string_view a : kAbbreviations) {
    if (before.ends_with(a) &&
        (before.size() == a.size() ||
         !std::isalpha(static_cast<unsigned char>(before[before.size() - a.size() - 1])))) {
      return true;
    }
  }
  return false;
}

// The length of the sentence end at `i` ('.', '!', '?' or a Chinese full stop), or 0.
std::size_t terminator_at(std::string_view line, std::size_t i) {
  const char c = line[i];
  if (c == '.' || c == '!' || c == '?') {
    const bool at_end = i + 1 >= line.size();
    const bool blank_next = !at_end && (line[i + 1] == ' ' || line[i + 1] == '\t');
    if (!at_end && !blank_next) return 0;  // "3.5", "arXiv.org"
    if (c == '.' && is_abbreviation_before(line, i)) return 0;
    return 1;
  }
  for (std::string_view stop : {"。", "！", "？"}) {
    if (starts_with_at(line, i, stop)) return stop.size();
  }
  return 0;
}

struct Sentence {
  std::size_t begin, end;  // [begin, end) in the line, citations after the stop included
  std::size_t stop;        // where its final punctuation starts (== end when none)
};

std::vector<Sentence> sentences_of(std::string_view line) {
  std::vector<Sentence> out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t length = terminator_at(line, i);
    if (length == 0) {
      ++i;
      continue;
    }
    const std::size_t stop = i;
    std::size_t end = i + length;
    // Citations right after the stop belong to this sentence.
    std::size_t j = end;
    while (j < line.size() && line[j] == ' ') ++j;
    while (j < line.size() && line[j] == '[') {
      const std::size_t close = line.find(']', j);
      if (close == std::string_view::npos || close == j + 1 || line[j + 1] < '0' ||
          line[j + 1] > '9') {
        break;
      }
      end = close + 1;
      j = end;
    }
    out.push_back({begin, end, stop});
    begin = end;
    i = end;
  }
  if (begin < line.size()) out.push_back({begin, line.size(), line.size()});
  return out;
}

bool is_claim(std::string_view sentence) {
  std::string_view s = sentence;
  while (!s.empty() && (s.back() == ' ' || s.back() == '*')) s.remove_suffix(1);
  if (s.ends_with("?") || s.ends_with("？") || s.ends_with(":") || s.ends_with("：")) {
    return false;
  }
  return word_weight(sentence) >= 8.0;
}

// Marks and counts the uncited claims of one prose line.
std::string mark_line(std::string_view line, CitationCheck& check) {
  std::string out;
  for (const Sentence& s : sentences_of(line)) {
    const std::string_view sentence = line.substr(s.begin, s.end - s.begin);
    const std::size_t stop_end =
        s.stop < line.size() ? s.stop + terminator_at(line, s.stop) : s.stop;
    if (!is_claim(line.substr(s.begin, stop_end - s.begin))) {
      out.append(sentence);
      continue;
    }
    ++check.claims;
    if (has_citation(sentence)) {
      out.append(sentence);
      continue;
    }
    ++check.uncited;
    std::string_view body = line.substr(s.begin, s.stop - s.begin);
    // The mark goes before the final punctuation, after any trailing blanks are dropped.
    std::string head(body);
    while (!head.empty() && head.back() == ' ') head.pop_back();
    out += head + " " + std::string(kUncitedMark);
    out.append(line.substr(s.stop, s.end - s.stop));
  }
  return out;
}

bool is_prose(std::string_view line) {
  std::string_view t = line;
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  if (t.empty() || t.starts_with("#") || t.starts_with("|") || t.starts_with("```") ||
      t.starts_with("---") || t.starts_with("***") || t.starts_with(">")) {
    return t.starts_with(">");  // a quote is prose; the others are not
  }
  return !only_citations(t);
}

}  // namespace

CitationCheck check_citations(std::string_view text, int paper_count) {
  CitationCheck check;
  Rewritten rewritten;
  bool in_code = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) newline = text.size();
    const std::string_view line = text.substr(start, newline - start);
    const bool fence = line.starts_with("```");
    if (fence) in_code = !in_code;
    if (in_code || fence) {
      rewritten.text.append(line);
    } else {
      Rewritten one;
      rewrite_citations(line, paper_count, one);
      rewritten.cited.insert(one.cited.begin(), one.cited.end());
      for (int n : one.removed) {
        if (std::find(rewritten.removed.begin(), rewritten.removed.end(), n) ==
            rewritten.removed.end()) {
          rewritten.removed.push_back(n);
        }
      }
      rewritten.text += is_prose(one.text) ? mark_line(one.text, check) : one.text;
    }
    if (newline < text.size()) rewritten.text += '\n';
    start = newline + 1;
  }
  check.text = std::move(rewritten.text);
  check.cited.assign(rewritten.cited.begin(), rewritten.cited.end());
  check.removed = std::move(rewritten.removed);
  return check;
}

bool language_matches(std::string_view text, Lang lang) {
  // Citations and numbers hold no language; count_scripts counts only letters already.
  const ScriptCounts counts = count_scripts(text);
  const std::size_t total = counts.cjk + counts.latin_words;
  if (total == 0) return true;
  const double share = static_cast<double>(counts.cjk) / static_cast<double>(total);
  return lang == Lang::zh ? share >= 0.5 : share <= 0.1;
}

std::string strip_thinking(std::string_view text) {
  std::string out(text);
  for (;;) {
    const std::size_t open = out.find("<think>");
    if (open == std::string::npos) break;
    const std::size_t close = out.find("</think>", open);
    out.erase(open, close == std::string::npos ? std::string::npos : close + 8 - open);
  }
  const std::size_t first = out.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const std::size_t last = out.find_last_not_of(" \t\r\n");
  return out.substr(first, last - first + 1);
}

}  // namespace ah::brief
