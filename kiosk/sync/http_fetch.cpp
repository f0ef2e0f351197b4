// libcurl easy transfers with caps, stop, proxy, TLS verification and Range resume.
#include "sync/http_fetch.hpp"

#include <cerrno>
#include <cstring>
#include <curl/curl.h>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::sync {

namespace {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;

// What the callbacks of one transfer share.
struct Transfer {
    CURL* handle = nullptr;
    const HttpSettings* settings = nullptr;
    std::uint64_t cap = 0;         // most body bytes accepted in this response
    std::uint64_t received = 0;    // body bytes accepted
    bool over_cap = false;
    bool stopped = false;
    bool first_write = true;
    long status = 0;
    // Either a memory body or a file body.
    std::string* body = nullptr;
    int fd = -1;
    std::uint64_t file_offset = 0; // where the next byte goes in the file
    std::uint64_t expect_from = 0; // the Range start asked for (0: none)
    std::uint64_t content_range_start = UINT64_MAX;
    bool restarted = false;        // a 200 answered a Range request: the file was started over
    std::uint64_t since_sync = 0;
    int write_errno = 0;
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::string_view line(data, size * count);
    constexpr std::string_view kName = "content-range:";
    if (line.size() > kName.size()) {
        std::string lower(line.substr(0, kName.size()));
        for (auto& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == kName) {
            unsigned long long start = 0;
            if (std::sscanf(std::string(line.substr(kName.size())).c_str(), " bytes %llu-", &start) == 1)
                t->content_range_start = start;
        }
    }
    if (line.rfind("HTTP/", 0) == 0) // a new response (after a redirect): forget the last one's headers
        t->content_range_start = UINT64_MAX;
    return size * count;
}

bool write_all(int fd, const char* data, std::size_t size, int& err) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err = errno;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

std::size_t on_write(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    if (t->first_write) {
        t->first_write = false;
        curl_easy_getinfo(t->handle, CURLINFO_RESPONSE_CODE, &t->status);
        if (t->fd >= 0 && t->expect_from > 0) {
            if (t->status == 200) { // the server ignored the Range: the whole object comes again
                if (::ftruncate(t->fd, 0) != 0 || ::lseek(t->fd, 0, SEEK_SET) != 0) {
                    t->write_errno = errno;
                    return 0;
                }
                t->file_offset = 0;
                t->cap += t->expect_from;
                t->restarted = true;
            } else if (t->status != 206 || t->content_range_start != t->expect_from) {
                t->write_errno = EPROTO;
                return 0;
            }
        }
    }
    if (t->received + n > t->cap) {
        t->over_cap = true;
        return 0; // stops the transfer: CURLE_WRITE_ERROR
    }
    if (t->body) {
        t->body->append(data, n);
    } else {
        if (!write_all(t->fd, data, n, t->write_errno))
            return 0;
        t->file_offset += n;
        t->since_sync += n;
        if (t->since_sync >= (8u << 20)) { // what arrived survives a power cut, for the next resume
            ::fdatasync(t->fd);
            t->since_sync = 0;
        }
    }
    t->received += n;
    return n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    if (t->settings->stop && t->settings->stop->load()) {
        t->stopped = true;
        return 1; // aborts: CURLE_ABORTED_BY_CALLBACK
    }
    return 0;
}

Result<Easy> make_handle(const std::string& url, const HttpSettings& s, Transfer& t) {
    global_init();
    Easy easy(curl_easy_init());
    if (!easy)
        return make_error(ErrorCode::Io, "cannot start an HTTP transfer (libcurl)");
    CURL* h = easy.get();
    t.handle = h;
    t.settings = &s;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!s.ca_file.empty())
        curl_easy_setopt(h, CURLOPT_CAINFO, s.ca_file.c_str());
    if (!s.proxy.empty())
        curl_easy_setopt(h, CURLOPT_PROXY, s.proxy.c_str());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, s.connect_timeout_s);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, s.low_speed_bytes);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, s.low_speed_time_s);
    curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L); // an error page is not a body
    curl_easy_setopt(h, CURLOPT_USERAGENT, "kiosk-sync/1");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &t);
    return easy;
}

