#include "sources/common/markup_text.h"

#include <algorithm>
#include <array>
#include <sstream>
#include <utility>

#include "core/text_markup.h"

namespace ah::sources {
namespace {

namespace td = core::text_detail;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' || c == '.';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "jats:Italic" -> "italic": elements are told by their local name in any namespace.
std::string local_lower(std::string_view name) {
  const size_t colon = name.rfind(':');
  return lower(colon == std::string_view::npos ? name : name.substr(colon + 1));
}

// Appends `s` to `out` with its entities decoded.
void append_decoded(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      char32_t cp = 0;
      if (size_t n = td::decode_entity(s.substr(i), cp); n > 0) {
        td::append_utf8(out, cp);
        i += n;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
}

// A tolerant element tree: HTML that is not XML still gives one.
struct Node {
  std::string name;  // lower-case local name; empty for a text node
  std::string text;  // a text node's text, entities decoded
  std::vector<std::pair<std::string, std::string>> attrs;
  std::vector<Node> children;

  bool is_text() const { return name.empty(); }
  const std::string* find_attr(std::string_view key) const {
    for (const auto& [k, v] : attrs) {
      if (k == key) return &v;
    }
    return nullptr;
  }
  std::string_view attr(std::string_view key) const {
    const std::string* v = find_attr(key);
    return v ? std::string_view(*v) : std::string_view();
  }
};

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

bool is_void(std::string_view name) {
  return one_of(name, {"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base",
                       "param", "source", "mspace", "none", "mprescripts"});
}

bool is_block(std::string_view name) {
  return one_of(name, {"p",      "div",      "sec",          "section",    "title",      "h1",
                       "h2",     "h3",       "h4",           "h5",         "h6",         "li",
                       "ul",     "ol",       "list",         "list-item",  "blockquote", "table",
                       "tr",     "abstract", "caption",      "article",    "header",     "footer",
                       "figure", "fig",      "table-wrap",   "dl",         "dt",         "dd",
                       "pre",    "address",  "disp-formula", "disp-quote", "boxed-text"});
}

// Content never shown as text.
bool is_skipped(std::string_view name) {
  return one_of(name, {"script", "style", "head", "object", "annotation", "annotation-xml",
                       "mphantom", "noscript", "template", "svg"});
}

// Reads one start tag's attributes from s[j] up to its '>'; returns the index after '>' and
// whether the tag closed itself ("/>").
size_t read_attributes(std::string_view s, size_t j, Node& element, bool& self_closing) {
  self_closing = false;
  while (j < s.size() && s[j] != '>') {
    if (is_blank(s[j])) {
      ++j;
      continue;
    }
    if (s[j] == '/') {
      self_closing = j + 1 < s.size() && s[j + 1] == '>';
      ++j;
      continue;
    }
    const size_t start = j;
    while (j < s.size() && !is_blank(s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/') ++j;
    std::string key = lower(s.substr(start, j - start));
    std::string value;
    while (j < s.size() && is_blank(s[j])) ++j;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && is_blank(s[j])) ++j;
      if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        const char quote = s[j++];
        const size_t end = s.find(quote, j);
        const size_t stop = end == std::string_view::npos ? s.size() : end;
        append_decoded(value, s.substr(j, stop - j));
        j = stop == s.size() ? stop : stop + 1;
      } else {
        const size_t vstart = j;
        while (j < s.size() && !is_blank(s[j]) && s[j] != '>') ++j;
        append_decoded(value, s.substr(vstart, j - vstart));
      }
    }
    if (!key.empty()) element.attrs.emplace_back(std::move(key), std::move(value));
    if (j == start) ++j;  // a stray character: never loop on it
  }
  return j < s.size() ? j + 1 : s.size();
}

Node parse_fragment(std::string_view s) {
  Node root;
  root.name = "#root";
  // The open elements, outermost first. Only the innermost one ever gains children, so the
  // pointers to the others stay valid.
  std::vector<Node*> open{&root};
  std::string text;
  auto flush = [&] {
    if (text.empty()) return;
    Node t;
    t.text = std::move(text);
    open.back()->children.push_back(std::move(t));
    text.clear();
  };
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '&') {
      char32_t cp = 0;
      if (size_t n = td::decode_entity(s.substr(i), cp); n > 0) {
        td::append_utf8(text, cp);
        i += n;
      } else {
        text.push_back(c);
        ++i;
      }
      continue;
    }
    if (c != '<' || i + 1 >= s.size()) {
      text.push_back(c);
      ++i;
      continue;
    }
    const std::string_view rest = s.substr(i);
    const char d = s[i + 1];
    if (rest.starts_with("<!--")) {
      const size_t end = s.find("-->", i + 4);
      i = end == std::string_view::npos ? s.size() : end + 3;
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      const size_t end = s.find("]]>", i + 9);
      const size_t stop = end == std::string_view::npos ? s.size() : end;
      text.append(s.substr(i + 9, stop - (i + 9)));
      i = stop == s.size() ? stop : stop + 3;
      continue;
    }
    if (d == '!' || d == '?') {
      const size_t end = s.find('>', i);
      i = end == std::string_view::npos ? s.size() : end + 1;
      continue;
    }
    if (d == '/') {
      size_t j = i + 2;
      while (j < s.size() && is_name_char(s[j])) ++j;
      if (j == i + 2) {
        text.push_back(c);
        ++i;
        continue;
      }
      const std::string name = local_lower(s.substr(i + 2, j - i - 2));
      const size_t end = s.find('>', j);
      i = end == std::string_view::npos ? s.size() : end + 1;
      flush();
      // Close up to the matching open element; an end tag nothing matches is ignored.
      for (size_t k = open.size(); k-- > 1;) {
        if (open[k]->name == name) {
          open.resize(k);
          break;
        }
      }
      continue;
    }
    if (!is_alpha(d)) {  // "a < b": a literal '<'
      text.push_back(c);
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < s.size() && is_name_char(s[j])) ++j;
    Node element;
    element.name = local_lower(s.substr(i + 1, j - i - 1));
    bool self_closing = false;
    i = read_attributes(s, j, element, self_closing);
    flush();
    // HTML: a block element closes an open paragraph (<p>a<p>b).
    if (is_block(element.name) && open.size() > 1 && open.back()->name == "p") open.pop_back();
    const bool leaf = self_closing || is_void(element.name);
    open.back()->children.push_back(std::move(element));
    if (!leaf) open.push_back(&open.back()->children.back());
  }
  flush();
  return root;
}

