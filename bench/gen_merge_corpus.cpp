// gen_merge_corpus: writes a deterministic import input in which a share of the records are other
// records of papers that come before them: later arXiv versions (snapshot lines of a known id
// with one more version) and Crossref works of known arXiv papers (same DOI, a has-preprint
// relation to the arXiv id, or only the same title, authors and year). bench/merge_bench.sh
// imports it with `academichub import`; see bench/README.md ("Merging while importing").
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "corpus/generator.h"
#include "corpus/writers.h"

namespace {

using ah::bench::SyntheticRecord;

// The kinds of duplicate records, in the shares of `--dup-share` they take.
enum class Dup { version, crossref_doi, crossref_relation, crossref_fuzzy };
constexpr double kShares[] = {0.40, 0.30, 0.20, 0.10};

struct Options {
  std::int64_t records = 1'000'000;  // all records written, new papers and duplicates
  double dup_share = 0.20;
  std::int64_t chunk = 50'000;  // records per part (its papers, then their duplicates)
  std::uint64_t seed = 42;
  std::string out;
};

bool write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    fmt::print(stderr, "gen_merge_corpus: cannot create {}\n", path.string());
    return false;
  }
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

void append_json_string(std::string_view s, std::string& out) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// Hard-wrapped arXiv text ("..\n  ..") as one line.
std::string one_line(std::string_view s) {
  std::string out;
  bool blank = true;
  for (const char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (space && !blank) out += ' ';
    if (!space) out += c;
    blank = space;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string date_parts(std::int64_t unix_seconds) {
  using namespace std::chrono;
  const year_month_day d{floor<days>(sys_seconds{seconds{unix_seconds}})};
  return fmt::format("{{\"date-parts\": [[{}, {}, {}]]}}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

// A Crossref journal article of `r`: its DOI (or `own_doi`), and a has-preprint relation to the
// arXiv id when `relation` is set. Published 2-10 months after v1, within the fuzzy match's year.
void append_crossref_work(const SyntheticRecord& r, const std::string& doi, bool relation,
                          std::int64_t serial, std::string& out) {
  const std::int64_t published = r.versions.front() + (60 + serial % 240) * 86400;
  out += "{\"DOI\": ";
  append_json_string(doi, out);
  out += ", \"type\": \"journal-article\", \"title\": [";
  append_json_string(one_line(r.title), out);
  out += "], \"author\": [";
  for (size_t i = 0; i < r.authors.size(); ++i) {
    const auto& a = r.authors[i];
    out += i ? ", {\"given\": " : "{\"given\": ";
    append_json_string(a.forenames_utf8, out);
    out += ", \"family\": ";
    append_json_string(a.keyname_utf8, out);
    if (!a.suffix.empty()) {  // Crossref keeps "Jr.", "II" apart, as arXiv's authors_parsed does
      out += ", \"suffix\": ";
      append_json_string(a.suffix, out);
    }
    out += i ? ", \"sequence\": \"additional\"}" : ", \"sequence\": \"first\"}";
  }
  out += "], \"abstract\": ";
  append_json_string("<jats:p>" + one_line(r.abstract) + "</jats:p>", out);
  out += fmt::format(
      ", \"container-title\": [\"Journal of Synthetic Results\"], \"short-container-title\": "
      "[\"J. Synth. Res.\"], \"publisher\": \"Bench Press\", \"volume\": \"{}\", \"page\": "
      "\"{}-{}\", \"ISSN\": [\"1234-5678\"], \"published-print\": {}, \"issued\": {}, "
      "\"deposited\": {{\"date-time\": \"2026-01-01T00:00:00Z\"}}",
      1 + serial % 60, 1 + serial % 900, 12 + serial % 900, date_parts(published),
      date_parts(published));
  if (relation) {
    out += ", \"relation\": {\"has-preprint\": [{\"id-type\": \"arxiv\", \"id\": ";
    append_json_string(r.id, out);
    out += ", \"asserted-by\": \"subject\"}]}";
  }
  out += '}';
}

struct Totals {
  std::int64_t papers = 0, records = 0, files = 0;
  std::int64_t dups[4] = {};
};

int run(const Options& o) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) {
    fmt::print(stderr, "gen_merge_corpus: cannot create {}: {}\n", o.out, ec.message());
    return 1;
  }
  const std::int64_t new_papers =
      static_cast<std::int64_t>(static_cast<double>(o.records) * (1.0 - o.dup_share) + 0.5);
  ah::bench::CorpusGenerator generator({.seed = o.seed, .records = new_papers});
  std::mt19937_64 rng(o.seed ^ 0x6d657267u);
  const std::int64_t chunk_papers = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(static_cast<double>(o.chunk) * (1.0 - o.dup_share) + 0.5));
  Totals t;
  std::string manifest;  // one line per duplicate: kind, arXiv id
  std::vector<SyntheticRecord> part;
  for (int number = 1; t.papers < new_papers; ++number) {
    part.clear();
    SyntheticRecord r;
    while (static_cast<std::int64_t>(part.size()) < chunk_papers && generator.next(r)) {
      part.push_back(r);
    }
    t.papers += static_cast<std::int64_t>(part.size());
    std::string jsonl;
    for (const SyntheticRecord& p : part) ah::bench::append_snapshot_line(p, jsonl);

    // Duplicates of this part's papers, each of a different paper; DOI matches first take papers
    // that have a DOI. The records so far fix the count, so rounding never accumulates.
    const std::int64_t want_records = std::min<std::int64_t>(
        o.records,
        static_cast<std::int64_t>(static_cast<double>(t.papers) / (1.0 - o.dup_share) + 0.5));
    const std::int64_t dups = std::min<std::int64_t>(
        std::max<std::int64_t>(0,
                               want_records - t.records - static_cast<std::int64_t>(part.size())),
        static_cast<std::int64_t>(part.size()));
    std::vector<size_t> order(part.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::shuffle(order.begin(), order.end(), rng);
    std::stable_partition(order.begin(), order.end(),
                          [&](size_t i) { return !part[i].doi.empty(); });
    std::int64_t with_doi = std::count_if(part.begin(), part.end(),
                                          [](const SyntheticRecord& p) { return !p.doi.empty(); });
    std::int64_t counts[4];
    std::int64_t left = dups;
    for (int k = 0; k < 4; ++k) {
      counts[k] = k == 3 ? left : static_cast<std::int64_t>(static_cast<double>(dups) * kShares[k]);
      left -= counts[k];
    }
    counts[1] = std::min(counts[1], with_doi);
    counts[0] = dups - counts[1] - counts[2] - counts[3];
    // DOI matches use the front (papers with DOIs); the other kinds take from the back.
    size_t front = 0, back = order.size();
    std::string works;
    std::int64_t works_in_page = 0;
    int page = 0;
    auto flush_page = [&]() -> bool {
      if (works_in_page == 0) return true;
      ++page;
      const std::string doc = fmt::format(
          "{{\"status\": \"ok\", \"message-type\": \"work-list\", \"message-version\": \"1.0.0\", "
          "\"message\": {{\"items-per-page\": 1000, \"total-results\": {}, \"items\": [{}]}}}}\n",
          works_in_page, works);
      works.clear();
      works_in_page = 0;
      ++t.files;
      return write_file(
          fs::path(o.out) / fmt::format("part-{:04}-b-crossref-{:03}.json", number, page), doc);
    };
    for (int k = 0; k < 4; ++k) {
      for (std::int64_t n = 0; n < counts[k]; ++n) {
        const SyntheticRecord& p = part[k == 1 ? order[front++] : order[--back]];
        const std::int64_t serial = t.records + static_cast<std::int64_t>(part.size()) + t.dups[0] +
                                    t.dups[1] + t.dups[2] + t.dups[3];
        ++t.dups[k];
        const Dup kind = static_cast<Dup>(k);
        static constexpr const char* kNames[] = {"version", "crossref-doi", "crossref-relation",
                                                 "crossref-fuzzy"};
        manifest += fmt::format("{} {}\n", kNames[k], p.id);
        if (kind == Dup::version) {
          SyntheticRecord v = p;
          v.versions.push_back(std::max(v.updated, v.versions.back()) + 45 * 86400);
          v.updated = v.versions.back();
          v.comments = fmt::format("v{}: revised, {} pages", v.versions.size(), 10 + serial % 30);
          v.abstract += "  This version corrects the proofs and adds experiments.\n";
          ah::bench::append_snapshot_line(v, jsonl);
          continue;
        }
        const std::string doi =
            kind == Dup::crossref_doi ? p.doi : fmt::format("10.99999/jsr.{}", serial);
        if (works_in_page) works += ", ";
        append_crossref_work(p, doi, kind == Dup::crossref_relation, serial, works);
        if (++works_in_page == 1000 && !flush_page()) return 1;
      }
    }
    if (!flush_page()) return 1;
    ++t.files;
    if (!write_file(fs::path(o.out) / fmt::format("part-{:04}-a-arxiv.jsonl", number), jsonl)) {
      return 1;
    }
    t.records += static_cast<std::int64_t>(part.size()) + dups;
  }
  // Hidden, so `academichub import DIR` does not read it.
  const std::string head = fmt::format(
      "# papers {} records {} version {} crossref-doi {} crossref-relation {} crossref-fuzzy {}\n",
      t.papers, t.records, t.dups[0], t.dups[1], t.dups[2], t.dups[3]);
  if (!write_file(fs::path(o.out) / ".manifest", head + manifest)) return 1;
  fmt::print(
      "{} records in {} files: {} papers; duplicates: {} versions, {} Crossref by DOI, {} "
      "by relation, {} by title\n",
      t.records, t.files, t.papers, t.dups[0], t.dups[1], t.dups[2], t.dups[3]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"Writes an import input of new arXiv papers and other records of them"};
  app.add_option("--records", o.records, "records in all, new papers and duplicates")
      ->check(CLI::Range(std::int64_t{1}, ah::bench::kMaxRecords));
  app.add_option("--dup-share", o.dup_share, "share of records that are duplicates (0 .. 0.5)")
      ->check(CLI::Range(0.0, 0.5));
  app.add_option("--chunk", o.chunk, "records per part: its papers, then their duplicates")
      ->check(CLI::Range(std::int64_t{10}, std::int64_t{10'000'000}));
  app.add_option("--seed", o.seed, "same seed and sizes give the same files");
  app.add_option("--out", o.out, "directory to write (created)")->required();
  CLI11_PARSE(app, argc, argv);
  const auto start = std::chrono::steady_clock::now();
  const int rc = run(o);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (rc == 0) fmt::print("written in {:.1f} s\n", s);
  return rc;
}
