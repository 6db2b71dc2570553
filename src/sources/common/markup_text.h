// Plain text from the markup that sources put inside titles and abstracts: JATS (Crossref's
// <jats:p>, <jats:title>, <jats:italic>, <jats:sec>; PubMed), HTML (journal feeds, PubMed) and
// MathML (<mml:math>, with or without a TeX alternative). Tolerant of HTML that is not XML
// (unclosed <p> and <br>, unquoted attributes). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ah::sources {

// The paragraphs of a fragment of JATS/HTML/MathML, in order, each on one line:
// - block elements (p, div, sec, title, h1..h6, li, list-item, blockquote, tr, br) end a
//   paragraph; inline elements (i, b, em, italic, bold, sc, span, a, xref, ext-link, ...) keep
//   their text; script, style and comments are dropped; blanks are collapsed;
// - entities are decoded (&amp;, &#233;, &eacute;); CDATA is kept as written;
// - a superscript or subscript of digits and + - = ( ) becomes Unicode (T<sub>2</sub> -> T₂,
//   <sup>9</sup>Be -> ⁹Be); others keep their text (T<sub>reg</sub> -> Treg);
// - math becomes TeX between dollars, the form the page renders with KaTeX: a <tex-math> (its
//   \begin{document}...\end{document} body, outer $/$$ removed), else the <math> element's
//   alttext, else a TeX-encoded <annotation>, else the MathML itself turned into TeX-ish text
//   (msup -> ^{}, mfrac -> \frac{}{}, msqrt -> \sqrt{}, ...).
// Empty paragraphs are left out. Never fails: text that is not markup comes back as one
// paragraph with its blanks collapsed.
std::vector<std::string> markup_paragraphs(std::string_view markup);

// markup_paragraphs joined by a blank line ("\n\n", which core::display_text keeps as a
// paragraph break), after dropping a first paragraph that only says "Abstract" (a heading many
// sources put inside the abstract itself; case-insensitive, with or without a colon).
std::string markup_to_text(std::string_view markup);

// True when `paragraph` is only the word "Abstract" (any case, an optional ':' or '.').
bool is_abstract_heading(std::string_view paragraph);

}  // namespace ah::sources
