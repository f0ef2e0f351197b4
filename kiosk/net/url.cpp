// URL helpers.
#include "net/url.hpp"

namespace kiosk::net {

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

} // namespace kiosk::net
