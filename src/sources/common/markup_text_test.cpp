#include "sources/common/markup_text.h"

#include <gtest/gtest.h>

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
           // Superscripts and subscripts of digits become Unicode; others keep their letters.
           Case{"T<sub>reg</sub> cells, <sup>9</sup>Be, H<sub>2</sub>O, Ca<sup>2+</sup>",
                "Treg cells, ⁹Be, H₂O, Ca²⁺"},
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

}  // namespace
}  // namespace ah::sources
