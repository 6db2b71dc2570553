// match_references against a real store of every backend (store/store_test_backends.h): papers
// put in by upsert, references read by parse_references, each found by its strongest evidence.
#include "bibio/match.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "store/store_test_backends.h"

namespace ah::bibio {
namespace {

using core::Paper;

Paper arxiv_paper(std::string id, int version, std::string title, std::string published) {
  Paper p;
  p.arxiv_id = std::move(id);
  p.version = version;
  p.title = std::move(title);
  p.published = std::move(published);
  p.authors = {{"Ada Lovelace", ""}};
  p.source = core::source::kArxivOai;
  p.source_id = p.arxiv_id;
  core::finalize(p);
  return p;
}

Paper journal_paper(std::string doi, std::string title, std::string published) {
  Paper p;
  p.doi = std::move(doi);
  p.title = std::move(title);
  p.published = std::move(published);
  p.authors = {{"Grace Hopper", ""}};
  p.source = core::source::kCrossref;
  p.source_id = p.doi;
  core::finalize(p);
  return p;
}

// A retraction notice: a work of its own, which listings leave out.
Paper retraction_notice(std::string doi, std::string title, std::string published) {
  Paper p = journal_paper(std::move(doi), std::move(title), std::move(published));
  p.type = core::WorkType::retraction;
  core::finalize(p);
  return p;
}

Paper pubmed_paper(std::string pmid, std::string title, std::string published) {
  Paper p;
  p.other_ids = {{"pmid", pmid}};
  p.title = std::move(title);
  p.published = std::move(published);
  p.authors = {{"Rosalind Franklin", ""}};
  p.source = core::source::kPubmed;
  p.source_id = std::move(pmid);
  core::finalize(p);
  return p;
}

// The references, one per line of expectations below (each entry on its own line).
constexpr const char* kReferences =
    "@article{byDoi, title = {Some other title}, doi = "
    "{https://doi.org/10.1038/S41586-021-03819-2}}\n"
    "@misc{byVersionedEprint, title = {Attention}, eprint = {1706.03762v5}, archiveprefix = "
    "{arXiv}}\n"
    "@misc{byArxivDoi, doi = {10.48550/arXiv.1706.03762}}\n"
    "@article{byPmid, title = {Whatever}, pmid = {31234567}}\n"
    "@inproceedings{byTitle, title = {Deep residual learning for image-recognition.}, year = "
    "2016}\n"
    "@article{byTitleAccents, title = {{\\'E}COLE: Learning to Rank Crystal Structures}, year = "
    "{2022}}\n"
    "@article{titleButYearsApart, title = {Deep Residual Learning for Image Recognition}, year = "
    "2010}\n"
    "@article{unknownDoiFallsBackToTitle, doi = {10.9999/not-stored}, title = {\\emph{Ecole}: "
    "learning to rank crystal structures}}\n"
    "@article{nothing, doi = {10.9999/nothing}, eprint = {2501.99999}, title = {A Paper Nobody "
    "Stored}}\n"
    "@article{aNoticeByTitle, title = {Retraction Note: A study of something in vivo}, year = "
    "2020}\n";

struct Expected {
  const char* key;
  std::optional<MatchedBy> by;
  const char* identifier_used;  // "ah:" means the title match's stable id (checked apart)
  const char* paper;            // arXiv id or DOI of the paper found; "" when none
};

const Expected kExpected[] = {
    {"byDoi", MatchedBy::doi, "10.1038/s41586-021-03819-2", "10.1038/s41586-021-03819-2"},
    {"byVersionedEprint", MatchedBy::arxiv_id, "1706.03762", "1706.03762"},
    {"byArxivDoi", MatchedBy::doi, "10.48550/arxiv.1706.03762", "1706.03762"},
    {"byPmid", MatchedBy::pmid, "pmid:31234567", "pmid:31234567"},
    {"byTitle", MatchedBy::title, "ah:", "1512.03385"},
    {"byTitleAccents", MatchedBy::title, "ah:", "10.1/ecole"},
    {"titleButYearsApart", std::nullopt, "", ""},
    {"unknownDoiFallsBackToTitle", MatchedBy::title, "ah:", "10.1/ecole"},
    {"nothing", std::nullopt, "", ""},
    // Searches leave notices out; a citation of one still finds it.
    {"aNoticeByTitle", MatchedBy::title, "ah:", "10.1/retraction"},
};

// The identifier a test names a stored paper by.
std::string name_of(const Paper& p) {
  if (!p.arxiv_id.empty()) return p.arxiv_id;
  if (!p.doi.empty()) return p.doi;
  for (const core::Identifier& id : p.other_ids) {
    if (id.scheme == "pmid") return "pmid:" + id.value;
  }
  return "?";
}

class MatchReferences : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    put({arxiv_paper("1706.03762", 5, "Attention Is All You Need", "2017-06-12"),
         arxiv_paper("1512.03385", 1, "Deep Residual Learning for Image Recognition", "2015-12-10"),
         arxiv_paper("1512.03386", 1, "Deep Residual Learning for Image Segmentation",
                     "2015-12-10"),
         journal_paper("10.1038/s41586-021-03819-2",
                       "Highly accurate protein structure prediction with AlphaFold", "2021-07-15"),
         journal_paper("10.1/ecole", "\\'Ecole: learning to rank crystal structures", "2022-03-01"),
         pubmed_paper("31234567", "A study of something in vivo", "2019-05-02"),
         retraction_notice("10.1/retraction", "Retraction Note: A study of something in vivo",
                           "2020-02-03")});
  }
};

TEST_P(MatchReferences, FindsEachReferenceByItsStrongestEvidence) {
  auto parsed = parse_references(kReferences, "seeds.bib");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->references.size(), std::size(kExpected)) << parsed->warnings.size();
  auto matches = match_references(*store_, parsed->references);
  ASSERT_TRUE(matches.has_value()) << matches.error().message;
  ASSERT_EQ(matches->size(), std::size(kExpected));
  for (size_t i = 0; i < matches->size(); ++i) {
    const Match& m = (*matches)[i];
    const Expected& e = kExpected[i];
    SCOPED_TRACE(e.key);
    EXPECT_EQ(parsed->references[i].key, e.key);
    EXPECT_EQ(m.reference, i);
    EXPECT_EQ(m.by, e.by);
    EXPECT_EQ(m.paper.has_value(), e.by.has_value());
    EXPECT_EQ(m.paper ? name_of(*m.paper) : "", e.paper);
    if (std::string_view(e.identifier_used) == "ah:") {
      ASSERT_TRUE(m.paper.has_value());
      EXPECT_EQ(m.paper_identifier_used, "ah:" + std::to_string(m.paper->paper_id));
      // The identifier used finds the same paper again.
      EXPECT_EQ(must_get(m.paper_identifier_used).paper_id, m.paper->paper_id);
    } else {
      EXPECT_EQ(m.paper_identifier_used, e.identifier_used);
    }
  }
}

TEST_P(MatchReferences, NoReferencesNoMatches) {
  auto matches = match_references(*store_, {});
  ASSERT_TRUE(matches.has_value()) << matches.error().message;
  EXPECT_TRUE(matches->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, MatchReferences, ::testing::ValuesIn(store::kBackends),
                         store::backend_name);

}  // namespace
}  // namespace ah::bibio
