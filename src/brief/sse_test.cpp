#include "brief/sse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ah::brief {
namespace {

// The data of every event, parsing `stream` cut into pieces of `piece` bytes (0: whole).
std::vector<std::string> data_of(const std::string& stream, std::size_t piece = 0) {
  SseParser parser;
  std::vector<SseEvent> events;
  if (piece == 0) {
    parser.feed(stream, events);
  } else {
    for (std::size_t at = 0; at < stream.size(); at += piece) {
      parser.feed(std::string_view(stream).substr(at, piece), events);
    }
  }
  parser.finish(events);
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.data);
  return out;
}

TEST(SseParser, ReadsEventsWhateverTheLineEndsAndWhereverThePiecesAreCut) {
  struct Case {
    const char* name;
    std::string stream;
  };
  const std::vector<std::string> expected{R"({"a":1})", "[DONE]"};
  for (const Case& c : {
           Case{"LF", "data: {\"a\":1}\n\ndata: [DONE]\n\n"},
           Case{"CRLF", "data: {\"a\":1}\r\n\r\ndata: [DONE]\r\n\r\n"},
           Case{"CR", "data: {\"a\":1}\r\rdata: [DONE]\r\r"},
           Case{"no space after colon", "data:{\"a\":1}\n\ndata:[DONE]\n\n"},
           Case{"comments and other fields",
                ": keep-alive\nevent: message\nid: 7\nretry: 100\ndata: {\"a\":1}\n\n"
                ": ping\n\ndata: [DONE]\n\n"},
           Case{"byte-order mark",
                "\xEF\xBB\xBF"
                "data: {\"a\":1}\n\ndata: [DONE]\n\n"},
           Case{"last event not closed", "data: {\"a\":1}\n\ndata: [DONE]\n"},
       }) {
    for (std::size_t piece : {0u, 1u, 2u, 3u, 5u, 7u}) {
      EXPECT_EQ(data_of(c.stream, piece), expected) << c.name << ", pieces of " << piece;
    }
  }
}

TEST(SseParser, JoinsTheDataLinesOfOneEvent) {
  EXPECT_THAT(data_of("data: one\ndata: two\n\n"), ::testing::ElementsAre("one\ntwo"));
  EXPECT_THAT(data_of("data\n\n"), ::testing::ElementsAre(""));
}

TEST(SseParser, DropsEventsWithoutDataAndKeepsTheEventName) {
  SseParser parser;
  std::vector<SseEvent> events;
  parser.feed("event: ping\n\nevent: error\ndata: x\nid: 3\n\n", events);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "error");
  EXPECT_EQ(events[0].data, "x");
  EXPECT_EQ(events[0].id, "3");
}

TEST(SseParser, HoldsAnUnfinishedLineUntilItEnds) {
  SseParser parser;
  std::vector<SseEvent> events;
  parser.feed("data: {\"content\":\"hel", events);
  EXPECT_TRUE(events.empty());
  EXPECT_GT(parser.pending_bytes(), 0u);
  parser.feed("lo\"}\r", events);
  EXPECT_TRUE(events.empty());
  parser.feed("\n\r\n", events);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "{\"content\":\"hello\"}");
}

}  // namespace
}  // namespace ah::brief
