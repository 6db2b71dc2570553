// Plain text from the markup that sources put inside titles and abstracts: JATS (Crossref's
// <jats:p>, <jats:title>, <jats:italic>, <jats:sec>; PubMed), HTML (journal feeds, PubMed) and
// MathML (<mml:math>, with or without a TeX alternative). Tolerant of HTML that is not XML
// (unclosed <p> and <br>, unquoted attributes). Pure functions; thread-safe.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ah::sources {

// How the text outside formulas is written.
enum class TextForm {
  // As read: for names, venues and lines the caller parses further.
  plain,
  // The raw form core::display_text reads (Paper::title and abstract "as published"): '$', '{'
  // and '}' get a backslash and '\' becomes "\textbackslash{}", so a literal "costs $5" or
  // "C:\dir" is never read as LaTeX; formulas stay TeX between '$'.
  display,
};

// The paragraphs of a fragment of JATS/HTML/MathML, in order, each on one line:
// - block elements (p, div, sec, title, h1..h6, li, list-item, blockquote, tr, br) end a
//   paragraph; inline elements (i, b, em, italic, bold, sc, span, a, xref, ext-link, ...) keep
//   their text; script, style and comments are dropped; blanks are collapsed;
// - entities are decoded (&amp;, &#233;, &eacute;); CDATA is kept as written;
// - superscripts and subscripts keep their text inline, so that people find "H2O" and "m6A" as
//   they type them (H<sub>2</sub>O -> H2O, <sup>9</sup>Be -> 9Be, T<sub>reg</sub> -> Treg),
//   except that a superscript right after a digit is an exponent (10<sup>-3</sup> -> 10^-3);
// - math becomes TeX between dollars, the form the page renders with KaTeX: a <tex-math> (its
//   \begin{document}...\end{document} body, outer $/$$ removed), else the <math> element's
//   alttext, else a TeX-encoded <annotation>, else the MathML itself turned into TeX
//   (mathml_to_latex);
// - text outside formulas as `form` says.
// Empty paragraphs are left out. Never fails: text that is not markup comes back as one
// paragraph with its blanks collapsed.
std::vector<std::string> markup_paragraphs(std::string_view markup,
                                           TextForm form = TextForm::plain);

// markup_paragraphs joined by a blank line ("\n\n", which core::display_text keeps as a
// paragraph break), after dropping a first paragraph that only says "Abstract" (a heading many
// sources put inside the abstract itself; case-insensitive, with or without a colon).
std::string markup_to_text(std::string_view markup, TextForm form = TextForm::plain);

// markup_to_text of a parsed element's content (not its own tag): PubMed's <AbstractText> and
// <ArticleTitle>, read by a parser that already holds the XML tree.
std::string element_to_text(const pugi::xml_node& element, TextForm form = TextForm::plain);

// MathML presentation markup (a <math> element or any element inside one) as TeX without the
// surrounding '$': <msup><mi>x</mi><mn>2</mn></msup> -> "x^{2}"; mfrac -> \frac{}{}, msqrt ->
// \sqrt{}, mroot -> \sqrt[]{}, msub/msubsup, mover with an accent character -> \bar{} \hat{}
// \tilde{} \vec{} \dot{} \ddot{}, other mover/munder -> \overset/\underset, mfenced ->
// \left( \right), mtable -> \begin{matrix}, mtext -> \text{}, function names in <mi> ("sin",
// "log") as \sin; characters special to TeX inside tokens escaped; unknown elements give their
// content; a TeX <annotation> inside <semantics> is used as written.
std::string mathml_to_latex(std::string_view mathml);

// Plain text escaped for core::display_text, as TextForm::display writes it.
std::string escape_for_display(std::string_view plain);

// markup_paragraphs joined by one space: a title, a venue, a channel name.
std::string markup_line(std::string_view markup, TextForm form = TextForm::plain);

// True when `paragraph` is only the word "Abstract" (any case, an optional ':' or '.').
bool is_abstract_heading(std::string_view paragraph);

}  // namespace ah::sources