// The error for a finished transfer, or nothing when it succeeded.
std::optional<Error> transfer_error(CURLcode code, Transfer& t, const std::string& url, const char* errbuf) {
    std::string where = url_for_messages(url);
    if (t.over_cap)
        return make_error(ErrorCode::TooLarge, where + " sent more than the " + std::to_string(t.cap) +
                                                   " bytes its signed size allows; the download was stopped");
    if (t.stopped)
        return make_error(ErrorCode::Io, "the download of " + where + " was stopped");
    if (code == CURLE_OK)
        return std::nullopt;
    if (code == CURLE_HTTP_RETURNED_ERROR) {
        curl_easy_getinfo(t.handle, CURLINFO_RESPONSE_CODE, &t.status);
        if (t.status == 404)
            return make_error(ErrorCode::NotFound, where + " is not on the server (HTTP 404)");
        return make_error(ErrorCode::Io, "the server answered HTTP " + std::to_string(t.status) + " for " + where);
    }
    if (t.write_errno == EPROTO)
        return make_error(ErrorCode::Io, "the server answered a Range request for " + where +
                                             " with HTTP " + std::to_string(t.status) + " and the wrong bytes");
    if (t.write_errno)
        return make_error(ErrorCode::Io, "cannot write the download of " + where + ": " + std::strerror(t.write_errno));
    std::string detail = errbuf && *errbuf ? errbuf : curl_easy_strerror(code);
    return make_error(ErrorCode::Io, "cannot fetch " + where + ": " + detail);
}

} // namespace

std::string url_for_messages(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos)
        return url;
    auto host = scheme + 3;
    auto at = url.find('@', host);
    auto slash = url.find('/', host);
    if (at != std::string::npos && (slash == std::string::npos || at < slash))
        return url.substr(0, host) + url.substr(at + 1);
    return url;
}

Result<std::string> http_get(const std::string& url, std::size_t cap, const HttpSettings& settings) {
    Transfer t;
    std::string body;
    t.body = &body;
    t.cap = cap;
    auto easy = TRY(make_handle(url, settings, t));
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(easy.get(), CURLOPT_ERRORBUFFER, errbuf);
    CURLcode code = curl_easy_perform(easy.get());
    if (auto error = transfer_error(code, t, url, errbuf))
        return std::move(*error);
    return body;
}

Result<Download> download_to_file(const std::string& url, const std::filesystem::path& part, std::uint64_t size,
                                  const HttpSettings& settings) {
    Download report;
    for (int attempt = 0; attempt < 2; ++attempt) {
        int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return make_error(ErrorCode::Io, "cannot open " + part.string() + ": " + std::strerror(errno));
        struct stat st {};
        ::fstat(fd, &st);
        auto have = static_cast<std::uint64_t>(st.st_size);
        if (have > size) { // cannot be the object: start over
            if (::ftruncate(fd, 0) != 0) {
                ::close(fd);
                return make_error(ErrorCode::Io, "cannot truncate " + part.string());
            }
            have = 0;
        }
        if (have == size) { // finished before, not yet checked
            ::close(fd);
            report.resumed_from = have;
            return report;
        }
        ::lseek(fd, static_cast<off_t>(have), SEEK_SET);
        Transfer t;
        t.fd = fd;
        t.cap = size - have;
        t.file_offset = have;
        t.expect_from = have;
        auto easy = make_handle(url, settings, t);
        if (!easy) {
            ::close(fd);
            return std::move(easy).error();
        }
        char errbuf[CURL_ERROR_SIZE] = {0};
        curl_easy_setopt(easy->get(), CURLOPT_ERRORBUFFER, errbuf);
        std::string range = std::to_string(have) + "-";
        if (have > 0)
            curl_easy_setopt(easy->get(), CURLOPT_RANGE, range.c_str());
        CURLcode code = curl_easy_perform(easy->get());
        ::fdatasync(fd);
        ::close(fd);
        report.resumed_from = t.restarted ? 0 : have;
        report.received += t.received;
        auto error = transfer_error(code, t, url, errbuf);
        if (error && error->code == ErrorCode::Io && code == CURLE_HTTP_RETURNED_ERROR && t.status == 416 &&
            attempt == 0) {
            std::filesystem::remove(part); // the server's object is not what the partial file began
            continue;
        }
        // Too many bytes, or a server answering a Range with the wrong bytes: the next attempt starts over.
        if (error && (error->code == ErrorCode::TooLarge || t.write_errno == EPROTO))
            std::filesystem::remove(part);
        if (error)
            return std::move(*error);
        if (t.file_offset != size) {
            std::filesystem::remove(part);
            return make_error(ErrorCode::Truncated, url_for_messages(url) + " is " + std::to_string(t.file_offset) +
                                                        " bytes on the server, not the " + std::to_string(size) +
                                                        " its signed manifest says");
        }
        return report;
    }
    return make_error(ErrorCode::Io, "the server refused the range requested of " + url_for_messages(url));
}

} // namespace kiosk::sync
