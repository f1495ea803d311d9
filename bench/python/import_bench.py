"""Imports the benchmark data set with the official Python client (weaviate-client v4) and prints one
JSON line of results. The same data set as bench/src/main.rs, object for object.

    python import_bench.py --http URL --grpc URL --collection NAME --count N --mode MODE
    MODE: fixed:SIZExCONCURRENCY | dynamic | stream
"""

import argparse
import json
import sys
import time
import uuid
import warnings
from urllib.parse import urlparse

warnings.filterwarnings("ignore")

import weaviate  # noqa: E402

DIM = 128
POOL = 4096
CATEGORIES = ["news", "sports", "tech", "science", "culture"]


def pool():
    return [
        [((j + 1) * (k + 3) * 2654435761 % 65536) / 65536.0 - 0.5 for k in range(DIM)]
        for j in range(POOL)
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--http", required=True)
    ap.add_argument("--grpc", required=True)
    ap.add_argument("--collection", required=True)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--mode", default="dynamic")
    args = ap.parse_args()
    http, grpc = urlparse(args.http), urlparse(args.grpc)
    client = weaviate.connect_to_custom(
        http_host=http.hostname,
        http_port=http.port,
        http_secure=False,
        grpc_host=grpc.hostname,
        grpc_port=grpc.port,
        grpc_secure=False,
        skip_init_checks=False,
    )
    try:
        collection = client.collections.get(args.collection)
        vectors = pool()
        if args.mode.startswith("fixed:"):
            size, concurrency = args.mode[len("fixed:"):].split("x")
            batching = collection.batch.fixed_size(
                batch_size=int(size), concurrent_requests=int(concurrency)
            )
        elif args.mode == "dynamic":
            batching = collection.batch.dynamic()
        elif args.mode == "stream":
            batching = collection.batch.stream()
        else:
            sys.exit(f"unknown mode {args.mode}")
        cpu0, t0 = time.process_time(), time.perf_counter()
        with batching as batch:
            for i in range(args.count):
                vector = list(vectors[i % POOL])
                vector[0] = (i % 100003) / 100003.0
                batch.add_object(
                    properties={
                        "title": f"Article {i}",
                        "body": f"This is the body text of article number {i}, written for the import benchmark.",
                        "category": CATEGORIES[i % 5],
                        "views": (i * 7919) % 1000000,
                        "score": (i % 1000) / 8.0,
                        "published": i % 3 == 0,
                    },
                    uuid=uuid.UUID(int=(0xBE4C << 112) | i),
                    vector=vector,
                )
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        failed = collection.batch.failed_objects
        for f in failed[:5]:
            print(f"failed: {f.message}", file=sys.stderr)
        print(
            json.dumps(
                {
                    "client": "weaviate-client " + weaviate.__version__,
                    "mode": args.mode,
                    "objects": args.count,
                    "succeeded": args.count - len(failed),
                    "failed": len(failed),
                    "seconds": seconds,
                    "objects_per_second": args.count / seconds,
                    "import_cpu_seconds": cpu,
                }
            )
        )
    finally:
        client.close()


if __name__ == "__main__":
    main()
