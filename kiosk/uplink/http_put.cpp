// PUT over libcurl's easy interface.
#include "uplink/http_put.hpp"

#include <algorithm>
#include <cstring>
#include <curl/curl.h>
#include <memory>
#include <mutex>

namespace kiosk::uplink {

namespace {

void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
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

// The server's answer body is of no use here (nginx's error pages); it is read and dropped.
std::size_t drop(char*, std::size_t size, std::size_t count, void*) {
    return size * count;
}

int progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* cancel = static_cast<const std::atomic<bool>*>(user);
    return cancel && cancel->load() ? 1 : 0; // non-zero aborts the transfer
}

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

} // namespace

Result<HttpAnswer> http_put(const std::string& url, std::string_view body, std::string_view content_type,
                            const HttpSettings& settings) {
    init_curl_once();
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl)
        return make_error(ErrorCode::Io, "cannot start libcurl");
    CURL* c = curl.get();
    Reader reader{body, 0};
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    std::string type = "Content-Type: " + std::string(content_type);
    curl_slist* list = curl_slist_append(nullptr, type.c_str());
    // No "Expect: 100-continue" round trip: the bodies are small and every round trip costs on 3G.
    list = curl_slist_append(list, "Expect:");
    headers.reset(list);
    char error[CURL_ERROR_SIZE] = {};

    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
    curl_easy_setopt(c, CURLOPT_READDATA, &reader);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, drop);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L); // a PUT is not replayed to wherever a redirect points
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, settings.low_speed_bytes);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(settings.low_speed_time.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings.total_timeout.count()));
    curl_easy_setopt(c, CURLOPT_USERAGENT, "border-kiosk-uplink");
    if (!settings.ca_file.empty())
        curl_easy_setopt(c, CURLOPT_CAINFO, settings.ca_file.c_str());
    if (!settings.proxy.empty())
        curl_easy_setopt(c, CURLOPT_PROXY, settings.proxy.c_str());
    if (settings.cancel) {
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, settings.cancel);
    }

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

std::string redacted_url(std::string_view url) {
    auto scheme = url.find("://");
    if (scheme == std::string_view::npos)
        return std::string(url);
    auto host = scheme + 3;
    auto end = url.find_first_of("/?#", host);
    auto at = url.rfind('@', end == std::string_view::npos ? url.size() : end);
    if (at == std::string_view::npos || at < host)
        return std::string(url);
    return std::string(url.substr(0, host)) + std::string(url.substr(at + 1));
}

std::string url_segment(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : text) {
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
            ch == '_' || ch == '.' || ch == '~') {
            out += static_cast<char>(ch);
        } else {
            out += '%';
            out += hex[ch >> 4];
            out += hex[ch & 15];
        }
    }
    return out;
}

std::string join_url(std::string_view base, std::string_view path) {
    std::string url(base);
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url + "/" + std::string(path);
}

} // namespace kiosk::uplink
