#include "sources/common/issn.h"

#include <gtest/gtest.h>

namespace ah::sources {
namespace {

TEST(Issn, FormatsTheWaysSourcesWriteThem) {
  struct Case {
    const char* text;
    const char* issn;  // "" = not an ISSN
  };
  for (Case c : {Case{"1548-7091", "1548-7091"}, Case{"15487091", "1548-7091"},
                 Case{" 1548 7091", "1548-7091"}, Case{"issn:1050-124x", "1050-124X"},
                 Case{"1050-124X", "1050-124X"}, Case{"1548-709", ""}, Case{"1548-70911", ""},
                 Case{"X548-7091", ""}, Case{"abcd-efgh", ""}, Case{"", ""}}) {
    auto issn = format_issn(c.text);
    EXPECT_EQ(issn.value_or(""), c.issn) << c.text;
  }
}

TEST(Issn, ParseChecksTheCheckDigit) {
  EXPECT_EQ(parse_issn("0028-0836").value_or(""), "0028-0836");  // Nature
  EXPECT_EQ(parse_issn("2167-8359").value_or(""), "2167-8359");  // PeerJ
  EXPECT_EQ(parse_issn("1050124x").value_or(""), "1050-124X");
  auto wrong = parse_issn("0028-0837");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(wrong.error().message.find("check digit should be 6"), std::string::npos)
      << wrong.error().message;
  auto junk = parse_issn("nature");
  ASSERT_FALSE(junk.has_value());
  EXPECT_NE(junk.error().message.find("is not an ISSN"), std::string::npos);
}

}  // namespace
}  // namespace ah::sources
