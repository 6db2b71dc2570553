#include "sources/common/markup_text_pubmed.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace ah::sources::markup_pubmed {
namespace {

std::string_view local(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string trim(std::string s) {
  size_t b = 0, e = s.size();
  while (b < e && is_blank(s[b])) ++b;
  while (e > b && is_blank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// ---- MathML -------------------------------------------------------------------------------

// Characters with a meaning in LaTeX math, escaped so KaTeX shows them as written.
void append_math_text(std::string& out, std::string_view text) {
  for (char c : text) {
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
      case '\n':
      case '\r':
      case '\t':
        out.push_back(' ');
        break;
      default:
        out.push_back(c);
    }
  }
}

std::string node_value_text(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
    } else if (c.type() == pugi::node_element) {
      out += node_value_text(c);
    }
  }
  return trim(std::move(out));
}

bool is_function_name(std::string_view t) {
  static constexpr std::array<std::string_view, 22> kNames = {
      "sin", "cos", "tan", "cot", "sec", "csc", "log", "ln",  "exp", "lim", "max",
      "min", "sup", "inf", "det", "dim", "arg", "deg", "gcd", "ker", "Pr",  "sinh"};
  for (std::string_view k : kNames) {
    if (t == k) return true;
  }
  return false;
}

std::vector<pugi::xml_node> element_children(const pugi::xml_node& node) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) out.push_back(c);
  }
  return out;
}

std::string latex(const pugi::xml_node& node);

std::string group(const pugi::xml_node& node) { return "{" + latex(node) + "}"; }

// The base of a script: a single symbol stands bare ("x^{2}"), anything longer is grouped
// ("{ab}^{2}", "{(x+1)}^{2}").
std::string script_base(const pugi::xml_node& node) {
  std::string l = latex(node);
  size_t code_points = 0;
  for (unsigned char c : l) code_points += (c & 0xC0) != 0x80;
  const std::string_view n = local(node);
  const bool token = n == "mi" || n == "mn" || n == "mo";
  if (token && (code_points == 1 || (l.starts_with("\\") && l.back() == ' '))) return l;
  return "{" + l + "}";
}

std::string children_latex(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) {
      out += latex(c);
    } else if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      append_math_text(out, trim(c.value()));
    }
  }
  return out;
}

// The LaTeX accent for an <mover> whose over-script is a single accent character, or empty.
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

