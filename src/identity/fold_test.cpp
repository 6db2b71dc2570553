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