// Collects paragraphs: blanks collapsed, a break between blocks. text() is the document's text,
// escaped as the form says; tex() is a formula or text already in its final form.
class Writer {
 public:
  explicit Writer(TextForm form = TextForm::plain) : form_(form) {}

  void text(std::string_view t) {
    if (form_ == TextForm::plain) return tex(t);
    tex(escape_for_display(t));
  }
  void tex(std::string_view t) {
    for (char c : t) {
      if (is_blank(c)) {
        pending_space_ = true;
        continue;
      }
      if (pending_space_ && !current_.empty()) current_.push_back(' ');
      pending_space_ = false;
      current_.push_back(c);
    }
  }
  void paragraph_break() {
    if (!current_.empty()) paragraphs_.push_back(std::move(current_));
    current_.clear();
    pending_space_ = false;
  }
  std::vector<std::string> finish() {
    paragraph_break();
    return std::move(paragraphs_);
  }
  TextForm form() const { return form_; }
  // True when the text so far ends with a digit and no blank is pending.
  bool ends_with_digit() const {
    return !pending_space_ && !current_.empty() && current_.back() >= '0' &&
           current_.back() <= '9';
  }

 private:
  TextForm form_;
  std::vector<std::string> paragraphs_;
  std::string current_;
  bool pending_space_ = false;
};

std::string text_of(const Node& n) {
  if (n.is_text()) return n.text;
  std::string out;
  for (const Node& c : n.children) {
    if (!is_skipped(c.name)) out += text_of(c);
  }
  return out;
}

std::string collapse(std::string_view s) {
  Writer w;
  w.text(s);
  std::vector<std::string> p = w.finish();
  return p.empty() ? std::string() : p.front();
}

// The TeX of a <tex-math>: the document body when it is a whole LaTeX document, without the
// outer math delimiters.
std::string clean_tex(std::string_view tex) {
  constexpr std::string_view kBegin = "\\begin{document}", kEnd = "\\end{document}";
  if (size_t b = tex.find(kBegin); b != std::string_view::npos) {
    tex = tex.substr(b + kBegin.size());
    if (size_t e = tex.find(kEnd); e != std::string_view::npos) tex = tex.substr(0, e);
  }
  tex = trim(tex);
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"$$", "$$"},
                             {"$", "$"},
                             {"\\[", "\\]"},
                             {"\\(", "\\)"}}) {
    if (tex.size() >= open.size() + close.size() && tex.starts_with(open) && tex.ends_with(close)) {
      tex = trim(tex.substr(open.size(), tex.size() - open.size() - close.size()));
      break;
    }
  }
  return collapse(tex);
}

std::vector<const Node*> elements(const Node& n) {
  std::vector<const Node*> out;
  for (const Node& c : n.children) {
    if (!c.is_text()) out.push_back(&c);
  }
  return out;
}

