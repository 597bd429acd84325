#!/usr/bin/env python3
"""Cost of refusing oversized unsigned RPC requests (issue 11, item 8).

Starts `dotnet EDGEREG_DLL serve --in-memory` on a free port, then, for each case, sends N requests one after the
other, each on a new connection, and reports per request: the client-observed time (send → complete answer), the
server's CPU time (utime + stime from /proc/PID/stat over the case) and the server's peak RSS. Usage:

    bench/oversized-requests.py [--requests N] path/to/edgereg.dll
"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

ISSUE = "&".join(["ab=cde"] * 149_000)  # the issue's request: 1,042,999 bytes (just inside the old 1 MiB line), 149,000 parameters
INSIDE = "&".join(["a=bcd"] * 130_000)  # inside the new length limits (779,999 bytes), far past the parameter count
CASES = [
    # name, method, query, body
    ("1,043,000-byte query, 149,000 parameters (GET)", "GET", ISSUE, None),
    ("762 KiB query, 130,000 parameters (GET)", "GET", INSIDE, None),
    ("762 KiB form body, 130,000 parameters (POST)", "POST", "", INSIDE),
    ("small valid-looking unsigned request (GET)", "GET", "Action=QueryEdgeDriver&Version=2018-01-20&Format=JSON", None),
]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def request_bytes(port, method, query, body):
    target = "/" + ("?" + query if query else "")
    head = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
    if body is not None:
        head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
    return (head + "\r\n").encode() + (body.encode() if body else b"")


def send(port, payload):
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as s:
        try:
            s.sendall(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused before all of it was sent: the answer may still be there
        answer = b""
        try:
            while chunk := s.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    status = answer.split(b" ", 2)[1].decode() if answer.startswith(b"HTTP/") else "none"
    code = ""
    if b'"Code":"' in answer:
        code = answer.split(b'"Code":"', 1)[1].split(b'"', 1)[0].decode()
    elif b"<Code>" in answer:
        code = answer.split(b"<Code>", 1)[1].split(b"<", 1)[0].decode()
    return time.perf_counter() - started, f"{status} {code}".strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dll")
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="oversized-")
    port_file = os.path.join(work, "port")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDGEREG_")}
    server = subprocess.Popen(["dotnet", os.path.abspath(args.dll), "serve", "--in-memory", "--listen", "127.0.0.1:0", "--port-file", port_file],
                              cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            if server.poll() is not None:
                raise SystemExit(f"edgereg serve exited with {server.returncode}")
            time.sleep(0.1)
        port = int(open(port_file).read())
        peak = [0.0]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], rss_mib(server.pid))
                time.sleep(0.05)

        threading.Thread(target=sample, daemon=True).start()
        for _, method, query, body in CASES:  # warm-up
            for _ in range(3):
                send(port, request_bytes(port, method, query, body))
        print(f"| case | answer | client ms/req (median) | server CPU ms/req | peak RSS MiB |")
        print(f"|---|---|---:|---:|---:|")
        for name, method, query, body in CASES:
            payload = request_bytes(port, method, query, body)
            peak[0] = rss_mib(server.pid)
            cpu = cpu_seconds(server.pid)
            times, answers = [], set()
            for _ in range(args.requests):
                elapsed, answer = send(port, payload)
                times.append(elapsed)
                answers.add(answer)
            cpu = cpu_seconds(server.pid) - cpu
            times.sort()
            print(f"| {name} | {', '.join(sorted(answers))} | {times[len(times) // 2] * 1000:.1f} | {cpu / args.requests * 1000:.1f} | {peak[0]:.0f} |")
        stop.set()
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
