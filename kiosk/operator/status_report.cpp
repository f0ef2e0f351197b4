// Formatting of the operator screen's status lines (pure: no clock or files but the time zone).
#include "operator/status_report.hpp"

#include "operator/wording.hpp"

#include <ctime>

namespace kiosk {

namespace {

const std::string kAskOfficeVi = "Hãy báo cho đơn vị cấp tỉnh quản lý trạm.";
const std::string kAskOfficeEn = "Tell the provincial office that runs the station.";

StatusLine line(std::string vi, std::string en, std::string value) {
    return StatusLine{std::move(vi), std::move(en), std::move(value), false, {}};
}

StatusLine disk_line(const std::optional<DiskFacts>& disk) {
    auto out = line("Dung lượng trống", "Free disk space", "");
    if (!disk || disk->total_bytes == 0) {
        out.value = "không đọc được / could not be read";
        out.warning = true;
        out.advice = kAskOfficeVi + " / " + kAskOfficeEn;
        return out;
    }
    double share = static_cast<double>(disk->free_bytes) / static_cast<double>(disk->total_bytes);
    out.value = size_text(disk->free_bytes) + " / " + size_text(disk->total_bytes) + " (" +
                std::to_string(static_cast<int>(share * 100 + 0.5)) + " %)";
    if (share < kLowDiskShare || disk->free_bytes < kLowDiskBytes) {
        out.warning = true;
        out.advice = "Ổ đĩa sắp đầy; nội dung mới có thể không cài được. " + kAskOfficeVi +
                     " / The disk is nearly full; new content may not install. " + kAskOfficeEn;
    }
    return out;
}

std::string ago(std::int64_t then, std::int64_t now) {
    if (then > now) // the clock was set back since; the time alone is still true
        return local_time_text(then);
    return local_time_text(then) + " (" + duration_vi(now - then) + " trước / " + duration_en(now - then) +
           " ago)";
}

} // namespace

std::string local_time_text(std::int64_t unix_time) {
    std::time_t t = static_cast<std::time_t>(unix_time);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::vector<StatusLine> status_lines(const StationFacts& facts) {
    std::vector<StatusLine> out;
    out.push_back(line("Mã trạm", "Station", facts.station_id.empty() ? "?" : facts.station_id));
    if (facts.pack) {
        const auto& pack = *facts.pack;
        out.push_back(
            line("Gói nội dung", "Content pack", pack.channel + " v" + std::to_string(pack.version)));
        out.push_back(line("Người ký", "Signed by", pack.signer));
        out.push_back(line("Ngày đóng gói", "Built", local_time_text(pack.created)));
    } else {
        auto none = line("Gói nội dung", "Content pack",
                         "chưa có, đang hiện màn hình dự phòng / none, showing the built-in screen");
        none.warning = true;
        none.advice =
            "Hãy cắm USB nội dung do tỉnh gửi. / Plug in the content stick from the provincial office.";
        out.push_back(std::move(none));
    }
    out.push_back(disk_line(facts.disk));
    out.push_back(line("Máy đã chạy", "Machine up for", duration_both(facts.machine_uptime_s)));
    out.push_back(line("Phần mềm đã chạy", "Kiosk up for", duration_both(facts.kiosk_uptime_s)));
    out.push_back(line("Đồng bộ gần nhất", "Last sync",
                       facts.last_sync ? ago(*facts.last_sync, facts.now) : "chưa lần nào / never"));
    if (facts.last_errors.empty())
        out.push_back(line("Lỗi gần đây", "Recent errors", "không có / none"));
    for (const auto& error : facts.last_errors) {
        auto l = line("Lỗi gần đây", "Recent error", error);
        l.warning = true;
        out.push_back(std::move(l));
    }
    return out;
}

std::vector<std::string> status_text(const std::vector<StatusLine>& lines) {
    std::vector<std::string> out;
    for (const auto& l : lines) {
        out.push_back((l.warning ? "! " : "  ") + l.label_vi + " / " + l.label_en + ": " + l.value);
        if (!l.advice.empty())
            out.push_back("    " + l.advice);
    }
    return out;
}

} // namespace kiosk
