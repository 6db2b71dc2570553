// Text normalisation. display_text is one left-to-right pass over the input with a byte-class
// table: runs of ordinary bytes are copied in bulk and only the few bytes that can start markup
// (blanks, '\\', '$', braces, '~', quotes, '-', '&') are looked at one by one. It runs on every
// title and abstract of a multi-million-record import, so it avoids std::regex and allocations
// beyond the output string.
#include "core/text.h"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/text_markup.h"

namespace ah::core {
namespace {

using namespace text_detail;  // NOLINT: the tables are this file's private vocabulary

// ---------------------------------------------------------------------------------------------
// Byte classes: 1 = may start markup or whitespace; 0 = copied as is.
constexpr std::array<std::uint8_t, 256> make_special() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 1;
  for (unsigned char c : {' ', '\\', '$', '{', '}', '~', '`', '\'', '-', '&'}) t[c] = 1;
  t[0x7f] = 1;
  t[0xC2] = 1;  // lead byte of U+00A0 NO-BREAK SPACE
  return t;
}
constexpr std::array<std::uint8_t, 256> kSpecial = make_special();

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

// True when some line break is followed directly by text: then the text wraps lines with bare
// newlines (arXiv abstracts) and a newline followed by indentation starts a paragraph. When every
// break is indented (arXiv titles, comments and author lists: "...and\n  LHC energies") the
// indentation is only the continuation of a wrapped line.
bool has_bare_wrap(std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (nl == nullptr) return false;
    p = static_cast<const char*>(nl) + 1;
    if (p < end && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') return true;
  }
  return false;
}

// Index of the next unescaped '$' at or after `from`, or npos.
size_t find_dollar(std::string_view s, size_t from) {
  while (from < s.size()) {
    const void* hit = std::memchr(s.data() + from, '$', s.size() - from);
    if (hit == nullptr) return std::string_view::npos;
    size_t k = static_cast<size_t>(static_cast<const char*>(hit) - s.data());
    size_t backslashes = 0;
    while (k > backslashes && s[k - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return k;
    from = k + 1;
  }
  return std::string_view::npos;
}

// Index of the next "$$" (unescaped) at or after `from`, or npos.
size_t find_double_dollar(std::string_view s, size_t from) {
  for (size_t k = find_dollar(s, from); k != std::string_view::npos; k = find_dollar(s, k + 1)) {
    if (k + 1 < s.size() && s[k + 1] == '$') return k;
  }
  return std::string_view::npos;
}

// The end (index one past the closer) of the math segment starting at `i`, or npos when `i` does
// not open a closed math segment. Openers: $, $$, \(, \[.
size_t math_end(std::string_view s, size_t i) {
  if (s[i] == '$') {
    if (i + 1 < s.size() && s[i + 1] == '$') {
      size_t k = find_double_dollar(s, i + 2);
      return k == std::string_view::npos ? k : k + 2;
    }
    size_t k = find_dollar(s, i + 1);
    if (k == i + 1) return std::string_view::npos;  // "$$" handled above; an empty "$" pair
    return k == std::string_view::npos ? k : k + 1;
  }
  if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '(' || s[i + 1] == '[')) {
    const char* closer = s[i + 1] == '(' ? "\\)" : "\\]";
    size_t k = s.find(closer, i + 2);
    return k == std::string_view::npos ? k : k + 2;
  }
  return std::string_view::npos;
}

// True when byte `c` followed by byte `next` needs no attention: an ordinary byte, or one of the
// commonest markup bytes in a harmless position (a blank before a word, a single hyphen, a single
// apostrophe). Keeping those in a run saves a dispatch per word.
inline bool plain_pair(unsigned char c, unsigned char next) {
  if (kSpecial[c] == 0) return true;
  if (c == ' ') return next > 0x20;
  if (c == '-' || c == '\'') return next != c;
  return false;
}

// End of the run of plain bytes starting at `i` (s[i] is not a blank).
size_t plain_run_end(std::string_view s, size_t i) {
  const size_t n = s.size();
  const char* p = s.data();
  size_t j = i;
#if defined(__SSE2__)
  // Sixteen bytes at a time; the byte after each is loaded too for the pair rules.
  const __m128i k1f = _mm_set1_epi8(0x1F), k20 = _mm_set1_epi8(0x20);
  while (j + 17 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j));
    __m128i nx = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j + 1));
    auto eq = [&](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
    __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, k1f), k1f);  // v <= 0x1F
    __m128i bad = _mm_or_si128(control, eq('\\'));
    bad = _mm_or_si128(bad, _mm_or_si128(eq('$'), eq('{')));
    bad = _mm_or_si128(bad, _mm_or_si128(eq('}'), eq('~')));
    bad = _mm_or_si128(bad, _mm_or_si128(eq('`'), eq('&')));
    bad = _mm_or_si128(bad, _mm_or_si128(eq('\x7F'), eq('\xC2')));
    __m128i next_blank = _mm_cmpeq_epi8(_mm_max_epu8(nx, k20), k20);  // next <= 0x20
    bad = _mm_or_si128(bad, _mm_and_si128(eq(' '), next_blank));
    bad = _mm_or_si128(bad, _mm_and_si128(eq('-'), _mm_cmpeq_epi8(nx, _mm_set1_epi8('-'))));
    bad = _mm_or_si128(bad, _mm_and_si128(eq('\''), _mm_cmpeq_epi8(nx, _mm_set1_epi8('\''))));
    int mask = _mm_movemask_epi8(bad);
    if (mask != 0) return j + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    j += 16;
  }
