// Inline markup to text, as PubMed writes it inside titles and abstracts: HTML-like tags (<i>,
// <b>, <sup>, <sub>, <u>, <p>, <br/>), JATS inline tags, and MathML formulas. Written for the
// PubMed parser first; named "_pubmed" so that it can be unified with the Crossref parser's JATS
// helper (sources/common/markup_text.*) when both land. Pure functions; thread-safe.
//
// The text returned is in the raw form that core::display_text reads (Paper::title/abstract "as
// published"): plain text with the characters that display_text would read as LaTeX escaped
// ('$' -> "\$", '{' -> "\{", '}' -> "\}"), and every MathML formula as LaTeX between '$'
// ("$x^{2}$"), which the page renders with KaTeX and search_text reduces to its words.
// Conventions (for the unification):
//   - <i>, <b>, <u>, <em>, <strong>, <sc>, <span>, JATS <italic>, <bold>, ... : their text.
//   - <sub>: its text inline ("CO<sub>2</sub>" -> "CO2").
//   - <sup>: its text inline ("m<sup>6</sup>A" -> "m6A"), except after a digit, where it is an
//     exponent written "^" + text ("10<sup>-3</sup>" -> "10^-3"); PubMed's own text export drops
//     the tag and would give the misleading "10-3".
//   - <p> and <br/>: a paragraph break ("\n\n") / a space.
//   - <math> (any namespace prefix): LaTeX between '$' (mathml_to_latex); a TeX annotation inside
//     <semantics> is used as written when present.
//   - any other element: its content.
// Runs of blanks are kept (display_text collapses them); the result is trimmed at both ends.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace ah::sources::markup_pubmed {

// The text of `element`'s content (not the element's own name), converted as above.
std::string element_text(const pugi::xml_node& element);

// The same for a fragment given as text ("m<sup>6</sup>A is <i>common</i>"). A fragment that is
// not well-formed XML keeps its text with the tags dropped, entities decoded where pugixml would.
std::string fragment_text(std::string_view markup);

// A MathML <math> element (or any MathML element) as LaTeX without the surrounding '$':
// <msup><mi>x</mi><mn>2</mn></msup> -> "x^{2}"; mfrac -> \frac{}{}, msqrt -> \sqrt{}, mroot,
// msub/msubsup, munder/mover/munderover (accents \hat, \bar, \tilde, \vec, \dot), mfenced,
// mtable -> \begin{matrix}, mtext -> \text{}; function names in <mi> ("sin", "log") as \sin.
// Unknown elements give their content.
std::string mathml_to_latex(const pugi::xml_node& element);

// Plain text escaped for core::display_text: '$', '{' and '}' get a backslash.
std::string escape_plain(std::string_view text);

}  // namespace ah::sources::markup_pubmed
