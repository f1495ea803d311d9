#!/usr/bin/env python3
"""A tiny, deterministic loopback stand-in for the model services Weaviate's modules call, for local
servers and tests. One process per instance answers four APIs, so the real server's module code runs
offline:

  text2vec-transformers  POST /vectors              (TRANSFORMERS_INFERENCE_API)
  multi2vec-clip         POST /vectorize            (CLIP_INFERENCE_API)
  multi2vec-bind         POST /vectorize            (BIND_INFERENCE_API; same route, more media)
  OpenAI                 POST /v1/embeddings        (text2vec-openai, baseURL = this service)
                         POST /v1/chat/completions  (generative-openai, baseURL = this service)

Why: Weaviate 1.39's offline text2vec-bigram module vectorizes objects but registers no nearText
argument, and no offline module vectorizes images or other media or generates text through a real
provider's code path. With this service on loopback, the real modules do.

Embeddings are exactly text2vec-bigram's default ("mod26"): every pair of consecutive bytes counted
at index (b1 % 26) * 26 + (b2 % 26) of a 676-dimensional vector, divided by the number of pairs.
Texts are lower-cased UTF-8 first; media (images, audio, video, imu, thermal, depth: base64 strings)
are embedded over their decoded bytes as they are (a string that is not base64 over its UTF-8). A
collection vectorized through this service therefore gets vectors a test can compute by hand. Input
with fewer than two bytes, where bigram gives NaN, gets a uniform vector instead.

Chat completions answer, deterministically,
    "standin(<model>): <the text of the last user message>"
(model "gpt-4o-mini" when the request names none), with usage counted in whitespace-separated words.

Every POST is recorded (path, the request's JSON body, the Authorization and OpenAI-* headers), the
last 2000 of them. GET /requests returns them oldest first as a JSON list; GET /requests?contains=X
only those whose body, as JSON text, contains X (tests run in parallel: filter by a marker that only
your test sends).

Endpoints:
  GET  /.well-known/live, /.well-known/ready  -> 204
  GET  /meta                                  -> {"model": {...}}
  POST /vectors    {"text": "..."}            -> {"text": ..., "dims": 676, "vector": [...]}
  POST /vectorize  {"texts": [...], "images": [...], "audio": [...], ...}
                                              -> {"textVectors": [...], "imageVectors": [...], ...}
  POST /v1/embeddings {"input": "..." | [...], "model": ...}  -> OpenAI's embedding list
  POST /v1/chat/completions {"model": ..., "messages": [...], ...} -> OpenAI's chat completion
  GET  /requests[?contains=X]                 -> [{"path": ..., "headers": {...}, "body": {...}}]

Usage: embedder.py PORT   (binds 127.0.0.1 only; stops on SIGTERM)
"""

import base64
import binascii
import collections
import json
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIMS = 26 * 26
DEFAULT_CHAT_MODEL = "gpt-4o-mini"
# The request fields of /vectorize and the reply fields they answer in.
MEDIA = {
    "texts": "textVectors",
    "images": "imageVectors",
    "audio": "audioVectors",
    "video": "videoVectors",
    "imu": "imuVectors",
    "thermal": "thermalVectors",
    "depth": "depthVectors",
}

RECORDED = collections.deque(maxlen=2000)
RECORDED_LOCK = threading.Lock()


def embed_bytes(data: bytes) -> list[float]:
    vector = [0.0] * DIMS
    for a, b in zip(data, data[1:]):
        vector[(a % 26) * 26 + (b % 26)] += 1.0
    total = sum(vector)
    if total == 0.0:
        return [1.0 / DIMS] * DIMS
    return [x / total for x in vector]


def embed(text: str) -> list[float]:
    return embed_bytes(text.lower().encode("utf-8"))


def embed_media(value: str) -> list[float]:
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        data = value.encode("utf-8")
    return embed_bytes(data)


def message_text(message: dict) -> str:
    """The text of a chat message: a string, or the text parts of a multimodal content list."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def chat_completion(request: dict) -> dict:
    model = request.get("model") or DEFAULT_CHAT_MODEL
    users = [m for m in request.get("messages", []) if m.get("role") == "user"]
    prompt = message_text(users[-1]) if users else ""
    answer = f"standin({model}): {prompt}"
    prompt_tokens = sum(len(message_text(m).split()) for m in request.get("messages", []))
    completion_tokens = len(answer.split())
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def embeddings(request: dict) -> dict:
    inputs = request.get("input")
    if isinstance(inputs, str):
        inputs = [inputs]
    return {
        "object": "list",
        "data": [
            {"object": "embedding", "index": i, "embedding": embed(text)}
            for i, text in enumerate(inputs or [])
        ],
        "model": request.get("model", "text-embedding-standin"),
        "usage": {"prompt_tokens": 0, "total_tokens": 0},
    }


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
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/.well-known/live", "/.well-known/ready"):
            self._send(204)
        elif url.path == "/meta":
            self._send(200, {"model": {"name": "weaviate-orm-bigram", "dims": DIMS}})
        elif url.path == "/requests":
            contains = urllib.parse.parse_qs(url.query).get("contains", [None])[0]
            with RECORDED_LOCK:
                found = [
                    r
                    for r in RECORDED
                    if contains is None or contains in json.dumps(r["body"], ensure_ascii=False)
                ]
            self._send(200, found)
        else:
            self._send(404, {"error": f"no route {url.path}"})

    def do_POST(self) -> None:  # noqa: N802
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        length = int(self.headers.get("Content-Length") or 0)
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
            if not isinstance(request, dict):
                raise TypeError("the body is not a JSON object")
        except (ValueError, TypeError) as e:
            self._send(422, {"error": f"bad request: {e}"})
            return
        headers = {
            k.lower(): v
            for k, v in self.headers.items()
            if k.lower() == "authorization" or k.lower().startswith("openai-")
        }
        with RECORDED_LOCK:
            RECORDED.append({"path": path, "headers": headers, "body": request})
        try:
            if path == "/vectors":
                text = request["text"]
                self._send(200, {"text": text, "dims": DIMS, "vector": embed(text)})
            elif path == "/vectorize":
                reply = {}
                for field, answer in MEDIA.items():
                    values = request.get(field) or []
                    if values:
                        one = embed if field == "texts" else embed_media
                        reply[answer] = [one(v) for v in values]
                self._send(200, reply)
            elif path == "/v1/embeddings":
                self._send(200, embeddings(request))
            elif path == "/v1/chat/completions":
                self._send(200, chat_completion(request))
            else:
                self._send(404, {"error": {"message": f"no route {path}"}})
        except (KeyError, TypeError, AttributeError) as e:
            self._send(422, {"error": {"message": f"bad request: {e}"}})

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
