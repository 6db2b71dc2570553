#include "store/sqlite/encoding.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_set>

#include "core/calendar.h"
#include "search/query.h"

namespace ah::store::sqlite {
namespace {

// The key of 1970-01-01 (sys_days 0): keys count days from 0000-03-01, which is key 1. Stored
// row ids hold keys, so this never changes.
constexpr std::int64_t kKeyOfEpoch = 719469;

// What every source token (source_token) starts with, and no other tag.
constexpr std::string_view kSourceTag = "zs";

// A small stable hash (64-bit multiply-xorshift over 8-byte words); not cryptographic.
class Hasher {
 public:
  void add(std::string_view s) {
    add_word(s.size());
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      add_word(w);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, s.data() + i, s.size() - i);
    add_word(tail);
  }
  void add_word(std::uint64_t w) {
    h_ ^= w + 0x9E3779B97F4A7C15ULL + (h_ << 6) + (h_ >> 2);
    h_ *= 0xBF58476D1CE4E5B9ULL;
    h_ ^= h_ >> 31;
  }
  std::int64_t value() const { return static_cast<std::int64_t>(h_ & 0x7FFFFFFFFFFFFFFFULL); }

 private:
  std::uint64_t h_ = 0x84222325CBF29CE4ULL;
};

void encode_into(std::string& out, std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out.push_back(static_cast<char>(std::tolower(u)));
    } else if (c == '.') {
      out.push_back('0');
    } else if (c == '-') {
      out.push_back('1');
    } else {
      out.push_back('2');
    }
  }
}

}  // namespace

std::int64_t day_key(std::string_view date) {
  const auto day = core::leading_day(date);
  return day ? day->time_since_epoch().count() + kKeyOfEpoch : 0;
}

bool is_tick(std::int64_t id) {
  // splitmix64's finalizer: consecutive ids get independent bits.
  auto z = static_cast<std::uint64_t>(id) + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return (z & 1023) == 0;
}

std::string day_text(std::int64_t key) {
  return core::day_text(std::chrono::sys_days(std::chrono::days(key - kKeyOfEpoch)));
}

const std::string& sort_date(const core::Paper& p) {
  return p.published.empty() ? p.announced : p.published;
}

std::int64_t content_hash(const core::Paper& p) {
  Hasher h;
  h.add(p.arxiv_id);
  h.add_word(static_cast<std::uint64_t>(p.version));
  h.add(p.doi);
  h.add_word(p.other_ids.size());
  for (const auto& id : p.other_ids) {
    h.add(id.scheme);
    h.add(id.value);
  }
  for (const std::string* s : {&p.title, &p.abstract, &p.title_display, &p.abstract_display}) {
    h.add(*s);
  }
  h.add_word(p.authors.size());
  for (const auto& a : p.authors) {
    h.add(a.name);
    h.add(a.affiliation);
  }
  h.add_word(p.categories.size());
  for (const auto& c : p.categories) h.add(c);
  for (const std::string* s :
       {&p.comment, &p.journal_ref, &p.report_no, &p.license, &p.submitter, &p.published,
        &p.version_date, &p.updated, &p.announced, &p.abs_url, &p.pdf_url, &p.announce_type}) {
    h.add(*s);
  }
  h.add_word(p.versions.size());
  for (const auto& v : p.versions) {
    h.add_word(static_cast<std::uint64_t>(v.version));
    h.add(v.date);
    h.add(v.size);
  }
  // The fields other sources fill, each only when given, so that the hash of an arXiv record is
  // what it was before they existed (stored hashes stay valid).
  auto tagged = [&](std::uint64_t tag, std::string_view s) {
    if (s.empty()) return;
    h.add_word(tag);
    h.add(s);
  };
  tagged(1, p.venue);
  tagged(2, p.venue_short);
  tagged(3, p.volume);
  tagged(4, p.issue);
  tagged(5, p.pages);
  tagged(6, p.publisher);
  for (const std::string& issn : p.issns) tagged(7, issn);
  if (p.type != core::WorkType::unknown) tagged(8, core::to_string(p.type));
  tagged(9, p.language);
  for (const core::Relation& r : p.relations) {
    h.add_word(10);
    h.add(core::to_string(r.type));
    h.add(r.target.scheme);
    h.add(r.target.value);
    h.add(core::to_string(r.notice));
    h.add(r.date);
  }
  if (p.retracted) h.add_word(11);
  for (size_t i = 0; i < p.authors.size(); ++i) {
    const core::Author& a = p.authors[i];
    if (a.orcid.empty() && a.ids.empty()) continue;
    h.add_word(12);
    h.add_word(i);
    h.add(a.orcid);
    for (const core::Identifier& id : a.ids) {
      h.add(id.scheme);
      h.add(id.value);
    }
  }
  return h.value();
}

