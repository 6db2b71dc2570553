#include "sources/arxiv/jsonl_parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sources/arxiv/fields.h"
#include "tests/support/fixtures.h"

namespace ah::sources::arxiv {
namespace {

struct Collected {
  JsonlCounts counts;
  std::vector<core::Paper> papers;
  std::vector<RecordError> rejected;
};

Collected parse_stream(std::istream& in, std::string_view origin) {
  Collected c;
  auto r = parse_jsonl(
      in, origin, [&](core::Paper&& p) { c.papers.push_back(std::move(p)); },
      [&](RecordError&& e) { c.rejected.push_back(std::move(e)); });
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
  if (r) c.counts = *r;
  return c;
}

Collected parse_path(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  return parse_stream(in, path.string());
}

const core::Paper* find(const Collected& c, std::string_view id) {
  for (const core::Paper& p : c.papers) {
    if (p.arxiv_id == id) return &p;
  }
  return nullptr;
}

// --- daily-arXiv-ai-enhanced crawl: every file ----------------------------------------------

struct CrawlCase {
  const char* file;
  const char* date;
  std::int64_t lines;
  size_t distinct_ids;
  const char* first_id;
  const char* first_author;
  std::vector<std::string> first_categories;
  const char* repeated_id;       // an id announced more than once in the file
  const char* foreign_class_id;  // a record whose categories carry ACM/MSC codes, or ""
  std::vector<std::string> foreign_class_categories;  // its categories once cleaned
};

void PrintTo(const CrawlCase& c, std::ostream* os) { *os << c.file; }

class DailyCrawlFile : public ::testing::TestWithParam<CrawlCase> {};

TEST_P(DailyCrawlFile, ParsesEveryLineWithFileDateAndArxivCategoriesOnly) {
  const CrawlCase& c = GetParam();
  AH_SHARED_FIXTURE_OR_SKIP(dir, "arxiv-bulk");
  std::filesystem::path path = dir / c.file;
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  Collected r = parse_path(path);

  EXPECT_EQ(r.counts.lines, c.lines);
  EXPECT_EQ(r.counts.papers, c.lines) << "duplicates are separate papers";
  EXPECT_EQ(r.counts.rejected, 0);
  EXPECT_TRUE(r.rejected.empty()) << r.rejected[0].where << ": " << r.rejected[0].message;
  EXPECT_EQ(r.counts.bytes, static_cast<std::int64_t>(std::filesystem::file_size(path)));
  ASSERT_EQ(r.papers.size(), static_cast<size_t>(c.lines));

  std::set<std::string> ids;
  for (const core::Paper& p : r.papers) {
    ids.insert(p.arxiv_id);
    EXPECT_EQ(p.source, core::source::kArxivDaily);
    EXPECT_EQ(p.announced, c.date) << p.arxiv_id;
    EXPECT_FALSE(p.title_display.empty()) << p.arxiv_id;
    EXPECT_FALSE(p.authors.empty()) << p.arxiv_id;
    EXPECT_FALSE(p.categories.empty()) << p.arxiv_id;
    for (const std::string& cat : p.categories) {
      EXPECT_TRUE(is_arxiv_category(cat)) << p.arxiv_id << ": " << cat;
    }
    EXPECT_EQ(p.pdf_url, "https://arxiv.org/pdf/" + p.arxiv_id);
    EXPECT_EQ(p.abs_url, "https://arxiv.org/abs/" + p.arxiv_id);
    core::Paper again = p;
    core::finalize(again);
    EXPECT_EQ(again, p) << p.arxiv_id << ": finalize is idempotent";
  }
  EXPECT_EQ(ids.size(), c.distinct_ids);

  const core::Paper& first = r.papers.front();
  EXPECT_EQ(first.arxiv_id, c.first_id);
  EXPECT_EQ(first.version, 0);
  EXPECT_EQ(first.authors.front().name, c.first_author);
  EXPECT_EQ(first.categories, c.first_categories);

  size_t repeats = 0;
  for (const core::Paper& p : r.papers) repeats += p.arxiv_id == c.repeated_id;
  EXPECT_GE(repeats, 2u) << c.repeated_id;

  if (*c.foreign_class_id != '\0') {
    const core::Paper* p = find(r, c.foreign_class_id);
    ASSERT_NE(p, nullptr) << c.foreign_class_id;
    EXPECT_EQ(p->categories, c.foreign_class_categories);
  }
}

using Cats = std::vector<std::string>;

INSTANTIATE_TEST_SUITE_P(
    AllFiles, DailyCrawlFile,
    ::testing::Values(
        CrawlCase{"daily_arxiv_crawl_2025-03-18.jsonl", "2025-03-18", 465, 328, "2503.11731",
                  "Xianming Zeng", Cats{"cs.CV", "cs.RO"}, "2503.11731", "2503.12260",
                  Cats{"cs.CV"}},
        CrawlCase{"daily_arxiv_crawl_2025-05-20.jsonl", "2025-05-20", 529, 514, "2505.11521",
                  "Wang Fang", Cats{"cs.CV", "eess.SP"}, "2505.12373", "2505.12218", Cats{"cs.CL"}},
        CrawlCase{"daily_arxiv_crawl_2025-06-03.jsonl", "2025-06-03", 543, 521, "2506.00173",
                  "Mingyi Shi", Cats{"cs.GR", "cs.RO"}, "2506.00839", "2506.01077",
                  Cats{"cs.GR", "cs.HC"}},
        CrawlCase{"daily_arxiv_crawl_2025-07-02.jsonl", "2025-07-02", 330, 270, "2507.00270",
                  "Subed Lamichhane", Cats{"eess.SY", "cs.SY"}, "2507.00353", "2507.00631",
                  Cats{"cs.GT", "cs.AI", "cs.MA"}},
        CrawlCase{"daily_arxiv_crawl_2025-09-29.jsonl", "2025-09-29", 446, 324, "2509.21344",
                  "Gerard Boxo", Cats{"cs.AI", "cs.CL", "cs.LG"}, "2509.21344", "2509.21541",
                  Cats{"cs.GR", "cs.CV"}},
        CrawlCase{"daily_arxiv_crawl_2026-01-10.jsonl", "2026-01-10", 393, 297, "2601.04382",
                  "Zulkhuu Tuya", Cats{"cs.GR", "cs.CV"}, "2601.04382", "", Cats{}},
        CrawlCase{"daily_arxiv_crawl_2026-02-06.jsonl", "2026-02-06", 318, 260, "2602.05324",
                  "Mahdis Rabbani", Cats{"cs.GT", "cs.MA", "cs.RO", "eess.SY", "math.OC"},
                  "2602.05888", "", Cats{}},
        CrawlCase{"daily_arxiv_crawl_2026-03-07.jsonl", "2026-03-07", 346, 255, "2603.05461",
                  "Taras Radul", Cats{"cs.GT", "math.GN"}, "2603.04405", "", Cats{}},
        CrawlCase{"daily_arxiv_crawl_2026-03-19.jsonl", "2026-03-19", 336, 253, "2603.17704",
                  "Haocheng Yuan", Cats{"cs.GR", "cs.CV", "cs.HC"}, "2603.17704", "", Cats{}},
        CrawlCase{"daily_arxiv_crawl_2026-04-04.jsonl", "2026-04-04", 358, 294, "2604.01265",
                  "Juanjuan Ru", Cats{"cs.IT"}, "2604.01274", "", Cats{}},
        CrawlCase{"daily_arxiv_crawl_2026-04-12.jsonl", "2026-04-12", 388, 289, "2604.07959",
                  "Yaru Liu", Cats{"cs.GR"}, "2604.07574", "", Cats{}},
        CrawlCase{"daily_arxiv_crawl_2026-05-08.jsonl", "2026-05-08", 450, 351, "2605.05876",
                  "Mae Younes", Cats{"cs.GR", "cs.CV"}, "2605.05876", "", Cats{}},
        CrawlCase{"daily_arxiv_crawl_2026-05-22.jsonl", "2026-05-22", 379, 303, "2605.21727",
                  "Ivana Djurdjevic", Cats{"cs.IT"}, "2605.21766", "", Cats{}},
        CrawlCase{"daily_arxiv_crawl_2026-05-30.jsonl", "2026-05-30", 572, 438, "2605.29318",
                  "Donglai Xiang", Cats{"cs.GR", "cs.CV"}, "2605.29318", "", Cats{}},
        CrawlCase{"daily_arxiv_crawl_2026-06-06.jsonl", "2026-06-06", 446, 345, "2606.05216",
                  "Loc X. Nguyen", Cats{"cs.IT", "cs.ET"}, "2606.05262", "", Cats{}},
        CrawlCase{"daily_arxiv_crawl_2026-06-23.jsonl", "2026-06-23", 573, 537, "2606.20722",
                  "Colten Reissmann", Cats{"cs.GR", "cs.CL", "cs.CV", "cs.LG"}, "2606.20722", "",
                  Cats{}}));

TEST(ArxivJsonlParser, ReadsCrawlRecordFields) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-bulk/daily_arxiv_crawl_2025-03-18.jsonl");
  Collected r = parse_path(path);
  ASSERT_GE(r.papers.size(), 2u);
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.title,
            "Industrial-Grade Sensor Simulation via Gaussian Splatting: A Modular Framework for "
            "Scalable Editing and Full-Stack Validation");
  EXPECT_EQ(p.authors.size(), 16u);
  EXPECT_EQ(p.authors.back().name, "Qiang Li");
  EXPECT_EQ(p.comment, "");
  EXPECT_TRUE(p.abstract_display.starts_with(
      "Sensor simulation is pivotal for scalable validation of autonomous driving systems, yet"));
  EXPECT_EQ(p.abstract_display.find('\n'), std::string::npos);
  EXPECT_EQ(p.published, "");
  const core::Paper& q = r.papers[1];
  EXPECT_EQ(q.arxiv_id, "2503.11742");
  EXPECT_EQ(q.authors[0].name, "Moreno D'Incà");
  EXPECT_EQ(q.comment, "Work in progress");
  EXPECT_EQ(q.categories, (std::vector<std::string>{"cs.CV", "cs.AI"}));
}

