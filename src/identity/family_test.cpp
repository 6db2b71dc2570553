#include "identity/family.h"

#include <gtest/gtest.h>

namespace ah::identity {
namespace {

TEST(SourceFamily, ArxivChannelsAreOneFamilyAndEveryOtherSourceItsOwn) {
  const std::pair<const char*, Family> cases[] = {
      {"arxiv-oai", Family::arxiv},
      {"arxiv-api", Family::arxiv},
      {"arxiv-rss", Family::arxiv},
      {"arxiv-snapshot", Family::arxiv},
      {"arxiv-daily", Family::arxiv},
      {"crossref", Family::crossref},
      {"pubmed", Family::pubmed},
      {"openalex", Family::openalex},
      {"biorxiv", Family::biorxiv},
      {"medrxiv", Family::medrxiv},
      {"journal-feed", Family::journal},
      {"s2", Family::s2},
      {"", Family::other},
      {"arxiv", Family::other},
  };
  for (const auto& [source, family] : cases) {
    EXPECT_EQ(source_family(source), family) << source;
    EXPECT_EQ(parse_family(to_string(family)), family);
  }
  EXPECT_FALSE(parse_family("nature").has_value());
}

core::Paper record(const char* source, const char* source_id) {
  core::Paper p;
  p.source = source;
  p.source_id = source_id;
  return p;
}

TEST(RecordKey, NamesARecordByItsFamilyAndNormalisedSourceId) {
  struct Case {
    const char* name;
    core::Paper record;
    const char* key;  // RecordKey::text(), "" when invalid
  };
  core::Paper arxiv = record("arxiv-oai", "");
  arxiv.arxiv_id = "2401.01234";
  core::Paper arxiv_doi_only = record("arxiv-oai", "");
  arxiv_doi_only.doi = "10.1000/abc";
  core::Paper legacy;  // an arXiv record from before sources were named
  legacy.arxiv_id = "hep-th/9901001";
  core::Paper pubmed = record("pubmed", "");
  pubmed.other_ids = {{"pmid", "25349395"}};
  core::Paper crossref = record("crossref", "");
  crossref.doi = "10.1371/journal.pone.0033693";
  core::Paper s2_no_s2 = record("s2", "");
  s2_no_s2.doi = "10.48550/arxiv.2203.05061";
  core::Paper nothing = record("journal-feed", "");
  const Case cases[] = {
      {"arXiv by its id", arxiv, "arxiv:2401.01234"},
      {"arXiv id as source id, any form", record("arxiv-rss", "arXiv:2401.01234v3"),
       "arxiv:2401.01234"},
      {"arXiv without id: its DOI", arxiv_doi_only, "arxiv:10.1000/abc"},
      {"unnamed source with an arXiv id", legacy, "arxiv:hep-th/9901001"},
      {"DOI lower-cased", record("crossref", "https://doi.org/10.1073/PNAS.1414271111"),
       "crossref:10.1073/pnas.1414271111"},
      {"Crossref by its DOI", crossref, "crossref:10.1371/journal.pone.0033693"},
      {"PubMed by PMID", pubmed, "pubmed:25349395"},
      {"OpenAlex URL", record("openalex", "https://openalex.org/W2109415576"),
       "openalex:W2109415576"},
      {"bioRxiv DOI", record("biorxiv", "10.1101/2021.09.30.462652"),
       "biorxiv:10.1101/2021.09.30.462652"},
      {"S2 without its paperId: first identifier", s2_no_s2, "s2:doi:10.48550/arxiv.2203.05061"},
      {"no identifier at all", nothing, ""},
  };
  for (const Case& c : cases) {
    const RecordKey key = record_key(c.record);
    EXPECT_EQ(key.valid() ? key.text() : "", c.key) << c.name;
  }
}

TEST(RecordKey, ReadsBackFromFamilyOrSourceNames) {
  EXPECT_EQ(parse_record_key("crossref:10.1/X")->text(), "crossref:10.1/x");
  EXPECT_EQ(parse_record_key("arxiv-oai:2401.01234v2")->text(), "arxiv:2401.01234");
  EXPECT_EQ(parse_record_key("journal-feed:10.1038/s41586-024-07938-4")->text(),
            "journal:10.1038/s41586-024-07938-4");
  EXPECT_EQ(parse_record_key("pubmed:0042")->text(), "pubmed:42");
  for (const char* bad : {"10.1/x", "nature:10.1/x", "crossref:", ""}) {
    auto r = parse_record_key(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  }
}

}  // namespace
}  // namespace ah::identity
