// The analysis on real days of arXiv (the daily crawl files in ../shared/fixtures/arxiv-bulk).
#include "brief/analysis.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <set>

#include "brief/terms.h"
#include "sources/arxiv/jsonl_parser.h"
#include "tests/support/fixtures.h"

namespace ah::brief {
namespace {

std::vector<core::Paper> read_day(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<core::Paper> papers;
  std::set<std::string> seen;
  auto counts = sources::arxiv::parse_jsonl(
      in, file.filename().string(),
      [&](core::Paper&& p) {
        if (seen.insert(p.arxiv_id).second) papers.push_back(std::move(p));
      },
      [](sources::RecordError&&) {});
  EXPECT_TRUE(counts) << counts.error().message;
  return papers;
}

TEST(AnalysisOnArxiv, Prints) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "arxiv-bulk/daily_arxiv_crawl_2025-03-18.jsonl");
  AH_SHARED_FIXTURE_OR_SKIP(prev, "arxiv-bulk/daily_arxiv_crawl_2025-05-20.jsonl");
  auto papers = read_day(file);
  auto previous = read_day(prev);
  auto start = std::chrono::steady_clock::now();
  Analysis a = analyse(papers, previous);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  std::cout << papers.size() << " papers, " << ms << " ms, k=" << a.chosen_k << " splits "
            << a.splits << " dissolved " << a.dissolved << "\n";
  for (auto [k, s] : a.k_scores) std::cout << "  k=" << k << " " << s << "\n";
  for (const Theme& t : a.themes) {
    std::cout << t.papers.size() << " [" << t.field << "] " << t.label << " | ";
    for (auto& x : t.terms) std::cout << x << "; ";
    std::cout << " coh " << t.coherence << "\n";
    for (std::size_t i = 0; i < 2 && i < t.papers.size(); ++i)
      std::cout << "     " << paper_title(papers[t.papers[i]]) << "\n";
  }
  for (auto& b : a.bridge_papers)
    std::cout << "bridge " << b.theme << "-" << b.other_theme << " " << b.score << " "
              << paper_title(papers[b.paper]) << "\n";
  for (auto& b : a.bridge_terms) {
    std::cout << "bterms " << b.theme << "-" << b.other_theme << " (" << b.papers << "): ";
    for (auto& t : b.terms) std::cout << t << "; ";
    std::cout << "\n";
  }
  for (auto& r : a.rising_terms)
    std::cout << "rising " << r.term << " " << r.now << " vs " << r.before << " z " << r.z << "\n";
  for (auto& r : a.rising_themes)
    std::cout << "rising theme " << r.theme << " " << r.now << " vs " << r.before << " z " << r.z
              << "\n";
  std::cout << "notable " << a.notable.size() << "\n";
}

}  // namespace
}  // namespace ah::brief
namespace ah::brief {
TEST(AnalysisOnArxiv, TimeTerms) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "arxiv-bulk/daily_arxiv_crawl_2025-03-18.jsonl");
  auto papers = read_day(file);
  auto start = std::chrono::steady_clock::now();
  TermTable table;
  std::vector<int> out;
  for (auto& p : papers) {
    table.add_terms(p.title_display, out);
    table.add_terms(p.abstract_display, out);
  }
  auto ms = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  std::cout << out.size() << " terms " << table.size() << " table, " << ms << " us\n";
  start = std::chrono::steady_clock::now();
  Analysis a = analyse(papers, {});
  ms = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                             start)
           .count();
  std::cout << "analyse " << ms << " us\n";
}
}  // namespace ah::brief
