#!/usr/bin/env python3
"""A small loopback OpenID Connect issuer for tests: a Weaviate started with AUTHENTICATION_OIDC_*
pointed at it validates the tokens it signs, so OIDC logins and token refresh run end to end offline.

It signs RS256 JWTs with an RSA key it generates at start (pure Python standard library), and serves:

  GET  /.well-known/openid-configuration  discovery: issuer, jwks_uri, token_endpoint, ...
  GET  /.well-known/jwks                  the public key as a JWK set
  POST /token                             OAuth 2.0 token endpoint (form-encoded), grant types
                                          client_credentials (client id and secret in the form or
                                          HTTP Basic), password (username, password) and
                                          refresh_token; answers access_token and id_token (the same
                                          JWT), token_type Bearer, expires_in, refresh_token
  GET  /requests                          the token requests so far, oldest first: grant type,
                                          client or user, the time, whether it was refused
  GET  /.well-known/ready                 204

Tokens carry iss, sub (the user or client), aud (--audience, Weaviate's AUTHENTICATION_OIDC_CLIENT_ID),
azp (the client that asked), iat, exp (--lifetime seconds after iat), email and groups (from --user).
Refresh tokens are opaque, single use, and name the user and scope they were issued for. A wrong
secret, password or refresh token is refused with OAuth's `invalid_client` / `invalid_grant`.

Usage:
  oidc_issuer.py PORT [--lifetime SECONDS] [--audience AUD]
                 [--client ID:SECRET]... [--user NAME:PASSWORD[:GROUP,GROUP...]]...
Binds 127.0.0.1 only; prints `ready` on stdout once listening; stops on SIGTERM.
"""

import argparse
import base64
import hashlib
import json
import secrets
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# --- RSA, PKCS #1 v1.5 with SHA-256 (RS256) -------------------------------------------------------

SMALL_PRIMES = [p for p in range(3, 2000, 2) if all(p % q for q in range(3, int(p**0.5) + 1, 2))]


def probably_prime(n: int, rounds: int = 40) -> bool:
    if n < 2:
        return False
    for p in SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for _ in range(rounds):
        a = secrets.randbelow(n - 3) + 2
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def random_prime(bits: int) -> int:
    while True:
        candidate = secrets.randbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if probably_prime(candidate):
            return candidate