#endif
  while (j < n) {
    unsigned char next = j + 1 < n ? static_cast<unsigned char>(p[j + 1]) : 0;
    if (!plain_pair(static_cast<unsigned char>(p[j]), next)) break;
    ++j;
  }
  return j;
}

// ---------------------------------------------------------------------------------------------
// The renderer: LaTeX text mode and entities to Unicode, whitespace normalised.
class Renderer {
 public:
  Renderer(std::string_view in, std::string& out, bool paragraphs)
      : s_(in), out_(out), paragraphs_(paragraphs) {
    indent_starts_paragraph_ = paragraphs && has_bare_wrap(in);
  }

  void run() {
    const size_t n = s_.size();
    size_t i = 0;
    while (i < n) {
      size_t j = i;
      if (s_[i] != ' ') j = plain_run_end(s_, i);
      if (j > i) {
        emit(s_.substr(i, j - i));
        i = j;
        if (i >= n) break;
      }
      i = special(i);
    }
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
  }

 private:
  enum class Pending { none, space, paragraph };

  void flush() {
    if (pending_ != Pending::none) {
      char sep = pending_ == Pending::paragraph ? '\n' : ' ';
      if (out_.empty()) {
        // leading blanks are dropped
      } else if (out_.back() == ' ') {
        out_.back() = sep;  // a blank copied with a word run, then a break
      } else if (out_.back() != '\n') {
        out_.push_back(sep);
      }
      pending_ = Pending::none;
    }
  }
  void emit(std::string_view text) {
    flush();
    out_.append(text);
  }
  void emit(char c) {
    flush();
    out_.push_back(c);
  }
  void emit_cp(char32_t cp) {
    flush();
    append_utf8(out_, cp);
  }
  void space() {
    if (pending_ == Pending::none) pending_ = Pending::space;
  }
  void paragraph() {
    if (paragraphs_) {
      pending_ = Pending::paragraph;
    } else {
      space();
    }
  }

