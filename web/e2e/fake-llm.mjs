// An OpenAI-compatible chat-completions server for the browser tests (the briefing's and the notes'):
// it records every request and answers as the test's `answer` says, streamed when the request streams.

import http from "node:http";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the server on 127.0.0.1. `answer(ask, body)` gives the reply to a parsed request `ask` (its raw
 * `body` beside): `{ pieces: [text...], usage }`. Every request waits `delay` ms; a streamed reply sends its
 * pieces `gap` ms apart (a wait before each, so the page shows what it has while the LLM "thinks"); a
 * `status` other than 200 fails every request with `errorMessage`. Resolves to {url (ends in /v1),
 * requests: [{authorization, ask}], close()}.
 */
export async function startFakeLlm({ answer, delay = 0, gap = 0, status = 200, errorMessage = "failing on purpose" }) {
  const requests = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      const ask = JSON.parse(body);
      requests.push({ authorization: req.headers.authorization, ask });
      await sleep(delay);
      if (status !== 200) {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: errorMessage } }));
        return;
      }
      const { pieces, usage } = answer(ask, body);
      if (!ask.stream) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: "c1", object: "chat.completion", model: ask.model,
          choices: [{ index: 0, message: { role: "assistant", content: pieces.join("") }, finish_reason: "stop" }], usage }));
        return;
      }
      const chunk = (extra) => `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", model: ask.model, ...extra })}\n\n`;
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (const p of pieces) {
        await sleep(gap);
        res.write(chunk({ choices: [{ index: 0, delta: { content: p }, finish_reason: null }] }));
      }
      res.write(chunk({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }));
      res.write(chunk({ choices: [], usage }));
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}/v1`, requests, close: () => new Promise((r) => server.close(r)) };
}
