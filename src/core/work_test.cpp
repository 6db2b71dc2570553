#include "core/work.h"

#include <gtest/gtest.h>

namespace ah::core {
namespace {

TEST(WorkType, NamesRoundTrip) {
  for (WorkType t :
       {WorkType::unknown, WorkType::preprint, WorkType::article, WorkType::review,
        WorkType::proceedings, WorkType::chapter, WorkType::book, WorkType::letter,
        WorkType::correction, WorkType::erratum, WorkType::retraction,
        WorkType::expression_of_concern, WorkType::comment, WorkType::editorial,
        WorkType::dataset, WorkType::other}) {
    EXPECT_EQ(parse_work_type(to_string(t)), t) << to_string(t);
  }
  EXPECT_EQ(parse_work_type("journal-article"), WorkType::unknown);
}

TEST(WorkType, NoticesAreCorrectionsRetractionsAndComments) {
  EXPECT_TRUE(is_notice(WorkType::retraction));
  EXPECT_TRUE(is_notice(WorkType::correction));
  EXPECT_TRUE(is_notice(WorkType::erratum));
  EXPECT_TRUE(is_notice(WorkType::expression_of_concern));
  EXPECT_TRUE(is_notice(WorkType::comment));
  EXPECT_FALSE(is_notice(WorkType::article));
  EXPECT_FALSE(is_notice(WorkType::preprint));
  EXPECT_FALSE(is_notice(WorkType::editorial));
}

TEST(RelationType, OnlyPreprintAndSameAsLinksMergeRecords) {
  for (RelationType t : {RelationType::has_preprint, RelationType::is_preprint_of,
                         RelationType::same_as, RelationType::updated_by, RelationType::updates}) {
    auto parsed = parse_relation_type(to_string(t));
    ASSERT_TRUE(parsed.has_value()) << to_string(t);
    EXPECT_EQ(*parsed, t);
  }
  EXPECT_TRUE(links_records(RelationType::has_preprint));
  EXPECT_TRUE(links_records(RelationType::is_preprint_of));
  EXPECT_TRUE(links_records(RelationType::same_as));
  EXPECT_FALSE(links_records(RelationType::updated_by));
  EXPECT_FALSE(links_records(RelationType::updates));
  EXPECT_FALSE(parse_relation_type("cites").has_value());
}

TEST(NoticeKind, ReadsCrossrefAndPubmedWords) {
  struct Case {
    const char* word;
    NoticeKind kind;
  };
  for (Case c : {Case{"correction", NoticeKind::correction},
                 Case{"corrigendum", NoticeKind::correction},
                 Case{"erratum", NoticeKind::erratum}, Case{"ErratumIn", NoticeKind::erratum},
                 Case{"retraction", NoticeKind::retraction},
                 Case{"partial_retraction", NoticeKind::retraction},
                 Case{"RetractionIn", NoticeKind::retraction},
                 Case{"expression_of_concern", NoticeKind::expression_of_concern},
                 Case{"ExpressionOfConcernIn", NoticeKind::expression_of_concern},
                 Case{"withdrawal", NoticeKind::withdrawal}, Case{"removal", NoticeKind::withdrawal},
                 Case{"new_version", NoticeKind::other}}) {
    EXPECT_EQ(notice_kind_from_source_word(c.word), c.kind) << c.word;
  }
  EXPECT_EQ(parse_notice_kind(to_string(NoticeKind::retraction)), NoticeKind::retraction);
}

}  // namespace
}  // namespace ah::core
