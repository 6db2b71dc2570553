#include "sources/common/markup_text.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace ah::sources {
namespace {

struct Case {
  const char* markup;
  const char* text;
};

TEST(MarkupText, TurnsJatsHtmlAndMathmlIntoParagraphsOfPlainText) {
  for (Case c : {
           // JATS as Crossref delivers it: the heading "Abstract" goes, paragraphs stay apart.
           Case{"<jats:title>Abstract</jats:title><jats:p>First <jats:italic>in vivo</jats:italic>"
                " study.</jats:p>\n<jats:p>Second\n   paragraph.</jats:p>",
                "First in vivo study.\n\nSecond paragraph."},
           // Structured abstracts keep their section titles as paragraphs.
           Case{"<jats:sec><jats:title>Background</jats:title><jats:p>B.</jats:p></jats:sec>"
                "<jats:sec><jats:title>Results</jats:title><jats:p>R.</jats:p></jats:sec>",
                "Background\n\nB.\n\nResults\n\nR."},
           // HTML that is not XML: unclosed <p>, <br>, unquoted attributes, entities.
           Case{"<p>One &amp; two<p>Three<br>Four <a href=https://x.org/a?b=1>link</a>",
                "One & two\n\nThree\n\nFour link"},
           Case{"Feeding habits,\n     <i>Eleutheronema tetradactylum,</i>\n   and its diet",
                "Feeding habits, Eleutheronema tetradactylum, and its diet"},
           // Scripts stay inline (searchable as typed); after a digit a superscript is a power.
           Case{"T<sub>reg</sub> cells, <sup>9</sup>Be, H<sub>2</sub>O, Ca<sup>2+</sup>, "
                "10<sup>-3</sup>",
                "Treg cells, 9Be, H2O, Ca2+, 10^-3"},
           // MathML with a TeX alternative, with alttext, and bare.
           Case{"<inline-formula><alternatives><tex-math>\\documentclass[12pt]{minimal}"
                "\\begin{document}$$\\alpha_1$$\\end{document}</tex-math><mml:math><mml:mi>a"
                "</mml:mi></mml:math></alternatives></inline-formula> decays",
                "$\\alpha_1$ decays"},
           Case{"an <mml:math alttext=\"x^{2}\"><mml:msup><mml:mi>x</mml:mi><mml:mn>2</mml:mn>"
                "</mml:msup></mml:math> term",
                "an $x^{2}$ term"},
           Case{"<math><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><msqrt><mi>c</mi>"
                "</msqrt></mfrac></math>",
                "$\\frac{a+b}{\\sqrt{c}}$"},
           Case{"<math><semantics><mi>k</mi><annotation encoding=\"application/x-tex\">k_B"
                "</annotation></semantics></math>",
                "$k_B$"},
           // Comments, scripts and CDATA; a literal '<' that starts no tag.
           Case{"<!-- x --><script>var a = 1 < 2;</script>p < 0.05<![CDATA[ & more]]>",
                "p < 0.05 & more"},
           Case{"plain text, no markup", "plain text, no markup"},
           Case{"", ""},
       }) {
    EXPECT_EQ(markup_to_text(c.markup), c.text) << c.markup;
  }
}

TEST(MarkupText, KeepsAnAbstractHeadingThatIsNotFirst) {
  EXPECT_EQ(markup_to_text("<p>Intro</p><p>ABSTRACT:</p>"), "Intro\n\nABSTRACT:");
  EXPECT_EQ(markup_to_text("<p><b>ABSTRACT</b></p><p>Text.</p>"), "Text.");
  EXPECT_TRUE(is_abstract_heading(" Abstract. "));
  EXPECT_FALSE(is_abstract_heading("Abstracts of papers"));
}

TEST(MarkupText, SplitsParagraphsForCallersThatStripTeasers) {
  const auto p = markup_paragraphs(
      "<p>Nature, Published online: 20 August 2024; <a href=\"x\">doi:10.1038/x</a></p>Summary "
      "text.");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], "Nature, Published online: 20 August 2024; doi:10.1038/x");
  EXPECT_EQ(p[1], "Summary text.");
}


