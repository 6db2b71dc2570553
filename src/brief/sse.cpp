#include "brief/sse.h"

namespace ah::brief {

void SseParser::feed(std::string_view piece, std::vector<SseEvent>& out) {
  if (!started_) {
    // The BOM may itself arrive split: wait until three bytes can be compared.
    line_.append(piece);
    if (line_.size() < 3 && std::string_view("\xEF\xBB\xBF").starts_with(line_)) return;
    started_ = true;
    std::string held = std::move(line_);
    line_.clear();
    std::string_view rest(held);
    if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
    feed(rest, out);
    return;
  }
  std::size_t start = 0;
  for (std::size_t i = 0; i < piece.size(); ++i) {
    const char c = piece[i];
    if (c != '\r' && c != '\n') {
      after_cr_ = false;
      continue;
    }
    if (c == '\n' && after_cr_ && i == start && line_.empty()) {
      // The LF of a CRLF whose CR ended the previous line (possibly in the previous piece).
      after_cr_ = false;
      start = i + 1;
      continue;
    }
    line_.append(piece.substr(start, i - start));
    line(line_, out);
    line_.clear();
    after_cr_ = c == '\r';
    start = i + 1;
  }
  line_.append(piece.substr(start));
}

void SseParser::finish(std::vector<SseEvent>& out) {
  if (!line_.empty()) line(line_, out);
  line_.clear();
  dispatch(out);
  after_cr_ = false;
  started_ = false;
}

void SseParser::line(std::string_view text, std::vector<SseEvent>& out) {
  if (text.empty()) {
    dispatch(out);
    return;
  }
  if (text.front() == ':') return;  // a comment (keep-alive pings, OpenRouter's ": PROCESSING")
  std::string_view field = text;
  std::string_view value;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    field = text.substr(0, colon);
    value = text.substr(colon + 1);
    if (value.starts_with(' ')) value.remove_prefix(1);
  }
  if (field == "data") {
    if (has_data_) current_.data += '\n';
    current_.data.append(value);
    has_data_ = true;
  } else if (field == "event") {
    current_.event = std::string(value);
  } else if (field == "id") {
    current_.id = std::string(value);
  }
  // "retry" and unknown fields are ignored, as the format says.
}

void SseParser::dispatch(std::vector<SseEvent>& out) {
  if (has_data_) out.push_back(std::move(current_));
  current_ = SseEvent{};
  has_data_ = false;
}

}  // namespace ah::brief
