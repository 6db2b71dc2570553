// Greedy hard wrapping as arXiv applies it to titles, author lists and abstracts: words are
// appended to a string, and a line that would pass `width` columns is broken with `line_break`
// ("\n" for abstracts, "\n  " for titles and authors). Not thread-safe; borrows the output string.
#pragma once

#include <string>
#include <string_view>

namespace ah::bench {

class LineWrapper {
 public:
  // Appends to `out` from its current end, which is taken as the start of a line `indent`
  // columns wide. `out` must outlive the wrapper.
  LineWrapper(std::string& out, std::size_t width, std::string_view line_break,
              std::size_t indent = 0)
      : out_(out), width_(width), line_break_(line_break), column_(indent) {}

  // Appends a word (which may itself contain blanks, e.g. "$z \\sim 2$"; it is never split).
  void word(std::string_view w) {
    if (fresh_) {
      fresh_ = false;
    } else if (column_ + 1 + w.size() > width_) {
      out_ += line_break_;
      column_ = line_break_.size() - 1;  // the blanks after the newline
    } else {
      out_ += ' ';
      ++column_;
    }
    out_ += w;
    column_ += w.size();
  }

  // Starts a new line beginning with `lead` (an abstract paragraph: "\n" then "  ").
  void new_line(std::string_view lead) {
    out_ += '\n';
    out_ += lead;
    column_ = lead.size();
    fresh_ = true;
  }

 private:
  std::string& out_;
  std::size_t width_;
  std::string_view line_break_;
  std::size_t column_;
  bool fresh_ = true;
};

}  // namespace ah::bench
