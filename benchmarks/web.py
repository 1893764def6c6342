"""The local web page under load: time from upload to report, and the server's memory.

    python benchmarks/web.py

Starts `rightscheck serve` on a free loopback port in a child process and reports:
- upload to report (the HTML page back) for a 10-article Word draft and a ~200-page one
  (articles taken from the English entries of the corpus);
- the server's peak memory (VmHWM of the child) after 10 uploads of the 10-article draft at once.
Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import httpx

from rightscheck.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[1]


def word_draft(articles: int, words_per_article: int) -> bytes:
    texts = [e.text for e in load_corpus(ROOT / "tests" / "corpus") if e.language == "en"]
    document = docx.Document()
    for n in range(articles):
        document.add_heading(f"Article {n + 1}", level=2)
        body = texts[n % len(texts)]
        while len(body.split()) < words_per_article:
            body += " " + texts[(n + len(body)) % len(texts)]
        document.add_paragraph(" ".join(body.split()[:words_per_article]))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "rightscheck", "serve", "--port", str(port), "--no-browser"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(url + "/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        print(f"server started; memory {peak_mib(server.pid):.0f} MiB")
        small = word_draft(10, 120)
        large = word_draft(200, 450)  # about a page of text each
        for name, data in (("10-article draft", small), ("~200-page draft", large)):
            times = []
            for _ in range(3):
                t = time.perf_counter()
                page = httpx.post(url + "/check", files={"file": ("draft.docx", data)}, timeout=300)
                times.append(time.perf_counter() - t)
                assert page.status_code == 200, page.text[:300]
            print(f"{name} ({len(data) / 1024:.0f} KiB): upload to report {min(times):.2f} s "
                  f"(best of 3; {', '.join(f'{x:.2f}' for x in times)})")
        before = peak_mib(server.pid)
        with ThreadPoolExecutor(10) as pool:
            t = time.perf_counter()
            codes = list(pool.map(lambda _: httpx.post(url + "/check", files={"file": ("d.docx", small)},
                                                       timeout=300).status_code, range(10)))
            elapsed = time.perf_counter() - t
        print(f"10 concurrent uploads of the 10-article draft: {elapsed:.2f} s, statuses {set(codes)}, "
              f"server peak memory {peak_mib(server.pid):.0f} MiB (before: {before:.0f} MiB)")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
