// The radar's quality on real arXiv days (bench/README.md, "Radar quality"): for each author with
// at least two papers on earlier days and one on a later day, a radar seeded with only their
// earlier papers (no followed author) ranks the later day's papers; the author's papers that day
// are the relevant ones. Prints nDCG@10 and recall@20 per method and writes each method's top 20
// per query (--out), so report.py scores the peer (peer.py) and this tool's methods alike. --export writes
// the same papers and queries for the peer.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <regex>
#include <set>

#include "radar/feature_index.h"
#include "radar/radar.h"
#include "radar/ranker.h"
#include "sources/arxiv/jsonl_parser.h"

namespace fs = std::filesystem;
using namespace ah;
using namespace ah::radar;

namespace {

struct Day {
  std::string date;
  std::vector<std::size_t> papers;  // indexes into the corpus
};

struct Query {
  std::string day, author;
  std::vector<std::size_t> seeds, relevant;
  bool report = false;
};

// Development days tune, report days report (bench/README.md): every other day that has
// queries, so both halves span the whole period and each has its share of the busy later days.
bool is_report_day(std::size_t position_among_query_days) { return position_among_query_days % 2; }

double ndcg_at(const std::vector<std::string>& ranked, const std::set<std::string>& relevant,
               std::size_t k) {
  double dcg = 0, ideal = 0;
  for (std::size_t i = 0; i < std::min(k, ranked.size()); ++i) {
    if (relevant.contains(ranked[i])) dcg += 1.0 / std::log2(static_cast<double>(i) + 2);
  }
  for (std::size_t i = 0; i < std::min(k, relevant.size()); ++i) {
    ideal += 1.0 / std::log2(static_cast<double>(i) + 2);
  }
  return ideal > 0 ? dcg / ideal : 0;
}

double recall_at(const std::vector<std::string>& ranked, const std::set<std::string>& relevant,
                 std::size_t k) {
  std::size_t hit = 0;
  for (std::size_t i = 0; i < std::min(k, ranked.size()); ++i) hit += relevant.contains(ranked[i]);
  return relevant.empty() ? 0 : static_cast<double>(hit) / static_cast<double>(relevant.size());
}

void apply(RadarOptions& ro, IndexOptions& io, const std::string& kv) {
  const auto eq = kv.find('=');
  if (eq == std::string::npos) throw std::runtime_error("--set wants key=value: " + kv);
  const auto key = kv.substr(0, eq);
  const double v = std::stod(kv.substr(eq + 1));
  std::map<std::string, double*> doubles = {
      {"w.taste", &ro.weights.taste},     {"w.semantic", &ro.weights.semantic},
      {"w.bm25", &ro.weights.bm25},       {"w.authors", &ro.weights.authors},
      {"w.priors", &ro.weights.priors},   {"w.recency", &ro.weights.recency},
      {"taste.c", &ro.taste.c},           {"authors.saturation", &ro.authors.saturation},
      {"bm25.half", &ro.bm25.half_score}, {"vectors.sif_a", &io.vectors.sif_a},
      {"semantic.lexical", &ro.semantic.lexical_share},
  };
  if (auto it = doubles.find(key); it != doubles.end()) {
    *it->second = v;
  } else if (key == "taste.background") {
    ro.taste.background = static_cast<std::size_t>(v);
  } else if (key == "taste.down_copies") {
    ro.taste.down_vote_copies = static_cast<int>(v);
  } else if (key == "title_weight") {
    io.title_weight = static_cast<int>(v);
  } else if (key == "phrase_min_df") {
    io.phrase_min_df = static_cast<int>(v);
  } else if (key == "vectors.dim") {
    io.vectors.dim = static_cast<int>(v);
  } else if (key == "vectors.epochs") {
    io.vectors.epochs = static_cast<int>(v);
  } else if (key == "vectors.min_count") {
    io.vectors.min_count = static_cast<int>(v);
  } else if (key == "vectors.enabled") {
    io.vectors.enabled = v != 0;
  } else if (key == "semantic.max") {
    ro.semantic.mode = v != 0 ? SemanticMode::max : SemanticMode::centroid;
  } else {
    throw std::runtime_error("unknown --set key: " + key);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"radar_eval: the radar's ranking quality on real arXiv days"};
  std::string data_dir = "../shared/fixtures/arxiv-bulk";
  std::string split = "dev";
  std::string out_dir;
  std::string export_dir;
  bool content_only = false;
  std::vector<std::string> sets;
  std::string methods = "radar,id,bm25_titles";
  std::vector<std::string> grid;
  app.add_option("--data", data_dir, "folder of daily crawl files (daily_*_YYYY-MM-DD.jsonl)");
  app.add_option("--split", split, "dev, report or all: which target days to rank");
  app.add_flag("--content-only", content_only, "replace every author list by one placeholder");
  app.add_option("--out", out_dir, "write <method>.tsv rankings here");
  app.add_option("--export", export_dir, "write papers.jsonl and queries.jsonl for the peer");
  app.add_option("--set", sets, "option=value (w.taste, taste.c, title_weight, ...)");
  app.add_option("--methods", methods,
                 "comma-separated: radar, id, bm25_titles, ablation (radar without each signal), "
                 "single (each signal alone)");
  app.add_option("--grid", grid,
                 "a radar variant to run beside the others: key=value,key=value (any --set key "
                 "but index ones); its method name is the text itself");
  CLI11_PARSE(app, argc, argv);

  RadarOptions ro;
  IndexOptions io;
  io.vectors.threads = 1;
  for (const auto& kv : sets) apply(ro, io, kv);

  // Load every day, each paper once (the crawl repeats some records within a day).
  std::vector<core::Paper> corpus;
  std::vector<std::string> paper_day;
  std::vector<Day> days;
  std::vector<fs::path> files;
  const std::regex day_re(R"((\d{4}-\d\d-\d\d)\.jsonl$)");
  for (const auto& e : fs::directory_iterator(data_dir)) {
    const auto name = e.path().filename().string();
    if (name.starts_with("daily") && std::regex_search(name, day_re)) files.push_back(e.path());
  }
  std::ranges::sort(files);
  std::set<std::string> seen_ids;
  for (const auto& f : files) {
    std::smatch m;
    const auto name = f.filename().string();
    std::regex_search(name, m, day_re);
    Day day{m[1].str(), {}};
    std::ifstream in(f, std::ios::binary);
    auto r = sources::arxiv::parse_jsonl(
        in, name,
        [&](core::Paper&& p) {
          if (!seen_ids.insert(p.arxiv_id).second) return;
          day.papers.push_back(corpus.size());
          paper_day.push_back(day.date);
          corpus.push_back(std::move(p));
        },
        [](sources::RecordError&&) {});
    if (!r) {
      fmt::print(stderr, "{}: {}\n", f.string(), r.error().message);
      return 1;
    }
    days.push_back(std::move(day));
  }

  // Queries, from the authors as they are.
  std::vector<Query> queries;
  std::size_t query_day = 0;
  for (std::size_t d = 1; d < days.size(); ++d) {
    std::map<std::string, std::vector<std::size_t>> earlier, today;
    for (std::size_t e = 0; e < d; ++e) {
      for (auto i : days[e].papers) {
        std::set<std::string> names;
        for (const auto& a : corpus[i].authors) names.insert(a.name);
        for (const auto& n : names) earlier[n].push_back(i);
      }
    }
    for (auto i : days[d].papers) {
      std::set<std::string> names;
      for (const auto& a : corpus[i].authors) names.insert(a.name);
      for (const auto& n : names) today[n].push_back(i);
    }
    const std::size_t before = queries.size();
    for (const auto& [name, papers] : today) {
      auto it = earlier.find(name);
      if (it == earlier.end() || it->second.size() < 2) continue;
      queries.push_back({days[d].date, name, it->second, papers, false});
    }
    if (queries.size() > before) {
      const bool report = is_report_day(query_day++);
      for (auto q = before; q < queries.size(); ++q) queries[q].report = report;
    }
  }
  if (content_only) {
    for (auto& p : corpus) p.authors = {core::Author{"Anonymous"}};
  }

  if (!export_dir.empty()) {
    fs::create_directories(export_dir);
    std::ofstream papers(fs::path(export_dir) / "papers.jsonl");
    for (std::size_t i = 0; i < corpus.size(); ++i) {
      nlohmann::json authors = nlohmann::json::array();
      for (const auto& a : corpus[i].authors) authors.push_back(a.name);
      papers << nlohmann::json{{"id", corpus[i].arxiv_id},
                               {"day", paper_day[i]},
                               {"title", corpus[i].title_display},
                               {"abstract", corpus[i].abstract_display},
                               {"authors", authors}}
                    .dump()
             << '\n';
    }
    std::ofstream qs(fs::path(export_dir) / "queries.jsonl");
    for (const auto& q : queries) {
      nlohmann::json seeds = nlohmann::json::array(), rel = nlohmann::json::array();
      for (auto i : q.seeds) seeds.push_back(corpus[i].arxiv_id);
      for (auto i : q.relevant) rel.push_back(corpus[i].arxiv_id);
      qs << nlohmann::json{{"qid", q.day + "|" + q.author}, {"day", q.day},
                           {"split", q.report ? "report" : "dev"}, {"seeds", seeds},
                           {"relevant", rel}}
                .dump()
         << '\n';
    }
  }

  // Methods: each a way to rank one query's candidates.
  // (name, options): every method is a radar with its own options; those that differ only in
  // weights share one trained radar.
  std::vector<std::pair<std::string, RadarOptions>> radar_methods;
  std::set<std::string> wanted;
  for (std::size_t at = 0; at <= methods.size();) {
    auto comma = methods.find(',', at);
    if (comma == std::string::npos) comma = methods.size();
    wanted.insert(methods.substr(at, comma - at));
    at = comma + 1;
  }
  if (wanted.contains("radar")) radar_methods.emplace_back("radar", ro);
  const std::vector<std::pair<std::string, double SignalWeights::*>> signals = {
      {"taste", &SignalWeights::taste},     {"semantic", &SignalWeights::semantic},
      {"authors", &SignalWeights::authors}, {"priors", &SignalWeights::priors},
      {"bm25", &SignalWeights::bm25},       {"recency", &SignalWeights::recency}};
  if (wanted.contains("ablation")) {
    for (const auto& [name, member] : signals) {
      RadarOptions o = ro;
      o.weights.*member = 0;
      radar_methods.emplace_back("without_" + name, o);
    }
  }
  if (wanted.contains("single")) {
    for (const auto& [name, member] : signals) {
      RadarOptions o = ro;
      o.weights = SignalWeights{0, 0, 0, 0, 0, 0};
      o.weights.*member = 1;
      radar_methods.emplace_back("only_" + name, o);
    }
  }
  for (const auto& g : grid) {
    RadarOptions o = ro;
    IndexOptions ignored = io;
    for (std::size_t at = 0; at <= g.size();) {
      auto comma = g.find(',', at);
      if (comma == std::string::npos) comma = g.size();
      apply(o, ignored, g.substr(at, comma - at));
      at = comma + 1;
    }
    radar_methods.emplace_back(g, o);
  }
  std::map<std::string, std::vector<std::pair<std::string, std::vector<std::string>>>> rankings;
  std::map<std::string, std::pair<double, double>> sums;
  std::size_t n_queries = 0;
  double build_seconds = 0, rank_seconds = 0;

  for (const auto& day : days) {
    std::vector<const Query*> todays;
    for (const auto& q : queries) {
      const bool take = split == "all" || (split == "report") == q.report;
      if (q.day == day.date && take) todays.push_back(&q);
    }
    if (todays.empty()) continue;
    std::vector<core::Paper> papers;
    std::vector<PaperId> ids;
    for (std::size_t i = 0; i < corpus.size(); ++i) {
      if (paper_day[i] <= day.date) {
        papers.push_back(corpus[i]);
        ids.push_back(static_cast<PaperId>(i));
      }
    }
    const auto t0 = std::chrono::steady_clock::now();
    auto index = FeatureIndex::build({ids, papers}, io);
    if (!index) {
      fmt::print(stderr, "index: {}\n", index.error().message);
      return 1;
    }
    build_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::vector<Row> candidates;
    std::vector<std::size_t> by_id = day.papers;
    std::ranges::sort(by_id, [&](auto a, auto b) { return corpus[a].arxiv_id < corpus[b].arxiv_id; });
    for (auto i : by_id) candidates.push_back(*index->row(static_cast<PaperId>(i)));
    for (const Query* q : todays) {
      const auto qid = q->day + "|" + q->author;
      std::set<std::string> relevant;
      for (auto i : q->relevant) relevant.insert(corpus[i].arxiv_id);
      auto record = [&](const std::string& method, std::vector<std::string> ranked) {
        auto& s = sums[method];
        s.first += ndcg_at(ranked, relevant, 10);
        s.second += recall_at(ranked, relevant, 20);
        rankings[method].emplace_back(qid, std::move(ranked));
      };
      ++n_queries;
      if (wanted.contains("id")) {
        std::vector<std::string> ranked;
        for (std::size_t k = 0; k < by_id.size() && k < 20; ++k) ranked.push_back(corpus[by_id[k]].arxiv_id);
        record("id", ranked);
      }
      RadarProfile profile;
      for (auto i : q->seeds) profile.seeds.push_back(static_cast<PaperId>(i));
      if (wanted.contains("bm25_titles")) {
        std::string titles;
        for (auto i : q->seeds) titles += corpus[i].title_display + "\n";
        const auto bm25 = Bm25Signal::prepare(*index, titles, {}, ro.bm25);
        std::vector<std::pair<float, std::size_t>> scored;
        for (std::size_t k = 0; k < candidates.size(); ++k) {
          scored.emplace_back(-bm25.score(*index, candidates[k]), k);
        }
        std::ranges::sort(scored);
        std::vector<std::string> ranked;
        for (std::size_t k = 0; k < scored.size() && k < 20; ++k) {
          ranked.push_back(corpus[by_id[scored[k].second]].arxiv_id);
        }
        record("bm25_titles", ranked);
      }
      if (radar_methods.empty()) continue;
      const auto t1 = std::chrono::steady_clock::now();
      std::optional<Radar> radar;
      RadarOptions trained;
      for (const auto& [method, options] : radar_methods) {
        auto same_training = [](const RadarOptions& a, const RadarOptions& b) {
          return a.taste.c == b.taste.c && a.taste.background == b.taste.background &&
                 a.taste.down_vote_copies == b.taste.down_vote_copies &&
                 a.semantic.mode == b.semantic.mode &&
                 a.semantic.lexical_share == b.semantic.lexical_share;
        };
        if (!radar || !same_training(trained, options)) {
          auto r = Radar::create(*index, profile, options);
          if (!r) {
            fmt::print(stderr, "radar: {}\n", r.error().message);
            return 1;
          }
          radar = std::move(*r);
          trained = options;
        }
        // Only weights and training options vary per method; the rest is the first method's.
        const SignalWeights weights = options.weights;
        RankRequest request;
        request.rows = candidates;
        request.use_rows = true;
        request.limit = 20;
        request.explain = false;
        request.weights = weights;
        auto ranked = rank(*index, *radar, request);
        std::vector<std::string> top;
        for (const auto& p : *ranked) top.push_back(corpus[static_cast<std::size_t>(p.id)].arxiv_id);
        record(method, top);
      }
      rank_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    }
    fmt::print(stderr, "{}: {} queries, {} papers indexed\n", day.date, todays.size(), ids.size());
  }

  nlohmann::json result = {{"split", split},
                           {"content_only", content_only},
                           {"queries", n_queries},
                           {"index_build_s", build_seconds},
                           {"radar_s", rank_seconds},
                           {"settings", sets}};
  for (const auto& [method, s] : sums) {
    result["methods"][method] = {{"ndcg10", s.first / std::max<std::size_t>(1, n_queries)},
                                 {"recall20", s.second / std::max<std::size_t>(1, n_queries)}};
  }
  fmt::print("{}\n", result.dump());
  if (!out_dir.empty()) {
    fs::create_directories(out_dir);
    for (const auto& [method, list] : rankings) {
      std::ofstream f(fs::path(out_dir) / (method + ".tsv"));
      for (const auto& [qid, ranked] : list) {
        f << qid;
        for (const auto& id : ranked) f << '\t' << id;
        f << '\n';
      }
    }
  }
  return 0;
}
