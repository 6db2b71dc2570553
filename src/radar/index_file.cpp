// The radar index as a file (FeatureIndex::save / load): its arrays as they are in memory, so a
// process reads in seconds what takes minutes to build.
//
// Layout: the magic "AHRADIX\n", the format version (u32), the options the index was built with
// (as text: a file of other options is not this index), the caller's stamp, then every array of
// FeatureIndex::Data as its element count (u64) and its bytes, and last a checksum (u64) of
// everything after the magic. Numbers are in this machine's byte order: the file is a cache,
// read back where it was written (another byte order fails the checksum and is built again).
// The dictionaries (paper id -> row, feature and facet text -> column) are not written: they are
// hashes of what is, rebuilt on load.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <type_traits>

#include "radar/feature_index.h"
#include "radar/feature_index_data.h"

namespace ah::radar {
namespace {

constexpr std::array<char, 8> kMagic{'A', 'H', 'R', 'A', 'D', 'I', 'X', '\n'};
// Changes whenever what is written, or what a field means, changes.
constexpr std::uint32_t kFormat = 1;

// A running 64-bit checksum of bytes, eight at a time (FNV-style multiply and rotate): it finds a
// file cut short, overwritten or flipped, not an attacker (the file is our own cache).
class Checksum {
 public:
  void add(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (; n > 0; --n, ++p) {
      word_ |= static_cast<std::uint64_t>(*p) << (8 * filled_);
      if (++filled_ == 8) flush();
    }
  }
  // Adds `n` bytes at `data` quickly when they are 8-aligned in the stream; else byte by byte.
  void add_bulk(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    while (filled_ != 0 && n > 0) {
      add(p, 1);
      ++p;
      --n;
    }
    for (; n >= 8; n -= 8, p += 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      mix(w);
    }
    add(p, n);
  }
  std::uint64_t value() const {
    Checksum c = *this;
    if (c.filled_ != 0) c.flush();
    return c.h_ ^ (c.length_ * 0x9e3779b97f4a7c15ULL);
  }

 private:
  void mix(std::uint64_t w) {
    h_ = ((h_ ^ w) * 0x100000001b3ULL);
    h_ = (h_ << 29) | (h_ >> 35);
    ++length_;
  }
  void flush() {
    mix(word_);
    word_ = 0;
    filled_ = 0;
  }
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
  std::uint64_t word_ = 0;
  std::uint64_t length_ = 0;
  unsigned filled_ = 0;
};

class Out {
 public:
  explicit Out(std::ofstream& f) : f_(f) {}
  template <typename T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes(&v, sizeof v);
  }
  template <typename T>
  void array(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    value<std::uint64_t>(v.size());
    bytes(v.data(), v.size() * sizeof(T));
  }
  void text(std::string_view s) {
    value<std::uint64_t>(s.size());
    bytes(s.data(), s.size());
  }
  void bytes(const void* p, std::size_t n) {
    sum_.add_bulk(p, n);
    f_.write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
  }
  std::uint64_t checksum() const { return sum_.value(); }

 private:
  std::ofstream& f_;
  Checksum sum_;
};

class In {
 public:
  In(std::ifstream& f, std::uint64_t left) : f_(f), left_(left) {}
  template <typename T>
  bool value(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    return bytes(&v, sizeof v);
  }
  template <typename T>
  bool array(std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::uint64_t n = 0;
    if (!value(n) || n > left_ / sizeof(T)) return false;  // longer than the rest of the file
    v.resize(n);
    v.shrink_to_fit();
    return bytes(v.data(), n * sizeof(T));
  }
  bool text(std::string& s) {
    std::uint64_t n = 0;
    if (!value(n) || n > left_) return false;
    s.resize(n);
    return bytes(s.data(), n);
  }
  bool bytes(void* p, std::size_t n) {
    if (n > left_) return false;
    if (!f_.read(static_cast<char*>(p), static_cast<std::streamsize>(n))) return false;
    left_ -= n;
    sum_.add_bulk(p, n);
    return true;
  }
  std::uint64_t checksum() const { return sum_.value(); }

 private:
  std::ifstream& f_;
  std::uint64_t left_;
  Checksum sum_;
};

// What build() depends on, as text: a file built with anything else is another index. The
// threads of fastText and its scratch directory change nothing that is kept.
std::string options_text(const IndexOptions& o) {
  const WordVectorOptions& v = o.vectors;
  return fmt::format(
      "title_weight={} phrase_min_df={} max_authors={} idf_refresh_growth={} vectors={} dim={} "
      "window={} negatives={} epochs={} min_count={} subwords={}-{} max_train_papers={} seed={} "
      "sif_a={}",
      o.title_weight, o.phrase_min_df, o.max_authors, o.idf_refresh_growth, v.enabled, v.dim,
      v.window, v.negatives, v.epochs, v.min_count, v.subword_min, v.subword_max,
      v.max_train_papers, v.seed, v.sif_a);
}

template <typename T>
bool ascending(const std::vector<T>& v) {
  return std::ranges::is_sorted(v);
}

}  // namespace

