// libcurl easy transfers: the options every request shares, GETs with caps and Range resume, and PUTs.
#include "net/http.hpp"

#include "net/url.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <curl/curl.h>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::net {

namespace {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* cancel = static_cast<const std::atomic<bool>*>(user);
    return cancel && cancel->load() ? 1 : 0; // non-zero aborts: CURLE_ABORTED_BY_CALLBACK
}

enum class Redirects { Follow, Refuse };

// A handle for url with what every request of the station shares: TLS verification and the CA file, the
// proxy, the timeouts and low-speed limit, no signals, http and https only, the redirect rule, libcurl's
// words in errbuf (CURL_ERROR_SIZE), and cancellation through the progress callback.
Result<Easy> open_handle(const std::string& url, const HttpSettings& s, Redirects redirects, char* errbuf) {
    global_init();
    Easy easy(curl_easy_init());
    if (!easy)
        return make_error(ErrorCode::Io, "cannot start an HTTP transfer (libcurl)");
    CURL* h = easy.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    if (redirects == Redirects::Follow) {
        curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    } else {
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    }
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!s.ca_file.empty())
        curl_easy_setopt(h, CURLOPT_CAINFO, s.ca_file.c_str());
    if (!s.proxy.empty())
        curl_easy_setopt(h, CURLOPT_PROXY, s.proxy.c_str());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(s.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, s.low_speed_bytes);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(s.low_speed_time.count()));
    if (s.total_timeout.count() > 0)
        curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(s.total_timeout.count()));
    curl_easy_setopt(h, CURLOPT_USERAGENT, s.user_agent.c_str());
    if (s.cancel) {
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, s.cancel);
    }
    return easy;
}

// What the callbacks of one GET share.
struct Transfer {
    CURL* handle = nullptr;
    std::uint64_t cap = 0;      // most body bytes accepted in this response
    std::uint64_t received = 0; // body bytes accepted
    bool over_cap = false;
    bool first_write = true;
    long status = 0;
    // Either a memory body or a file body.
    std::string* body = nullptr;
    int fd = -1;
    std::uint64_t file_offset = 0; // where the next byte goes in the file
    std::uint64_t expect_from = 0; // the Range start asked for (0: none)
    std::uint64_t content_range_start = UINT64_MAX;
    bool restarted = false; // a 200 answered a Range request: the file was started over
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

// A GET handle whose callbacks fill t.
Result<Easy> open_get(const std::string& url, const HttpSettings& s, Transfer& t, char* errbuf) {
    auto easy = TRY(open_handle(url, s, Redirects::Follow, errbuf));
    CURL* h = easy.get();
    t.handle = h;
    curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L); // an error page is not a body
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
    return easy;
}

// The error for a finished GET, or nothing when it succeeded.
std::optional<Error> transfer_error(CURLcode code, Transfer& t, const std::string& url, const char* errbuf) {
    std::string where = redacted_url(url);
    if (t.over_cap)
        return make_error(ErrorCode::TooLarge, where + " sent more than the " + std::to_string(t.cap) +
                                                   " bytes its signed size allows; the download was stopped");
    if (code == CURLE_ABORTED_BY_CALLBACK)
        return make_error(ErrorCode::Io, "the download of " + where + " was stopped");
    if (code == CURLE_OK)
        return std::nullopt;
    if (code == CURLE_HTTP_RETURNED_ERROR) {
        curl_easy_getinfo(t.handle, CURLINFO_RESPONSE_CODE, &t.status);
        if (t.status == 404)
            return make_error(ErrorCode::NotFound, where + " is not on the server (HTTP 404)");
        return make_error(ErrorCode::Io,
                          "the server answered HTTP " + std::to_string(t.status) + " for " + where);
    }
    if (t.write_errno == EPROTO)
        return make_error(ErrorCode::Io, "the server answered a Range request for " + where + " with HTTP " +
                                             std::to_string(t.status) + " and the wrong bytes");
    if (t.write_errno)
        return make_error(ErrorCode::Io,
                          "cannot write the download of " + where + ": " + std::strerror(t.write_errno));
    std::string detail = errbuf && *errbuf ? errbuf : curl_easy_strerror(code);
    return make_error(ErrorCode::Io, "cannot fetch " + where + ": " + detail);
}

struct Reader {
    std::string_view body;
    std::size_t offset = 0;
};

std::size_t read_body(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* reader = static_cast<Reader*>(user);
    std::size_t n = std::min(size * count, reader->body.size() - reader->offset);
    std::memcpy(buffer, reader->body.data() + reader->offset, n);
    reader->offset += n;
    return n;
}

// The server's answer body to a PUT is of no use here (nginx's error pages); it is read and dropped.
std::size_t drop(char*, std::size_t size, std::size_t count, void*) {
    return size * count;
}

} // namespace

Result<std::string> http_get(const std::string& url, std::size_t cap, const HttpSettings& settings) {
    Transfer t;
    std::string body;
    t.body = &body;
    t.cap = cap;
    char errbuf[CURL_ERROR_SIZE] = {0};
    auto easy = TRY(open_get(url, settings, t, errbuf));
    CURLcode code = curl_easy_perform(easy.get());
    if (auto error = transfer_error(code, t, url, errbuf))
        return std::move(*error);
    return body;
}

Result<Download> download_to_file(const std::string& url, const std::filesystem::path& part,
                                  std::uint64_t size, const HttpSettings& settings) {
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
        char errbuf[CURL_ERROR_SIZE] = {0};
        auto easy = open_get(url, settings, t, errbuf);
        if (!easy) {
            ::close(fd);
            return std::move(easy).error();
        }
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
            return make_error(ErrorCode::Truncated, redacted_url(url) + " is " +
                                                        std::to_string(t.file_offset) +
                                                        " bytes on the server, not the " +
                                                        std::to_string(size) + " its signed manifest says");
        }
        return report;
    }
    return make_error(ErrorCode::Io, "the server refused the range requested of " + redacted_url(url));
}

Result<HttpAnswer> http_put(const std::string& url, std::string_view body, std::string_view content_type,
                            const HttpSettings& settings) {
    char error[CURL_ERROR_SIZE] = {};
    auto curl = open_handle(url, settings, Redirects::Refuse, error);
    if (!curl)
        return make_error(ErrorCode::Io, "cannot start libcurl");
    CURL* c = curl->get();
    Reader reader{body, 0};
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    std::string type = "Content-Type: " + std::string(content_type);
    curl_slist* list = curl_slist_append(nullptr, type.c_str());
    // No "Expect: 100-continue" round trip: the bodies are small and every round trip costs on 3G.
    list = curl_slist_append(list, "Expect:");
    headers.reset(list);

    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
    curl_easy_setopt(c, CURLOPT_READDATA, &reader);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, drop);

    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        std::string detail = *error ? error : curl_easy_strerror(rc);
        if (rc == CURLE_ABORTED_BY_CALLBACK)
            detail = "cancelled";
        return make_error(ErrorCode::Io, "PUT " + redacted_url(url) + ": " + detail);
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    return HttpAnswer{status};
}

} // namespace kiosk::net
