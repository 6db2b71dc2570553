// The page's files (web/dist, built by Vite) embedded in the binary at build time by
// embed_assets.cmake, so one executable serves the UI. Read-only data; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace ah::web {

struct Asset {
  std::string_view path;          // "/index.html", "/boot.js", "/assets/index-BM3ZP99i.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8", "font/woff2", ...
  std::string_view body;
};

// Every embedded file, sorted by path; empty when web/dist was missing at build time.
std::span<const Asset> embedded_assets();

}  // namespace ah::web