// Reads and writes the parts of the index the classes keep private (friend of WordVectors and
// PaperVectors; FeatureIndex::Data is internal to src/radar).
struct IndexFile {
  static void write(Out& out, const FeatureIndex::Data& d) {
    out.array(d.ids);
    out.array(d.days);
    out.array(d.lengths);
    out.value(d.total_length);
    out.array(d.row_start);
    out.array(d.cols);
    out.array(d.tfs);
    out.array(d.inv_norm);
    out.array(d.facet_start);
    out.array(d.facet_ids);
    out.array(d.by_day);
    out.array(d.kinds);
    out.array(d.text_start);
    out.text(d.text);
    out.array(d.surface_start);
    out.text(d.surface);
    out.array(d.df);
    out.array(d.idf);
    out.value<std::uint64_t>(d.papers_at_refresh);
    out.array(d.facet_kinds);
    out.array(d.facet_df);
    out.array(d.facet_text_start);
    out.text(d.facet_text);
    out.value<std::int32_t>(d.vectors.dim_);
    out.array(d.vectors.slot_);
    out.array(d.vectors.data_);
    out.array(d.vectors.common_);
    out.value<std::int32_t>(d.paper_vectors.dim_);
    out.array(d.paper_vectors.q_);
    out.array(d.paper_vectors.scale_);
  }

  static bool read(In& in, FeatureIndex::Data& d) {
    std::uint64_t at_refresh = 0;
    std::int32_t dim = 0, paper_dim = 0;
    const bool ok =
        in.array(d.ids) && in.array(d.days) && in.array(d.lengths) && in.value(d.total_length) &&
        in.array(d.row_start) && in.array(d.cols) && in.array(d.tfs) && in.array(d.inv_norm) &&
        in.array(d.facet_start) && in.array(d.facet_ids) && in.array(d.by_day) &&
        in.array(d.kinds) && in.array(d.text_start) && in.text(d.text) &&
        in.array(d.surface_start) && in.text(d.surface) && in.array(d.df) && in.array(d.idf) &&
        in.value(at_refresh) && in.array(d.facet_kinds) && in.array(d.facet_df) &&
        in.array(d.facet_text_start) && in.text(d.facet_text) && in.value(dim) &&
        in.array(d.vectors.slot_) && in.array(d.vectors.data_) && in.array(d.vectors.common_) &&
        in.value(paper_dim) && in.array(d.paper_vectors.q_) && in.array(d.paper_vectors.scale_);
    if (!ok || dim < 0 || paper_dim < 0) return false;
    d.papers_at_refresh = at_refresh;
    d.vectors.dim_ = dim;
    d.paper_vectors.dim_ = paper_dim;
    return true;
  }

  // Whether the arrays hold together: every length agrees and every index is in range, so that
  // nothing the ranking reads can fall outside an array.
  static bool coherent(const FeatureIndex::Data& d) {
    const std::size_t n = d.ids.size(), f = d.kinds.size(), fk = d.facet_kinds.size();
    const bool sizes =
        d.days.size() == n && d.lengths.size() == n && d.row_start.size() == n + 1 &&
        d.inv_norm.size() == n && d.facet_start.size() == n + 1 && d.by_day.size() == n &&
        d.row_start.front() == 0 && d.row_start.back() == d.cols.size() &&
        d.tfs.size() == d.cols.size() && d.facet_start.front() == 0 &&
        d.facet_start.back() == d.facet_ids.size() && d.text_start.size() == f + 1 &&
        d.text_start.back() == d.text.size() && d.surface_start.size() == f + 1 &&
        d.surface_start.back() == d.surface.size() && d.df.size() == f && d.idf.size() == f &&
        d.facet_df.size() == fk && d.facet_text_start.size() == fk + 1 &&
        d.facet_text_start.back() == d.facet_text.size();
    if (!sizes || !ascending(d.row_start) || !ascending(d.facet_start) ||
        !ascending(d.text_start) || !ascending(d.surface_start) || !ascending(d.facet_text_start)) {
      return false;
    }
    for (Column c : d.cols) {
      if (c >= f) return false;
    }
    for (Facet x : d.facet_ids) {
      if (x >= fk) return false;
    }
    for (Row r : d.by_day) {
      if (r >= n) return false;
    }
    for (FeatureKind k : d.kinds) {
      if (k > FeatureKind::author) return false;
    }
    for (FacetKind k : d.facet_kinds) {
      if (k > FacetKind::author_id) return false;
    }
    const auto& v = d.vectors;
    const auto dim = static_cast<std::size_t>(v.dim_);
    if (dim == 0) {
      if (!v.slot_.empty() || !v.data_.empty() || d.paper_vectors.dim_ != 0) return false;
    } else {
      if (v.data_.size() % dim != 0 || v.slot_.size() > f ||
          (!v.common_.empty() && v.common_.size() != dim)) {
        return false;
      }
      const auto vectors = static_cast<std::int64_t>(v.data_.size() / dim);
      for (std::int32_t s : v.slot_) {
        if (s < -1 || s >= vectors) return false;
      }
    }
    const auto& p = d.paper_vectors;
    const auto pdim = static_cast<std::size_t>(p.dim_);
    return p.q_.size() == p.scale_.size() * pdim && (pdim == 0 || p.scale_.size() == n);
  }
};

