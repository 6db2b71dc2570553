// store_bench: import speed and search latency of the SQLite PaperStore on synthetic papers.
//
// Generates realistic papers in memory (Zipf vocabulary of 50k words, ~10-word titles, 150-200
// word abstracts, 4 authors from a pool of 200k names, 1-3 of ~150 categories, dates growing
// exponentially from 1995 to 2025 like arXiv's), imports them in batches of 10,000 into a fresh
// database (bulk-load mode, full-text index included) and reports records/s (generation time
// excluded), then runs 200 mixed queries at the checkpoints and reports p50/p99 per kind.
//
//   store_bench [--records N] [--checkpoints a,b,...] [--db PATH] [--queries N] [--seed S]
// Defaults: 1,000,000 records, checkpoints at 100,000 and 1,000,000, a temporary database.
#include <fmt/format.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "search/query.h"
#include "store/paper_store.h"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU seconds used by this thread (user + system): on a shared machine, a steadier measure of
// the work than wall time.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Zipf(s = 1) sampler over ranks 0..n-1 by inverse CDF.
class Zipf {
 public:
  explicit Zipf(size_t n, double s = 1.0) : cdf_(n) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) cdf_[i] = sum += 1.0 / std::pow(static_cast<double>(i + 1), s);
    for (double& c : cdf_) c /= sum;
  }
  size_t operator()(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return static_cast<size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
  }

 private:
  std::vector<double> cdf_;
};

class Corpus {
 public:
  explicit Corpus(std::uint64_t seed) : rng_(seed) {
    static const char* kSyllables[] = {"ka",  "lo",  "ren", "mi",  "tra", "son", "ve",
                                       "qua", "dis", "mo",  "ne",  "tur", "pha", "gen",
                                       "ti",  "cal", "ex",  "po",  "ran", "sy",  "lin",
                                       "or",  "am",  "bi",  "dec", "ul",  "fer"};
    std::set<std::string> seen;
    while (vocabulary_.size() < 50000) {
      // Frequent words are short, as in English: 1-2 syllables for the top 500, 2-3 to rank
      // 10,000, then 3-4 (27 syllables give enough distinct words at each length).
      const size_t rank = vocabulary_.size();
      size_t n = 1 + (rank >= 500) + (rank >= 10000) + (rng_() % 2);
      std::string w;
      for (size_t i = 0; i < n; ++i) w += kSyllables[rng_() % std::size(kSyllables)];
      if (seen.insert(w).second) vocabulary_.push_back(w);
    }
    static const char* kFirst[] = {"Wei",   "Ana",  "John",   "Maria", "Li",
                                   "Piotr", "Sara", "Ahmed",  "Yuki",  "Elena",
                                   "David", "Chen", "Fatima", "Lucas", "Olga"};
    for (int i = 0; i < 5000; ++i) {
      std::string last;
      for (int k = 0; k < 2 + i % 2; ++k) last += kSyllables[rng_() % std::size(kSyllables)];
      last[0] = static_cast<char>(std::toupper(last[0]));
      last_names_.push_back(last);
    }
    for (int i = 0; i < 200000; ++i) {
      authors_.push_back(fmt::format("{} {}", kFirst[rng_() % std::size(kFirst)],
                                     last_names_[rng_() % last_names_.size()]));
    }
    const std::pair<const char*, int> kArchives[] = {
        {"cs", 40},  {"math", 32},  {"physics", 22}, {"astro-ph", 6}, {"cond-mat", 9},
        {"stat", 6}, {"q-bio", 10}, {"q-fin", 9},    {"eess", 4},     {"econ", 3},
        {"nlin", 5}, {"hep-th", 0}, {"hep-ph", 0},   {"quant-ph", 0}, {"gr-qc", 0}};
    for (auto [archive, subjects] : kArchives) {
      if (subjects == 0) categories_.push_back(archive);
      for (int s = 0; s < subjects; ++s) {
        categories_.push_back(fmt::format("{}.{}{}", archive, static_cast<char>('A' + s % 26),
                                          static_cast<char>('A' + (s * 7 + 3) % 26)));
      }
    }
  }

  const std::string& word(size_t rank) const { return vocabulary_[rank]; }
  const std::string& category(size_t i) const { return categories_[i % categories_.size()]; }
  const std::string& last_name(size_t i) const { return last_names_[i]; }
  const std::string& author(size_t i) const { return authors_[i]; }

