#!/usr/bin/env python3
"""Load test of `archive serve` on 127.0.0.1 (docs/benchmarks.md, "serve under load").

Starts `archive serve` on a temporary copy of the example archive, then for a bounded time runs
CLIENTS concurrent keep-alive clients fetching report pages, the home page, data files and the
style sheet, while another thread rewrites one report every 200 ms (as an editor saves: a copy
renamed over the file). It counts failed requests (connection errors, non-200 answers) and HTML
answers that are not complete pages (no closing </html>), and prints the figures. Exits 1 if any
request failed or any page was incomplete. Traffic goes to 127.0.0.1 only, and stops by itself.

    benches/serve-load.py [--clients 50] [--seconds 30] [--archive target/release/archive]
"""

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATHS = [
    "/",
    "/agencies/pingtan/2023/",
    "/agencies/pingtan/2022/",
    "/agencies/pingtan/",
    "/agencies/houma-kfq/2024/",
    "/agencies/pingtan/2023/data.json",
    "/years/2023/",
    "/static/style.css",
]
EDITED = "content/pingtan/2023.md"


def start_server(archive, site):
    server = subprocess.Popen(
        [archive, "serve", "--port", "0"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        line = server.stdout.readline()
        match = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
        if match:
            # Keep draining the server's output so that it never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
            return server, int(match.group(1))
        if server.poll() is not None:
            break
    server.kill()
    sys.exit("archive serve did not start")


def client(port, stop, results, lock, index):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    done, failed, incomplete, latencies = 0, 0, 0, []
    turn = index
    while not stop.is_set():
        path = PATHS[turn % len(PATHS)]
        turn += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            latencies.append(time.perf_counter() - started)
            done += 1
            if response.status != 200:
                failed += 1
            elif response.getheader("Content-Type", "").startswith("text/html") and not body.rstrip().endswith(b"</html>"):
                incomplete += 1
        except (OSError, http.client.HTTPException):
            failed += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.close()
    with lock:
        results.append((done, failed, incomplete, latencies))


def rewriter(site, stop, counter):
    path = os.path.join(site, EDITED)
    with open(path, encoding="utf-8") as file:
        original = file.read()
    while not stop.is_set():
        counter[0] += 1
        text = f"{original}\n负载测试的第 {counter[0]} 次保存。\n"
        temporary = path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
        stop.wait(0.2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--archive", default=os.path.join(REPO, "target", "release", "archive"))
    arguments = parser.parse_args()
    if not (1 <= arguments.clients <= 200 and 1 <= arguments.seconds <= 600):
        sys.exit("--clients takes 1 to 200, --seconds 1 to 600")

    with tempfile.TemporaryDirectory() as site:
        shutil.copy(os.path.join(REPO, "site.toml"), site)
        shutil.copytree(os.path.join(REPO, "content"), os.path.join(site, "content"))
        server, port = start_server(os.path.abspath(arguments.archive), site)
        try:
            stop = threading.Event()
            results, lock, saves = [], threading.Lock(), [0]
            threads = [
                threading.Thread(target=client, args=(port, stop, results, lock, index))
                for index in range(arguments.clients)
            ]
            threads.append(threading.Thread(target=rewriter, args=(site, stop, saves)))
            for thread in threads:
                thread.start()
            time.sleep(arguments.seconds)
            stop.set()
            for thread in threads:
                thread.join()
        finally:
            server.terminate()
            server.wait(timeout=30)

    done = sum(result[0] for result in results)
    failed = sum(result[1] for result in results)
    incomplete = sum(result[2] for result in results)
    latencies = sorted(latency for result in results for latency in result[3])
    percentile = lambda share: latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000
    print(f"{arguments.clients} clients for {arguments.seconds:.0f} s, a report saved every 200 ms ({saves[0]} saves)")
    print(f"requests: {done} ({done / arguments.seconds:.0f}/s), failed: {failed}, incomplete pages: {incomplete}")
    if latencies:
        print(
            f"latency: median {statistics.median(latencies) * 1000:.1f} ms, "
            f"p99 {percentile(0.99):.1f} ms, max {latencies[-1] * 1000:.1f} ms"
        )
    return 1 if failed or incomplete or not done else 0


if __name__ == "__main__":
    sys.exit(main())
