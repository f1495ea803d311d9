#!/usr/bin/env python3
"""A loopback TLS-terminating proxy for tests: clients connect over TLS (https, gRPC with TLS), the
proxy forwards the decrypted bytes to a plaintext port of a local Weaviate, unchanged.

Each route listens on its own port and forwards to one target port, offering one ALPN protocol:
`http/1.1` for the REST port, `h2` for the gRPC port (gRPC clients require h2 by ALPN).

Usage:
  tls_proxy.py --cert CERT.pem --key KEY.pem LISTEN:TARGET:ALPN [LISTEN:TARGET:ALPN ...]
e.g. tls_proxy.py --cert server.pem --key server.key 28443:28080:http/1.1 28444:28051:h2
Binds 127.0.0.1 only; prints `ready` once every route listens; stops on SIGTERM. A failed
handshake (an untrusting client) is logged to stderr and closes that connection only.

`scripts/weaviate start NAME --tls` makes a private CA and a server certificate for 127.0.0.1 and
localhost with openssl, and runs this proxy in front of the instance.
"""

import argparse
import signal
import socket
import ssl
import sys
import threading

BUFFER = 64 * 1024


def pump(source: socket.socket, sink: socket.socket) -> None:
    """Copies bytes from source to sink until source ends, then ends sink's write side."""
    try:
        while True:
            data = source.recv(BUFFER)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def serve_connection(raw: socket.socket, context: ssl.SSLContext, target: int) -> None:
    try:
        client = context.wrap_socket(raw, server_side=True)
    except (ssl.SSLError, OSError) as e:
        print(f"tls_proxy: handshake refused: {e}", file=sys.stderr, flush=True)
        raw.close()
        return
    try:
        upstream = socket.create_connection(("127.0.0.1", target))
    except OSError as e:
        print(f"tls_proxy: cannot reach 127.0.0.1:{target}: {e}", file=sys.stderr, flush=True)
        client.close()
        return
    for s in (client, upstream):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    back = threading.Thread(target=pump, args=(upstream, client), daemon=True)
    back.start()
    pump(client, upstream)
    back.join()
    client.close()
    upstream.close()


def route(listen: int, target: int, alpn: str, cert: str, key: str) -> socket.socket:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    context.set_alpn_protocols([alpn])
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", listen))
    server.listen(128)

    def accept() -> None:
        while True:
            try:
                raw, _ = server.accept()
            except OSError:
                return
            threading.Thread(
                target=serve_connection, args=(raw, context, target), daemon=True
            ).start()

    threading.Thread(target=accept, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("routes", nargs="+", metavar="LISTEN:TARGET:ALPN")
    args = parser.parse_args()
    servers = []
    for spec in args.routes:
        listen, target, alpn = spec.split(":", 2)
        servers.append(route(int(listen), int(target), alpn, args.cert, args.key))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    for s in servers:
        s.close()


if __name__ == "__main__":
    main()
