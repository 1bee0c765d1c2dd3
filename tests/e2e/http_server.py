#!/usr/bin/env python3
"""A local HTTP server for the import tests.

usage: http_server.py DIR LOG

Serves the files in DIR on 127.0.0.1, on a free port it prints first, and
appends the path of every request to LOG. Besides the files:
  /redirect/N/PATH  redirects N times, then to /PATH
  /to-file          redirects to a file:// URL
  /endless          a body without Content-Length that never ends
  /slow             a feed trickling out a byte a second, for time-outs
Runs until killed.
"""
import functools
import http.server
import sys
import time


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        with open(self.server.log_path, "a", encoding="utf-8") as log:
            log.write(self.path + "\n")
        if self.path.startswith("/redirect/"):
            _, _, count, rest = self.path.split("/", 3)
            n = int(count)
            self.redirect(f"/redirect/{n - 1}/{rest}" if n > 1 else "/" + rest)
            return
        if self.path == "/to-file":
            self.redirect("file:///etc/hostname")
            return
        if self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            chunk = b"<!-- " + b"x" * 65536 + b" -->\n"
            try:
                self.wfile.write(b"<?xml version=\"1.0\"?><rss>")
                while True:
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                return
        if self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            try:
                for byte in b"<?xml version=\"1.0\"?><rss><channel>" * 100:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)
            except (BrokenPipeError, ConnectionResetError):
                return
            return
        try:
            super().do_GET()
        except (BrokenPipeError, ConnectionResetError):
            pass  # siar hung up on purpose: a size cap

    def log_message(self, *args):
        pass


def main():
    directory, log_path = sys.argv[1:3]
    handler = functools.partial(Handler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.log_path = log_path
    print(server.server_address[1], flush=True)
    server.serve_forever()


main()