// --- Kaggle/Cornell metadata snapshot -----------------------------------------------------------

TEST(ArxivJsonlParser, ReadsSnapshotHead) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-bulk/kaggle_arxiv-metadata-oai-snapshot_head200.jsonl");
  Collected r = parse_path(path);
  EXPECT_EQ(r.counts.lines, 200);
  EXPECT_EQ(r.counts.papers, 200);
  EXPECT_EQ(r.counts.rejected, 0);
  ASSERT_EQ(r.papers.size(), 200u);
  EXPECT_EQ(r.papers.front().arxiv_id, "0704.0001");
  EXPECT_EQ(r.papers.back().arxiv_id, "0704.0200");
  std::map<int, int> by_versions;
  for (const core::Paper& p : r.papers) {
    EXPECT_EQ(p.source, core::source::kArxivSnapshot);
    EXPECT_EQ(p.announced, "");
    EXPECT_EQ(p.version, static_cast<int>(p.versions.size())) << p.arxiv_id;
    EXPECT_FALSE(p.published.empty()) << p.arxiv_id;
    core::Paper again = p;
    core::finalize(again);
    EXPECT_EQ(again, p) << p.arxiv_id << ": finalize is idempotent";
    ++by_versions[static_cast<int>(p.versions.size())];
  }
  EXPECT_EQ(by_versions, (std::map<int, int>{{1, 113}, {2, 59}, {3, 20}, {4, 5}, {5, 3}}));

  const core::Paper& a = r.papers[0];
  EXPECT_EQ(a.submitter, "Pavel Nadolsky");
  EXPECT_EQ(
      a.authors,
      (std::vector<core::Author>{
          {"C. Balázs", ""}, {"E. L. Berger", ""}, {"P. M. Nadolsky", ""}, {"C. -P. Yuan", ""}}));
  EXPECT_EQ(a.title_display,
            "Calculation of prompt diphoton production cross sections at Tevatron and LHC "
            "energies");
  EXPECT_EQ(a.comment, "37 pages, 15 figures; published version");
  EXPECT_EQ(a.journal_ref, "Phys.Rev.D76:013009,2007");
  EXPECT_EQ(a.doi, "10.1103/physrevd.76.013009");
  EXPECT_EQ(a.report_no, "ANL-HEP-PR-07-12");
  EXPECT_EQ(a.categories, (std::vector<std::string>{"hep-ph"}));
  EXPECT_EQ(a.license, "");
  EXPECT_EQ(a.version, 2);
  EXPECT_EQ(a.versions, (std::vector<core::PaperVersion>{{1, "2007-04-02T19:18:42Z", ""},
                                                         {2, "2007-07-24T20:10:27Z", ""}}));
  EXPECT_EQ(a.published, "2007-04-02T19:18:42Z");
  EXPECT_EQ(a.version_date, "2007-07-24T20:10:27Z");
  EXPECT_EQ(a.updated, "2008-11-26");
  EXPECT_TRUE(
      a.abstract_display.starts_with("A fully differential calculation in perturbative "
                                     "quantum chromodynamics is presented"));

  const core::Paper& b = r.papers[1];
  EXPECT_EQ(b.categories, (std::vector<std::string>{"math.CO", "cs.CG"}));
  EXPECT_EQ(b.license, "http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
  EXPECT_EQ(b.doi, "");
  EXPECT_EQ(b.updated, "2008-12-13T17:26:00Z") << "v2 on the update day is more precise";
  EXPECT_NE(b.abstract_display.find("the $(k,\\ell)$-pebble game with colors"), std::string::npos);

  const core::Paper* evans = find(r, "0704.0009");
  ASSERT_NE(evans, nullptr);
  EXPECT_EQ(evans->authors.size(), 7u);
  EXPECT_EQ(evans->authors[5].name, "Neal J. Evans II") << "suffix after the last name";
  EXPECT_EQ(evans->updated, "2010-03-18");

  const core::Paper* two_dois = find(r, "0704.0033");
  ASSERT_NE(two_dois, nullptr);
  EXPECT_EQ(two_dois->doi, "10.1364/josaa.23.002578");
  EXPECT_EQ(two_dois->categories, (std::vector<std::string>{"physics.optics", "physics.comp-ph"}));
  EXPECT_EQ(two_dois->license, "http://creativecommons.org/licenses/by-nc-nd/4.0/");

  const core::Paper* affiliated = find(r, "0704.0163");
  ASSERT_NE(affiliated, nullptr);
  EXPECT_EQ(affiliated->authors,
            (std::vector<core::Author>{
                {"Peter Brommer",
                 "Institut für Theoretische und Angewandte Physik, Universität Stuttgart"},
                {"Franz Gähler",
                 "Institut für Theoretische und Angewandte Physik, Universität Stuttgart"}}));

  const core::Paper* slovak = find(r, "0704.0062");
  ASSERT_NE(slovak, nullptr);
  EXPECT_EQ(slovak->authors[0].name, "Rastislav Šrámek");
  EXPECT_EQ(slovak->authors[2].name, "Tomáš Vinař");
}

