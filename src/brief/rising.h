// What is rising: the log-odds ratio with an informative Dirichlet prior, Monroe, Colaresi &
// Quinn 2008, "Fightin' Words: Lexical Feature Selection and Evaluation for Identifying the
// Content of Political Conflict", Political Analysis 16(4), eq. 16-22. Pure; thread-safe.
#pragma once

namespace ah::brief {

// The z-score of a word's use now against before:
//   delta = log((y_now + a) / (n_now + a0 - y_now - a)) - log((y_before + a) / (n_before + a0 -
//           y_before - a)),   var = 1 / (y_now + a) + 1 / (y_before + a),   z = delta / sqrt(var)
// y_*: the word's counts; n_*: all words' counts; a: the word's prior count (alpha_w); a0: the
// prior's total (alpha_0). The analysis counts papers that use a word (not occurrences, so one
// paper repeating a word cannot make it rise) and takes the pooled counts of both periods as the
// prior's shape with a tenth of their weight: a = 0.1 * (y_now + y_before), a0 = 0.1 * (n_now +
// n_before). Positive: more used now. Requires a > 0.
double log_odds_z(double y_now, double n_now, double y_before, double n_before, double a,
                  double a0);

// The prior's weight relative to the data (the 0.1 above).
inline constexpr double kPriorWeight = 0.1;

}  // namespace ah::brief
