#include "brief/prompts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "brief/citations.h"
#include "brief/text_stats.h"

namespace ah::brief {
namespace {

constexpr std::size_t kAuthorsShown = 3;
constexpr std::size_t kMaxSearchTerms = 20;

std::string_view language_name(Lang lang) {
  return lang == Lang::zh ? "Simplified Chinese (简体中文)" : "English";
}

std::string system_prompt(Lang lang, std::size_t papers) {
  return fmt::format(
      "You are a research analyst who writes briefings on sets of scientific papers for "
      "researchers. You read the whole set and say what is happening across it: the themes, "
      "what is new, where fields meet, and which papers matter.\n"
      "Rules:\n"
      "1. Base every statement on the papers given. Cite the papers each claim rests on with "
      "their numbers in square brackets, like [3] or [3][7], right after the claim. Every "
      "sentence that states a fact about the papers needs a citation.\n"
      "2. Cite only the numbers listed (1 to {}); never invent papers, numbers, results or "
      "authors.\n"
      "3. Write in {}. Keep technical terms and method names in their usual form.\n"
      "4. Use Markdown: a short overview paragraph, then sections (## headings) for the themes, "
      "where fields meet, what is new and notable papers. Be concise and concrete.\n"
      "5. The analysis given was computed from the papers' words and metadata; use it as the "
      "structure, and correct or refine it where the abstracts say otherwise.",
      papers, language_name(lang));
}

std::string authors_of(const core::Paper& paper) {
  std::string out;
  for (std::size_t i = 0; i < paper.authors.size() && i < kAuthorsShown; ++i) {
    if (i > 0) out += ", ";
    out += paper.authors[i].name;
  }
  if (paper.authors.size() > kAuthorsShown) out += " et al.";
  return out;
}

std::string one_line(std::string_view text) {
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

ChatMessage system(std::string content) {
  return ChatMessage{ChatMessage::Role::system, std::move(content)};
}
ChatMessage user(std::string content) {
  return ChatMessage{ChatMessage::Role::user, std::move(content)};
}

std::string papers_block(std::span<const core::Paper> papers, std::span<const std::size_t> listed,
                         std::size_t abstract_chars) {
  std::string out;
  for (std::size_t p : listed) out += paper_entry(papers[p], p + 1, abstract_chars) + "\n";
  return out;
}

// The first "{...}" or "[...]" JSON value in `text` (a ```json fence or prose around it).
nlohmann::json first_json(std::string_view text, char open) {
  for (std::size_t at = text.find(open); at != std::string_view::npos;
       at = text.find(open, at + 1)) {
    const char close = open == '{' ? '}' : ']';
    for (std::size_t end = text.rfind(close); end != std::string_view::npos && end > at;
         end = end == 0 ? std::string_view::npos : text.rfind(close, end - 1)) {
      nlohmann::json value = nlohmann::json::parse(text.substr(at, end - at + 1), nullptr, false);
      if (!value.is_discarded()) return value;
    }
  }
  return nlohmann::json();
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// Removes a leading label ("TL;DR:", "标题：") and surrounding quotes and emphasis.
std::string unwrap(std::string text, std::initializer_list<std::string_view> labels) {
  text = trim(text);
  for (std::string_view label : labels) {
    if (text.size() >= label.size()) {
      std::string head = text.substr(0, label.size());
      std::transform(head.begin(), head.end(), head.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (head == label) {
        text = trim(text.substr(label.size()));
        break;
      }
    }
  }
  for (std::string_view wrap : {"**", "*", "\"", "'", "“", "”", "「", "」"}) {
    if (text.starts_with(wrap)) text = text.substr(wrap.size());
    if (text.ends_with(wrap)) text.resize(text.size() - wrap.size());
  }
  if (text.ends_with("”")) text.resize(text.size() - std::string_view("”").size());
  return trim(text);
}

}  // namespace

std::string trim_text(std::string_view text, std::size_t limit) {
  std::string line = one_line(text);
  if (line.size() <= limit) return line;
  if (limit == 0) return {};
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  const std::size_t blank = line.rfind(' ', cut);
  if (blank != std::string::npos && blank > limit / 2) cut = blank;
  line.resize(cut);
  while (!line.empty() && (line.back() == ' ' || line.back() == ',')) line.pop_back();
  return line + "…";
}

std::string paper_entry(const core::Paper& paper, std::size_t n, std::size_t abstract_chars) {
  std::string out = fmt::format("[{}] {}\n", n, one_line(paper_title(paper)));
  std::vector<std::string> facts;
  if (!paper.authors.empty()) facts.push_back("Authors: " + authors_of(paper));
  if (!paper.categories.empty()) {
    std::string categories;
    for (std::size_t i = 0; i < paper.categories.size() && i < 3; ++i) {
      if (i > 0) categories += ", ";
      categories += paper.categories[i];
    }
    facts.push_back(categories);
  }
  if (!paper.venue.empty()) facts.push_back(paper.venue);
  if (const std::string date = paper_date(paper); !date.empty()) facts.push_back(date);
  for (std::size_t i = 0; i < facts.size(); ++i) out += (i == 0 ? "" : " | ") + facts[i];
  if (!facts.empty()) out += "\n";
  const std::string& abstract =
      paper.abstract_display.empty() ? paper.abstract : paper.abstract_display;
  if (abstract_chars > 0 && !abstract.empty()) {
    out += "Abstract: " + trim_text(abstract, abstract_chars) + "\n";
  }
  return out;
}

ChatRequest briefing_request(const Analysis& analysis, std::span<const core::Paper> papers,
                             std::span<const std::size_t> listed, Lang lang,
                             std::size_t abstract_chars, int max_tokens) {
  RenderOptions scaffold;
  scaffold.lang = Lang::en;  // the scaffold is data; the answer's language is rule 3's
  scaffold.list_all_papers = false;
  ChatRequest request;
  request.max_tokens = max_tokens;
  request.messages.push_back(system(system_prompt(lang, papers.size())));
  request.messages.push_back(user(
      fmt::format("Write a briefing on these {} papers in {}.\n\n"
                  "## Analysis of the set\n\n{}\n\n## Papers\n\n{}",
                  papers.size(), language_name(lang), render_markdown(analysis, papers, scaffold),
                  papers_block(papers, listed, abstract_chars))));
  return request;
}

ChatRequest theme_request(const Analysis& analysis, std::span<const core::Paper> papers,
                          std::size_t theme, std::span<const std::size_t> listed, Lang lang,
                          std::size_t abstract_chars, int max_tokens) {
  const Theme& t = analysis.themes[theme];
  std::string terms;
  for (const std::string& term : t.terms) terms += (terms.empty() ? "" : ", ") + term;
  std::string categories;
  for (std::size_t i = 0; i < t.categories.size() && i < 5; ++i) {
    categories +=
        fmt::format("{}{} ({})", i == 0 ? "" : ", ", t.categories[i].name, t.categories[i].count);
  }
  ChatRequest request;
  request.max_tokens = max_tokens;
  request.messages.push_back(system(system_prompt(lang, papers.size())));
  request.messages.push_back(user(fmt::format(
      "This is theme {} of {} of a larger set of {} papers. Summarise this theme in {} in one "
      "or two paragraphs (no headings): what its papers do, how they differ, which stand out. "
      "Cite with the papers' numbers.\n\nTheme terms: {}\nCategories: {}\nPapers in the theme: "
      "{}\n\n## Papers\n\n{}",
      theme + 1, analysis.themes.size(), papers.size(), language_name(lang), terms, categories,
      t.papers.size(), papers_block(papers, listed, abstract_chars))));
  return request;
}

ChatRequest combine_request(const Analysis& analysis, std::span<const core::Paper> papers,
                            std::span<const std::string> theme_summaries, Lang lang,
                            int max_tokens) {
  RenderOptions scaffold;
  scaffold.list_all_papers = false;
  std::string summaries;
  for (std::size_t t = 0; t < theme_summaries.size(); ++t) {
    summaries += fmt::format("### Theme {}: {}\n\n{}\n\n", t + 1,
                             theme_label(analysis.themes[t], Lang::en), theme_summaries[t]);
  }
  ChatRequest request;
  request.max_tokens = max_tokens;
  request.messages.push_back(system(system_prompt(lang, papers.size())));
  request.messages.push_back(user(fmt::format(
      "Write a briefing on a set of {} papers in {}, from the analysis of the set and the "
      "summaries of its themes below (written from the papers' abstracts; keep their "
      "citations).\n\n## Analysis of the set\n\n{}\n\n## Theme summaries\n\n{}",
      papers.size(), language_name(lang), render_markdown(analysis, papers, scaffold), summaries)));
  return request;
}

ChatRequest insist_on_language(ChatRequest request, Lang lang) {
  request.messages.push_back(
      user(lang == Lang::zh
               ? "重要：请用简体中文撰写整份简报（技术术语和方法名可保留英文），并保留 [n] 引用。"
               : "Important: write the whole briefing in English, keeping the [n] citations."));
  return request;
}

ChatRequest insist_on_answer_language(ChatRequest request, Lang lang) {
  request.messages.push_back(
      user(lang == Lang::zh
               ? "重要：请只用简体中文回答（技术术语、方法名和缩写可保留英文），格式同上。"
               : "Important: answer in English only, in the same format as asked."));
  return request;
}

ChatRequest tldr_request(const core::Paper& paper, Lang lang) {
  ChatRequest request;
  request.max_tokens = 120;
  request.temperature = 0.2;
  request.messages.push_back(system(fmt::format(
      "You summarise scientific papers in one line for researchers skimming a feed. Answer with "
      "the TL;DR only: one sentence in {}, at most {}, saying what the paper does and finds. "
      "No preamble, no quotes.",
      language_name(lang), lang == Lang::zh ? "60 个汉字" : "30 words")));
  request.messages.push_back(user(paper_entry(paper, 1, 4000)));
  return request;
}

Result<std::string> parse_tldr(std::string_view answer) {
  const std::string text = strip_thinking(answer);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line =
        unwrap(text.substr(start, end - start), {"tl;dr:", "tldr:", "tl;dr：", "tl;dr"});
    if (line.starts_with("- ")) line = trim(line.substr(2));
    if (!line.empty()) return line;
    start = end + 1;
  }
  return fail(ErrorCode::bad_upstream_data, "the TL;DR answer has no text");
}

ChatRequest translation_request(const core::Paper& paper) {
  ChatRequest request;
  request.temperature = 0.1;
  request.messages.push_back(system(
      "You translate scientific titles and abstracts from English into Simplified Chinese "
      "(简体中文) accurately, keeping formulas ($...$), method names and acronyms as written. "
      "Answer with JSON only: {\"title\": \"...\", \"abstract\": \"...\"}."));
  const std::string& abstract =
      paper.abstract_display.empty() ? paper.abstract : paper.abstract_display;
  request.messages.push_back(
      user(fmt::format("Title: {}\n\nAbstract: {}", one_line(paper_title(paper)), abstract)));
  return request;
}

Result<Translation> parse_translation(std::string_view answer) {
  const std::string text = strip_thinking(answer);
  Translation t;
  const nlohmann::json value = first_json(text, '{');
  if (value.is_object()) {
    if (auto it = value.find("title"); it != value.end() && it->is_string()) t.title = *it;
    if (auto it = value.find("abstract"); it != value.end() && it->is_string()) t.abstract = *it;
  }
  if (t.title.empty()) {
    // Lines "标题：..." and "摘要：..." (the abstract runs to the end).
    const auto title_at = text.find("标题");
    const auto abstract_at = text.find("摘要");
    if (title_at != std::string::npos) {
      const auto end = text.find('\n', title_at);
      t.title = unwrap(
          text.substr(title_at, end == std::string::npos ? std::string::npos : end - title_at),
          {"标题：", "标题:"});
    }
    if (abstract_at != std::string::npos) {
      t.abstract = unwrap(text.substr(abstract_at), {"摘要：", "摘要:"});
    }
  }
  t.title = trim(t.title);
  t.abstract = trim(t.abstract);
  if (t.title.empty()) {
    return fail(ErrorCode::bad_upstream_data, "the translation answer has no title");
  }
  if (cjk_share(t.title + " " + t.abstract) < 0.5) {
    return fail(ErrorCode::bad_upstream_data, "the translation answer is not in Chinese");
  }
  return t;
}

ChatRequest search_terms_request(std::string_view description) {
  ChatRequest request;
  request.temperature = 0.1;
  request.max_tokens = 300;
  request.messages.push_back(system(
      "You turn a researcher's description of their interests (often written in Chinese) into "
      "English search terms for finding papers on arXiv, PubMed and in journals: the technical "
      "terms, method names and synonyms a paper's title or abstract would use, 3 to 12 terms, "
      "each one to four words. Answer with a JSON array of strings only, e.g. [\"graph neural "
      "network\", \"molecular property prediction\"]."));
  request.messages.push_back(user(std::string(description)));
  return request;
}

Result<std::vector<std::string>> parse_search_terms(std::string_view answer) {
  const std::string text = strip_thinking(answer);
  std::vector<std::string> raw;
  const nlohmann::json value = first_json(text, '[');
  if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_string()) raw.push_back(item.get<std::string>());
    }
  } else {
    std::string piece;
    for (char c : text + "\n") {
      if (c == '\n' || c == ',') {
        raw.push_back(piece);
        piece.clear();
      } else {
        piece += c;
      }
    }
  }
  std::vector<std::string> terms;
  std::vector<std::string> seen;
  for (std::string term : raw) {
    term = trim(term);
    while (!term.empty() && (term.front() == '-' || term.front() == '*' ||
                             std::isdigit(static_cast<unsigned char>(term.front())) ||
                             term.front() == '.' || term.front() == ')')) {
      term = trim(term.substr(1));
    }
    term = unwrap(term, {});
    if (term.empty() || term.size() > 80) continue;
    const std::size_t ascii = static_cast<std::size_t>(std::count_if(
        term.begin(), term.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
    if (ascii * 10 < term.size() * 9) continue;  // mostly not English
    std::string key = term;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    terms.push_back(term);
    if (terms.size() >= kMaxSearchTerms) break;
  }
  if (terms.empty())
    return fail(ErrorCode::bad_upstream_data, "no English search terms in the answer");
  return terms;
}

}  // namespace ah::brief
