// The fuzzy match on hand-made pairs modelled on real ones (fuzzy_pairs_test.cpp measures it on
// the recordings themselves).
#include "identity/fuzzy.h"

#include <gtest/gtest.h>

namespace ah::identity {
namespace {

core::Paper work(const char* title, std::vector<const char*> authors, const char* date,
                 core::WorkType type = core::WorkType::article) {
  core::Paper p;
  p.title = title;
  for (const char* a : authors) p.authors.push_back({a, ""});
  p.published = date;
  p.type = type;
  return p;
}

TEST(FuzzyMatch, AcceptsTheSameWorkAcrossSourcesAndRefusesNeighbours) {
  struct Case {
    const char* name;
    core::Paper a, b;
    bool accepted;
  };
  const core::Paper health_arxiv =
      work("HealthPrompt: A Zero-shot Learning Paradigm for Clinical Natural Language Processing",
           {"Sonish Sivarajkumar", "Yanshan Wang"}, "2022-03-09", core::WorkType::preprint);
  const core::Paper health_pubmed =
      work("HealthPrompt: a zero-shot learning paradigm for clinical natural language processing.",
           {"Sivarajkumar, Sonish", "Wang, Yanshan"}, "2023-04-29");
  const Case cases[] = {
      {"preprint and article, punctuation and case aside", health_arxiv, health_pubmed, true},
      {"spelling and an accent",
       work("Modelling the Schrödinger bridge for generative models", {"Ana Lee", "Bo Chen"},
            "2024-01-02"),
       work("Modeling the Schrodinger Bridge for Generative Models", {"A. Lee", "B. Chen"},
            "2024-06-30"),
       true},
      {"the author order changed",
       work("Deep learning on graphs for natural language processing",
            {"Lingfei Wu", "Yu Chen", "Kai Shen"}, "2021-06-01"),
       work("Deep Learning on Graphs for Natural Language Processing",
            {"Yu Chen", "Lingfei Wu", "Kai Shen"}, "2021-06-01"),
       true},
      {"a close title by other authors (news beside research)",
       work("A Scottish origin for Stonehenge's Altar Stone", {"Richard E. Bevins"}, "2024-08-14"),
       work("A Scottish provenance for the Altar Stone of Stonehenge",
            {"Anthony J. I. Clarke", "Christopher L. Kirkland"}, "2024-08-14"),
       false},
      {"a topical neighbour",
       work("Meta Learning for Natural Language Processing: A Survey",
            {"Hung-yi Lee", "Shang-Wen Li"}, "2022-05-04"),
       health_pubmed, false},
      {"years apart",
       work("Deep learning on graphs for natural language processing", {"Lingfei Wu"},
            "2014-06-01"),
       work("Deep Learning on Graphs for Natural Language Processing", {"Lingfei Wu"},
            "2021-06-01"),
       false},
      {"no authors to compare",
       work("Deep learning on graphs for natural language processing", {}, "2021-06-01"),
       work("Deep Learning on Graphs for Natural Language Processing", {"Lingfei Wu"},
            "2021-06-01"),
       false},
      {"an author correction and its article",
       work("Author Correction: piRNA processing by a trimeric Schlafen-domain nuclease",
            {"Ryan Ing", "Wei Li"}, "2024-08-14"),
       work("piRNA processing by a trimeric Schlafen-domain nuclease", {"Ryan Ing", "Wei Li"},
            "2024-06-01"),
       false},
      {"a typed correction notice",
       work("piRNA processing by a trimeric Schlafen-domain nuclease", {"Ryan Ing", "Wei Li"},
            "2024-08-14", core::WorkType::correction),
       work("piRNA processing by a trimeric Schlafen-domain nuclease", {"Ryan Ing", "Wei Li"},
            "2024-06-01"),
       false},
      {"a reply",
       work("Reply to: Deep learning on graphs for natural language processing", {"Lingfei Wu"},
            "2021-09-01"),
       work("Deep Learning on Graphs for Natural Language Processing", {"Lingfei Wu"},
            "2021-06-01"),
       false},
      {"too short to tell", work("Editorial", {"Ana Lee"}, "2021-01-01"),
       work("Editorial", {"Ana Lee"}, "2021-01-01"), false},
  };
  for (const Case& c : cases) {
    const Match ab = fuzzy_match(c.a, c.b), ba = fuzzy_match(c.b, c.a);
    EXPECT_EQ(ab.accepted, c.accepted) << c.name << ": " << ab.reason;
    EXPECT_DOUBLE_EQ(ab.score, ba.score) << c.name << ": symmetric";
  }
}

TEST(FuzzyMatch, SaysWhy) {
  const core::Paper a = work("HealthPrompt: A Zero-shot Learning Paradigm for Clinical NLP",
                             {"Sonish Sivarajkumar", "Yanshan Wang"}, "2022-03-09");
  const Match same = fuzzy_match(a, a);
  EXPECT_EQ(same.reason, "title+authors+year 1.00");
  EXPECT_DOUBLE_EQ(same.score, 1.0);
  core::Paper other = a;
  other.title = "Something else entirely about proteins";
  EXPECT_EQ(fuzzy_match(a, other).reason.substr(0, 6), "title ");
}

// The screen passes exactly the titles with which fuzzy_match can accept: checked against the
// best case for the title, the same authors and year.
TEST(TitleScreen, PassesATitleExactlyWhenTheMatchCouldAcceptIt) {
  const core::Paper record =
      work("Frameshifts and wild-type protein sequences are always highly similar",
           {"Ana Lee", "Wei Zhang"}, "2022-03-09");
  const TitleScreen screen(record);
  struct Case {
    const char* title;
    bool passes;
  };
  const Case cases[] = {
      {"Frameshifts and wild-type protein sequences are always highly similar", true},
      {"Frameshift and wild-type proteins are always highly similar", true},  // 0.95 (fuzzy.h)
      {"FRAMESHIFTS AND WILD-TYPE PROTEIN SEQUENCES ARE ALWAYS HIGHLY SIMILAR.", true},
      {"Frameshifts and wild-type protein sequences in yeast", false},
      {"Something else entirely about proteins", false},
      {"Author Correction: Frameshifts and wild-type protein sequences are always highly similar",
       false},
      {"Frameshifts", false},  // too short
      {"", false},
  };
  for (const Case& c : cases) {
    core::Paper candidate = record;
    candidate.title = c.title;
    EXPECT_EQ(screen.could_match(c.title), c.passes) << c.title;
    EXPECT_EQ(screen.could_match(c.title), fuzzy_match(record, candidate).accepted) << c.title;
  }
  EXPECT_FALSE(TitleScreen(work("Editorial", {}, "")).could_match("Editorial"))
      << "a record too short to match passes nothing";
}

TEST(NoticeTitles, AreRecognisedByTheirFirstWords) {
  for (const char* t :
       {"Correction", "Author Correction: Anti-TIGIT antibody", "Publisher Correction: x y z",
        "Erratum to: A study", "RETRACTION: Something", "Retracted: x", "Reply to: A comment",
        "Response to Smith et al.", "Comment on \"A paper\"", "Expression of Concern: x",
        "Notice of Retraction: x", "Corrigendum to x"}) {
    EXPECT_TRUE(is_notice_title(t)) << t;
  }
  for (const char* t : {"Correctional facilities and health", "Replying machines",
                        "Comments are useful", "A Scottish origin for Stonehenge"}) {
    EXPECT_FALSE(is_notice_title(t)) << t;
  }
}

TEST(CandidateWords, AreTheLongestWordsThatAreNotFunctionWords) {
  core::Paper p = work(
      "HealthPrompt: A Zero-shot Learning Paradigm for Clinical Natural Language "
      "Processing",
      {}, "");
  EXPECT_EQ(candidate_words(p),
            (std::vector<std::string>{"healthprompt", "processing", "clinical"}));
  p.type = core::WorkType::correction;
  EXPECT_TRUE(candidate_words(p).empty());
}

TEST(TitleWords, AreEveryWordButFunctionWordsLongestFirst) {
  const core::Paper p = work("Big Owl, Shy Fox: Why So Sly? A Study of the 3 Foxes", {}, "");
  EXPECT_EQ(title_words(p), (std::vector<std::string>{"foxes", "study", "big", "fox", "owl",
                                                      "shy", "sly", "so"}));
  // A title of short words has candidate words too (before, only words of 4+ letters counted).
  EXPECT_EQ(candidate_words(work("Big Owl, Shy Fox", {}, "")),
            (std::vector<std::string>{"big", "fox", "owl"}));
  EXPECT_TRUE(title_words(work("Author Correction: Big Owl, Shy Fox", {}, "")).empty());
}

TEST(TitlePhrase, IsEveryFoldedWordInOrderFunctionWordsIncluded) {
  EXPECT_EQ(title_phrase(work("Kestrels: What They Are and Why", {}, "")),
            "kestrels what they are and why");
  EXPECT_EQ(title_phrase(work("Schrödinger's Cat, in 3 Parts", {}, "")),
            title_phrase(work("Schrodinger's cat in 3 parts", {}, "")))
      << "folded as the match compares them";
  EXPECT_EQ(title_phrase(work("Author Correction: Big Owl, Shy Fox", {}, "")), "")
      << "not eligible";
  EXPECT_EQ(title_phrase(work("Two words", {}, "")), "") << "not eligible";
}

TEST(RarestWords, AreTheLeastFrequentFoundOnesWithLengthBreakingTies) {
  struct Case {
    const char* name;
    std::vector<std::string> words;  // title_words order
    std::vector<std::int64_t> frequencies;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"rarest first", {"representations", "generalization", "kestrel", "nets"},
       {200, 180, 2, 7}, {"kestrel", "nets", "generalization"}},
      {"ties keep the given order", {"alpha", "beta", "gamma", "delta"}, {5, 5, 5, 5},
       {"alpha", "beta", "gamma"}},
      {"words found nowhere are left out", {"typo", "owl", "fox"}, {0, 3, 1}, {"fox", "owl"}},
      {"none found", {"typo"}, {0}, {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(rarest_words(c.words, c.frequencies, 3), c.want) << c.name;
  }
}

}  // namespace
}  // namespace ah::identity
