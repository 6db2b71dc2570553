#include "corpus/content.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "corpus/calendar.h"
#include "corpus/tables.h"
#include "corpus/wrap.h"

namespace ah::bench {
namespace {

// Widths of arXiv's wrapped fields: 80 columns less the "Title: " / "Authors: " / "Comments: "
// label of the abs page they come from (compare the Kaggle snapshot).
constexpr std::size_t kTitleWidth = 72;
constexpr std::size_t kAbstractWidth = 80;
constexpr std::size_t kAuthorsWidth = 71;

template <typename T>
const T& pick(Rng& rng, std::span<const T> items) {
  return items[rng.below(items.size())];
}

void append_capitalized(std::string& out, std::string_view w) {
  const std::size_t at = out.size();
  out += w;
  if (out[at] >= 'a' && out[at] <= 'z') out[at] = static_cast<char>(out[at] - 'a' + 'A');
}

// Number of authors: most papers have 1-6, with a geometric tail to 30.
std::vector<double> author_count_weights() {
  std::vector<double> w = {0, 14, 20, 19, 14, 9.5, 6.5, 4.5, 3.2, 2.3, 1.7};
  for (int n = 11; n <= 30; ++n) w.push_back(1.7 * std::pow(0.8, n - 10));
  return w;
}

std::vector<double> surname_weights() {
  std::vector<double> w;
  for (std::size_t i = 0; i < surnames().size(); ++i) {
    w.push_back(std::pow(static_cast<double>(i + 1), -0.5));
  }
  return w;
}

std::vector<double> category_weights() {
  std::vector<double> w;
  for (const Category& c : categories()) w.push_back(c.weight);
  return w;
}

}  // namespace

ContentGenerator::ContentGenerator(const Vocabulary& vocabulary, Rng& rng)
    : vocabulary_(vocabulary),
      rng_(rng),
      category_table_(category_weights()),
      author_count_table_(author_count_weights()),
      surname_table_(surname_weights()) {}

void ContentGenerator::fill(SyntheticRecord& record, std::string_view archive) {
  const int year = civil_from_days(record.versions.front() / 86400).year;
  fill_title(record.title);
  fill_abstract(record.abstract);
  fill_authors(record);
  fill_categories(record, archive, year);
  fill_references(record, year);
}

void ContentGenerator::fill_title(std::string& out) {
  out.clear();
  const int n = static_cast<int>(std::lround(rng_.normal_clamped(11, 3.5, 6, 20)));
  const bool title_case = rng_.chance(0.25);
  const int colon_at = rng_.chance(0.12) ? static_cast<int>(rng_.between(2, 4)) : -1;
  LineWrapper wrap(out, kTitleWidth, "\n  ");
  std::string w;
  for (int i = 0; i < n; ++i) {
    w.clear();
    if (i > 0 && rng_.chance(0.03)) {
      w = pick(rng_, math_snippets());
    } else if (i == 0 || title_case) {
      const std::string_view base = vocabulary_.sample_content(rng_);
      if (i == 0 || base.size() > 3) {
        append_capitalized(w, base);
      } else {
        w = base;
      }
    } else {
      w = vocabulary_.sample_content(rng_);
    }
    if (i == colon_at) w += ':';
    wrap.word(w);
  }
}

void ContentGenerator::fill_abstract(std::string& out) {
  out.assign("  ");
  const int words = static_cast<int>(std::lround(rng_.normal_clamped(150, 50, 80, 300)));
  int math_left = rng_.chance(0.35) ? static_cast<int>(rng_.between(1, 4)) : 0;
  const int paragraph_at = rng_.chance(0.12) ? words / 2 : -1;
  const bool markup = rng_.chance(0.03);
  LineWrapper wrap(out, kAbstractWidth, "\n", 2);
  std::string w;
  std::size_t previous = 0;
  bool content_word = false;
  int written = 0;
  bool paragraph_pending = false;
  while (written < words) {
    const int sentence = static_cast<int>(std::lround(rng_.normal_clamped(20, 7, 6, 40)));
    for (int i = 0; i < sentence && written < words; ++i, ++written) {
      w.clear();
      content_word = false;
      if (i > 0 && math_left > 0 && rng_.chance(0.08)) {
        w = pick(rng_, math_snippets());
        --math_left;
      } else {
        std::size_t rank = vocabulary_.sample_rank(rng_);
        if (rank == previous) rank = vocabulary_.sample_rank(rng_);
        previous = rank;
        content_word = !vocabulary_.is_function_word(rank);
        const std::string_view base = vocabulary_.word(rank);
        if (i == 0) {
          append_capitalized(w, base);
        } else if (markup && rng_.chance(0.02)) {
          w = fmt::format("{{\\it {}}}", base);
        } else if (rng_.chance(0.002)) {
          w = fmt::format("\"{}\"", base);
        } else if (rng_.chance(0.0005)) {
          w = fmt::format("{} & {}", base, vocabulary_.sample(rng_));
        } else {
          w = base;
        }
      }
      // Punctuation belongs to its word, so that wrapping keeps lines within the width.
      if (i + 1 == sentence || written + 1 == words) {
        w += '.';
      } else if (content_word && rng_.chance(0.08)) {
        w += ',';
      }
      wrap.word(w);
    }
    if (paragraph_at >= 0 && written >= paragraph_at && !paragraph_pending && written < words) {
      paragraph_pending = true;
      wrap.new_line("  ");
    }
  }
  out += '\n';
}

void ContentGenerator::fill_authors(SyntheticRecord& record) {
  const std::size_t n = author_count_table_.sample(rng_);
  record.authors.resize(n);
  const bool with_affiliations = rng_.chance(0.06);
  std::string_view affiliation = pick(rng_, affiliations());
  for (SyntheticAuthor& a : record.authors) {
    if (rng_.chance(0.75)) {
      const Name& s = surnames()[surname_table_.sample(rng_)];
      a.keyname = s.latex;
      a.keyname_utf8 = s.utf8;
    } else {
      // A rarer, synthetic surname, so that author names have a long tail too.
      a.keyname.clear();
      append_capitalized(
          a.keyname, vocabulary_.word(vocabulary_.head_size() +
                                      rng_.below(vocabulary_.size() - vocabulary_.head_size())));
      a.keyname_utf8 = a.keyname;
    }
    const Name& f = pick(rng_, first_names());
    const bool ascii_initial = f.latex[0] >= 'A' && f.latex[0] <= 'Z';
    if (ascii_initial && rng_.chance(0.35)) {
      a.forenames.assign(1, f.latex[0]);
      a.forenames += '.';
      if (rng_.chance(0.3)) {
        a.forenames += ' ';
        a.forenames += static_cast<char>('A' + rng_.below(26));
        a.forenames += '.';
      }
      a.forenames_utf8 = a.forenames;
    } else {
      a.forenames = f.latex;
      a.forenames_utf8 = f.utf8;
      if (rng_.chance(0.25)) {
        const char middle[] = {' ', static_cast<char>('A' + rng_.below(26)), '.', '\0'};
        a.forenames += middle;
        a.forenames_utf8 += middle;
      }
    }
    a.suffix.clear();
    if (rng_.chance(0.005)) a.suffix = rng_.chance(0.5) ? "Jr." : "II";
    a.affiliation.clear();
    if (with_affiliations) {
      if (rng_.chance(0.4)) affiliation = pick(rng_, affiliations());
      a.affiliation = affiliation;
    }
  }
  // The raw list as the snapshot gives it: "A, B and C" or "A, B, C", wrapped like a title.
  const bool with_and = rng_.chance(0.6);
  record.authors_raw.clear();
  LineWrapper wrap(record.authors_raw, kAuthorsWidth, "\n  ");
  std::string piece;
  for (std::size_t i = 0; i < n; ++i) {
    const SyntheticAuthor& a = record.authors[i];
    if (i > 0 && with_and && i + 1 == n) wrap.word("and");
    // Wrapping works on blank-separated words, as arXiv's does.
    std::string_view rest;
    piece = a.forenames;
    if (!piece.empty()) piece += ' ';
    piece += a.keyname;
    if (!a.suffix.empty()) (piece += ' ') += a.suffix;
    if (!a.affiliation.empty()) (((piece += " (") += a.affiliation) += ')');
    if (i + 1 < n && !(with_and && i + 2 == n)) piece += ',';
    rest = piece;
    while (!rest.empty()) {
      const std::size_t blank = rest.find(' ');
      wrap.word(rest.substr(0, blank));
      rest = blank == std::string_view::npos ? std::string_view() : rest.substr(blank + 1);
    }
  }

  const SyntheticAuthor& s =
      rng_.chance(0.6) ? record.authors.front() : record.authors[rng_.below(n)];
  record.submitter = s.forenames_utf8;
  if (!record.submitter.empty()) record.submitter += ' ';
  record.submitter += s.keyname_utf8;
}

void ContentGenerator::fill_categories(SyntheticRecord& record, std::string_view archive,
                                       int year) {
  record.categories.clear();
  const auto all = categories();
  std::string_view primary;
  if (archive.empty()) {
    primary = all[category_table_.sample(rng_)].name;
  } else if (std::any_of(all.begin(), all.end(),
                         [&](const Category& c) { return c.name == archive; })) {
    primary = archive;  // hep-th, gr-qc, quant-ph, ...: the archive is the category
  } else {
    // Rejection sampling within the archive: every old-style archive has several categories.
    for (int tries = 0; tries < 10000 && primary.empty(); ++tries) {
      const std::string_view c = all[category_table_.sample(rng_)].name;
      if (archive_of(c) == archive) primary = c;
    }
    if (primary.empty()) primary = archive;
  }
  if (year < 2009 && archive_of(primary) == "astro-ph") primary = "astro-ph";
  record.categories.push_back(primary);

  static constexpr std::array<double, 4> kExtraShare = {0.45, 0.33, 0.16, 0.06};
  double u = rng_.unit();
  std::size_t extras = 0;
  while (extras + 1 < kExtraShare.size() && u >= kExtraShare[extras]) u -= kExtraShare[extras++];
  for (std::size_t tries = 0; record.categories.size() < 1 + extras && tries < 50; ++tries) {
    const std::string_view c = all[category_table_.sample(rng_)].name;
    // Cross-lists mostly stay within the primary's archive.
    if (archive_of(c) != archive_of(primary) && rng_.chance(0.6)) continue;
    if (std::find(record.categories.begin(), record.categories.end(), c) !=
        record.categories.end()) {
      continue;
    }
    record.categories.push_back(c);
  }
}

void ContentGenerator::fill_references(SyntheticRecord& record, int year) {
  auto& r = rng_;
  record.comments.clear();
  if (r.chance(0.85)) {
    const int pages = static_cast<int>(r.between(4, 45));
    const int figures = static_cast<int>(r.between(1, 20));
    auto out = std::back_inserter(record.comments);
    switch (r.below(8)) {
      case 0:
        fmt::format_to(out, "{} pages, {} figures", pages, figures);
        break;
      case 1:
        fmt::format_to(out, "{} pages, {} figures, {} tables", pages, figures, r.between(1, 6));
        break;
      case 2:
        fmt::format_to(out, "Accepted at {} {}", pick(r, venues()), std::min(year + 1, 2026));
        break;
      case 3:
        fmt::format_to(out, "{} pages, LaTeX", pages);
        break;
      case 4:
        fmt::format_to(out, "{} pages, {} figures; published version", pages, figures);
        break;
      case 5:
        fmt::format_to(out, "v{}: minor revisions, references added", r.between(2, 4));
        break;
      case 6:
        fmt::format_to(out, "To appear in {}", pick(r, journals()).name);
        break;
      default:
        fmt::format_to(out, "{} pages, {} figures. Code is available at https://github.com/{}/{}",
                       pages, figures, vocabulary_.word(vocabulary_.head_size() + r.below(1000)),
                       vocabulary_.word(vocabulary_.head_size() + r.below(1000)));
    }
  }

  const Journal& j = pick(r, journals());
  const int ref_year = std::min(year + static_cast<int>(r.below(3)), 2026);
  const std::string vol = fmt::format("{}", 10 + r.below(140));
  const std::string page = fmt::format("{:06}", r.below(1'000'000));
  record.journal_ref.clear();
  const bool has_ref = r.chance(0.20);
  if (has_ref) {
    auto out = std::back_inserter(record.journal_ref);
    switch (r.below(3)) {
      case 0:
        fmt::format_to(out, "{} {} ({}) {}", j.name, vol, ref_year, r.between(1, 9999));
        break;
      case 1: {
        std::string squeezed(j.name);
        std::erase(squeezed, ' ');
        fmt::format_to(out, "{}{}:{},{}", squeezed, vol, page, ref_year);
        break;
      }
      default:
        fmt::format_to(out, "{} {}, {}-{} ({})", j.name, vol, r.between(1, 900),
                       r.between(901, 2000), ref_year);
    }
  }
  record.doi.clear();
  if (r.chance(has_ref ? 0.75 : 0.08)) {
    const Journal& dj = has_ref ? j : pick(r, journals());
    record.doi = fmt::format(fmt::runtime(dj.doi_pattern), fmt::arg("vol", vol),
                             fmt::arg("page", page), fmt::arg("year", ref_year),
                             fmt::arg("yy", fmt::format("{:02}", ref_year % 100)),
                             fmt::arg("mm", fmt::format("{:02}", r.between(1, 12))),
                             fmt::arg("num", fmt::format("{}", r.between(1000, 999999))));
  }
  record.report_no.clear();
  if (r.chance(0.06)) {
    static constexpr std::string_view kLabs[] = {"CERN-TH", "FERMILAB-PUB", "DESY", "KEK-TH",
                                                 "MIT-CTP", "SLAC-PUB",     "IPMU", "YITP"};
    record.report_no = fmt::format("{}-{:02}-{}", pick(r, std::span<const std::string_view>(kLabs)),
                                   ref_year % 100, r.between(1, 999));
  }
  record.license.clear();
  if (year >= 2009 ? r.chance(0.97) : r.chance(0.1)) {
    static constexpr std::array<double, 7> kShare = {0.62, 0.2, 0.06, 0.04, 0.04, 0.02, 0.02};
    double u = r.unit();
    std::size_t i = 0;
    while (i + 1 < kShare.size() && u >= kShare[i]) u -= kShare[i++];
    record.license = licenses()[i];
  }
}

}  // namespace ah::bench
