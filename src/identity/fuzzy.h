// The careful match of two records by normalised title, authors and year, used only when no
// identifier links them, and never for notices. Pure; thread-safe.
//
// score = 0.55 * title + 0.30 * authors + 0.15 * year, each in [0, 1]:
//   title   the larger of the Dice coefficients of the folded titles' word sets and of their
//           character trigrams (fold.h: markup, accents, case and punctuation removed), so that
//           "Modelling" ~ "Modeling" and word order count little; below 0.75 the records are
//           not compared further (the score is the title part alone);
//   authors a quarter for the same first author's surname, three quarters for the share of
//           surnames the shorter list has in the longer one (0 when either record lists no
//           authors: such a pair never reaches the threshold);
//   year    1 within one year (a preprint is often a year older than its article), 0.5 two
//           years apart or when a date is missing; three or more years apart never match.
// A record is never matched when it is a notice (core::is_notice, editorials and news), when
// its title reads as one ("Correction", "Author Correction:", "Erratum", "Retraction",
// "Reply to", "Response to", "Comment on", ...), or when its title has fewer than 3 words.
//
// Threshold kMatchThreshold = 0.90, chosen on real pairs from ../shared/fixtures
// (fuzzy_pairs_test.cpp reads the recordings, judges pairs by their identifiers and prints this):
//   true pairs  (14): the work both OpenAlex and Semantic Scholar return (ataiml010201); an
//                 arXiv preprint in Semantic Scholar and its PubMed article (HealthPrompt, tied
//                 by S2's PMID); 12 bioRxiv/medRxiv preprints seen at two versions, 4 of them
//                 retitled beyond recognition ("The Fes tyrosine kinase guides CD19 receptor
//                 fate..." -> "Decoding the functional Fes kinase signaling network...");
//   false pairs (12,714): every cross pair of the OpenAlex, Semantic Scholar and PubMed answers
//                 to one query (7,500 pairs of topically close titles); every pair of the Nature
//                 feed (2,775, with "A Scottish origin for Stonehenge's Altar Stone" beside "A
//                 Scottish provenance for the Altar Stone of Stonehenge"); the feed's two
//                 "Author Correction:" notices against their articles' titles; bioRxiv and
//                 medRxiv preprints of different DOIs (2,437);
//   result      : at 0.90 precision 1.00 (no false pair accepted; the highest scores 0.35),
//                 recall 10/14 = 0.71 (the lowest accepted true pair scores 0.95; the 4 missed
//                 are the retitled versions, which their shared DOI links anyway). Every
//                 threshold from 0.35 to 0.95 gives the same split on these pairs: 0.90 sits high
//                 in it because a false merge costs more than a missed one (unmerge undoes it,
//                 but a wrong card showed meanwhile), and it still takes a retitling of a few
//                 words ("Frameshifts and wild-type protein sequences..." -> "Frameshift and
//                 wild-type proteins...", 0.95).
//   Not counted: two OpenAlex records of one title, authors and year under two DOIs (a duplicate
//   publication) score 1.00; the store never compares them, as the fuzzy match never joins two
//   records of one family.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/paper.h"

namespace ah::identity {

inline constexpr double kMatchThreshold = 0.90;

// True when the title reads as a notice about another work.
bool is_notice_title(std::string_view title);

// True when the record may be matched by title at all (see above).
bool fuzzy_eligible(const core::Paper& record);

// The words of the title a candidate can be looked up by: the distinct folded words that are not
// function words ("the", "of", "with", ...; one-character words too), longest first (then in
// alphabetical order). Empty when the record is not eligible.
std::vector<std::string> title_words(const core::Paper& record);

// The title's folded words in their order, function words included, joined by spaces: the
// phrase an exact-title lookup asks for when the title has too few title_words to tell it from
// others. Empty when the record is not eligible.
std::string title_phrase(const core::Paper& record);

// The first 3 of title_words: the words a record looks candidates up by where it cannot ask how
// frequent a word is (the store's match keys, which hold all of a paper's title_words).
std::vector<std::string> candidate_words(const core::Paper& record);

// The `n` rarest of `words` by `frequencies` (one per word: the number of papers it finds, 0 for
// none), rarest first, the order of `words` breaking ties; words found nowhere are left out. The
// fuzzy lookup in the full-text index asks with these: a title's longest words are often its
// commonest ("representations"), and the papers they find crowd the true one out, while a title
// of short words has rare ones all the same.
std::vector<std::string> rarest_words(std::vector<std::string> words,
                                      const std::vector<std::int64_t>& frequencies, size_t n);

struct Match {
  double score = 0;
  double title = 0, authors = 0, year = 0;  // the parts, each in [0, 1]
  // "title+authors+year 0.97" when accepted; otherwise why not ("title 0.41", "years 2019 and
  // 2024", "a notice").
  std::string reason;
  bool accepted = false;  // score >= kMatchThreshold
};

// Compares two records as described above. Symmetric.
Match fuzzy_match(const core::Paper& a, const core::Paper& b);

// The record's side of fuzzy_match, folded once, to sort out candidates by their titles before
// their whole records are read. could_match(title) is false when fuzzy_match(record, b) accepts
// no b with that title: either title is not eligible, or the title part keeps the score below
// kMatchThreshold even with the same authors and year. (A b that is a notice by its type is
// refused by fuzzy_match, not here.) A check costs a fold of the title and two Dice coefficients.
class TitleScreen {
 public:
  explicit TitleScreen(const core::Paper& record);
  bool could_match(std::string_view title) const;

 private:
  std::optional<std::vector<std::string>> words_;  // the record's eligible title words
};

}  // namespace ah::identity