  size_t skip_blanks(size_t i) const {
    while (i < s_.size() && (s_[i] == ' ' || s_[i] == '\t')) ++i;
    return i;
  }
  // After a control word TeX also eats one line break ("{\it\ndiscrete analysis}"), but not a
  // blank line, which is a paragraph break.
  size_t skip_blanks_and_wrap(size_t i) const {
    i = skip_blanks(i);
    if (i < s_.size() && s_[i] == '\n') {
      size_t k = skip_blanks(i + 1);
      if (k < s_.size() && s_[k] != '\n') return k;
    }
    return i;
  }

  // The output token being written (from the last blank) looks like a URL: keep '~' and "--".
  bool in_url() const {
    if (pending_ != Pending::none) return false;
    size_t start = out_.size() > 256 ? out_.size() - 256 : 0;
    size_t sp = out_.find_last_of(" \n");
    if (sp != std::string::npos && sp + 1 > start) start = sp + 1;
    std::string_view token(out_.data() + start, out_.size() - start);
    return token.find("://") != std::string_view::npos || token.starts_with("www.");
  }

  size_t special(size_t i) {
    const char c = s_[i];
    switch (c) {
      case '\n':
        return newline(i);
      case '\\':
        return backslash(i);
      case '$': {
        size_t end = math_end(s_, i);
        if (end == std::string_view::npos) {
          emit('$');
          return i + 1;
        }
        emit_math(s_.substr(i, end - i));
        return end;
      }
      case '{':
        open_group(i == verbatim_brace_at_);
        return i + 1;
      case '}':
        close_group();
        return i + 1;
      case '~':
        return tilde(i);
      case '`':
        if (i + 1 < s_.size() && s_[i + 1] == '`') {
          emit_cp(U'\u201C');
          return i + 2;
        }
        emit('`');
        return i + 1;
      case '\'':
        if (i + 1 < s_.size() && s_[i + 1] == '\'') {
          emit_cp(U'\u201D');
          return i + 2;
        }
        emit('\'');
        return i + 1;
      case '-':
        return dashes(i);
      case '&':
        return entity(i);
      case '\xC2':
        if (i + 1 < s_.size() && s_[i + 1] == '\xA0') {
          space();
          return i + 2;
        }
        emit(s_.substr(i, 2));
        return i + 2;
      default:  // blanks and other control characters
        space();
        return i + 1;
    }
  }

  size_t newline(size_t i) {
    size_t k = i + 1;
    bool indented = false;
    while (k < s_.size() && is_blank(s_[k])) {
      indented |= s_[k] == ' ' || s_[k] == '\t';
      ++k;
    }
    bool blank_line = k < s_.size() && s_[k] == '\n';
    if (paragraphs_ && (blank_line || (indented && indent_starts_paragraph_ && k < s_.size()))) {
      pending_ = Pending::paragraph;
    } else {
      space();
    }
    return k;
  }