std::string latex(const pugi::xml_node& node) {
  const std::string_view n = local(node);
  const std::vector<pugi::xml_node> kids = element_children(node);
  auto arg = [&](size_t k) { return k < kids.size() ? group(kids[k]) : std::string("{}"); };
  auto base = [&] { return kids.empty() ? std::string("{}") : script_base(kids[0]); };
  if (n == "mi") {
    const std::string t = node_value_text(node);
    if (is_function_name(t)) return "\\" + t + " ";
    std::string out;
    append_math_text(out, t);
    return out;
  }
  if (n == "mn" || n == "mo" || n == "ms") {
    std::string out;
    append_math_text(out, node_value_text(node));
    return out;
  }
  if (n == "mtext") {
    std::string out = "\\text{";
    append_math_text(out, node_value_text(node));
    return out + "}";
  }
  if (n == "mspace") return "\\ ";
  if (n == "msup") return base() + "^" + arg(1);
  if (n == "msub") return base() + "_" + arg(1);
  if (n == "msubsup") return base() + "_" + arg(1) + "^" + arg(2);
  if (n == "mfrac") return "\\frac" + arg(0) + arg(1);
  if (n == "msqrt") return "\\sqrt{" + children_latex(node) + "}";
  if (n == "mroot") return "\\sqrt[" + (kids.size() > 1 ? latex(kids[1]) : "") + "]" + arg(0);
  if (n == "mover" || n == "munder") {
    const std::string script = kids.size() > 1 ? node_value_text(kids[1]) : "";
    if (n == "mover") {
      if (std::string_view cmd = accent_command(script); !cmd.empty()) {
        return std::string(cmd) + arg(0);
      }
      return "\\overset" + arg(1) + arg(0);
    }
    return "\\underset" + arg(1) + arg(0);
  }
  if (n == "munderover") return base() + "_" + arg(1) + "^" + arg(2);
  if (n == "mfenced") {
    std::string open = node.attribute("open") ? node.attribute("open").value() : "(";
    std::string close = node.attribute("close") ? node.attribute("close").value() : ")";
    std::string separators =
        node.attribute("separators") ? node.attribute("separators").value() : ",";
    auto fence = [](const std::string& f) {
      return f == "{" ? std::string("\\{") : f == "}" ? std::string("\\}") : f;
    };
    std::string out = "\\left" + (open.empty() ? std::string(".") : fence(open));
    for (size_t k = 0; k < kids.size(); ++k) {
      if (k > 0 && !separators.empty()) {
        out.push_back(separators[std::min(k - 1, separators.size() - 1)]);
      }
      out += latex(kids[k]);
    }
    return out + "\\right" + (close.empty() ? std::string(".") : fence(close));
  }
  if (n == "mtable") {
    std::string out = "\\begin{matrix}";
    bool first_row = true;
    for (const pugi::xml_node& row : kids) {
      if (!first_row) out += " \\\\ ";
      first_row = false;
      bool first_cell = true;
      for (const pugi::xml_node& cell : element_children(row)) {
        if (!first_cell) out += " & ";
        first_cell = false;
        out += children_latex(cell);
      }
    }
    return out + "\\end{matrix}";
  }
  if (n == "semantics") {
    // A TeX annotation says exactly what the author wrote; else the presentation (first child).
    for (const pugi::xml_node& k : kids) {
      if (local(k) != "annotation") continue;
      std::string_view enc = k.attribute("encoding").value();
      if (enc == "application/x-tex" || enc == "TeX" || enc == "LaTeX" ||
          enc == "application/x-latex") {
        return node_value_text(k);
      }
    }
    return kids.empty() ? std::string() : latex(kids[0]);
  }
  if (n == "annotation" || n == "annotation-xml" || n == "none" || n == "mprescripts" ||
      n == "mphantom") {
    return {};
  }
  // math, mrow, mstyle, mpadded, menclose, merror, maction, ...: their content.
  return children_latex(node);
}

// ---- inline markup ------------------------------------------------------------------------

class Walker {
 public:
  std::string take() { return trim(std::move(out_)); }

  void content(const pugi::xml_node& node) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        out_ += escape_plain(c.value());
      } else if (c.type() == pugi::node_element) {
        element(c);
      }
    }
  }

 private:
  void element(const pugi::xml_node& e) {
    const std::string_view n = local(e);
    if (n == "math") {
      std::string m = trim(latex(e));
      if (!m.empty()) out_ += "$" + m + "$";
    } else if (n == "tex-math") {
      // JATS: LaTeX as written, usually already between $ or \( \).
      std::string t = node_value_text(e);
      if (t.find('$') == std::string::npos && t.find("\\(") == std::string::npos) t = "$" + t + "$";
      out_ += t;
    } else if (n == "sup") {
      const char prev = out_.empty() ? ' ' : out_.back();
      if (prev >= '0' && prev <= '9') out_.push_back('^');
      content(e);
    } else if (n == "p") {
      paragraph();
      content(e);
      paragraph();
    } else if (n == "br") {
      out_.push_back(' ');
    } else {
      // sub, inline styles (i, b, u, em, italic, bold, sc, span, ...) and anything unknown:
      // their content.
      content(e);
    }
  }

  void paragraph() {
    while (!out_.empty() && is_blank(out_.back())) out_.pop_back();
    if (!out_.empty()) out_ += "\n\n";
  }

  std::string out_;
};

}  // namespace

std::string escape_plain(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
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

std::string element_text(const pugi::xml_node& element) {
  Walker w;
  w.content(element);
  return w.take();
}

std::string fragment_text(std::string_view markup) {
  std::string buffer = "<x>" + std::string(markup) + "</x>";
  pugi::xml_document doc;
  if (doc.load_buffer_inplace(buffer.data(), buffer.size(),
                              pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8)) {
    return element_text(doc.document_element());
  }
  // Not well-formed: the text between the tags.
  std::string text;
  bool in_tag = false;
  for (char c : markup) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>' && in_tag) {
      in_tag = false;
    } else if (!in_tag) {
      text.push_back(c);
    }
  }
  return trim(escape_plain(text));
}

std::string mathml_to_latex(const pugi::xml_node& element) { return trim(latex(element)); }

}  // namespace ah::sources::markup_pubmed