// --- own fixture: every kind of bad line --------------------------------------------------------

TEST(ArxivJsonlParser, RejectsBadLinesWithLineNumbersAndKeepsTheRest) {
  Collected r = parse_path(testing::own_fixture("arxiv/jsonl_mixed_2024-01-16.jsonl"));
  EXPECT_EQ(r.counts.lines, 10) << "the blank line is not counted";
  EXPECT_EQ(r.counts.papers, 4);
  EXPECT_EQ(r.counts.rejected, 6);
  ASSERT_EQ(r.papers.size(), 4u);
  ASSERT_EQ(r.rejected.size(), 6u);

  auto where = [&](size_t k) {
    std::string w = r.rejected[k].where;
    return w.substr(w.find("jsonl_mixed_2024-01-16.jsonl: ") + 30);
  };
  EXPECT_EQ(where(0), "line 3");
  EXPECT_TRUE(r.rejected[0].message.starts_with("invalid JSON: ")) << r.rejected[0].message;
  EXPECT_EQ(where(1), "line 5");
  EXPECT_EQ(r.rejected[1].message, "no arXiv id");
  EXPECT_EQ(where(2), "line 6 (id abc)");
  EXPECT_NE(r.rejected[2].message.find("not an arXiv id"), std::string::npos);
  EXPECT_EQ(where(3), "line 7 (id 2401.09007)");
  EXPECT_EQ(r.rejected[3].message, "no title");
  EXPECT_EQ(where(4), "line 8 (id 2401.09008)");
  EXPECT_NE(r.rejected[4].message.find("neither a metadata-snapshot nor a daily-crawl"),
            std::string::npos);
  EXPECT_EQ(where(5), "line 9");
  EXPECT_EQ(r.rejected[5].message, "not a JSON object");

  const core::Paper& snap = r.papers[0];
  EXPECT_EQ(snap.source, core::source::kArxivSnapshot);
  EXPECT_EQ(snap.arxiv_id, "0704.9001");
  EXPECT_EQ(snap.doi, "10.1000/a");
  EXPECT_EQ(snap.title_display, "A Hand-Written Snapshot Record");
  EXPECT_EQ(snap.abstract_display, "First paragraph wrapped.\nSecond paragraph.");
  // no authors_parsed: the authors string is split, numbered affiliations resolved
  EXPECT_EQ(snap.authors,
            (std::vector<core::Author>{{"A. Greilich", "Universität Dortmund"},
                                       {"M. Wiemann", "Universität Dortmund; Naval Research Lab"},
                                       {"C. Balázs", "Naval Research Lab"}}));
  EXPECT_EQ(snap.announced, "");

  const core::Paper& crawl = r.papers[1];
  EXPECT_EQ(crawl.source, core::source::kArxivDaily);
  EXPECT_EQ(crawl.announced, "2024-01-16");
  EXPECT_EQ(crawl.categories, (std::vector<std::string>{"cs.CL", "cs.AI"}));
  EXPECT_EQ(crawl.abstract_display, "Summary with $\\alpha$.");

  EXPECT_EQ(r.papers[2].title, "CRLF Line");
  EXPECT_EQ(r.papers[2].comment, "3 pages");
  EXPECT_EQ(r.papers[3].arxiv_id, "2401.09011");
  EXPECT_EQ(r.papers[3].version, 2);
}

