#include "catalogue/catalogue_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "catalogue/catalogue_edit.h"

namespace ah::catalogue {
namespace {

namespace fs = std::filesystem;

Error io_error(std::string_view what, const fs::path& path, int err) {
  return Error{ErrorCode::unavailable,
               fmt::format("{} {}: {}", what, path.string(), std::strerror(err))};
}

Result<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(io_error("cannot read", path, errno));
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return std::unexpected(io_error("cannot read", path, errno));
  return s.str();
}

// Writes `text` to a temporary file beside `path`, flushes it to disk and renames it over `path`,
// keeping the old file's permissions.
Result<void> write_atomically(const fs::path& path, std::string_view text) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) return std::unexpected(io_error("cannot create the directory of", path, ec.value()));
  mode_t mode = 0644;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;
  const fs::path tmp = path.string() + fmt::format(".tmp{}", ::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return std::unexpected(io_error("cannot write", tmp, errno));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return std::unexpected(io_error("cannot write", tmp, err));
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!synced || ::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = synced ? errno : err;
    ::unlink(tmp.c_str());
    return std::unexpected(io_error("cannot write", path, e));
  }
  return {};
}

// An exclusive flock on PATH.lock, held for the object's life. Waits at most 10 s.
class FileLock {
 public:
  static Result<FileLock> take(const fs::path& path) {
    const fs::path lock = path.string() + ".lock";
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return std::unexpected(io_error("cannot open", lock, errno));
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR) {
        const int err = errno;
        ::close(fd);
        return std::unexpected(io_error("cannot lock", lock, err));
      }
      if (std::chrono::steady_clock::now() > until) {
        ::close(fd);
        Error e{
            ErrorCode::unavailable,
            fmt::format("{} stayed locked for 10 s by another edit of the sources", lock.string())};
        e.busy = true;
        return std::unexpected(e);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return FileLock(fd);
  }
  FileLock(FileLock&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  FileLock& operator=(FileLock&&) = delete;
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace

Result<CatalogueFile::Loaded> CatalogueFile::read() const {
  std::error_code ec;
  if (!fs::exists(path_, ec)) {
    auto parsed = parse_catalogue(default_catalogue_text(), "(the default catalogue)");
    if (!parsed) return std::unexpected(parsed.error());
    return Loaded{std::move(*parsed), false};
  }
  auto text = read_text(path_);
  if (!text) return std::unexpected(text.error());
  auto parsed = parse_catalogue(*text, path_.string());
  if (!parsed) return std::unexpected(parsed.error());
  return Loaded{std::move(*parsed), true};
}

Result<bool> CatalogueFile::ensure_exists() const {
  std::error_code ec;
  if (fs::exists(path_, ec)) return false;
  // O_EXCL-like: another process may be writing the default at the same time; both write the
  // same bytes, and rename makes either one whole.
  if (auto w = write_atomically(path_, default_catalogue_text()); !w) {
    return std::unexpected(w.error());
  }
  return true;
}

template <typename Edit>
Result<CatalogueFile::Edited> CatalogueFile::edit(Edit&& apply) const {
  auto lock = FileLock::take(path_);
  if (!lock) return std::unexpected(lock.error());
  auto created = ensure_exists();
  if (!created) return std::unexpected(created.error());
  auto text = read_text(path_);
  if (!text) return std::unexpected(text.error());
  Result<EditedText> edited = apply(*text, path_.string());
  if (!edited) return std::unexpected(edited.error());
  if (edited->text != *text) {
    if (edited->rewritten) {
      if (auto b = write_atomically(path_.string() + ".bak", *text); !b) {
        return std::unexpected(b.error());
      }
    }
    if (auto w = write_atomically(path_, edited->text); !w) return std::unexpected(w.error());
  }
  auto parsed = parse_catalogue(edited->text, path_.string());
  if (!parsed) return std::unexpected(parsed.error());
  return Edited{std::move(*parsed), edited->rewritten, *created};
}

Result<CatalogueFile::Edited> CatalogueFile::add(const SourceEntry& entry) const {
  return edit(
      [&](std::string_view text, std::string_view file) { return add_source(text, file, entry); });
}

Result<CatalogueFile::Edited> CatalogueFile::remove(std::string_view name) const {
  return edit([&](std::string_view text, std::string_view file) {
    return remove_source(text, file, name);
  });
}

Result<CatalogueFile::Edited> CatalogueFile::set_enabled(std::string_view name,
                                                         bool enabled) const {
  return edit([&](std::string_view text, std::string_view file) {
    return catalogue::set_enabled(text, file, name, enabled);
  });
}

std::optional<std::string> CatalogueFile::fingerprint() const {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return std::nullopt;
  return fmt::format("{}:{}:{}.{}", st.st_ino, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

}  // namespace ah::catalogue