Result<void> FeatureIndex::save(const std::filesystem::path& path, std::string_view stamp) const {
  auto fail_io = [&](std::string_view what) {
    return fail(ErrorCode::internal, fmt::format("radar index file {}: {}: {}", path.string(), what,
                                                 std::strerror(errno)));
  };
  std::random_device random;
  auto tmp = path;
  tmp += fmt::format(".tmp-{}-{:08x}", ::getpid(), random());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return fail_io("cannot create it");
    f.write(kMagic.data(), kMagic.size());
    Out out(f);
    out.value(kFormat);
    out.text(options_text(d_->options));
    out.text(stamp);
    IndexFile::write(out, *d_);
    const std::uint64_t sum = out.checksum();
    f.write(reinterpret_cast<const char*>(&sum), sizeof sum);
    f.flush();
    if (!f) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      return fail_io("cannot write it");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return fail(ErrorCode::internal,
                fmt::format("radar index file {}: cannot replace it", path.string()));
  }
  return {};
}

Result<std::optional<FeatureIndex::Saved>> FeatureIndex::load(const std::filesystem::path& path,
                                                              const IndexOptions& options) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory) return std::nullopt;
    return fail(ErrorCode::internal,
                fmt::format("radar index file {}: {}", path.string(), ec.message()));
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    return fail(ErrorCode::internal, fmt::format("radar index file {}: cannot open it: {}",
                                                 path.string(), std::strerror(errno)));
  }
  auto corrupt = [&](std::string_view why) {
    return fail(ErrorCode::bad_upstream_data,
                fmt::format("radar index file {}: {}; it will be built again", path.string(), why));
  };
  std::array<char, 8> magic{};
  if (size < magic.size() + sizeof(std::uint64_t) || !f.read(magic.data(), magic.size())) {
    return corrupt("too short");
  }
  if (magic != kMagic) return corrupt("not a radar index file");
  In in(f, size - magic.size() - sizeof(std::uint64_t));
  std::uint32_t format = 0;
  std::string built_with, stamp;
  if (!in.value(format)) return corrupt("cut short");
  if (format != kFormat) return std::nullopt;  // another version's: built again
  if (!in.text(built_with)) return corrupt("cut short");
  const IndexOptions wanted = [&] {
    IndexOptions o = options;
    o.title_weight = std::clamp(o.title_weight, 1, 5);  // as build() keeps it
    return o;
  }();
  if (built_with != options_text(wanted)) return std::nullopt;  // other options: built again
  if (!in.text(stamp)) return corrupt("cut short");

  auto analyzer = Analyzer::create();
  if (!analyzer) return std::unexpected(analyzer.error());
  auto d = std::make_unique<Data>(std::move(*analyzer));
  d->options = wanted;
  if (!IndexFile::read(in, *d)) return corrupt("cut short");
  const std::uint64_t expected = in.checksum();
  std::uint64_t sum = 0;
  if (!f.read(reinterpret_cast<char*>(&sum), sizeof sum)) return corrupt("cut short");
  if (sum != expected) return corrupt("its checksum does not match");
  if (!IndexFile::coherent(*d)) return corrupt("its arrays do not hold together");

  d->row_of.reserve(d->ids.size());
  for (Row r = 0; r < d->ids.size(); ++r) {
    if (!d->row_of.emplace(d->ids[r], r).second) return corrupt("a paper id is in it twice");
  }
  for (Column c = 0; c < d->kinds.size(); ++c) {
    d->feature_map.insert(hash_key(static_cast<std::uint8_t>(d->kinds[c]), d->text_of(c)), c);
  }
  for (Facet x = 0; x < d->facet_kinds.size(); ++x) {
    d->facet_map.insert(
        hash_key(static_cast<std::uint8_t>(d->facet_kinds[x]) + 16, d->facet_text_of(x)), x);
  }
  d->word_df = d->total_word_df();
  d->refresh_postings();
  return std::optional<Saved>(Saved{FeatureIndex(std::move(d)), std::move(stamp)});
}

}  // namespace ah::radar
