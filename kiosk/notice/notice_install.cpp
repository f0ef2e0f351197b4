// The operator's messages for notices.
#include "notice/notice_install.hpp"

#include "base/civil_time.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace kiosk {

namespace {

// The station's local time with its offset from UTC, so that a station whose clock runs in UTC says so.
std::string local(std::int64_t unix_s) {
    std::time_t t = static_cast<std::time_t>(unix_s);
    std::tm tm{};
    localtime_r(&t, &tm);
    long offset = tm.tm_gmtoff / 60;
    char zone[48]; // room for any offset the C library may report
    std::snprintf(zone, sizeof zone, " (UTC%c%02ld:%02ld)", offset < 0 ? '-' : '+', std::labs(offset) / 60,
                  std::labs(offset) % 60);
    return format_local_datetime(LocalTime::from_unix(unix_s).minute) + zone;
}

} // namespace

bool is_notice_file(const fs::path& file) {
    return file.extension() == kNoticeExtension;
}

std::string notice_installed_message(const Notice& n, std::int64_t now) {
    std::string version = std::to_string(n.version);
    if (n.withdrawn)
        return "Đã gỡ thông báo khẩn " + n.id + " (phiên bản " + version +
               "); thông báo này không còn hiển thị.\n" + "Withdrew urgent notice " + n.id + " (version " +
               version + "); it is no longer shown.";
    bool later = n.starts > now;
    std::string from = local(n.starts), until = local(n.expires);
    std::string vi_mode =
        n.mode == NoticeMode::Takeover ? "toàn màn hình" : "dải chữ trên nội dung đang chiếu";
    std::string en_mode =
        n.mode == NoticeMode::Takeover ? "over the whole screen" : "as a banner over what plays";
    return "Đã cài đặt thông báo khẩn " + n.id + " phiên bản " + version + ": " +
           (later ? "sẽ hiển thị " : "hiển thị ") + vi_mode + " từ " + from + " đến " + until + ".\n" +
           "Installed urgent notice " + n.id + " version " + version + ": " +
           (later ? "will show " : "shown ") + en_mode + " from " + from + " until " + until + ".";
}

std::string notice_operator_message(const Error& error) {
    std::string vi, en;
    switch (error.code) {
    case ErrorCode::Signature:
        vi = "Thông báo không có chữ ký hợp lệ của cơ quan quản lý. Hãy liên hệ Sở để nhận tệp mới.";
        en = "The notice is not signed by a trusted office key. Ask the provincial office for a new file.";
        break;
    case ErrorCode::Hash:
    case ErrorCode::Truncated:
    case ErrorCode::Parse:
    case ErrorCode::TooLarge:
        vi = "Tệp thông báo bị hỏng hoặc không phải tệp thông báo. Hãy chép lại từ bản gốc hoặc xin Sở tệp "
             "mới.";
        en = "The notice file is damaged or not a notice. Copy it again from the original or ask the "
             "provincial "
             "office for a new one.";
        break;
    case ErrorCode::Invalid:
        vi = "Thông báo không hợp lệ (ví dụ thiếu bản dịch cho một ngôn ngữ của trạm). Hãy báo Sở làm lại.";
        en = "The notice is not valid (for example, a language of this station is missing). Ask the "
             "provincial "
             "office to make it again.";
        break;
    case ErrorCode::Version:
        vi = "Thông báo này cũ hơn hoặc trùng với thông báo đã nhận. Không cần cài lại.";
        en = "This notice is older than or the same as one already received. Nothing to install.";
        break;
    case ErrorCode::Station:
        vi = "Thông báo này dành cho trạm hoặc kênh khác. Hãy kiểm tra lại với Sở.";
        en = "This notice is meant for another station or channel. Check with the provincial office.";
        break;
    case ErrorCode::Expired:
        vi = "Thông báo này đã hết hạn, không cần hiển thị nữa.";
        en = "This notice has expired and need not be shown any more.";
        break;
    case ErrorCode::Unsupported:
        vi = "Phần mềm của trạm cần được cập nhật để đọc thông báo này.";
        en = "The station software must be updated to read this notice.";
        break;
    case ErrorCode::NotFound:
        vi = "Không tìm thấy tệp thông báo. Hãy kiểm tra tên tệp và USB đã được cắm chưa.";
        en = "The notice file was not found. Check the file name and that the stick is plugged in.";
        break;
    case ErrorCode::Io:
        vi = "Không đọc hoặc ghi được dữ liệu (USB lỗi hoặc ổ đĩa đầy). Hãy thử lại hoặc báo Sở.";
        en =
            "Data could not be read or written (faulty stick or full disk). Try again or tell the provincial "
            "office.";
        break;
    }
    return vi + "\n" + en +
           "\nCác thông báo đang có được giữ nguyên. / The notices already installed are unchanged.\nChi "
           "tiết / "
           "Details: " +
           error.message;
}

Result<Notice> install_notice_file(NoticeBoard& board, const fs::path& file, std::int64_t now,
                                   const std::vector<std::string>& languages, std::FILE* out) {
    auto result = board.install(file, now, languages);
    std::string message =
        result ? notice_installed_message(*result, now) : notice_operator_message(result.error());
    std::fprintf(out, "%s\n", message.c_str());
    return result;
}

} // namespace kiosk
