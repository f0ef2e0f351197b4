#!/usr/bin/env python3
"""Bytes on the wire for a one-slide change in a ~300 MB pack: remote sync against rsync, same run.

Builds the demo content plus incompressible photo-sized images (about 300 MB), publishes it as version 1
with `content-tool publish`, serves the channel with a private nginx on loopback and syncs a station store
with `kiosk --sync-once`. Then one slide's text changes (version 2; `CHANGE=photo` replaces one photo
instead), is published into the same channel directory, and the station syncs again: the bytes nginx sent
for that second sync (index, manifest, objects; body bytes and with HTTP headers) are counted from its
access log. In the same run an rsync daemon on loopback (so that rsync's delta algorithm runs) carries
(a) the .kpack file v1 -> v2 and (b) the channel directory v1 -> v2 to a receiver holding the v1 copy;
"Total bytes sent/received" come from `rsync --stats`.

KIOSK_BUILD=DIR uses the programs already built in DIR (e.g. build/) instead of a Release build in build/bench.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402
from common import noise_png, photo_project  # noqa: E402

IMAGES = int(os.environ.get("IMAGES", "11"))
CHANGE = os.environ.get("CHANGE", "text")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, proc, what):
    for _ in range(500):
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"{what} did not start")


class Nginx:
    def __init__(self, root, work):
        self.dir = os.path.join(work, "nginx")
        os.makedirs(os.path.join(self.dir, "tmp"), exist_ok=True)
        self.port = free_port()
        self.log = os.path.join(self.dir, "access.log")
        conf = os.path.join(self.dir, "nginx.conf")
        temps = "".join(f"  {k}_temp_path {self.dir}/tmp/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        with open(conf, "w") as f:
            f.write(f"daemon off;\nmaster_process off;\nworker_processes 1;\npid {self.dir}/nginx.pid;\n"
                    f"error_log {self.dir}/error.log;\nevents {{ worker_connections 64; }}\n"
                    f"http {{\n  default_type application/octet-stream;\n"
                    f"  log_format sync '$request_method $uri $status $body_bytes_sent $bytes_sent';\n"
                    f"  access_log {self.log} sync;\n{temps}"
                    f"  server {{ listen 127.0.0.1:{self.port}; location / {{ root {root}; }} }}\n}}\n")
        self.proc = subprocess.Popen(["/usr/sbin/nginx", "-p", self.dir + "/", "-c", conf])
        wait_port(self.port, self.proc, "nginx")

    def url(self):
        return f"http://127.0.0.1:{self.port}/"

    def clear(self):
        open(self.log, "w").close()

    def requests(self):
        out = []
        with open(self.log) as f:
            for line in f:
                method, uri, status, body, total = line.split()
                out.append((uri, int(status), int(body), int(total)))
        return out

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait()


class RsyncDaemon:
    def __init__(self, modules, work):
        self.dir = os.path.join(work, "rsyncd")
        os.makedirs(self.dir, exist_ok=True)
        self.port = free_port()
        conf = os.path.join(self.dir, "rsyncd.conf")
        with open(conf, "w") as f:
            f.write(f"pid file = {self.dir}/rsyncd.pid\nuse chroot = false\nlog file = {self.dir}/rsyncd.log\n")
            for name, path in modules.items():
                f.write(f"[{name}]\n  path = {path}\n  read only = true\n")
        self.proc = subprocess.Popen(["rsync", "--daemon", "--no-detach", f"--port={self.port}", f"--config={conf}",
                                      "--address=127.0.0.1"])
        wait_port(self.port, self.proc, "rsync daemon")

    def pull(self, module, dest):
        """rsync -a --stats from the module into dest (which holds the old copy); returns (sent, received)."""
        out = subprocess.run(["rsync", "-a", "--stats", f"rsync://127.0.0.1:{self.port}/{module}/", dest + "/"],
                             check=True, capture_output=True, text=True).stdout
        sent = int(re.search(r"Total bytes sent: ([\d,]+)", out).group(1).replace(",", ""))
        received = int(re.search(r"Total bytes received: ([\d,]+)", out).group(1).replace(",", ""))
        return sent, received

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def main():
    if os.environ.get("KIOSK_BUILD"):
        build_dir = os.path.abspath(os.environ["KIOSK_BUILD"])
        kiosk, tool = os.path.join(build_dir, "kiosk", "kiosk"), os.path.join(build_dir, "content-tool", "content-tool")
    else:
        common.build()
        kiosk, tool = common.KIOSK, common.TOOL
    work = tempfile.mkdtemp(prefix="bench-sync-")
    src = os.path.join(work, "src")
    photo_project(src, IMAGES)
    subprocess.run([tool, "keygen", "--out", f"{work}/k"], check=True, stdout=subprocess.DEVNULL)
    packs = {}
    for version in (1, 2):
        if version == 2:
            if CHANGE == "photo":
                noise_png(os.path.join(src, "media", "photo-05.png"), 3000, 3000)
            else:
                hours = os.path.join(src, "slides", "03-hours.toml")
                text = open(hours, encoding="utf-8").read()
                open(hours, "w", encoding="utf-8").write(text.replace("từ 7:00 đến 18:00", "từ 6:30 đến 18:30", 1)
                                                         .replace("from 7:00 to 18:00", "from 6:30 to 18:30", 1))
        packs[version] = f"{work}/v{version}.kpack"
        subprocess.run([tool, "build", src, "--key", f"{work}/k.key", "-o", packs[version], "--version", str(version)],
                       check=True, stdout=subprocess.DEVNULL)

    channel = f"{work}/channel"
    subprocess.run([tool, "publish", packs[1], channel, "--key", f"{work}/k.key"], check=True, stdout=subprocess.DEVNULL)
    channel_v1 = f"{work}/channel-v1"
    shutil.copytree(channel, channel_v1, symlinks=True)
    nginx = Nginx(channel, work)
    store = f"{work}/station/store"
    station = [kiosk, "--set", f"store={store}", "--set", f"trusted_keys={work}/k.pub", "--set", "station=na-meo",
               "--set", "channel=vn.thanhhoa.na-meo", "--set", f"channel_url={nginx.url()}", "--sync-once"]
    first = subprocess.run(station, capture_output=True, text=True)
    if first.returncode != 0:
        raise RuntimeError(first.stdout + first.stderr)
    v1_bytes = sum(r[2] for r in nginx.requests())

    subprocess.run([tool, "publish", packs[2], channel, "--key", f"{work}/k.key"], check=True, stdout=subprocess.DEVNULL)
    time.sleep(0.2)  # nginx logs a response just after its last byte
    nginx.clear()
    second = subprocess.run(station, capture_output=True, text=True)
    if second.returncode != 0:
        raise RuntimeError(second.stdout + second.stderr)
    time.sleep(0.2)
    requests = nginx.requests()
    nginx.stop()
    body = sum(r[2] for r in requests)
    with_headers = sum(r[3] for r in requests)
    objects = [r for r in requests if r[0].startswith("/objects/")]
    verify = subprocess.run([kiosk, "--set", f"store={store}", "--set", f"trusted_keys={work}/k.pub", "--set",
                             "station=na-meo", "--verify-store"], capture_output=True, text=True)
    if verify.returncode != 0 or "version 2 " not in verify.stdout:
        raise RuntimeError("the station does not hold a verified version 2: " + verify.stdout)

    # rsync, with the delta algorithm (daemon on loopback), to receivers holding version 1.
    pack_src, pack_dst = f"{work}/rsync-pack-src", f"{work}/rsync-pack-dst"
    os.makedirs(pack_src)
    os.makedirs(pack_dst)
    shutil.copy2(packs[2], f"{pack_src}/content.kpack")
    shutil.copy2(packs[1], f"{pack_dst}/content.kpack")
    chan_dst = f"{work}/rsync-channel-dst"
    shutil.copytree(channel_v1, chan_dst, symlinks=True)
    daemon = RsyncDaemon({"pack": pack_src, "channel": channel}, work)
    pack_sent, pack_received = daemon.pull("pack", pack_dst)
    chan_sent, chan_received = daemon.pull("channel", chan_dst)
    daemon.stop()
    if subprocess.run(["cmp", f"{pack_dst}/content.kpack", packs[2]]).returncode != 0:
        raise RuntimeError("rsync did not reproduce the v2 pack")

    mb = os.path.getsize(packs[2]) / 1e6
    change = "one photo replaced" if CHANGE == "photo" else "one slide's text changed"
    print(f"pack v2: {mb:.0f} MB, {IMAGES} photos; change: {change}; first sync (v1) fetched {v1_bytes / 1e6:.0f} MB")
    print(f"{'':44s} {'bytes':>12s}")
    print(f"{'kiosk --sync-once v1->v2, bodies':44s} {body:12,d}  ({len(requests)} requests, {len(objects)} objects)")
    print(f"{'kiosk --sync-once v1->v2, with HTTP headers':44s} {with_headers:12,d}")
    print(f"{'rsync .kpack v1->v2 (sent + received)':44s} {pack_sent + pack_received:12,d}  "
          f"(received {pack_received:,d}, sent {pack_sent:,d})")
    print(f"{'rsync channel dir v1->v2 (sent + received)':44s} {chan_sent + chan_received:12,d}  "
          f"(received {chan_received:,d}, sent {chan_sent:,d})")
    best_rsync = min(pack_sent + pack_received, chan_sent + chan_received)
    print(f"sync with headers is {with_headers / best_rsync * 100:.1f}% of the best rsync's bytes "
          f"(target at most 100%)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
