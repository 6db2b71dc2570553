#include "sources/openalex/budget.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace ah::sources::openalex {
namespace {

std::optional<double> number(const std::map<std::string, std::string>& headers,
                             const std::string& name) {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  std::string_view text = it->second;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// floor(a / b) for a budget: a tiny tolerance keeps 0.099 / 0.001 at 99, not 98.999...
std::int64_t whole_requests(double left, double cost) {
  if (left <= 0) return 0;
  return static_cast<std::int64_t>(std::floor(left / cost + 1e-6));
}

std::string amount(double value) { return fmt::format("{:g}", value); }

}  // namespace

Budget read_budget(const std::map<std::string, std::string>& headers) {
  Budget b;
  b.remaining_usd = number(headers, "x-ratelimit-remaining-usd");
  b.limit_usd = number(headers, "x-ratelimit-limit-usd");
  b.cost_usd = number(headers, "x-ratelimit-cost-usd");
  if (!b.cost_usd) b.cost_usd = number(headers, "x-ratelimit-cost-required-usd");
  b.remaining = number(headers, "x-ratelimit-remaining");
  b.limit = number(headers, "x-ratelimit-limit");
  b.credits_used = number(headers, "x-ratelimit-credits-used");
  if (auto reset = number(headers, "x-ratelimit-reset");
      reset && *reset >= 0 && *reset <= 172'800) {
    b.reset_seconds = static_cast<std::int64_t>(*reset);
  }
  return b;
}

bool Budget::known() const {
  return remaining_usd || limit_usd || cost_usd || remaining || limit || credits_used ||
         reset_seconds;
}

std::optional<std::int64_t> Budget::requests_left() const {
  if (remaining_usd && cost_usd && *cost_usd > 0) return whole_requests(*remaining_usd, *cost_usd);
  if (remaining_usd && *remaining_usd <= 0) return 0;
  if (remaining) {
    return whole_requests(*remaining, credits_used && *credits_used > 0 ? *credits_used : 1.0);
  }
  return std::nullopt;
}

bool Budget::spent() const {
  auto left = requests_left();
  return left && *left <= 0;
}

std::string Budget::describe() const {
  std::string text;
  if (remaining_usd) {
    text = "$" + amount(*remaining_usd);
    if (limit_usd) text += " of $" + amount(*limit_usd);
    text += " left today";
    if (cost_usd) text += " ($" + amount(*cost_usd) + " a request)";
  } else if (remaining) {
    text = amount(*remaining);
    if (limit) text += " of " + amount(*limit);
    text += " credits left today";
    if (credits_used) text += " (" + amount(*credits_used) + " a request)";
  } else {
    text = "no budget headers";
  }
  if (reset_seconds) text += fmt::format(", resets in {} s", *reset_seconds);
  return text;
}

}  // namespace ah::sources::openalex
