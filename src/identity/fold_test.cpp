#include "identity/fold.h"

#include <gtest/gtest.h>

namespace ah::identity {
namespace {

TEST(Fold, RemovesMarkupAccentsCaseAndPunctuation) {
  const std::pair<const char*, const char*> cases[] = {
      {"Anti-TIGIT antibody improves PD-L1 blockade through myeloid and T<sub>reg</sub> cells",
       "anti tigit antibody improves pd l1 blockade through myeloid and treg cells"},
      {"Schr\\\"odinger's Cat &amp; the Zürich ﬁeld", "schrodinger s cat the zurich field"},
      {"HealthPrompt: A Zero-shot Learning Paradigm", "healthprompt a zero shot learning paradigm"},
      {"Field observations of <i>Ambula tardus</i>", "field observations of ambula tardus"},
      {"a < b", "a b"},
      {"", ""},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(fold(in), out) << in;
}

TEST(Fold, AsciiTextFoldsAsTheUnicodePathFoldsIt) {
  // ASCII text takes a path of its own; a trailing non-ASCII separator ("·", no word of its
  // own) sends the same text through ICU's path, which must give the same words.
  std::string every;
  for (int c = 1; c < 128; ++c) every.push_back(static_cast<char>(c));
  const std::string cases[] = {
      every,
      "Deep Residual Learning for Image Recognition",
      "O(N^2) vs. O(N log N): 3D-CNNs, $\\alpha$-stable & Resume \"Quoted\" [v2]",
      "Kowalski, J.; Smith-Jones, A. B.",
      "  ",
  };
  for (const std::string& text : cases) {
    const std::string wide = text + " \u00b7";
    EXPECT_EQ(folded_words(text), folded_words(wide)) << text;
    for (char c : every) {
      const std::string one = std::string("Ab") + c + "Cd 9" + c + "x";
      EXPECT_EQ(folded_words(one), folded_words(one + " \u00b7")) << static_cast<int>(c);
    }
  }
}

TEST(Fold, NameKeysReadEveryWayAuthorsAreWritten) {
  const std::pair<const char*, NameKey> cases[] = {
      {"C. Balázs", {"balazs", "c"}},
      {"Balázs, C.", {"balazs", "c"}},
      {"Csaba Balazs", {"balazs", "c"}},
      {"Sivarajkumar S", {"sivarajkumar", "s"}},
      {"Wang XY", {"wang", "x"}},
      {"Saglıcan", {"saglıcan", ""}},
      {"Kyriacos A. Athanasiou", {"athanasiou", "k"}},
      {"", {"", ""}},
  };
  for (const auto& [name, key] : cases) EXPECT_EQ(name_key(name), key) << name;
}

}  // namespace
}  // namespace ah::identity