// Titles and abstracts: the raw form core::display_text reads, which gives back the text as
// published (PubMed's inline tags and literal characters that LaTeX would eat).
TEST(MarkupText, DisplayFormEscapesWhatDisplayTextWouldReadAsLatex) {
  struct DisplayCase {
    const char* markup;
    const char* raw;
    const char* display;
  };
  for (const DisplayCase& c : {
           DisplayCase{"plain text", "plain text", "plain text"},
           DisplayCase{"m<sup>6</sup>A in CO<sub>2</sub>", "m6A in CO2", "m6A in CO2"},
           DisplayCase{"rates of 10<sup>-3</sup> and p=8.90e-<sup>04</sup>",
                       "rates of 10^-3 and p=8.90e-04", "rates of 10^-3 and p=8.90e-04"},
           DisplayCase{"<i>Escherichia coli</i> and <b>bold</b> <u>u</u> <sc>SC</sc>",
                       "Escherichia coli and bold u SC", "Escherichia coli and bold u SC"},
           DisplayCase{"costs $5 per {sample} in C:\\dir",
                       "costs \\$5 per \\{sample\\} in C:\\textbackslash{}dir",
                       "costs $5 per {sample} in C:\\dir"},
           DisplayCase{"<p>First.</p><p>Second.</p>", "First.\n\nSecond.", "First.\nSecond."},
           DisplayCase{"&#x3b1;-helix &amp; ~50%", "α-helix & ~50%", "α-helix & ~50%"},
           DisplayCase{"broken <i>markup", "broken markup", "broken markup"},
           DisplayCase{"error <math><msup><mi>σ</mi><mn>2</mn></msup></math> small",
                       "error $σ^{2}$ small", "error $σ^{2}$ small"},
       }) {
    const std::string raw = markup_to_text(c.markup, TextForm::display);
    EXPECT_EQ(raw, c.raw) << c.markup;
    EXPECT_EQ(core::display_text(raw), c.display) << c.markup;
  }
  EXPECT_EQ(markup_to_text("costs $5", TextForm::plain), "costs $5");
}

TEST(MarkupText, MathMlBecomesLatex) {
  struct MathCase {
    const char* mathml;
    const char* latex;
  };
  for (const MathCase& c : {
           MathCase{"<mml:msup><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msup>", "x^{2}"},
           MathCase{"<mml:msub><mml:mi>a</mml:mi><mml:mi>i</mml:mi></mml:msub>", "a_{i}"},
           MathCase{"<mml:msup><mml:mrow><mml:mi>a</mml:mi><mml:mi>b</mml:mi></mml:mrow>"
                    "<mml:mn>2</mml:mn></mml:msup>",
                    "{ab}^{2}"},
           MathCase{"<mml:mfrac><mml:mn>1</mml:mn><mml:mi>n</mml:mi></mml:mfrac>", "\\frac{1}{n}"},
           MathCase{"<mml:msqrt><mml:mi>x</mml:mi><mml:mo>+</mml:mo><mml:mn>1</mml:mn></mml:msqrt>",
                    "\\sqrt{x+1}"},
           MathCase{"<mml:mroot><mml:mi>x</mml:mi><mml:mn>3</mml:mn></mml:mroot>", "\\sqrt[3]{x}"},
           MathCase{
               "<mml:msubsup><mml:mi>x</mml:mi><mml:mn>0</mml:mn><mml:mn>2</mml:mn></mml:msubsup>",
               "x_{0}^{2}"},
           MathCase{"<mml:mover><mml:mi>x</mml:mi><mml:mo>¯</mml:mo></mml:mover>", "\\bar{x}"},
           MathCase{"<mml:mover><mml:mi>x</mml:mi><mml:mi>n</mml:mi></mml:mover>",
                    "\\overset{n}{x}"},
           MathCase{"<mml:mi>log</mml:mi><mml:mi>n</mml:mi>", "\\log n"},
           MathCase{"<mml:mtext>mean</mml:mtext><mml:mo>{</mml:mo>", "\\text{mean}\\{"},
           MathCase{"<mml:mfenced><mml:mi>a</mml:mi><mml:mi>b</mml:mi></mml:mfenced>",
                    "\\left(a,b\\right)"},
           MathCase{"<mml:mfenced open=\"{\" close=\"\"><mml:mi>a</mml:mi></mml:mfenced>",
                    "\\left\\{a\\right."},
           MathCase{"<mml:mtable><mml:mtr><mml:mtd><mml:mn>1</mml:mn></mml:mtd><mml:mtd><mml:mn>0"
                    "</mml:mn></mml:mtd></mml:mtr><mml:mtr><mml:mtd><mml:mn>0</mml:mn></mml:mtd>"
                    "<mml:mtd><mml:mn>1</mml:mn></mml:mtd></mml:mtr></mml:mtable>",
                    "\\begin{matrix}1 & 0 \\\\ 0 & 1\\end{matrix}"},
           MathCase{"<mml:semantics><mml:mi>y</mml:mi><mml:annotation encoding=\"application/x-tex\">"
                    "\\hat{y}</mml:annotation></mml:semantics>",
                    "\\hat{y}"},
       }) {
    EXPECT_EQ(mathml_to_latex(c.mathml), c.latex) << c.mathml;
    const std::string in_text = std::string("<mml:math xmlns:mml=\"http://www.w3.org/1998/Math/"
                                            "MathML\">") + c.mathml + "</mml:math>";
    EXPECT_EQ(markup_to_text(in_text), "$" + std::string(c.latex) + "$") << c.mathml;
  }
}

TEST(MarkupText, ElementToTextReadsAnElementsContentNotItsName) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(
      "<AbstractText Label=\"X\">A <i>b</i> &lt; c {d}</AbstractText>", pugi::parse_default | pugi::parse_ws_pcdata));
  EXPECT_EQ(element_to_text(doc.document_element()), "A b < c {d}");
  EXPECT_EQ(element_to_text(doc.document_element(), TextForm::display), "A b < c \\{d\\}");
  EXPECT_EQ(element_to_text(pugi::xml_node()), "");
}

}  // namespace
}  // namespace ah::sources
