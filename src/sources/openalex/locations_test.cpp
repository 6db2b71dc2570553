#include "sources/openalex/locations.h"

#include <gtest/gtest.h>

namespace ah::sources::openalex {
namespace {

using core::Identifier;
using core::RelationType;

// A location with the given fields (designated initializers that leave members out draw
// -Wmissing-field-initializers from GCC 12).
Location loc(std::string_view id, std::string_view landing = {}, std::string_view pdf = {},
             std::string_view source = {}, std::string_view version = {}) {
  Location l;
  l.id = id;
  l.landing_page_url = landing;
  l.pdf_url = pdf;
  l.source_name = source;
  l.version = version;
  return l;
}

TEST(OpenalexLocations, IdentifierOfEachKindOfLocation) {
  struct Case {
    Location location;
    std::optional<Identifier> expected;
  };
  const Case cases[] = {
      {loc("pmh:oai:arXiv.org:2308.11589"), Identifier{"arxiv", "2308.11589"}},
      {loc({}, "http://arxiv.org/abs/2308.11589v3"), Identifier{"arxiv", "2308.11589"}},
      {loc({}, {}, "https://export.arxiv.org/pdf/hep-th/9901001v2.pdf"),
       Identifier{"arxiv", "hep-th/9901001"}},
      {loc("doi:10.48550/arxiv.2301.00236"), Identifier{"arxiv", "2301.00236"}},
      {loc("doi:10.1162/TACL_a_1"), Identifier{"doi", "10.1162/tacl_a_1"}},
      {loc({}, "https://dx.doi.org/10.3390/info14010028"),
       Identifier{"doi", "10.3390/info14010028"}},
      {loc({}, "https://www.biorxiv.org/content/10.1101/2020.01.01.123456v2.full"),
       Identifier{"doi", "10.1101/2020.01.01.123456"}},
      {loc({}, "https://www.medrxiv.org/content/10.64898/2026.01.05.700001v1"),
       Identifier{"doi", "10.64898/2026.01.05.700001"}},
      // No record of its own: a handle, PubMed Central, DOAJ, a journal page without a DOI.
      {loc({}, "http://hdl.handle.net/10045/130858"), std::nullopt},
      {loc({}, "https://www.ncbi.nlm.nih.gov/pmc/articles/4234579"), std::nullopt},
      {loc("pmh:oai:doaj.org/article:53bf", "https://doaj.org/article/53"), std::nullopt},
      {loc({}, "https://www.biorxiv.org/content/early/2021/09/30/x"), std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(location_identifier(c.location), c.expected)
        << c.location.id << " " << c.location.landing_page_url << " " << c.location.pdf_url;
  }
}

TEST(OpenalexLocations, TellsBiorxivDoisFromColdSpringHarborJournals) {
  EXPECT_TRUE(is_biorxiv_doi("10.1101/2021.09.30.462652"));
  EXPECT_TRUE(is_biorxiv_doi("10.1101/001768"));
  EXPECT_TRUE(is_biorxiv_doi("10.64898/2025.12.01.000123"));
  EXPECT_FALSE(is_biorxiv_doi("10.1101/gr.123456.111"));
  EXPECT_FALSE(is_biorxiv_doi("10.1101/gad.1"));
  EXPECT_FALSE(is_biorxiv_doi("10.1038/nature1"));
}

TEST(OpenalexLocations, NamesThePreprintServers) {
  EXPECT_EQ(preprint_server("arXiv (Cornell University)"), "arXiv");
  EXPECT_EQ(preprint_server("bioRxiv (Cold Spring Harbor Laboratory)"), "bioRxiv");
  EXPECT_EQ(preprint_server("medRxiv"), "medRxiv");
  EXPECT_EQ(preprint_server("arXivist Quarterly"), "");
  EXPECT_EQ(preprint_server("Nature Methods"), "");
}

TEST(OpenalexLocations, AnArticleHasItsPreprintAndIsTheSameAsItsOtherCopies) {
  const Location locations[] = {
      loc("doi:10.1038/x", {}, {}, "Nature Methods", "publishedVersion"),
      loc("pmh:oai:arXiv.org:2401.01234", {}, {}, "arXiv (Cornell University)", "submittedVersion"),
      loc({}, "https://doi.org/10.5281/zenodo.1", {}, {}, "publishedVersion"),
      loc({}, "https://doi.org/10.21203/rs.3.rs-1/v1", {}, {}, "submittedVersion"),
      loc({}, "http://arxiv.org/abs/2401.01234v2"),  // the same arXiv copy again
  };
  const Identifier own[] = {{"doi", "10.1038/x"}, {"openalex", "W1"}};
  auto relations = location_relations(locations, /*work_is_preprint=*/false, own);
  ASSERT_EQ(relations.size(), 3u);
  EXPECT_EQ(relations[0].type, RelationType::has_preprint);
  EXPECT_EQ(relations[0].target, (Identifier{"arxiv", "2401.01234"}));
  EXPECT_EQ(relations[1].type, RelationType::same_as);
  EXPECT_EQ(relations[1].target, (Identifier{"doi", "10.5281/zenodo.1"}));
  EXPECT_EQ(relations[2].type, RelationType::has_preprint);
  EXPECT_EQ(relations[2].target, (Identifier{"doi", "10.21203/rs.3.rs-1/v1"}));
}

TEST(OpenalexLocations, APreprintIsThePreprintOfItsPublishedVersion) {
  const Location locations[] = {
      loc("pmh:oai:arXiv.org:2402.00011", {}, {}, "arXiv (Cornell University)"),
      loc("doi:10.48550/arxiv.2402.00011", {}, {}, "arXiv (Cornell University)"),
      loc("doi:10.1162/tacl_a_00999", {}, {}, "TACL", "publishedVersion"),
  };
  const Identifier own[] = {{"arxiv", "2402.00011"}, {"doi", "10.48550/arxiv.2402.00011"}};
  auto relations = location_relations(locations, /*work_is_preprint=*/true, own);
  ASSERT_EQ(relations.size(), 1u);
  EXPECT_EQ(relations[0].type, RelationType::is_preprint_of);
  EXPECT_EQ(relations[0].target, (Identifier{"doi", "10.1162/tacl_a_00999"}));
}

}  // namespace
}  // namespace ah::sources::openalex