  // Paper number i of n, published in order between 1995 and 2025 (exponential growth).
  ah::core::Paper paper(std::int64_t i, std::int64_t n) {
    ah::core::Paper p;
    const double u = (static_cast<double>(i) + 0.5) / static_cast<double>(n);
    const double g = 3.0;  // ~20x more papers per year at the end than at the start
    const double years = 31.0 * std::log1p(u * std::expm1(g)) / g;
    const int year = 1995 + static_cast<int>(years);
    const double frac = years - std::floor(years);
    const int month = 1 + static_cast<int>(frac * 12);
    const int day = 1 + static_cast<int>((frac * 12 - (month - 1)) * 28);
    auto& seq = month_sequence_[year * 100 + month];
    p.arxiv_id = fmt::format("{:02d}{:02d}.{:05d}", year % 100, month, ++seq);
    p.version = 1 + static_cast<int>(rng_() % 3);
    p.published = fmt::format("{:04d}-{:02d}-{:02d}T12:00:00Z", year, month, day);
    for (int v = 1; v <= p.version; ++v) {
      p.versions.push_back({v, v == 1 ? p.published : "", fmt::format("{}kb", 10 + v)});
    }
    p.title = p.title_display = text(8 + rng_() % 5, 30);
    p.abstract = p.abstract_display = text(150 + rng_() % 51, 0);
    for (int a = 0; a < 4; ++a) p.authors.push_back({author(author_zipf_(rng_)), ""});
    const size_t cats = 1 + rng_() % 3;
    for (size_t c = 0; c < cats; ++c) p.categories.push_back(category(category_zipf_(rng_)));
    p.source = ah::core::source::kArxivSnapshot;
    p.abs_url = "https://arxiv.org/abs/" + p.arxiv_id;
    return p;
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  std::string text(size_t words, size_t skip_top) {
    std::string out;
    for (size_t i = 0; i < words; ++i) {
      size_t r = word_zipf_(rng_);
      if (r < skip_top) r = skip_top + rng_() % 1000;  // titles use few function words
      if (!out.empty()) out += ' ';
      out += vocabulary_[r];
    }
    return out;
  }

  std::mt19937_64 rng_;
  Zipf word_zipf_{50000}, author_zipf_{200000, 0.6}, category_zipf_{150, 1.1};
  std::vector<std::string> vocabulary_, last_names_, authors_, categories_;
  std::map<int, int> month_sequence_;
};

struct Query {
  std::string kind;
  ah::search::SearchRequest request;
  std::string text;  // for the report of the slowest queries
};

std::vector<Query> make_queries(Corpus& corpus, int count) {
  std::vector<Query> out;
  auto& rng = corpus.rng();
  auto pick = [&](size_t lo, size_t hi) { return lo + rng() % (hi - lo); };
  std::string last;
  auto parsed = [&last](const std::string& q) {
    auto r = ah::search::parse_query(q);
    if (!r) {
      fmt::print(stderr, "bad bench query {}: {}\n", q, r.error().message);
      std::exit(1);
    }
    last = q;
    return *r;
  };
  auto add = [&](std::string kind, ah::search::SearchRequest request) {
    out.push_back({std::move(kind), std::move(request), last});
  };
  const int per_kind = std::max(1, count / 8);
  for (int i = 0; i < per_kind; ++i) {
    add("frequent word", parsed(corpus.word(pick(0, 100))));
    add("rare word", parsed(corpus.word(pick(5000, 40000))));
    add("two words", parsed(corpus.word(pick(30, 3000)) + " " + corpus.word(pick(30, 3000))));
    // A phrase taken from a generated abstract, so that it occurs.
    ah::core::Paper sample = corpus.paper(1000, 2000);
    std::vector<std::string> words = ah::search::split_words(sample.abstract);
    size_t at = pick(0, words.size() - 1);
    add("phrase", parsed("\"" + words[at] + " " + words[at + 1] + "\""));
    ah::search::SearchRequest by_author;
    by_author.filters.authors = {corpus.author(pick(0, 2000))};
    last = "authors=" + by_author.filters.authors[0];
    add("author filter", by_author);
    add("category filter",
        parsed("cat:" + corpus.category(pick(0, 40)) + " " + corpus.word(pick(10, 2000))));
    ah::search::SearchRequest dated = parsed(corpus.word(pick(10, 3000)));
    const int year = static_cast<int>(pick(2005, 2025));
    dated.filters.since = std::to_string(year);
    dated.filters.until = std::to_string(year);
    last += " in " + std::to_string(year);
    add("date range", dated);
    add("au: field", parsed("au:" + corpus.last_name(pick(0, 5000))));
  }
  return out;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
  return v[std::min(i, v.size() - 1)];
}

void run_queries(ah::store::PaperStore& store, const std::vector<Query>& queries,
                 const std::string& label) {
  for (size_t i = 0; i < std::min<size_t>(20, queries.size()); ++i) {
    (void)store.search(queries[i].request);  // warm the page cache a little
  }
  std::map<std::string, std::vector<double>> by_kind;
  std::vector<double> all;
  std::vector<std::pair<double, const Query*>> timed;
  int estimated = 0;
  double hits = 0;
  for (const Query& q : queries) {
    auto t = Clock::now();
    auto r = store.search(q.request);
    double ms = seconds_since(t) * 1000;
    if (!r) {
      fmt::print(stderr, "search failed: {}\n", r.error().message);
      std::exit(1);
    }
    estimated += r->total_exact ? 0 : 1;
    hits += static_cast<double>(r->hits.size());
    by_kind[q.kind].push_back(ms);
    all.push_back(ms);
    timed.emplace_back(ms, &q);
  }
  fmt::print(
      "search {}: {} queries, p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms; {} with "
      "estimated totals; {:.1f} hits/query\n",
      label, all.size(), percentile(all, 0.5), percentile(all, 0.99), percentile(all, 1.0),
      estimated, hits / static_cast<double>(all.size()));
  for (const auto& [kind, v] : by_kind) {
    fmt::print("  {:<16} p50 {:7.2f} ms  p99 {:7.2f} ms\n", kind, percentile(v, 0.5),
               percentile(v, 0.99));
  }
  std::sort(timed.begin(), timed.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  fmt::print("  slowest:");
  for (size_t i = 0; i < std::min<size_t>(3, timed.size()); ++i) {
    fmt::print(" [{:.1f} ms {}: {}]", timed[i].first, timed[i].second->kind, timed[i].second->text);
  }
  fmt::print("\n");
}

long peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t records = 1000000;
  std::vector<std::int64_t> checkpoints;
  std::string db_path;
  int query_count = 200;
  std::uint64_t seed = 42;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        fmt::print(stderr, "{} needs a value\n", a);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--records") {
      records = std::stoll(value());
    } else if (a == "--checkpoints") {
      std::string list = value();
      for (size_t p = 0; p < list.size();) {
        size_t comma = list.find(',', p);
        checkpoints.push_back(std::stoll(list.substr(p, comma - p)));
        p = comma == std::string::npos ? list.size() : comma + 1;
      }
    } else if (a == "--db") {
      db_path = value();
    } else if (a == "--queries") {
      query_count = std::stoi(value());
    } else if (a == "--seed") {
      seed = std::stoull(value());
    } else {
      fmt::print(
          "usage: store_bench [--records N] [--checkpoints a,b] [--db PATH] "
          "[--queries N] [--seed S]\n");
      return a == "--help" ? 0 : 2;
    }
  }
  if (checkpoints.empty()) checkpoints = {std::min<std::int64_t>(100000, records), records};
  std::sort(checkpoints.begin(), checkpoints.end());
  checkpoints.erase(std::unique(checkpoints.begin(), checkpoints.end()), checkpoints.end());
  std::filesystem::path temp;
  if (db_path.empty()) {
    temp = std::filesystem::temp_directory_path() / fmt::format("store_bench_{}", ::getpid());
    db_path = (temp / "papers.db").string();
  }
  auto opened = ah::store::open_sqlite(db_path, ah::store::SqliteOptions::bulk_load_mode());
  if (!opened) {
    fmt::print(stderr, "{}\n", opened.error().message);
    return 1;
  }
  auto& store = **opened;
  Corpus corpus(seed);
  const std::vector<Query> queries = make_queries(corpus, query_count);
  fmt::print("store_bench: {} records in batches of 10000 into {}\n", records, db_path);

  constexpr std::int64_t kBatch = 10000;
  double import_seconds = 0, import_cpu = 0;
  std::int64_t done = 0;
  for (std::int64_t checkpoint : checkpoints) {
    const std::int64_t start_done = done;
    const double start_seconds = import_seconds, start_cpu = import_cpu;
    while (done < checkpoint) {
      std::vector<ah::core::Paper> batch;
      const std::int64_t n = std::min(kBatch, checkpoint - done);
      for (std::int64_t i = 0; i < n; ++i) batch.push_back(corpus.paper(done + i, records));
      auto t = Clock::now();
      const double c = cpu_seconds();
      auto r = store.upsert(
          batch, std::vector<ah::store::StateEntry>{{"bench:cursor", std::to_string(done + n)}});
      import_seconds += seconds_since(t);
      import_cpu += cpu_seconds() - c;
      if (!r || r->inserted != n) {
        fmt::print(stderr, "import failed at {}: {}\n", done,
                   r ? fmt::format("{} inserted", r->inserted) : r.error().message);
        return 1;
      }
      done += n;
    }
    fmt::print(
        "import to {}: {:.0f} records/s over the last {} ({:.0f} records/s overall, "
        "{:.1f} s; per CPU second: {:.0f} last, {:.0f} overall)\n",
        done, static_cast<double>(done - start_done) / (import_seconds - start_seconds),
        done - start_done, static_cast<double>(done) / import_seconds, import_seconds,
        static_cast<double>(done - start_done) / (import_cpu - start_cpu),
        static_cast<double>(done) / import_cpu);
    run_queries(store, queries, fmt::format("at {} (before optimize)", done));
    if (checkpoint == checkpoints.back()) {
      auto t = Clock::now();
      if (auto r = store.optimize(); !r) {
        fmt::print(stderr, "optimize failed: {}\n", r.error().message);
        return 1;
      }
      const double optimize_seconds = seconds_since(t);
      fmt::print("optimize: {:.1f} s; import including optimize: {:.0f} records/s\n",
                 optimize_seconds, static_cast<double>(done) / (import_seconds + optimize_seconds));
      run_queries(store, queries, fmt::format("at {} (after optimize)", done));
    }
  }
  auto stats = store.stats();
  if (stats) {
    fmt::print("database: {} papers, {:.0f} MB\n", stats->papers,
               static_cast<double>(stats->database_bytes) / 1e6);
  }
  fmt::print("peak RSS: {} MB\n", peak_rss_mb());
  opened->reset();
  if (!temp.empty()) std::filesystem::remove_all(temp);
  return 0;
}
