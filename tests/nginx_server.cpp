// Starts and stops a private nginx (no root rights, no system config) for one test.
#include "nginx_server.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <cstdlib>
#include <csignal>
#include <fstream>
#include <netinet/in.h>
#include <random>
#include <sstream>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace test_support {

namespace fs = std::filesystem;

namespace {

constexpr const char* kNginx = "/usr/sbin/nginx";

int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

fs::path make_private_dir() {
    std::random_device rd;
    fs::path dir = fs::temp_directory_path() / ("kiosk-nginx-" + std::to_string(rd()));
    fs::create_directories(dir / "tmp");
    return dir;
}

} // namespace

bool nginx_available() {
    return ::access(kNginx, X_OK) == 0;
}

NginxServer::NginxServer(fs::path root, fs::path upload_root, NginxOptions options) : m_dir(make_private_dir()) {
    REQUIRE(nginx_available());
    fs::create_directories(upload_root);
    std::string rate = options.limit_rate ? "limit_rate " + std::to_string(options.limit_rate) + ";" : "";
    std::string tls;
    if (options.self_signed_tls) {
        m_tls = true;
        std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
                              "-addext subjectAltName=IP:127.0.0.1 -keyout " +
                              (m_dir / "key.pem").string() + " -out " + (m_dir / "cert.pem").string() +
                              " >/dev/null 2>&1";
        REQUIRE(std::system(command.c_str()) == 0);
        tls = " ssl;\n    ssl_certificate " + (m_dir / "cert.pem").string() + ";\n    ssl_certificate_key " +
              (m_dir / "key.pem").string();
    }
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = free_port();
        std::ofstream conf(m_dir / "nginx.conf");
        conf << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
             << "pid " << (m_dir / "nginx.pid").string() << ";\n"
             << "error_log " << (m_dir / "error.log").string() << " info;\n"
             << "events { worker_connections 64; }\n"
             << "http {\n"
             << "  types { application/octet-stream bin; }\n"
             << "  default_type application/octet-stream;\n"
             << "  log_format kiosk '$request_method $uri $status $body_bytes_sent \"$http_range\"';\n"
             << "  access_log " << (m_dir / "access.log").string() << " kiosk;\n"
             << "  client_body_temp_path " << (m_dir / "tmp" / "body").string() << ";\n"
             << "  proxy_temp_path " << (m_dir / "tmp" / "proxy").string() << ";\n"
             << "  fastcgi_temp_path " << (m_dir / "tmp" / "fastcgi").string() << ";\n"
             << "  uwsgi_temp_path " << (m_dir / "tmp" / "uwsgi").string() << ";\n"
             << "  scgi_temp_path " << (m_dir / "tmp" / "scgi").string() << ";\n"
             << "  client_max_body_size 64m;\n"
             << "  sendfile off;\n"
             << "  server {\n"
             << "    listen 127.0.0.1:" << m_port << tls << ";\n"
             << "    location / { root " << root.string() << "; " << rate << " }\n"
             << "    location /upload/ {\n"
             << "      alias " << upload_root.string() << "/;\n"
             << "      dav_methods PUT;\n      create_full_put_path on;\n      dav_access user:rw;\n"
             << "    }\n"
             << "  }\n"
             << "}\n";
        conf.close();
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::setpgid(0, 0);
            // Dies with the test, and holds none of its output pipes: an orphaned nginx would keep ctest
            // waiting for the end of a test's output until its timeout.
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            int devnull = ::open("/dev/null", O_RDWR);
            ::dup2(devnull, 0);
            ::dup2(devnull, 1);
            ::dup2(devnull, 2);
            std::string prefix = m_dir.string() + "/";
            std::string config = (m_dir / "nginx.conf").string();
            ::execl(kNginx, kNginx, "-p", prefix.c_str(), "-c", config.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        m_pid = pid;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        bool up = false;
        while (std::chrono::steady_clock::now() < deadline) {
            int wstatus = 0;
            if (::waitpid(m_pid, &wstatus, WNOHANG) == m_pid) { // exited: most likely the port was taken
                m_pid = -1;
                break;
            }
            if (accepts(m_port)) {
                up = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (up) {
            clear_log();
            return;
        }
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
            m_pid = -1;
        }
    }
    std::ifstream log(m_dir / "error.log");
    std::stringstream text;
    text << log.rdbuf();
    FAIL("nginx did not start on loopback: " << text.str());
}

NginxServer::~NginxServer() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        for (int i = 0; i < 100; ++i) {
            if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
                m_pid = -1;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
    }
    std::error_code ec;
    fs::remove_all(m_dir, ec);
}

std::filesystem::path NginxServer::certificate() const {
    return m_tls ? m_dir / "cert.pem" : std::filesystem::path();
}

std::string NginxServer::url(const std::string& path) const {
    return (m_tls ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(m_port) + path;
}

std::vector<NginxRequest> NginxServer::requests() const {
    // nginx writes a request's log line just after the response's last byte, so a client may be done
    // before its line is there: wait until the log has stopped growing for a moment.
    std::error_code ec;
    auto size = fs::file_size(m_dir / "access.log", ec);
    for (int stable = 0, i = 0; stable < 2 && i < 40; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        auto now = fs::file_size(m_dir / "access.log", ec);
        stable = now == size ? stable + 1 : 0;
        size = now;
    }
    std::vector<NginxRequest> out;
    std::ifstream log(m_dir / "access.log");
    std::string line;
    while (std::getline(log, line)) {
        std::istringstream words(line);
        NginxRequest r;
        words >> r.method >> r.uri >> r.status >> r.body_bytes;
        std::string range;
        std::getline(words, range);
        auto first = range.find('"'), last = range.rfind('"');
        r.range = first != std::string::npos && last > first ? range.substr(first + 1, last - first - 1) : "-";
        out.push_back(std::move(r));
    }
    return out;
}

std::uint64_t NginxServer::bytes_sent(const std::string& prefix) const {
    std::uint64_t total = 0;
    for (const auto& r : requests())
        if (r.uri.rfind(prefix, 0) == 0)
            total += r.body_bytes;
    return total;
}

void NginxServer::clear_log() const {
    std::ofstream(m_dir / "access.log", std::ios::trunc);
}

} // namespace test_support
