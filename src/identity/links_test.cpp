#include "identity/links.h"

#include <gtest/gtest.h>

namespace ah::identity {
namespace {

using core::Identifier;
using core::Relation;
using core::RelationType;

std::vector<std::string> link_texts(const core::Paper& p) {
  std::vector<std::string> out;
  for (const Link& l : linking_ids(p)) out.push_back(l.id.scheme + ":" + l.id.value);
  return out;
}

TEST(LinkingIds, OwnIdentifiersAndLinkingRelationTargetsButNeverNotices) {
  struct Case {
    const char* name;
    core::Paper record;
    std::vector<std::string> links;
  };
  core::Paper arxiv;  // arXiv's own DOI field names the journal article
  arxiv.arxiv_id = "2203.05061";
  arxiv.doi = "10.2196/jmir.12345";
  core::Paper s2;  // Semantic Scholar names the preprint by its arXiv DOI
  s2.doi = "10.48550/arXiv.2203.05061";
  s2.other_ids = {{"s2", "0123456789abcdef0123456789abcdef01234567"}, {"pmid", "not-a-pmid"}};
  core::Paper biorxiv;  // bioRxiv's published DOI
  biorxiv.doi = "10.1101/008326";
  biorxiv.relations = {{RelationType::is_preprint_of, {"doi", "10.1093/bioinformatics/btab717"}}};
  core::Paper crossref;  // has-preprint, and a correction that must not link
  crossref.doi = "10.1371/journal.pone.0033693";
  crossref.relations = {
      {RelationType::has_preprint, {"doi", "10.1101/2021.09.30.462652"}},
      {RelationType::updated_by,
       {"doi", "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda"},
       core::NoticeKind::correction,
       "2012-05-08"},
  };
  core::Paper openalex;  // OpenAlex: its ids, and a location that is the arXiv version
  openalex.doi = "https://doi.org/10.1073/pnas.1414271111";
  openalex.other_ids = {{"openalex", "W2109415576"}, {"pmid", "25349395"}, {"pmcid", "PMC4234579"}};
  openalex.relations = {{RelationType::same_as, {"doi", "10.48550/arxiv.1406.0001"}}};
  core::Paper notice;  // a retraction notice points at its target but is not the target
  notice.doi = "10.1000/retraction";
  notice.type = core::WorkType::retraction;
  notice.relations = {
      {RelationType::updates, {"doi", "10.1000/article"}, core::NoticeKind::retraction}};
  const Case cases[] = {
      {"arXiv id and journal DOI", arxiv, {"arxiv:2203.05061", "doi:10.2196/jmir.12345"}},
      {"arXiv DOI is the arXiv id; bad values dropped",
       s2,
       {"arxiv:2203.05061", "s2:0123456789abcdef0123456789abcdef01234567"}},
      {"bioRxiv published DOI",
       biorxiv,
       {"doi:10.1101/008326", "doi:10.1093/bioinformatics/btab717"}},
      {"has-preprint links, updated-by does not",
       crossref,
       {"doi:10.1371/journal.pone.0033693", "doi:10.1101/2021.09.30.462652"}},
      {"OpenAlex ids and locations",
       openalex,
       {"doi:10.1073/pnas.1414271111", "pmid:25349395", "pmcid:PMC4234579", "openalex:W2109415576",
        "arxiv:1406.0001"}},
      {"a notice links only by its own DOI", notice, {"doi:10.1000/retraction"}},
  };
  for (const Case& c : cases) EXPECT_EQ(link_texts(c.record), c.links) << c.name;
}

TEST(LinkingIds, SayWhyTheyLink) {
  core::Paper p;
  p.doi = "10.1101/008326";
  p.relations = {{RelationType::is_preprint_of, {"doi", "10.1093/bioinformatics/btab717"}}};
  const std::vector<Link> links = linking_ids(p);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].reason, "doi 10.1101/008326");
  EXPECT_EQ(links[1].reason, "relation is-preprint-of doi 10.1093/bioinformatics/btab717");
}

TEST(Conflicts, DifferentValuesOfAnExclusiveSchemeKeepPapersApart) {
  const std::vector<Identifier> a = {{"arxiv", "2401.00001"}, {"doi", "10.1/x"}};
  EXPECT_TRUE(conflicts(a, {{"arxiv", "2401.00002"}}));
  EXPECT_FALSE(conflicts(a, {{"arxiv", "2401.00001"}, {"pmid", "1"}}));
  EXPECT_FALSE(conflicts(a, {{"doi", "10.1/y"}})) << "a paper has a preprint DOI and a journal DOI";
  EXPECT_TRUE(conflicts({{"pmid", "1"}}, {{"pmid", "2"}}));
  EXPECT_TRUE(conflicts({{"pmcid", "PMC1"}}, {{"pmcid", "PMC2"}}));
  EXPECT_FALSE(conflicts({{"openalex", "W1"}}, {{"openalex", "W2"}}))
      << "OpenAlex may list the preprint and the article as two works of one paper";
}

}  // namespace
}  // namespace ah::identity
