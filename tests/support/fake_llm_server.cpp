#include "tests/support/fake_llm_server.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

namespace ah::testing {
namespace {

using nlohmann::json;

constexpr std::size_t kWorkerThreads = 8;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The content cut into pieces of about 8 bytes, never inside a UTF-8 sequence.
std::vector<std::string> default_pieces(const std::string& content) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = std::min(start + 8, content.size());
    while (end < content.size() && (static_cast<unsigned char>(content[end]) & 0xC0) == 0x80) {
      ++end;
    }
    pieces.push_back(content.substr(start, end - start));
    start = end;
  }
  return pieces;
}

LlmRequestRecord record_of(const httplib::Request& req) {
  LlmRequestRecord r;
  r.path = req.path;
  r.body = req.body;
  for (const auto& [name, value] : req.headers) r.headers[lower(name)] = value;
  const json body = json::parse(req.body, nullptr, false);
  if (body.is_object()) {
    r.model = body.value("model", "");
    r.stream = body.value("stream", false);
    if (auto it = body.find("stream_options"); it != body.end() && it->is_object()) {
      r.include_usage = it->value("include_usage", false);
    }
    if (auto it = body.find("max_tokens"); it != body.end() && it->is_number_integer()) {
      r.max_tokens = it->get<int>();
    }
    if (auto it = body.find("messages"); it != body.end() && it->is_array()) {
      for (const json& m : *it) {
        if (m.is_object()) r.messages.emplace_back(m.value("role", ""), m.value("content", ""));
      }
    }
  }
  return r;
}

json usage_json(const FakeLlmReply& reply) {
  return {{"prompt_tokens", reply.prompt_tokens},
          {"completion_tokens", reply.completion_tokens},
          {"total_tokens", reply.prompt_tokens + reply.completion_tokens}};
}

json whole_answer(const FakeLlmReply& reply, const std::string& model) {
  json answer{
      {"id", "chatcmpl-fake"},
      {"object", "chat.completion"},
      {"model", model},
      {"choices", json::array({{{"index", 0},
                                {"message", {{"role", "assistant"}, {"content", reply.content}}},
                                {"finish_reason", reply.finish_reason}}})}};
  if (reply.usage) answer["usage"] = usage_json(reply);
  return answer;
}

// The streamed answer as SSE events (each a whole "data: ...\n\n" block).
std::vector<std::string> events_of(const FakeLlmReply& reply, const LlmRequestRecord& request) {
  const std::string eol = reply.crlf ? "\r\n" : "\n";
  auto event = [&](const std::string& data) { return "data: " + data + eol + eol; };
  auto chunk = [&](json delta, json finish) {
    return json{
        {"id", "chatcmpl-fake"},
        {"object", "chat.completion.chunk"},
        {"model", request.model},
        {"choices",
         json::array(
             {{{"index", 0}, {"delta", std::move(delta)}, {"finish_reason", std::move(finish)}}})}}
        .dump();
  };
  std::vector<std::string> events;
  events.push_back(event(chunk({{"role", "assistant"}, {"content", ""}}, nullptr)));
  const auto pieces = reply.pieces.empty() ? default_pieces(reply.content) : reply.pieces;
  for (const std::string& piece : pieces) {
    std::string e = event(chunk({{"content", piece}}, nullptr));
    if (reply.comments) e = ": keep-alive" + eol + e;
    events.push_back(std::move(e));
  }
  events.push_back(event(chunk(json::object(), reply.finish_reason)));
  if (reply.usage && request.include_usage) {
    events.push_back(event(json{
        {"id", "chatcmpl-fake"},
        {"object", "chat.completion.chunk"},
        {"model", request.model},
        {"choices", json::array()},
        {"usage",
         usage_json(reply)}}.dump()));
  }
  if (reply.done) events.push_back(event("[DONE]"));
  return events;
}

}  // namespace

FakeLlmReply FakeLlmReply::text(std::string content) {
  FakeLlmReply r;
  r.content = std::move(content);
  return r;
}

FakeLlmReply FakeLlmReply::error(int status, std::string body) {
  FakeLlmReply r;
  r.status = status;
  r.error_body = std::move(body);
  return r;
}

FakeLlmReply FakeLlmReply::with_header(const std::string& name, std::string value) && {
  headers[name] = std::move(value);
  return std::move(*this);
}
FakeLlmReply FakeLlmReply::with_delay(std::chrono::milliseconds value) && {
  delay = value;
  return std::move(*this);
}
FakeLlmReply FakeLlmReply::in_pieces(std::vector<std::string> parts,
                                     std::chrono::milliseconds between) && {
  pieces = std::move(parts);
  piece_delay = between;
  content.clear();
  for (const auto& p : pieces) content += p;
  return std::move(*this);
}
FakeLlmReply FakeLlmReply::without_usage() && {
  usage = false;
  return std::move(*this);
}
FakeLlmReply FakeLlmReply::with_crlf() && {
  crlf = true;
  return std::move(*this);
}
FakeLlmReply FakeLlmReply::split_every_bytes(std::size_t bytes) && {
  split_every = bytes;
  return std::move(*this);
}
FakeLlmReply FakeLlmReply::with_comments() && {
  comments = true;
  return std::move(*this);
}
FakeLlmReply FakeLlmReply::without_done() && {
  done = false;
  return std::move(*this);
}
FakeLlmReply FakeLlmReply::ignoring_stream() && {
  ignore_stream = true;
  return std::move(*this);
}

