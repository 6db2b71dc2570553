// The catalogue factories of Crossref, feeds, PubMed, OpenAlex and bioRxiv (journal_sources.cpp):
// each builds its harvester from an entry of its kind and refuses, naming the entry, one it
// cannot use. The harvesters' own runs are tested in their files and through `serve --harvest`.
#include <gtest/gtest.h>

#include "harvest/source_harvester.h"
#include "tests/support/fixtures.h"

namespace ah::harvest {
namespace {

using catalogue::SourceEntry;

SourceEntry entry(catalogue::Params params) {
  SourceEntry e;
  e.name = "journal";
  e.params = std::move(params);
  return e;
}

class JournalSources : public ::testing::Test {
 protected:
  void SetUp() override {
    net::CurlOptions curl;
    curl.user_agent = "AcademicHub/0.1 (mailto:ops@example.org)";
    http_ = net::make_curl_client(curl);
    auto store = store::open_sqlite(dir_.path() / "harvest.db");
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = std::move(*store);
    config_.contact_email = "ops@example.org";
  }
  Result<std::unique_ptr<Harvester>> make(MakeHarvester maker, const SourceEntry& e) {
    return maker(e, HarvestContext{*http_, *store_, config_, {}, {}});
  }

  ah::testing::TempDir dir_;
  std::unique_ptr<net::HttpClient> http_;
  std::unique_ptr<store::PaperStore> store_;
  config::Config config_;
};

TEST_F(JournalSources, EachKindBuildsItsHarvesterFromItsEntry) {
  struct Case {
    MakeHarvester maker;
    catalogue::Params params;
  };
  const Case cases[] = {
      {make_crossref_harvester, catalogue::CrossrefParams{{"0028-0836"}}},
      {make_feed_harvester, catalogue::FeedParams{"https://example.org/toc.xml", "Example"}},
      {make_pubmed_harvester, catalogue::PubmedParams{"Nature[ta]"}},
      {make_openalex_harvester, catalogue::OpenalexParams{"S137773608"}},
      {make_biorxiv_harvester, catalogue::BiorxivParams{"medrxiv"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.params.index());
    auto made = make(c.maker, entry(c.params));
    ASSERT_TRUE(made.has_value()) << made.error().message;
    EXPECT_NE(*made, nullptr);
    // Every factory refuses another kind's entry.
    auto wrong = make(c.maker, entry(catalogue::ArxivParams{{"cs"}}));
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(wrong.error().message.find("'journal'"), std::string::npos) << wrong.error().message;
  }
}

TEST_F(JournalSources, EntriesAKindCannotUseAreRefusedSayingWhy) {
  struct Case {
    MakeHarvester maker;
    catalogue::Params params;
    bool contact = true;
    std::string message;
  };
  const Case cases[] = {
      {make_crossref_harvester, catalogue::CrossrefParams{{}}, true, "issns"},
      {make_crossref_harvester, catalogue::CrossrefParams{{"0028-0836"}}, false, "contact_email"},
      {make_openalex_harvester, catalogue::OpenalexParams{"W123"}, true, "not an OpenAlex source"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.message);
    if (!c.contact) config_.contact_email.clear();
    auto made = make(c.maker, entry(c.params));
    config_.contact_email = "ops@example.org";
    ASSERT_FALSE(made.has_value());
    EXPECT_EQ(made.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(made.error().message.find(c.message), std::string::npos) << made.error().message;
    EXPECT_NE(made.error().message.find("'journal'"), std::string::npos) << made.error().message;
  }
}

}  // namespace
}  // namespace ah::harvest