std::string authors_text(const core::Paper& p) {
  std::string out;
  for (const auto& a : p.authors) {
    if (!out.empty()) out += "; ";
    out += a.name;
  }
  return out;
}

std::string category_token(std::string_view category) {
  std::string out = "zc";
  encode_into(out, category);
  return out + '9';
}

std::string archive_token(std::string_view archive) {
  std::string out = "za";
  encode_into(out, archive);
  return out + '9';
}

std::string source_prefix(std::string_view source) {
  std::string out(kSourceTag);
  encode_into(out, source);
  return out;
}

std::string source_token(std::string_view source) { return source_prefix(source) + '9'; }

std::string author_token(std::string_view name) {
  // Long enough for any real name; a source's malformed "name" (a whole author list) must not
  // become a term of kilobytes. Cut at a character boundary, the same way for index and query.
  constexpr size_t kMaxNameBytes = 200;
  std::vector<std::string> words = search::split_words(name);
  if (words.empty()) return {};
  std::string out = "zu";
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out.push_back('0');
    out += words[i];
  }
  if (out.size() > kMaxNameBytes + 2) {
    size_t cut = kMaxNameBytes + 2;
    while (cut > 2 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out + '9';
}

std::string tags_text(const std::vector<std::string>& categories,
                      const std::vector<core::Author>& authors,
                      const std::vector<std::string>& sources, bool tick, bool notice_only) {
  std::vector<std::string> tokens;
  for (const std::string& c : categories) {
    tokens.push_back(category_token(c));
    tokens.push_back(archive_token(std::string_view(c).substr(0, c.find('.'))));
  }
  for (const core::Author& a : authors) {
    if (std::string token = author_token(a.name); !token.empty())
      tokens.push_back(std::move(token));
  }
  for (const std::string& s : sources) tokens.push_back(source_token(s));
  if (tick) tokens.push_back(kTickToken);
  if (notice_only) tokens.push_back(kNoticeToken);  // last, as migration 0009 appends it
  // Keep the first occurrence of each token (several categories share an archive, a list may
  // name an author twice). A hash set keeps this linear: the largest author lists have thousands
  // of names, and a pairwise comparison made a 300,000-author record take over a minute.
  std::unordered_set<std::string_view> seen;
  seen.reserve(tokens.size());
  std::string out;
  for (const std::string& token : tokens) {
    if (!seen.insert(token).second) continue;
    if (!out.empty()) out.push_back(' ');
    out += token;
  }
  return out;
}

std::string retag_sources(std::string_view tags, const std::vector<std::string>& sources) {
  std::string out;
  auto add = [&out](std::string_view token) {
    if (!out.empty()) out.push_back(' ');
    out += token;
  };
  bool tick = false, notice = false;
  for_each_tag(tags, [&](std::string_view token) {
    if (token == kTickToken) {
      tick = true;
    } else if (token == kNoticeToken) {
      notice = true;
    } else if (!token.starts_with(kSourceTag)) {
      add(token);  // a category's, an archive's or an author's
    }
  });
  for (const std::string& s : sources) add(source_token(s));
  if (tick) add(kTickToken);
  if (notice) add(kNoticeToken);
  return out;
}

}  // namespace ah::store::sqlite
