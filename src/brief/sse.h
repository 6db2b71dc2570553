// An incremental parser of server-sent events (the WHATWG HTML "event stream" format), fed the
// bytes of a response as they arrive: lines end in CRLF, LF or CR (a CRLF split across two
// pieces is one line end), lines starting with ':' are comments, "data:" lines of one event are
// joined with '\n', and an event ends at a blank line. Thread-compatible: one parser per stream.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ah::brief {

struct SseEvent {
  std::string event;  // the "event:" field; empty for the default "message"
  std::string data;   // the "data:" lines joined with '\n' (one leading space of each removed)
  std::string id;     // the "id:" field, when given
};

class SseParser {
 public:
  // Parses `piece` and appends each event it completes to `out` (events without data are
  // dropped, as browsers do). A leading UTF-8 byte-order mark is skipped.
  void feed(std::string_view piece, std::vector<SseEvent>& out);
  // At the end of the stream: a last event that was not closed by a blank line is appended too
  // (servers that end on "data: [DONE]\n" without the blank line), and the parser is reset.
  void finish(std::vector<SseEvent>& out);
  // Bytes held while waiting for the end of a line (for a bound on a misbehaving server).
  std::size_t pending_bytes() const { return line_.size() + current_.data.size(); }

 private:
  void line(std::string_view text, std::vector<SseEvent>& out);
  void dispatch(std::vector<SseEvent>& out);

  std::string line_;       // the incomplete line so far
  bool after_cr_ = false;  // the last byte was a CR: an LF next belongs to it
  bool started_ = false;   // past the optional byte-order mark
  bool has_data_ = false;  // current_ has at least one data line
  SseEvent current_;
};

}  // namespace ah::brief