  void emit_math(std::string_view m) {
    flush();
    // Byte for byte, except that hard line wraps inside the formula become one space.
    for (size_t k = 0; k < m.size(); ++k) {
      if (m[k] == '\n' || m[k] == '\r') {
        while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) out_.pop_back();
        while (k + 1 < m.size() && (is_blank(m[k + 1]) || m[k + 1] == '\n')) ++k;
        out_.push_back(' ');
      } else {
        out_.push_back(m[k]);
      }
    }
  }

  void open_group(bool emitted) {
    bool parent_emitted = depth_ > 0 && depth_ <= 64 && (groups_ >> (depth_ - 1)) & 1;
    emitted = emitted || parent_emitted;
    if (depth_ < 64) {
      if (emitted) {
        groups_ |= (std::uint64_t{1} << depth_);
      } else {
        groups_ &= ~(std::uint64_t{1} << depth_);
      }
    }
    ++depth_;
    if (emitted) emit('{');
  }
  void close_group() {
    if (depth_ == 0) return;  // a stray closing brace
    --depth_;
    if (depth_ < 64 && ((groups_ >> depth_) & 1)) emit('}');
  }

  size_t tilde(size_t i) {
    // A TeX tie ("Fig.~1", "dataset~\cite") is a space; "~50%", "(~3x)" and "31%~99%" mean
    // "about"/"to" in plain-text abstracts and URLs have "/~user": those keep the '~'.
    bool next_text = i + 1 < s_.size() && !is_blank(s_[i + 1]) && s_[i + 1] != '\n';
    char prev = out_.empty() ? ' ' : out_.back();
    bool prev_word = pending_ == Pending::none && !out_.empty() &&
                     (is_alnum(prev) || (static_cast<unsigned char>(prev) & 0x80) ||
                      std::strchr(".,;:)]", prev) != nullptr);
    if (next_text && prev_word && !in_url()) {
      space();
    } else {
      emit('~');
    }
    return i + 1;
  }

  size_t dashes(size_t i) {
    size_t k = i;
    while (k < s_.size() && s_[k] == '-') ++k;
    size_t count = k - i;
    if ((count == 2 || count == 3) && !in_url()) {
      emit_cp(count == 2 ? U'\u2013' : U'\u2014');
    } else {
      emit(s_.substr(i, count));
    }
    return k;
  }

  size_t entity(size_t i) {
    char32_t cp = 0;
    size_t len = decode_entity(s_.substr(i), cp);
    if (len == 0) {
      emit('&');
      return i + 1;
    }
    if (cp == 0xA0) {
      space();
    } else if (cp == '\n' || cp == '\t' || cp == '\r' || cp == ' ') {
      space();
    } else {
      emit_cp(cp);
    }
    return i + len;
  }

  // The argument of an accent at `pos`: a letter, \i or \j, or any of these in braces. Emits the
  // accented letter and returns the position after the argument.
  size_t accent(Accent a, size_t pos) {
    pos = skip_blanks(pos);
    bool brace = pos < s_.size() && s_[pos] == '{';
    if (brace) pos = skip_blanks(pos + 1);
    char32_t base = 0;
    std::string_view utf8_base;
    if (pos + 1 < s_.size() && s_[pos] == '\\' && (s_[pos + 1] == 'i' || s_[pos + 1] == 'j') &&
        (pos + 2 >= s_.size() || !is_alpha(s_[pos + 2]))) {
      base = s_[pos + 1] == 'i' ? U'i' : U'j';
      pos = skip_blanks(pos + 2);
      if (pos + 1 < s_.size() && s_[pos] == '{' && s_[pos + 1] == '}') pos += 2;  // "\i{}"
    } else if (pos < s_.size() && is_alpha(s_[pos])) {
      base = static_cast<unsigned char>(s_[pos]);
      ++pos;
    } else if (pos < s_.size() && (static_cast<unsigned char>(s_[pos]) & 0x80)) {
      size_t len = utf8_sequence_length(static_cast<unsigned char>(s_[pos]));
      utf8_base = s_.substr(pos, len);
      pos += utf8_base.size();
    }
    if (base != 0) {
      char32_t composed = compose_accent(a, base);
      if (composed != 0) {
        emit_cp(composed);
      } else {
        emit_cp(base);
        emit_cp(combining_mark(a));
      }
    } else if (!utf8_base.empty()) {
      emit(utf8_base);
      emit_cp(combining_mark(a));
    } else if (char32_t spacing = spacing_accent(a); spacing != 0) {
      emit_cp(spacing);
    }
    if (brace) {
      size_t after = skip_blanks(pos);
      if (after < s_.size() && s_[after] == '}') return after + 1;
      open_group(false);  // "\'{ab}": the rest of the group follows as text
    }
    return pos;
  }

  size_t backslash(size_t i) {
    if (i + 1 >= s_.size()) {
      emit('\\');
      return i + 1;
    }
    const char c1 = s_[i + 1];
    if (is_alpha(c1)) return control_word(i);
    if (auto a = symbol_accent(c1)) return accent(*a, i + 2);
    switch (c1) {
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
      case '{':
      case '}':
        emit(c1);
        return i + 2;
      case ' ':
      case '\\':
      case ',':
      case ';':
      case ':':
      case '\n':
      case '\t':
        space();
        return i + 2;
      case '!':
      case '-':
      case '/':
      case '@':
        return i + 2;
      case '(':
      case '[': {
        size_t end = math_end(s_, i);
        if (end != std::string_view::npos) {
          emit_math(s_.substr(i, end - i));
          return end;
        }
        emit(s_.substr(i, 2));
        return i + 2;
      }
      default:
        emit('\\');
        return i + 1;
    }
  }

  // Balanced {...} group starting at `pos` (after blanks): its content and the index past it.
  bool read_group(size_t pos, std::string_view& content, size_t& end) const {
    pos = skip_blanks(pos);
    if (pos >= s_.size() || s_[pos] != '{') return false;
    int depth = 0;
    for (size_t k = pos; k < s_.size(); ++k) {
      if (s_[k] == '\\') {
        ++k;
      } else if (s_[k] == '{') {
        ++depth;
      } else if (s_[k] == '}' && --depth == 0) {
        content = s_.substr(pos + 1, k - pos - 1);
        end = k + 1;
        return true;
      }
    }
    return false;
  }

  void emit_rendered(std::string_view text) {
    std::string inner;
    Renderer(text, inner, false).run();
    emit(inner);
  }

  size_t control_word(size_t i) {
    size_t j = i + 1;
    while (j < s_.size() && is_alpha(s_[j])) ++j;
    std::string_view name = s_.substr(i + 1, j - i - 1);
    const Command cmd = lookup_command(name);
    switch (cmd.kind) {
      case CommandKind::accent:
        return accent(cmd.accent, j);
      case CommandKind::letter: {
        emit_cp(cmd.cp);
        if (j + 1 < s_.size() && s_[j] == '{' && s_[j + 1] == '}') return j + 2;
        // TeX ends a control word at the first blank and eats it: "Bj\o rn" is "Bjørn".
        return skip_blanks_and_wrap(j);
      }
      case CommandKind::symbol:
        emit(cmd.text);
        if (j + 1 < s_.size() && s_[j] == '{' && s_[j + 1] == '}') return j + 2;
        return j;
      case CommandKind::font_switch:  // {\it x}: the group braces vanish on their own
        return skip_blanks_and_wrap(j);
      case CommandKind::unwrap:  // \emph{x}: the argument group is dropped, its text kept
        return skip_blanks_and_wrap(j);
      case CommandKind::par:
        paragraph();
        return skip_blanks(j);
      case CommandKind::space:
        space();
        return skip_blanks(j);
      case CommandKind::verbatim_arg: {  // \url{x}: x as is
        std::string_view content;
        size_t end = 0;
        if (read_group(j, content, end)) {
          emit(content);
          return end;
        }
        return skip_blanks(j);
      }
      case CommandKind::skip_arg_then_unwrap: {  // \textcolor{red}{x}, \color{red}
        std::string_view content;
        size_t end = 0;
        if (read_group(j, content, end)) return end;
        return skip_blanks(j);
      }
      case CommandKind::href: {  // \href{url}{text}: "text (url)", or the url when they agree
        std::string_view url, text;
        size_t end1 = 0, end2 = 0;
        if (read_group(j, url, end1) && read_group(end1, text, end2)) {
          std::string rendered;
          Renderer(text, rendered, false).run();
          if (rendered == url || rendered.empty()) {
            emit(url);
          } else {
            emit(rendered);
            emit(" (");
            out_.append(url);
            out_.push_back(')');
          }
          return end2;
        }
        break;
      }
      case CommandKind::unknown:
        break;
    }
    // Unknown commands (\cite{x}, \hydra) stay as written, their first brace argument included.
    emit(s_.substr(i, j - i));
    verbatim_brace_at_ = j;
    return j;
  }

  std::string_view s_;
  std::string& out_;
  bool paragraphs_;
  bool indent_starts_paragraph_ = false;
  Pending pending_ = Pending::none;
  std::uint64_t groups_ = 0;  // bit d: the brace group at depth d was written to the output
  size_t depth_ = 0;
  size_t verbatim_brace_at_ = std::string_view::npos;
};

}  // namespace

