#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/calendar.h"
#include "corpus/generator.h"
#include "corpus/writers.h"
#include "tests/support/fixtures.h"

namespace ah::bench {
namespace {

using nlohmann::json;

std::string snapshot_text(std::uint64_t seed, std::int64_t records) {
  CorpusGenerator generator({.seed = seed, .records = records});
  std::string text;
  write_snapshot(generator, 1 << 16, [&](std::string_view chunk) { text += chunk; });
  return text;
}

std::vector<json> snapshot_lines(std::uint64_t seed, std::int64_t records) {
  std::istringstream in(snapshot_text(seed, records));
  std::vector<json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  return lines;
}

std::vector<std::string> oai_pages(std::int64_t records, std::size_t page_size) {
  CorpusGenerator generator({.seed = 7, .records = records});
  std::vector<std::string> pages;
  write_oai_pages(generator, {.page_size = page_size},
                  [&](const OaiPage& p) { pages.emplace_back(p.bytes); });
  return pages;
}

TEST(CorpusGenerator, SameSeedGivesSameBytesAndOtherSeedsDiffer) {
  const std::string a = snapshot_text(42, 300);
  EXPECT_EQ(a, snapshot_text(42, 300));
  EXPECT_NE(a, snapshot_text(43, 300));
}

TEST(CorpusGenerator, ProducesExactlyTheRequestedCount) {
  for (std::int64_t n : {0, 1, 2, 17, 1000, 4321}) {
    CorpusGenerator generator({.seed = 1, .records = n});
    SyntheticRecord record;
    std::int64_t count = 0;
    while (generator.next(record)) ++count;
    EXPECT_EQ(count, n);
    EXPECT_EQ(generator.produced(), n);
  }
}

TEST(SnapshotWriter, LinesHaveTheKaggleFieldsInTheKaggleOrder) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-bulk/kaggle_arxiv-metadata-oai-snapshot_head200.jsonl");
  auto keys_of = [](const std::string& line) {
    const auto object = nlohmann::ordered_json::parse(line);
    std::vector<std::string> keys;
    for (const auto& [key, value] : object.items()) keys.push_back(key);
    return keys;
  };
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  const std::vector<std::string> real_keys = keys_of(first);
  ASSERT_EQ(real_keys.size(), 14u);
  std::istringstream generated(snapshot_text(5, 500));
  int lines = 0;
  for (std::string line; std::getline(generated, line); ++lines) {
    ASSERT_EQ(keys_of(line), real_keys) << line;
  }
  EXPECT_EQ(lines, 500);
}

TEST(SnapshotWriter, FieldsHaveTheKaggleTypesAndShapes) {
  const std::regex created(
      R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT)");
  const std::regex day(R"(\d{4}-\d\d-\d\d)");
  for (const json& p : snapshot_lines(11, 800)) {
    for (const char* key :
         {"id", "submitter", "authors", "title", "categories", "abstract", "update_date"}) {
      ASSERT_TRUE(p[key].is_string()) << key;
    }
    for (const char* key : {"comments", "journal-ref", "doi", "report-no", "license"}) {
      ASSERT_TRUE(p[key].is_null() || (p[key].is_string() && !p[key].get<std::string>().empty()))
          << key;
    }
    const auto abstract = p["abstract"].get<std::string>();
    EXPECT_TRUE(abstract.starts_with("  ") && abstract.ends_with("\n")) << abstract;
    std::istringstream lines(abstract);
    for (std::string l; std::getline(lines, l);) EXPECT_LE(l.size(), 80u) << l;
    EXPECT_TRUE(std::regex_match(p["update_date"].get<std::string>(), day));
    ASSERT_TRUE(p["versions"].is_array());
    ASSERT_GE(p["versions"].size(), 1u);
    ASSERT_LE(p["versions"].size(), 5u);
    for (std::size_t v = 0; v < p["versions"].size(); ++v) {
      EXPECT_EQ(p["versions"][v]["version"], "v" + std::to_string(v + 1));
      EXPECT_TRUE(std::regex_match(p["versions"][v]["created"].get<std::string>(), created));
    }
    ASSERT_GE(p["authors_parsed"].size(), 1u);
    ASSERT_LE(p["authors_parsed"].size(), 30u);
    for (const json& a : p["authors_parsed"]) {
      ASSERT_TRUE(a.size() == 3 || a.size() == 4) << a.dump();
      EXPECT_FALSE(a[0].get<std::string>().empty());
    }
  }
}

TEST(SnapshotWriter, EscapesNonAsciiAsUnicodeEscapes) {
  const std::string text = snapshot_text(3, 2000);
  for (unsigned char c : text) ASSERT_LT(c, 0x80);
  EXPECT_NE(text.find("\\u00"), std::string::npos);        // resolved accents in authors_parsed
  EXPECT_NE(text.find(R"(\\'a)"), std::string::npos);      // LaTeX accents in "authors"
  EXPECT_NE(text.find(R"(\\alpha$)"), std::string::npos);  // math in abstracts
}

TEST(SnapshotWriter, RendersDatesAsArxivDoes) {
  std::string out;
  append_rfc2822(1175541522, out);  // the first version of 0704.0001
  EXPECT_EQ(out, "Mon, 2 Apr 2007 19:18:42 GMT");
  out.clear();
  append_iso_day(days_from_civil(2024, 2, 29) * 86400 + 86399, out);
  EXPECT_EQ(out, "2024-02-29");
}

TEST(CorpusGenerator, IdsIncreaseWithDatesAndOldStyleIdsComeLast) {
  const std::regex new_style(R"((\d\d)(\d\d)\.(\d{4,5}))");
  const std::regex old_style(R"([a-z-]+/(\d\d)(\d\d)\d{3})");
  CorpusGenerator generator({.seed = 9, .records = 5000});
  SyntheticRecord r;
  std::string previous_id;
  std::int64_t previous_v1 = 0;
  int old_count = 0;
  while (generator.next(r)) {
    std::smatch m;
    if (std::regex_match(r.id, m, new_style)) {
      ASSERT_EQ(old_count, 0) << "new-style id after old-style ones: " << r.id;
      EXPECT_GT(r.id, previous_id);
      EXPECT_GE(r.versions.front(), previous_v1) << r.id;
      const CivilDate d = civil_from_days(r.versions.front() / 86400);
      EXPECT_EQ(d.year % 100, std::stoi(m[1])) << r.id;
      EXPECT_EQ(d.month, std::stoi(m[2])) << r.id;
      EXPECT_EQ(m[3].length(), d.year < 2015 ? 4 : 5) << r.id;
      previous_id = r.id;
      previous_v1 = r.versions.front();
    } else {
      ASSERT_TRUE(std::regex_match(r.id, m, old_style)) << r.id;
      EXPECT_LT(civil_from_days(r.versions.front() / 86400).year, 2008) << r.id;
      ++old_count;
    }
    for (std::size_t v = 1; v < r.versions.size(); ++v) EXPECT_GT(r.versions[v], r.versions[v - 1]);
    EXPECT_GE(r.updated, r.versions.back());
  }
  EXPECT_NEAR(old_count, 400, 1);
}

TEST(CorpusGenerator, IdsAreUniqueInADenseCorpus) {
  // 60k records put ~250 records in each month: dense enough for neighbours to collide if the
  // sequence numbers were not strictly increasing.
  CorpusGenerator generator({.seed = 2, .records = 60'000, .old_style_fraction = 0.3});
  SyntheticRecord r;
  std::set<std::string> ids;
  while (generator.next(r)) ASSERT_TRUE(ids.insert(r.id).second) << "duplicate " << r.id;
  EXPECT_EQ(ids.size(), 60'000u);
}

TEST(CorpusGenerator, FieldSharesAndLengthsAreRealistic) {
  const auto lines = snapshot_lines(21, 5000);
  std::map<std::string, int> present;
  std::map<std::string, int> primary;
  auto words = [](const std::string& s) {
    std::istringstream in(s);
    int n = 0;
    for (std::string w; in >> w;) ++n;
    return n;
  };
  for (const json& p : lines) {
    for (const char* key : {"comments", "journal-ref", "doi", "report-no"}) {
      if (!p[key].is_null()) ++present[key];
    }
    const int title_words = words(p["title"]);
    EXPECT_GE(title_words, 6);
    EXPECT_LE(title_words, 28);  // math snippets may hold blanks
    const int abstract_words = words(p["abstract"]);
    EXPECT_GE(abstract_words, 80);
    EXPECT_LE(abstract_words, 330);
    const int categories = words(p["categories"]);
    EXPECT_GE(categories, 1);
    EXPECT_LE(categories, 4);
    ++primary[p["categories"].get<std::string>().substr(
        0, p["categories"].get<std::string>().find(' '))];
  }
  const double n = static_cast<double>(lines.size());
  EXPECT_NEAR(present["comments"] / n, 0.85, 0.03);
  EXPECT_NEAR(present["journal-ref"] / n, 0.20, 0.03);
  EXPECT_NEAR(present["doi"] / n, 0.21, 0.03);
  EXPECT_NEAR(present["report-no"] / n, 0.06, 0.02);
  // Skewed popularity: cs.LG leads and rare categories are rare.
  EXPECT_GT(primary["cs.LG"], primary["math.AG"] * 3);
  EXPECT_LT(primary["q-fin.EC"], 10);
}

TEST(CorpusGenerator, WordFrequenciesFollowZipf) {
  std::map<std::string, int> counts;
  for (const json& p : snapshot_lines(4, 1500)) {
    std::istringstream in(p["abstract"].get<std::string>());
    for (std::string w; in >> w;) ++counts[w];
  }
  // "the" and "of" are ranks 1 and 2: frequency ratio 2^1.07 = 2.1 (capitalised and
  // punctuated forms are counted apart, hence the loose bounds).
  const double ratio = static_cast<double>(counts["the"]) / counts["of"];
  EXPECT_GT(ratio, 1.7);
  EXPECT_LT(ratio, 2.6);
  EXPECT_GT(counts.size(), 10000u);  // a long tail of pseudo-words
}

TEST(OaiWriter, PagesAreLinkedByResumptionTokens) {
  const auto pages = oai_pages(2500, 1000);
  ASSERT_EQ(pages.size(), 3u);
  std::string previous_token;
  const int expected_records[] = {1000, 1000, 500};
  for (std::size_t i = 0; i < pages.size(); ++i) {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_buffer(pages[i].data(), pages[i].size())) << "page " << i + 1;
    const pugi::xml_node root = doc.child("OAI-PMH");
    const pugi::xml_node request = root.child("request");
    if (i == 0) {
      EXPECT_STREQ(request.attribute("metadataPrefix").value(), "arXiv");
    } else {
      EXPECT_EQ(request.attribute("resumptionToken").value(), previous_token);
    }
    const pugi::xml_node list = root.child("ListRecords");
    int records = 0;
    for (pugi::xml_node rec : list.children("record")) {
      ++records;
      const pugi::xml_node arxiv = rec.child("metadata").child("arXiv");
      EXPECT_EQ(std::string("oai:arXiv.org:") + arxiv.child_value("id"),
                rec.child("header").child_value("identifier"));
      EXPECT_FALSE(
          std::string(arxiv.child("authors").child("author").child_value("keyname")).empty());
      EXPECT_FALSE(std::string(arxiv.child_value("abstract")).empty());
    }
    EXPECT_EQ(records, expected_records[i]);
    const pugi::xml_node token = list.child("resumptionToken");
    ASSERT_TRUE(token) << "page " << i + 1;
    EXPECT_EQ(token.attribute("cursor").as_int(), static_cast<int>(i) * 1000);
    EXPECT_EQ(token.attribute("completeListSize").as_int(), 2500);
    previous_token = token.child_value();
    EXPECT_EQ(previous_token.empty(), i + 1 == pages.size()) << previous_token;
  }
}

TEST(OaiWriter, ASinglePageIsACompleteListWithoutToken) {
  const auto pages = oai_pages(10, 1000);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].find("resumptionToken"), std::string::npos);
  EXPECT_TRUE(oai_pages(0, 1000).empty());
}

TEST(OaiWriter, CarriesTheSameRecordsAsTheSnapshot) {
  CorpusGenerator a({.seed = 7, .records = 50});
  CorpusGenerator b({.seed = 7, .records = 50});
  std::string page;
  write_oai_pages(a, {.page_size = 100}, [&](const OaiPage& p) { page = p.bytes; });
  SyntheticRecord r;
  while (b.next(r)) {
    EXPECT_NE(page.find("<id>" + r.id + "</id>"), std::string::npos) << r.id;
  }
}

}  // namespace
}  // namespace ah::bench
