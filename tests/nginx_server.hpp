// A real nginx on loopback for the sync and upload tests: serves a folder as a static channel (as any
// web server or CDN would), accepts WebDAV PUT under /upload/, and logs every request so that tests can
// count the bytes it sent and see Range requests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace test_support {

struct NginxRequest {
    std::string method;
    std::string uri;
    int status = 0;
    std::uint64_t body_bytes = 0; // bytes of body nginx sent (the whole response minus headers)
    std::string range;            // the request's Range header, "-" when none
};

struct NginxOptions {
    // Bytes per second nginx sends each response at (0: as fast as it can); slow responses let tests
    // cut a download in the middle.
    std::uint64_t limit_rate = 0;
    // Serve HTTPS with a self-signed certificate made for this server (url() then starts with https://),
    // which a client that verifies certificates must refuse.
    bool self_signed_tls = false;
};

class NginxServer {
public:
    // Starts nginx serving `root` at http://127.0.0.1:PORT/ with PUT uploads stored under `upload_root`
    // (reachable as http://127.0.0.1:PORT/upload/...). Fails the test if nginx cannot start.
    NginxServer(std::filesystem::path root, std::filesystem::path upload_root, NginxOptions options = {});
    ~NginxServer();
    NginxServer(const NginxServer&) = delete;
    NginxServer& operator=(const NginxServer&) = delete;

    int port() const { return m_port; }
    std::string url(const std::string& path = "/") const; // "http://127.0.0.1:PORT" + path
    // With self_signed_tls: the server's certificate (PEM), for a client told to trust it.
    std::filesystem::path certificate() const;
    // Every request logged so far (nginx writes its log line when a response ends, cut or not), read once
    // the log has stopped growing for 50 ms.
    std::vector<NginxRequest> requests() const;
    // Sum of body bytes sent for requests whose URI starts with `prefix`.
    std::uint64_t bytes_sent(const std::string& prefix = "/") const;
    void clear_log() const;

private:
    std::filesystem::path m_dir; // config, logs and temp files
    int m_pid = -1;
    int m_port = 0;
    bool m_tls = false;
};

bool nginx_available();

} // namespace test_support
