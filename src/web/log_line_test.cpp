#include "web/log_line.h"

#include <gtest/gtest.h>

namespace ah::web {
namespace {

TEST(LogLine, EscapesWhatCouldForgeOrRewriteALine) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"plain /api/v1/feed", "plain /api/v1/feed"},
      {"a\nGET /forged 200", "a\\x0aGET /forged 200"},
      {"a\r\n", "a\\x0d\\x0a"},
      {"\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"},
      {std::string("nul\0x", 5), "nul\\x00x"},
      {"del\x7f", "del\\x7f"},
      {"back\\slash", "back\\\\slash"},
      {"Zürich 北京", "Zürich 北京"},  // valid UTF-8 stays
      {"\xc2\x9b"
       "31m",
       "\\xc2\\x9b31m"},                    // C1 CSI
      {"\xe2\x80\xa8", "\\xe2\\x80\\xa8"},  // line separator
      {"\xe2\x80\xae"
       "txt",
       "\\xe2\\x80\\xaetxt"},               // right-to-left override
      {"\xff\xfe", "\\xff\\xfe"},           // not UTF-8
      {"\xc3", "\\xc3"},                    // cut short
      {"\xc0\xaf", "\\xc0\\xaf"},           // overlong '/'
      {"\xed\xa0\x80", "\\xed\\xa0\\x80"},  // surrogate
  };
  for (const Case& c : cases) EXPECT_EQ(escape_for_log(c.in), c.out) << c.in;
}

TEST(LogLine, CutsLongTextAtACharacter) {
  EXPECT_EQ(escape_for_log("abcdefghij", 10), "abcdefghij");
  EXPECT_EQ(escape_for_log("abcdefghijk", 10), "abcdefg...");
  // Never inside an escape or a multi-byte character.
  EXPECT_EQ(escape_for_log("abcde\nfghijk", 10), "abcde...");
  EXPECT_EQ(escape_for_log("abcdeéfghijk", 10), "abcdeé...");
}

TEST(LogLine, TargetsHideValuesAndUnknownNames) {
  EXPECT_EQ(redacted_target(Request::from_target("/api/v1/feed?author=Simeng+Zhang&limit=10")),
            "/api/v1/feed?author=*&limit=*");
  EXPECT_EQ(redacted_target(Request::from_target("/?q=x&secret_token=abc&sort=new")),
            "/?q=*&_=*&sort=*");
  EXPECT_EQ(redacted_target(Request::from_target("/api/v1/feed%0AGET%20/x%20200?a%0Ab=1")),
            "/api/v1/feed\\x0aGET /x 200?_=*");
  EXPECT_EQ(redacted_target(Request::from_target("/%1b%5b2J")), "/\\x1b[2J");
  const std::string long_path = "/" + std::string(5000, 'a');
  const std::string logged = redacted_target(Request::from_target(long_path));
  EXPECT_EQ(logged.size(), kMaxLoggedTarget);
  EXPECT_TRUE(logged.ends_with("..."));
}

}  // namespace
}  // namespace ah::web
