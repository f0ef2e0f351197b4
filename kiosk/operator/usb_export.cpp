// Choosing the stick from the mount table and wording the outcome of an export for the operator.
#include "operator/usb_export.hpp"

#include "base/log.hpp"
#include "platform/linux/removable_media.hpp"

namespace kiosk {

namespace fs = std::filesystem;

std::string stick_name(const fs::path& mount_point) {
    fs::path trimmed = mount_point;
    if (!trimmed.has_filename() && trimmed.has_parent_path())
        trimmed = trimmed.parent_path();
    std::string name = trimmed.filename().string();
    return name.empty() ? trimmed.string() : name;
}

Error no_stick_error(const fs::path& usb_root) {
    log_warn("export to USB: no writable stick is mounted under " + usb_root.string());
    return make_error(
        ErrorCode::NotFound,
        "Không tìm thấy USB. Hãy cắm USB vào máy, chờ vài giây rồi thử lại. Nếu USB có nút "
        "khóa chống ghi, hãy gạt nút về vị trí mở. / No USB stick found: plug one in and wait a "
        "few seconds, then try again. If the stick has a write-protect switch, slide it to "
        "unlocked.");
}

Result<StickExport> export_to_stick(std::string_view mountinfo_text, const fs::path& usb_root,
                                    const ExportContents& contents) {
    auto sticks = platform::removable_mounts(mountinfo_text, usb_root);
    if (sticks.empty())
        return no_stick_error(usb_root);
    const fs::path& stick = sticks.front().mount_point;
    if (sticks.size() > 1) {
        std::string others;
        for (std::size_t i = 1; i < sticks.size(); ++i)
            others += (i > 1 ? ", " : "") + sticks[i].mount_point.string();
        log_info("export to USB: " + std::to_string(sticks.size()) + " sticks plugged in; using " +
                 stick.string() + ", not " + others);
    }
    auto folder = TRY(export_bundle(stick, contents));
    log_info("export to USB: wrote " + folder.string());

    std::string name = stick_name(stick), folder_name = folder.filename().string();
    std::string message = "Đã xuất nhật ký và số liệu vào USB \"" + name + "\", thư mục " + folder_name +
                          ". Có thể rút USB ra và gửi về đơn vị cấp tỉnh.";
    if (sticks.size() > 1)
        message += " (Đang cắm " + std::to_string(sticks.size()) + " USB; đã dùng USB \"" + name + "\".)";
    message += " / Logs and figures were exported to the USB stick \"" + name + "\", folder " + folder_name +
               ". You can pull the stick out now and send it to the provincial office.";
    if (sticks.size() > 1)
        message +=
            " (" + std::to_string(sticks.size()) + " sticks are plugged in; \"" + name + "\" was used.)";
    return StickExport{folder, stick, sticks.size(), std::move(message)};
}

Result<fs::path> export_to_stick(const fs::path& usb_root, ExportContents contents) {
    auto table = platform::read_mountinfo();
    if (!table) {
        log_error("export to USB: cannot read the mount table: " + table.error().message);
        return no_stick_error(usb_root);
    }
    auto done = TRY(export_to_stick(*table, usb_root, contents));
    return done.folder;
}

} // namespace kiosk