def rsa_key(bits: int = 2048) -> tuple[int, int, int]:
    """(n, e, d) of a fresh RSA key."""
    e = 65537
    while True:
        p, q = random_prime(bits // 2), random_prime(bits // 2)
        phi = (p - 1) * (q - 1)
        if p != q and phi % e != 0:
            n = p * q
            if n.bit_length() == bits:
                return n, e, pow(e, -1, phi)


# DER prefix of a SHA-256 DigestInfo (RFC 8017, section 9.2, note 1).
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


def rs256(message: bytes, n: int, d: int) -> bytes:
    k = (n.bit_length() + 7) // 8
    t = SHA256_DIGEST_INFO + hashlib.sha256(message).digest()
    em = b"\x00\x01" + b"\xff" * (k - len(t) - 3) + b"\x00" + t
    return pow(int.from_bytes(em, "big"), d, n).to_bytes(k, "big")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_int(value: int) -> str:
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


# --- the issuer -----------------------------------------------------------------------------------


class Issuer:
    def __init__(self, url: str, args: argparse.Namespace) -> None:
        self.url = url
        self.lifetime = args.lifetime
        self.audience = args.audience
        self.kid = "weaviate-orm-test-" + secrets.token_hex(4)
        self.n, self.e, self.d = rsa_key()
        self.clients = dict(c.split(":", 1) for c in args.client)
        self.users: dict[str, tuple[str, list[str]]] = {}
        for spec in args.user:
            name, password, *groups = spec.split(":", 2)
            self.users[name] = (password, [g for g in ",".join(groups).split(",") if g])
        self.refresh: dict[str, tuple[str, str]] = {}  # token -> (subject, client)
        self.log: list[dict] = []
        self.lock = threading.Lock()

    def discovery(self) -> dict:
        return {
            "issuer": self.url,
            "jwks_uri": f"{self.url}/.well-known/jwks",
            "token_endpoint": f"{self.url}/token",
            "authorization_endpoint": f"{self.url}/authorize",
            "grant_types_supported": ["client_credentials", "password", "refresh_token"],
            "response_types_supported": ["token", "id_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }

    def jwks(self) -> dict:
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "alg": "RS256",
                    "kid": self.kid,
                    "n": b64url_int(self.n),
                    "e": b64url_int(self.e),
                }
            ]
        }

    def sign(self, claims: dict) -> str:
        header = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        signing_input = (
            b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        )
        return signing_input + "." + b64url(rs256(signing_input.encode(), self.n, self.d))

    def tokens(self, subject: str, client: str, groups: list[str]) -> dict:
        now = int(time.time())
        claims = {
            "iss": self.url,
            "sub": subject,
            "aud": self.audience,
            "azp": client,
            "iat": now,
            "nbf": now - 1,
            "exp": now + self.lifetime,
            "email": f"{subject}@weaviate-orm.test",
            "preferred_username": subject,
            "groups": groups,
        }
        jwt = self.sign(claims)
        refresh = "rt-" + secrets.token_urlsafe(24)
        self.refresh[refresh] = (subject, client)
        return {
            "access_token": jwt,
            "id_token": jwt,
            "token_type": "Bearer",
            "expires_in": self.lifetime,
            "refresh_token": refresh,
            "scope": "openid offline_access",
        }

    def token_request(self, form: dict[str, str], basic: tuple[str, str] | None) -> tuple[int, dict]:
        grant = form.get("grant_type", "")
        client_id, client_secret = basic or (form.get("client_id", ""), form.get("client_secret"))
        entry = {"grant_type": grant, "client_id": client_id, "at": time.time()}
        with self.lock:
            status, body = self._grant(grant, form, client_id, client_secret)
            entry["status"] = status
            entry["subject"] = body.get("_subject")
            body.pop("_subject", None)
            self.log.append(entry)
        return status, body

    def _grant(self, grant: str, form: dict, client_id: str, secret: str | None) -> tuple[int, dict]:
        # A client with a secret must present it; a public client (unknown id, no secret) may use
        # the password and refresh grants.
        if client_id in self.clients and secret is not None and self.clients[client_id] != secret:
            return 401, {"error": "invalid_client", "error_description": "wrong client secret"}
        if grant == "client_credentials":
            if self.clients.get(client_id) is None or self.clients[client_id] != secret:
                return 401, {"error": "invalid_client", "error_description": "unknown client or secret"}
            return 200, {**self.tokens(client_id, client_id, []), "_subject": client_id}
        if grant == "password":
            user = form.get("username", "")
            known = self.users.get(user)
            if known is None or known[0] != form.get("password"):
                return 400, {"error": "invalid_grant", "error_description": "wrong username or password"}
            return 200, {**self.tokens(user, client_id, known[1]), "_subject": user}
        if grant == "refresh_token":
            found = self.refresh.pop(form.get("refresh_token", ""), None)
            if found is None:
                return 400, {"error": "invalid_grant", "error_description": "unknown or used refresh token"}
            subject, client = found
            groups = self.users.get(subject, ("", []))[1]
            return 200, {**self.tokens(subject, client, groups), "_subject": subject}
        return 400, {"error": "unsupported_grant_type", "error_description": grant}


def handler(issuer: Issuer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _send(self, status: int, body: object | None = None) -> None:
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            if body is not None:
                self.send_header("Content-Type", "application/json")
                self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            path = urllib.parse.urlsplit(self.path).path
            if path == "/.well-known/openid-configuration":
                self._send(200, issuer.discovery())
            elif path == "/.well-known/jwks":
                self._send(200, issuer.jwks())
            elif path == "/.well-known/ready":
                self._send(204)
            elif path == "/requests":
                with issuer.lock:
                    self._send(200, list(issuer.log))
            else:
                self._send(404, {"error": f"no route {path}"})

        def do_POST(self) -> None:  # noqa: N802
            path = urllib.parse.urlsplit(self.path).path
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8", "replace")
            if path != "/token":
                self._send(404, {"error": f"no route {path}"})
                return
            form = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
            basic = None
            auth = self.headers.get("Authorization", "")
            if auth.lower().startswith("basic "):
                try:
                    user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
                    basic = (urllib.parse.unquote(user), urllib.parse.unquote(password))
                except (ValueError, UnicodeDecodeError):
                    self._send(401, {"error": "invalid_client", "error_description": "bad Basic header"})
                    return
            status, body = issuer.token_request(form, basic)
            self._send(status, body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("port", type=int)
    parser.add_argument("--lifetime", type=int, default=30, help="token lifetime in seconds")
    parser.add_argument("--audience", default="weaviate")
    parser.add_argument("--client", action="append", default=[], metavar="ID:SECRET")
    parser.add_argument("--user", action="append", default=[], metavar="NAME:PASSWORD[:GROUPS]")
    args = parser.parse_args()
    issuer = Issuer(f"http://127.0.0.1:{args.port}", args)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler(issuer))
    signal.signal(signal.SIGTERM, lambda *_: (server.server_close(), sys.exit(0)))
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