std::string display_text(std::string_view raw) {
  std::string sanitized;
  if (!text_detail::is_valid_utf8(raw)) {
    sanitized = text_detail::sanitize_utf8(raw);
    raw = sanitized;
  }
  std::string out;
  out.reserve(raw.size());
  Renderer(raw, out, true).run();
  return out;
}

std::string display_name(std::string_view raw) {
  std::string sanitized;
  if (!text_detail::is_valid_utf8(raw)) {
    sanitized = text_detail::sanitize_utf8(raw);
    raw = sanitized;
  }
  std::string out;
  out.reserve(raw.size());
  Renderer(raw, out, false).run();
  return out;
}

namespace {

// Math commands that only shape or style a formula: they carry no word worth finding.
bool is_layout_command(std::string_view name) {
  static constexpr std::string_view kLayout[] = {
      "Big",         "Bigg",      "Bigl",         "Bigr",
      "big",         "bigg",      "bigl",         "bigr",
      "boldsymbol",  "cal",       "displaystyle", "left",
      "limits",      "mathbb",    "mathbf",       "mathcal",
      "mathfrak",    "mathit",    "mathrm",       "mathscr",
      "mathsf",      "mathtt",    "middle",       "mkern",
      "mspace",      "nolimits",  "operatorname", "qquad",
      "quad",        "right",     "rm",           "scriptscriptstyle",
      "scriptstyle", "text",      "textbf",       "textit",
      "textrm",      "textstyle", "bf",           "it"};
  for (std::string_view l : kLayout) {
    if (l == name) return true;
  }
  return false;
}

// Appends the words of a formula (without its delimiters) separated by single blanks:
// "\alpha_{i}^2" gives "alpha i 2".
void append_math_words(std::string_view m, std::string& out) {
  bool first = true;
  auto word = [&](std::string_view w) {
    if (!first) out.push_back(' ');
    out.append(w);
    first = false;
  };
  size_t k = 0;
  while (k < m.size()) {
    char c = m[k];
    if (c == '\\') {
      size_t j = k + 1;
      while (j < m.size() && is_alpha(m[j])) ++j;
      std::string_view name = m.substr(k + 1, j - k - 1);
      if (!name.empty() && !is_layout_command(name)) word(name);
      k = j > k + 1 ? j : k + 2;
    } else if (is_alnum(c) || (static_cast<unsigned char>(c) & 0x80)) {
      size_t j = k;
      while (j < m.size() && (is_alnum(m[j]) || (static_cast<unsigned char>(m[j]) & 0x80))) ++j;
      word(m.substr(k, j - k));
      k = j;
    } else {
      ++k;
    }
  }
}

}  // namespace

std::string search_text(std::string_view display) {
  std::string out;
  out.reserve(display.size());
  size_t i = 0;
  while (i < display.size()) {
    size_t next = display.find_first_of("$\\", i);
    if (next == std::string_view::npos) {
      out.append(display.substr(i));
      break;
    }
    size_t end = math_end(display, next);
    if (end == std::string_view::npos) {
      out.append(display.substr(i, next + 1 - i));
      i = next + 1;
      continue;
    }
    out.append(display.substr(i, next - i));
    size_t open = display[next] == '$' ? (display[next + 1] == '$' ? 2 : 1) : 2;
    size_t close = open;
    append_math_words(display.substr(next + open, end - next - open - close), out);
    i = end;
  }
  return out;
}

}  // namespace ah::core