// Characters with a meaning in TeX math, escaped so KaTeX shows them as written; blanks
// collapsed.
std::string math_text(std::string_view text) {
  std::string out;
  for (char c : collapse(text)) {
    switch (c) {
      case '{':
      case '}':
      case '%':
      case '#':
      case '&':
      case '_':
      case '$':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '^':
        out += "\\hat{}";
        break;
      case '\\':
        out += "\\backslash ";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

bool is_function_name(std::string_view t) {
  return one_of(t, {"sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "exp", "lim", "max",
                    "min", "sup", "inf", "det", "dim", "arg", "deg", "gcd", "ker", "Pr", "sinh",
                    "cosh", "tanh"});
}

// The TeX accent for an <mover> whose over-script is one accent character, or empty.
std::string_view accent_command(std::string_view over) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kAccents = {{
      {"\xC2\xAF", "\\bar"},      // ¯ macron
      {"\xE2\x80\xBE", "\\bar"},  // ‾ overline
      {"^", "\\hat"},
      {"\xCB\x86", "\\hat"},  // ˆ
      {"~", "\\tilde"},
      {"\xCB\x9C", "\\tilde"},    // ˜
      {"\xE2\x86\x92", "\\vec"},  // →
      {"\xCB\x99", "\\dot"},      // ˙
      {".", "\\dot"},
      {"\xC2\xA8", "\\ddot"},  // ¨
  }};
  for (auto [c, cmd] : kAccents) {
    if (over == c) return cmd;
  }
  return {};
}

std::string mathml_tex(const Node& n);

std::string children_tex(const Node& n) {
  std::string out;
  for (const Node& c : n.children) out += mathml_tex(c);
  return out;
}

// The base of a script: one symbol (or one command) stands bare ("x^{2}", "\\sin ^{2}"),
// anything longer is grouped ("{ab}^{2}").
std::string script_base(const Node* base) {
  if (base == nullptr) return "{}";
  std::string t = mathml_tex(*base);
  const bool token = one_of(base->name, {"mi", "mn", "mo"});
  const bool one_symbol =
      !t.empty() && td::utf8_sequence_length(static_cast<unsigned char>(t[0])) == t.size();
  const bool command = t.starts_with("\\") && t.back() == ' ';
  return token && (one_symbol || command) ? t : "{" + t + "}";
}

// MathML presentation markup as TeX (what KaTeX reads); mathml_to_latex's contract.
std::string mathml_tex(const Node& n) {
  if (n.is_text()) return math_text(n.text);
  const std::string& name = n.name;
  const std::vector<const Node*> k = elements(n);
  auto arg = [&](size_t i) { return "{" + (i < k.size() ? mathml_tex(*k[i]) : "") + "}"; };
  auto base = [&] { return script_base(k.empty() ? nullptr : k[0]); };
  if (is_skipped(name) || one_of(name, {"none", "mprescripts"})) return {};
  if (name == "mi") {
    const std::string t = collapse(text_of(n));
    return is_function_name(t) ? "\\" + t + " " : math_text(t);
  }
  if (one_of(name, {"mn", "mo", "ms"})) return math_text(text_of(n));
  if (name == "mtext") {
    std::string t = math_text(text_of(n));
    return t.empty() ? t : "\\text{" + t + "}";
  }
  if (name == "mspace") return "\\ ";
  if (name == "msup") return base() + "^" + arg(1);
  if (name == "msub") return base() + "_" + arg(1);
  if (name == "msubsup" || name == "munderover") return base() + "_" + arg(1) + "^" + arg(2);
  if (name == "mfrac") return "\\frac" + arg(0) + arg(1);
  if (name == "msqrt") return "\\sqrt{" + children_tex(n) + "}";
  if (name == "mroot") return "\\sqrt[" + (k.size() > 1 ? mathml_tex(*k[1]) : "") + "]" + arg(0);
  if (name == "mover") {
    const std::string over = k.size() > 1 ? collapse(text_of(*k[1])) : "";
    if (std::string_view cmd = accent_command(over); !cmd.empty()) return std::string(cmd) + arg(0);
    return "\\overset" + arg(1) + arg(0);
  }
  if (name == "munder") return "\\underset" + arg(1) + arg(0);
  if (name == "mfenced") {
    // Defaults "(", ")" and ","; an attribute given empty means none.
    const std::string* open = n.find_attr("open");
    const std::string* close = n.find_attr("close");
    const std::string* sep = n.find_attr("separators");
    auto fence = [](std::string_view f) {
      if (f.empty()) return std::string(".");
      if (f == "{" || f == "}") return "\\" + std::string(f);
      return std::string(f);
    };
    const std::string_view separators = sep ? trim(*sep) : ",";
    std::string out = "\\left" + fence(open ? std::string_view(*open) : "(");
    for (size_t i = 0; i < k.size(); ++i) {
      if (i > 0 && !separators.empty()) out.push_back(separators[std::min(i - 1, separators.size() - 1)]);
      out += mathml_tex(*k[i]);
    }
    return out + "\\right" + fence(close ? std::string_view(*close) : ")");
  }
  if (name == "mtable") {
    std::string out = "\\begin{matrix}";
    bool first_row = true;
    for (const Node* row : k) {
      if (!first_row) out += " \\\\ ";
      first_row = false;
      bool first_cell = true;
      for (const Node* cell : elements(*row)) {
        if (!first_cell) out += " & ";
        first_cell = false;
        out += children_tex(*cell);
      }
    }
    return out + "\\end{matrix}";
  }
  if (name == "semantics") {
    // A TeX annotation says exactly what the author wrote; else the presentation (first child).
    for (const Node& c : n.children) {
      if (c.name == "annotation" && lower(c.attr("encoding")).find("tex") != std::string::npos) {
        return clean_tex(text_of(c));
      }
    }
    return k.empty() ? std::string() : mathml_tex(*k[0]);
  }
  return children_tex(n);  // math, mrow, mstyle, mpadded, menclose, ...
}

// The TeX for a <math> element: its alttext when it has one, else the MathML as TeX (which takes
// a TeX <annotation> where there is one).
std::string math_tex(const Node& math) {
  if (std::string_view alt = trim(math.attr("alttext")); !alt.empty()) return clean_tex(alt);
  return collapse(mathml_tex(math));
}

void render(const Node& n, Writer& w);

void render_children(const Node& n, Writer& w) {
  for (const Node& c : n.children) render(c, w);
}

void render(const Node& n, Writer& w) {
  if (n.is_text()) {
    w.text(n.text);
    return;
  }
  const std::string& name = n.name;
  if (is_skipped(name)) return;
  if (name == "br") {
    w.paragraph_break();
    return;
  }
  if (name == "math") {
    if (std::string tex = math_tex(n); !tex.empty()) w.tex("$" + tex + "$");
    return;
  }
  if (name == "tex-math") {
    if (std::string tex = clean_tex(text_of(n)); !tex.empty()) w.tex("$" + tex + "$");
    return;
  }
  if (name == "alternatives") {
    // JATS offers one formula several ways: TeX first, else MathML, else whatever is there.
    for (std::string_view preferred : {"tex-math", "math"}) {
      for (const Node& c : n.children) {
        if (c.name == preferred) {
          render(c, w);
          return;
        }
      }
    }
    render_children(n, w);
    return;
  }
  if (name == "sup" || name == "sub") {
    // Inline, so that "H2O" and "m6A" are found as people type them; a superscript right after
    // a digit is an exponent ("10^-3": PubMed's own text export would say the misleading "10-3").
    if (name == "sup" && w.ends_with_digit()) w.tex("^");
    render_children(n, w);
    return;
  }
  const bool block = is_block(name);
  if (block) w.paragraph_break();
  render_children(n, w);
  if (block) w.paragraph_break();
}

}  // namespace

std::vector<std::string> markup_paragraphs(std::string_view markup, TextForm form) {
  const Node root = parse_fragment(markup);
  Writer w(form);
  render(root, w);
  return w.finish();
}

bool is_abstract_heading(std::string_view paragraph) {
  std::string_view p = trim(paragraph);
  if (!p.empty() && (p.back() == ':' || p.back() == '.')) p.remove_suffix(1);
  return lower(trim(p)) == "abstract";
}

std::string markup_to_text(std::string_view markup, TextForm form) {
  std::vector<std::string> paragraphs = markup_paragraphs(markup, form);
  std::string out;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (i == 0 && is_abstract_heading(paragraphs[i])) continue;
    if (!out.empty()) out += "\n\n";
    out += paragraphs[i];
  }
  return out;
}

std::string markup_line(std::string_view markup, TextForm form) {
  std::string out;
  for (const std::string& p : markup_paragraphs(markup, form)) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

std::string element_to_text(const pugi::xml_node& element, TextForm form) {
  // The element's content written back as markup, which markup_to_text reads like any other
  // fragment: one converter for every source, whether it holds a tree or a string.
  std::ostringstream content;
  for (pugi::xml_node c = element.first_child(); c; c = c.next_sibling()) {
    c.print(content, "", pugi::format_raw);
  }
  return markup_to_text(content.str(), form);
}

std::string mathml_to_latex(std::string_view mathml) {
  const Node root = parse_fragment(mathml);
  return collapse(children_tex(root));
}

std::string escape_for_display(std::string_view plain) {
  std::string out;
  out.reserve(plain.size());
  for (char c : plain) {
    if (c == '$' || c == '{' || c == '}') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\\') {
      out += "\\textbackslash{}";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace ah::sources
