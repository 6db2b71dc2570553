#include "sources/common/notice_title.h"

#include <gtest/gtest.h>

namespace ah::sources {
namespace {

using core::WorkType;

TEST(NoticeTitle, TellsNoticesFromResearchTitles) {
  struct Case {
    const char* title;
    WorkType type;
  };
  for (Case c : {
           Case{"Author Correction: Anti-TIGIT antibody improves PD-L1 blockade",
                WorkType::correction},
           Case{"Publisher Correction: A map", WorkType::correction},
           Case{"Correction to: Widgets", WorkType::correction},
           Case{"Correction", WorkType::correction},
           Case{"CORRIGENDUM: Widgets", WorkType::correction},
           Case{"Erratum to \"Widgets\"", WorkType::erratum},
           Case{"Erratum: Widgets", WorkType::erratum},
           Case{"Retraction Note: Widgets improve everything", WorkType::retraction},
           Case{"Retraction: Widgets", WorkType::retraction},
           Case{"Notice of Retraction: Widgets", WorkType::retraction},
           Case{"Expression of Concern: Widgets", WorkType::expression_of_concern},
           Case{"Editorial Expression of Concern: Widgets", WorkType::expression_of_concern},
           Case{"RETRACTED: Widgets improve everything", WorkType::unknown},
           Case{"Correction of the zero-point energy in water", WorkType::unknown},
           Case{"Correctional facilities and health", WorkType::unknown},
           Case{"Retractions in science: a survey", WorkType::unknown},
           Case{"", WorkType::unknown},
       }) {
    EXPECT_EQ(notice_type_from_title(c.title), c.type) << c.title;
  }
}

}  // namespace
}  // namespace ah::sources