std::string LlmRequestRecord::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string LlmRequestRecord::message(const std::string& role) const {
  for (const auto& [r, content] : messages) {
    if (r == role) return content;
  }
  return {};
}

struct FakeLlmServer::State {
  httplib::Server server;
  std::thread thread;
  int port = 0;

  mutable std::mutex mutex;
  std::condition_variable stop_signal;
  bool stopping = false;                                            // guarded by mutex
  std::vector<FakeLlmReply> script;                                 // guarded by mutex
  std::size_t served = 0;                                           // guarded by mutex
  std::vector<LlmRequestRecord> requests;                           // guarded by mutex
  std::vector<std::chrono::steady_clock::time_point> first_pieces;  // guarded by mutex

  // Waits `duration` unless the server stops first; false when it stopped.
  bool wait(std::chrono::milliseconds duration) {
    if (duration.count() <= 0) return true;
    std::unique_lock lock(mutex);
    return !stop_signal.wait_for(lock, duration, [&] { return stopping; });
  }

  std::optional<FakeLlmReply> take(LlmRequestRecord record) {
    std::lock_guard lock(mutex);
    requests.push_back(std::move(record));
    if (script.empty()) return std::nullopt;
    const std::size_t i = std::min(served, script.size() - 1);
    ++served;
    return script[i];
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    LlmRequestRecord request = record_of(req);
    std::optional<FakeLlmReply> scripted = take(request);
    if (!scripted) {
      res.status = 500;
      res.set_content(R"({"error":{"message":"fake: nothing scripted"}})", "application/json");
      return;
    }
    FakeLlmReply reply = std::move(*scripted);
    if (!wait(reply.delay)) return;
    for (const auto& [name, value] : reply.headers) res.set_header(name, value);
    res.status = reply.status;
    if (reply.status != 200) {
      res.set_content(reply.error_body, "application/json");
      return;
    }
    if (!request.stream || reply.ignore_stream) {
      res.set_content(whole_answer(reply, request.model).dump(), "application/json");
      return;
    }
    std::vector<std::string> events = events_of(reply, request);
    auto writes = std::make_shared<std::vector<std::string>>();
    if (reply.split_every > 0) {
      std::string all;
      for (const auto& e : events) all += e;
      for (std::size_t at = 0; at < all.size(); at += reply.split_every) {
        writes->push_back(all.substr(at, reply.split_every));
      }
    } else {
      *writes = std::move(events);
    }
    auto next = std::make_shared<std::size_t>(0);
    const auto between = reply.piece_delay;
    res.set_chunked_content_provider(
        "text/event-stream", [this, writes, next, between](std::size_t, httplib::DataSink& sink) {
          const std::size_t i = (*next)++;
          if (i >= writes->size()) {
            sink.done();
            return true;
          }
          if (i > 0 && !wait(between)) return false;
          if (i == 1) {  // the first write after the role chunk carries the first content
            std::lock_guard lock(mutex);
            first_pieces.push_back(std::chrono::steady_clock::now());
          }
          return sink.write((*writes)[i].data(), (*writes)[i].size());
        });
  }
};

FakeLlmServer::FakeLlmServer() : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.server.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  s.server.set_keep_alive_timeout(1);
  s.server.set_tcp_nodelay(true);
  s.server.Post(".*",
                [&s](const httplib::Request& req, httplib::Response& res) { s.handle(req, res); });
  s.port = s.server.bind_to_any_port("127.0.0.1");
  if (s.port <= 0) throw std::runtime_error("fake LLM server: cannot bind 127.0.0.1");
  s.thread = std::thread([&s] { s.server.listen_after_bind(); });
  while (!s.server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeLlmServer::~FakeLlmServer() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->stop_signal.notify_all();
  state_->server.stop();
  state_->thread.join();
}

std::string FakeLlmServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + "/v1";
}

std::string FakeLlmServer::host() const { return "127.0.0.1:" + std::to_string(state_->port); }

void FakeLlmServer::add(FakeLlmReply reply) {
  std::lock_guard lock(state_->mutex);
  state_->script.push_back(std::move(reply));
}

std::vector<LlmRequestRecord> FakeLlmServer::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}

std::vector<std::chrono::steady_clock::time_point> FakeLlmServer::first_piece_times() const {
  std::lock_guard lock(state_->mutex);
  return state_->first_pieces;
}

}  // namespace ah::testing