TEST(ArxivJsonlParser, StreamsLinesAcrossChunkBoundaries) {
  // ~20 MiB of lines in a stream: several 8 MiB chunks, lines cut at chunk ends.
  const std::string line =
      "{\"id\": \"2401.0%04d\", \"pdf\": \"p\", \"abs\": \"a\", \"authors\": [\"A B\"], "
      "\"title\": \"Title %d\", \"categories\": [\"cs.CL\"], \"comment\": null, \"summary\": \"" +
      std::string(700, 'x') + "\"}\n";
  std::string data;
  const int n = 28000;
  data.reserve(static_cast<size_t>(n) * (line.size() + 8));
  char buf[1024];
  for (int k = 0; k < n; ++k) {
    int len = std::snprintf(buf, sizeof buf, line.c_str(), k % 10000, k);
    data.append(buf, static_cast<size_t>(len));
  }
  ASSERT_GT(data.size(), size_t{16} << 20);
  std::istringstream in(data);
  std::int64_t papers = 0, titles_ok = 0;
  auto r = parse_jsonl(
      in, "synthetic_2024-02-01.jsonl",
      [&](core::Paper&& p) {
        titles_ok += p.title == "Title " + std::to_string(papers);
        ++papers;
      },
      [&](RecordError&& e) { ADD_FAILURE() << e.where << ": " << e.message; });
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->lines, n);
  EXPECT_EQ(r->papers, n);
  EXPECT_EQ(titles_ok, n);
  EXPECT_EQ(r->bytes, static_cast<std::int64_t>(data.size()));
}

