#include "sources/common/markup_text_pubmed.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace ah::sources::markup_pubmed {
namespace {

struct Case {
  const char* markup;
  const char* raw;      // what fragment_text returns (the "as published" form)
  const char* display;  // core::display_text of it
};

TEST(MarkupTextPubmed, ConvertsInlineMarkupToTextDisplayTextReadsBack) {
  for (const Case& c : {
           Case{"plain text", "plain text", "plain text"},
           Case{"m<sup>6</sup>A in CO<sub>2</sub>", "m6A in CO2", "m6A in CO2"},
           Case{"rates of 10<sup>-3</sup> and p=8.90e-<sup>04</sup>",
                "rates of 10^-3 and p=8.90e-04", "rates of 10^-3 and p=8.90e-04"},
           Case{"<i>Escherichia coli</i> and <b>bold</b> <u>u</u> <sc>SC</sc>",
                "Escherichia coli and bold u SC", "Escherichia coli and bold u SC"},
           Case{"costs $5 per {sample} in C:\\dir",
                "costs \\$5 per \\{sample\\} in C:\\textbackslash{}dir",
                "costs $5 per {sample} in C:\\dir"},
           Case{"<p>First.</p><p>Second.</p>", "First.\n\nSecond.", "First.\nSecond."},
           Case{"a<br/>b", "a b", "a b"},
           Case{"&#x3b1;-helix &amp; ~50%", "\xCE\xB1-helix & ~50%", "\xCE\xB1-helix & ~50%"},
           Case{"broken <i>markup", "broken markup", "broken markup"},
       }) {
    const std::string raw = fragment_text(c.markup);
    EXPECT_EQ(raw, c.raw) << c.markup;
    EXPECT_EQ(core::display_text(raw), c.display) << c.markup;
  }
}

TEST(MarkupTextPubmed, MathMlBecomesLatexBetweenDollars) {
  struct MathCase {
    const char* mathml;
    const char* raw;
  };
  const std::string ns = "xmlns:mml=\"http://www.w3.org/1998/Math/MathML\"";
  for (const MathCase& c : {
           MathCase{"<mml:msup><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msup>", "$x^{2}$"},
           MathCase{"<mml:msub><mml:mi>a</mml:mi><mml:mi>i</mml:mi></mml:msub>", "$a_{i}$"},
           MathCase{"<mml:mfrac><mml:mn>1</mml:mn><mml:mi>n</mml:mi></mml:mfrac>",
                    "$\\frac{1}{n}$"},
           MathCase{"<mml:msqrt><mml:mi>x</mml:mi><mml:mo>+</mml:mo><mml:mn>1</mml:mn></mml:msqrt>",
                    "$\\sqrt{x+1}$"},
           MathCase{"<mml:mroot><mml:mi>x</mml:mi><mml:mn>3</mml:mn></mml:mroot>",
                    "$\\sqrt[3]{x}$"},
           MathCase{
               "<mml:msubsup><mml:mi>x</mml:mi><mml:mn>0</mml:mn><mml:mn>2</mml:mn></mml:msubsup>",
               "$x_{0}^{2}$"},
           MathCase{"<mml:mover><mml:mi>x</mml:mi><mml:mo>\xC2\xAF</mml:mo></mml:mover>",
                    "$\\bar{x}$"},
           MathCase{"<mml:mi>log</mml:mi><mml:mi>n</mml:mi>", "$\\log n$"},
           MathCase{"<mml:mtext>mean</mml:mtext><mml:mo>{</mml:mo>", "$\\text{mean}\\{$"},
           MathCase{"<mml:mfenced><mml:mi>a</mml:mi><mml:mi>b</mml:mi></mml:mfenced>",
                    "$\\left(a,b\\right)$"},
           MathCase{
               "<mml:semantics><mml:mi>y</mml:mi><mml:annotation encoding=\"application/x-tex\">"
               "\\hat{y}</mml:annotation></mml:semantics>",
               "$\\hat{y}$"},
       }) {
    const std::string markup = "<mml:math " + ns + ">" + c.mathml + "</mml:math>";
    EXPECT_EQ(fragment_text(markup), c.raw) << c.mathml;
  }
  // Unprefixed MathML and text around it; display_text keeps the formula for KaTeX.
  const std::string raw =
      fragment_text("error <math><msup><mi>\xCF\x83</mi><mn>2</mn></msup></math> small");
  EXPECT_EQ(raw, "error $\xCF\x83^{2}$ small");
  EXPECT_EQ(core::display_text(raw), "error $\xCF\x83^{2}$ small");
}

TEST(MarkupTextPubmed, ElementTextReadsAnElementsContentNotItsName) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string("<AbstractText Label=\"X\">A <i>b</i> c</AbstractText>"));
  EXPECT_EQ(element_text(doc.document_element()), "A b c");
  EXPECT_EQ(element_text(pugi::xml_node()), "");
}

}  // namespace
}  // namespace ah::sources::markup_pubmed
