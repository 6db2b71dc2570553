#include "web/byte_range.h"

#include <gtest/gtest.h>

namespace ah::web {
namespace {

TEST(ByteRange, AnswersOneRangeAtMost) {
  struct Case {
    const char* header;
    std::size_t size;
    RangeKind kind;
    std::size_t first = 0, last = 0;
  };
  const Case cases[] = {
      {"", 100, RangeKind::whole},
      {"bytes=0-9", 100, RangeKind::single, 0, 9},
      {"bytes=90-", 100, RangeKind::single, 90, 99},
      {"bytes=-10", 100, RangeKind::single, 90, 99},
      {"bytes=-1000", 100, RangeKind::single, 0, 99},
      {"bytes=50-1000", 100, RangeKind::single, 50, 99},
      {"Bytes=5-5", 100, RangeKind::single, 5, 5},
      {"bytes = 5-5", 100, RangeKind::whole},
      {"bytes=99-99999999999999999999999", 100, RangeKind::single, 99, 99},
      // Several ranges: the whole file, never multipart.
      {"bytes=0-0,1-1", 100, RangeKind::whole},
      {"bytes=0-1,0-1,0-1,0-1", 100, RangeKind::whole},
      {"bytes=-1,", 100, RangeKind::whole},
      // Past the end.
      {"bytes=100-", 100, RangeKind::unsatisfiable},
      {"bytes=100-200", 100, RangeKind::unsatisfiable},
      {"bytes=-0", 100, RangeKind::unsatisfiable},
      {"bytes=0-", 0, RangeKind::unsatisfiable},
      {"bytes=99999999999999999999999-", 100, RangeKind::unsatisfiable},
      // Invalid ones are ignored.
      {"bytes=9-1", 100, RangeKind::whole},
      {"bytes=a-b", 100, RangeKind::whole},
      {"bytes=-", 100, RangeKind::whole},
      {"bytes=1", 100, RangeKind::whole},
      {"bytes=+1-2", 100, RangeKind::whole},
      {"items=0-9", 100, RangeKind::whole},
  };
  for (const Case& c : cases) {
    const RangeDecision d = decide_range(c.header, c.size);
    EXPECT_EQ(d.kind, c.kind) << c.header;
    if (c.kind == RangeKind::single) {
      EXPECT_EQ(d.first, c.first) << c.header;
      EXPECT_EQ(d.last, c.last) << c.header;
    }
  }
}

}  // namespace
}  // namespace ah::web
