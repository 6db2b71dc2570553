#include "core/identifiers.h"

#include <gtest/gtest.h>

namespace ah::core {
namespace {

struct IdCase {
  const char* text;
  const char* id;
  int version;
};

class ArxivIdParse : public ::testing::TestWithParam<IdCase> {};

TEST_P(ArxivIdParse, AcceptsEveryFormArxivIdsTravelIn) {
  const IdCase& c = GetParam();
  auto id = ArxivId::parse(c.text);
  ASSERT_TRUE(id.has_value()) << c.text << ": " << id.error().message;
  EXPECT_EQ(id->id, c.id);
  EXPECT_EQ(id->version, c.version);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, ArxivIdParse,
    ::testing::Values(IdCase{"2401.01234", "2401.01234", 0},
                      IdCase{"2401.01234v3", "2401.01234", 3},
                      IdCase{" arXiv:2401.01234v12 ", "2401.01234", 12},
                      IdCase{"0704.0001", "0704.0001", 0},
                      IdCase{"hep-th/9901001", "hep-th/9901001", 0},
                      IdCase{"hep-th/9901001v2", "hep-th/9901001", 2},
                      IdCase{"math.AG/0309136v1", "math/0309136", 1},
                      IdCase{"http://arxiv.org/abs/cond-mat/0412498v1", "cond-mat/0412498", 1},
                      IdCase{"https://arxiv.org/abs/2604.01234v2", "2604.01234", 2},
                      IdCase{"https://arxiv.org/pdf/2604.01234v2.pdf", "2604.01234", 2},
                      IdCase{"https://export.arxiv.org/abs/2604.01234", "2604.01234", 0},
                      IdCase{"oai:arXiv.org:0704.0002", "0704.0002", 0}));

TEST(ArxivIdParse, RejectsTextThatIsNoArxivIdNamingIt) {
  for (const char* bad : {"", "abc", "2401.123", "2413.01234", "2401.01234v0", "hep-th/99010",
                          "https://example.org/abs/2401.01234", "10.1103/PhysRevD.76.013009"}) {
    auto id = ArxivId::parse(bad);
    ASSERT_FALSE(id.has_value()) << bad;
    EXPECT_EQ(id.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(id.error().message.find(bad), std::string::npos) << id.error().message;
  }
}

TEST(ArxivIdParse, WithVersionOmitsUnknownVersion) {
  EXPECT_EQ((ArxivId{"2401.01234", 3}.with_version()), "2401.01234v3");
  EXPECT_EQ((ArxivId{"2401.01234", 0}.with_version()), "2401.01234");
}

TEST(NormalizeDoi, StripsResolverPrefixesAndLowerCases) {
  struct Case { const char* in; const char* out; };
  for (Case c : {Case{"10.1103/PhysRevD.76.013009", "10.1103/physrevd.76.013009"},
                 Case{"https://doi.org/10.1000/ABC", "10.1000/abc"},
                 Case{"http://dx.doi.org/10.1000/abc", "10.1000/abc"},
                 Case{" doi:10.1000/abc ", "10.1000/abc"}}) {
    auto doi = normalize_doi(c.in);
    ASSERT_TRUE(doi.has_value()) << c.in;
    EXPECT_EQ(*doi, c.out);
  }
}

TEST(NormalizeDoi, RejectsNonDois) {
  for (const char* bad : {"", "2401.01234", "10.1000", "11.1000/abc", "10.1000/a b"}) {
    EXPECT_FALSE(normalize_doi(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace ah::core
