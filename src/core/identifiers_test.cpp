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

TEST(NormalizeIdentifier, GivesEachSchemeItsCanonicalForm) {
  struct Case {
    const char* scheme;
    const char* in;
    const char* out;
  };
  for (Case c : {
           Case{"arxiv", "arXiv:2401.01234v2", "2401.01234"},
           Case{"doi", "https://doi.org/10.1073/PNAS.1414271111", "10.1073/pnas.1414271111"},
           Case{"pmid", "0012091962", "12091962"},
           Case{"pmid", "https://pubmed.ncbi.nlm.nih.gov/9997/", "9997"},
           Case{"pmcid", "pmc3312345", "PMC3312345"},
           Case{"pmcid", "3312345", "PMC3312345"},
           Case{"openalex", "https://openalex.org/W2741809807", "W2741809807"},
           Case{"openalex", "w2741809807", "W2741809807"},
           Case{"s2", "649DEF34F8BE52C8B66281AF98AE884C09AEF38B",
                "649def34f8be52c8b66281af98ae884c09aef38b"},
           Case{"orcid", "https://orcid.org/0000-0002-1825-009x", "0000-0002-1825-009X"},
           Case{"orcid", "0000000218250097", "0000-0002-1825-0097"},
           Case{"paper", "42", "42"},
       }) {
    auto id = normalize_identifier(c.scheme, c.in);
    ASSERT_TRUE(id.has_value()) << c.scheme << " " << c.in << ": " << id.error().message;
    EXPECT_EQ(id->scheme, c.scheme);
    EXPECT_EQ(id->value, c.out) << c.in;
  }
}

TEST(NormalizeIdentifier, RejectsTextNotOfTheSchemesForm) {
  struct Case {
    const char* scheme;
    const char* in;
  };
  for (Case c : {Case{"pmid", "12a"}, Case{"pmid", ""}, Case{"pmcid", "PMC"},
                 Case{"openalex", "A123"}, Case{"s2", "abc"}, Case{"orcid", "0000-0002-1825"},
                 Case{"isbn", "978-3-16"}, Case{"doi", "11.1/x"}}) {
    auto id = normalize_identifier(c.scheme, c.in);
    ASSERT_FALSE(id.has_value()) << c.scheme << " " << c.in;
    EXPECT_EQ(id.error().code, ErrorCode::invalid_argument);
  }
}

TEST(ParseAnyIdentifier, ReadsEveryFormShowAndTheApiAccept) {
  struct Case {
    const char* in;
    const char* scheme;
    const char* value;
  };
  for (Case c : {
           Case{"2401.01234v3", "arxiv", "2401.01234"},
           Case{"hep-th/9901001", "arxiv", "hep-th/9901001"},
           Case{"10.1038/s41586-024-07000-1", "doi", "10.1038/s41586-024-07000-1"},
           Case{"doi:10.1038/X", "doi", "10.1038/x"},
           Case{"10.48550/arXiv.2401.01234", "arxiv", "2401.01234"},
           Case{"pmid:12091962", "pmid", "12091962"},
           Case{"PMID:12091962", "pmid", "12091962"},
           Case{"pmcid:PMC3312345", "pmcid", "PMC3312345"},
           Case{"PMC3312345", "pmcid", "PMC3312345"},
           Case{"openalex:W2741809807", "openalex", "W2741809807"},
           Case{"https://openalex.org/W2741809807", "openalex", "W2741809807"},
           Case{"s2:649def34f8be52c8b66281af98ae884c09aef38b", "s2",
                "649def34f8be52c8b66281af98ae884c09aef38b"},
           Case{"ah:42", "paper", "42"},
       }) {
    auto id = parse_any_identifier(c.in);
    ASSERT_TRUE(id.has_value()) << c.in << ": " << id.error().message;
    EXPECT_EQ(id->scheme, c.scheme) << c.in;
    EXPECT_EQ(id->value, c.value) << c.in;
  }
}

TEST(ParseAnyIdentifier, NamesTheFormsItTakesWhenItReadsNone) {
  for (const char* bad : {"", "hello", "pmid:abc", "ah:x", "W123"}) {
    auto id = parse_any_identifier(bad);
    ASSERT_FALSE(id.has_value()) << bad;
    EXPECT_EQ(id.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(id.error().message.find("pmid:N"), std::string::npos) << id.error().message;
  }
}

TEST(ArxivIdFromDoi, ReadsOnlyArxivsOwnDois) {
  EXPECT_EQ(arxiv_id_from_doi("10.48550/arxiv.2401.01234"), "2401.01234");
  EXPECT_EQ(arxiv_id_from_doi("10.48550/arxiv.hep-th/9901001"), "hep-th/9901001");
  EXPECT_EQ(arxiv_id_from_doi("10.1038/nature123"), "");
}

}  // namespace
}  // namespace ah::core
