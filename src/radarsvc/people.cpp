#include "radarsvc/people.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "json/paper_json.h"
#include "radar/analyzer.h"

namespace ah::radarsvc {
namespace {

constexpr int kPapersRead = 300;
constexpr std::size_t kMaxAffiliations = 5, kMaxRecent = 5;

// The candidate an author of a paper belongs to: their ORCID, else their first other id, else
// the one candidate of the name's records without ids ("").
std::string person_key(const core::Author& a) {
  if (!a.orcid.empty()) return "orcid:" + a.orcid;
  for (const auto& id : a.ids) return id.scheme + ":" + id.value;
  return "";
}

struct Tally {
  std::map<std::string, int> names, affiliations;
  std::vector<std::string> ids;
  Person person;
};

template <typename Map>
std::vector<std::string> most_first(const Map& counts, std::size_t n) {
  std::vector<std::pair<std::string, int>> v(counts.begin(), counts.end());
  std::ranges::stable_sort(v, [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size() && i < n; ++i) out.push_back(v[i].first);
  return out;
}

std::vector<std::string_view> words_of(std::string_view key) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < key.size();) {
    const std::size_t end = std::min(key.find(' ', i), key.size());
    if (end > i) out.push_back(key.substr(i, end - i));
    i = end + 1;
  }
  return out;
}

// True when every word of what was typed begins a word of the author's name key, so "Simeng",
// "zhang simeng" and "sim zha" all find "Simeng Zhang" as people type a name.
bool name_matches(std::string_view author_key, const std::vector<std::string_view>& typed) {
  const std::vector<std::string_view> words = words_of(author_key);
  for (std::string_view t : typed) {
    if (std::ranges::none_of(words, [t](std::string_view w) { return w.starts_with(t); })) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<std::vector<Person>> find_people(store::PaperStore& store, std::string_view name,
                                        int limit) {
  const std::string key = radar::author_key(name);
  if (key.empty()) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("name: '{}' has no letters or digits", name));
  }
  if (limit < 1 || limit > 50) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("limit: expected an integer from 1 to 50, got {}", limit));
  }
  const std::vector<std::string_view> typed = words_of(key);
  search::SearchRequest request;
  request.filters.authors = {std::string(name)};
  request.sort = search::Sort::newest;
  request.limit = kPapersRead;
  request.count_total = false;
  auto found = store.search(request);
  if (!found) return std::unexpected(found.error());

  std::map<std::string, Tally> people;
  for (const store::SearchHit& hit : found->hits) {
    const core::Paper& p = hit.paper;
    std::set<std::string> counted;  // each person once per paper
    for (const core::Author& a : p.authors) {
      if (!name_matches(radar::author_key(a.name), typed)) continue;
      if (!counted.insert(person_key(a)).second) continue;
      Tally& t = people[person_key(a)];
      t.names[a.name]++;
      if (!a.affiliation.empty()) t.affiliations[a.affiliation]++;
      if (!a.orcid.empty()) {
        const std::string id = "orcid:" + a.orcid;
        if (std::ranges::find(t.ids, id) == t.ids.end()) t.ids.push_back(id);
      }
      for (const auto& id : a.ids) {
        const std::string text = id.scheme + ":" + id.value;
        if (std::ranges::find(t.ids, text) == t.ids.end()) t.ids.push_back(text);
      }
      t.person.papers++;
      if (t.person.recent.size() < kMaxRecent) {
        const std::string& date = !p.announced.empty() ? p.announced : p.published;
        t.person.recent.push_back(RecentPaper{
            p.paper_id, json::display_id(p), p.title_display.empty() ? p.title : p.title_display,
            date.substr(0, std::min<std::size_t>(date.size(), 10))});
      }
    }
  }
  std::vector<Person> out;
  for (auto& [k, t] : people) {
    Person person = std::move(t.person);
    person.name = most_first(t.names, 1).front();
    person.ids = std::move(t.ids);
    person.affiliations = most_first(t.affiliations, kMaxAffiliations);
    out.push_back(std::move(person));
  }
  std::ranges::stable_sort(out, [](const Person& a, const Person& b) {
    if (a.papers != b.papers) return a.papers > b.papers;
    return a.ids.size() > b.ids.size();
  });
  if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
  return out;
}

}  // namespace ah::radarsvc
