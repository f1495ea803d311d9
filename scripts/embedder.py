#!/usr/bin/env python3
"""A tiny, deterministic text-embedding service speaking the inference API of Weaviate's
text2vec-transformers module, for local servers and tests.

Why: Weaviate 1.39's offline text2vec-bigram module vectorizes objects but registers no nearText
argument, so the server refuses every near_text search on it. With this service on loopback, Weaviate's
real text2vec-transformers module vectorizes objects and queries, and near_text works end to end.

The embedding is exactly text2vec-bigram's default ("mod26"): the text lower-cased, every pair of
consecutive UTF-8 bytes counted at index (b1 % 26) * 26 + (b2 % 26) of a 676-dimensional vector, divided
by the number of pairs. So a collection vectorized through this service (with `vectorizeClassName:
false` and one source property) gets the same vectors as with text2vec-bigram, and orders can be
computed by hand in tests. A text with fewer than two bytes, where bigram gives NaN, gets a uniform
vector instead.

Endpoints (as Weaviate calls them):
  GET  /.well-known/live, /.well-known/ready  -> 204
  GET  /meta                                  -> {"model": {...}}
  POST /vectors  {"text": "...", "config": {...}}  -> {"text": ..., "dims": 676, "vector": [...]}

Usage: embedder.py PORT   (binds 127.0.0.1 only; stops on SIGTERM)
"""

import json
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIMS = 26 * 26


def embed(text: str) -> list[float]:
    data = text.lower().encode("utf-8")
    vector = [0.0] * DIMS
    for a, b in zip(data, data[1:]):
        vector[(a % 26) * 26 + (b % 26)] += 1.0
    total = sum(vector)
    if total == 0.0:
        return [1.0 / DIMS] * DIMS
    return [x / total for x in vector]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _send(self, status: int, body: object | None = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path in ("/.well-known/live", "/.well-known/ready"):
            self._send(204)
        elif self.path == "/meta":
            self._send(200, {"model": {"name": "weaviate-orm-bigram", "dims": DIMS}})
        else:
            self._send(404, {"error": f"no route {self.path}"})

    def do_POST(self) -> None:  # noqa: N802
        if self.path.rstrip("/") != "/vectors":
            self._send(404, {"error": f"no route {self.path}"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
            text = request["text"]
        except (ValueError, KeyError, TypeError) as e:
            self._send(422, {"error": f"bad request: {e}"})
            return
        self._send(200, {"text": text, "dims": DIMS, "vector": embed(text)})

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: embedder.py PORT")
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    signal.signal(signal.SIGTERM, lambda *_: (server.server_close(), sys.exit(0)))
    server.serve_forever()


if __name__ == "__main__":
    main()