TEST(ArxivJsonlParser, GrowsForALineLongerThanAChunk) {
  std::string abstract(9u << 20, 'y');  // 9 MiB: longer than one 8 MiB chunk
  std::string data = "{\"id\": \"0704.0001\", \"title\": \"Long\", \"abstract\": \"" + abstract +
                     "\", \"versions\": []}\n{\"id\": \"0704.0002\", \"title\": \"Short\", "
                     "\"abstract\": \"s\", \"versions\": []}\n";
  std::istringstream in(data);
  Collected c = parse_stream(in, "long.jsonl");
  ASSERT_EQ(c.papers.size(), 2u);
  EXPECT_EQ(c.papers[0].abstract.size(), abstract.size());
  EXPECT_EQ(c.papers[1].title, "Short");
}

TEST(ArxivJsonlParser, NonJsonLinesStreamIsBadUpstreamData) {
  std::istringstream html("\n<html><body>Service Unavailable</body></html>\n");
  auto r = parse_jsonl(
      html, "dump.jsonl", [](core::Paper&&) { ADD_FAILURE(); },
      [](RecordError&&) { ADD_FAILURE(); });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::bad_upstream_data);
  EXPECT_EQ(
      r.error().message,
      "dump.jsonl: line 2 is not a JSON object: '<html><body>Service Unavailable</body></html>'");
}

TEST(ArxivJsonlParser, EmptyStreamIsEmptySuccess) {
  std::istringstream empty("");
  Collected c = parse_stream(empty, "empty.jsonl");
  EXPECT_EQ(c.counts.lines, 0);
  EXPECT_EQ(c.counts.papers, 0);
  EXPECT_EQ(c.counts.bytes, 0);
}

}  // namespace
}  // namespace ah::sources::arxiv
