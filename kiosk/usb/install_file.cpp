// One file installed the operator's way: packs through ChannelStores, notices through the notice board.
#include "usb/install_file.hpp"

#include "base/log.hpp"
#include "notice/notice_install.hpp"

#include <chrono>

namespace kiosk {

namespace {

std::int64_t system_unix_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void note(InstallContext& context, InstallOutcome outcome, const std::string& channel, std::uint64_t version,
          std::string detail) {
    if (context.telemetry)
        context.telemetry->record(InstallEvent{context.unix_ms ? context.unix_ms() : system_unix_ms(), channel, version,
                                               outcome, std::move(detail)});
}

} // namespace

FileOutcome refused_pack(InstallContext& context, const std::filesystem::path& file, const Error& error,
                         const Manifest* verified) {
    FileOutcome out;
    out.file = file;
    out.kind = FileKind::Pack;
    if (verified) {
        out.channel = verified->channel;
        out.version = verified->version;
    }
    if (verified && error.code == ErrorCode::Version) {
        // The version playing now, offered again: nothing to do (not a refusal). An older one is a replay.
        const Store* store = context.stores.also(verified->channel);
        auto active = (store ? *store : context.stores.own()).open_active(Verify::Quick);
        if (active && active->manifest.channel == verified->channel && active->manifest.version == verified->version) {
            std::string v = std::to_string(verified->version);
            out.status = FileStatus::Current;
            out.message = "Gói nội dung " + out.channel + " phiên bản " + v +
                          " đã được cài và đang chiếu; không cần cài lại.\nContent pack " + out.channel +
                          " version " + v + " is already installed and playing; nothing to do.";
            out.detail = out.channel + " version " + v + " is already current";
            log_info("install: " + out.detail + " (" + file.string() + ")");
            return out;
        }
    }
    out.status = FileStatus::Refused;
    out.error = error.code;
    out.detail = error.message;
    out.message = operator_message(error);
    note(context, InstallOutcome::Refused, out.channel, out.version, error.message);
    log_warn("install: pack " + file.string() + " refused: " + error.message);
    return out;
}

std::vector<std::string> notice_channels(const ChannelStores& stores, const KioskConfig& config) {
    std::vector<std::string> channels = config.also_channels;
    if (!config.channel.empty())
        channels.push_back(config.channel);
    else if (auto active = stores.own().open_active(Verify::Quick))
        channels.push_back(active->manifest.channel);
    return channels;
}

FileOutcome install_file(InstallContext& context, const std::filesystem::path& file, std::int64_t now_s,
                         const ProgressFn& progress, const Manifest* verified) {
    FileOutcome out;
    out.file = file;
    auto note = [&](InstallOutcome outcome, const std::string& channel, std::uint64_t version, std::string detail) {
        kiosk::note(context, outcome, channel, version, std::move(detail));
    };
    if (is_notice_file(file)) { // an urgent notice, not a pack: it goes to the notice board
        out.kind = FileKind::Notice;
        auto refuse = [&](const Error& error) {
            out.status = FileStatus::Refused;
            out.error = error.code;
            out.detail = error.message;
            out.message = notice_operator_message(error);
            note(InstallOutcome::Refused, "", 0, "notice: " + error.message);
            log_warn("install: notice " + file.string() + " refused: " + error.message);
            return out;
        };
        auto channels = notice_channels(context.stores, context.config);
        if (channels.empty()) // nothing says which channel the station plays: no notice can be for it
            return refuse(make_error(ErrorCode::Station, "this station has no content pack yet and no channel "
                                                         "configured, so no notice can be for it; install its pack first"));
        auto board = NoticeBoard::open(context.stores.own().root() / "notices", context.keys, context.config.station,
                                       channels);
        if (!board)
            return refuse(board.error());
        auto notice = board->install(file, now_s);
        if (!notice)
            return refuse(notice.error());
        out.status = FileStatus::Installed;
        out.channel = notice->channel;
        out.version = notice->version;
        out.notice_id = notice->id;
        out.message = notice_installed_message(*notice, now_s);
        out.detail = "notice " + notice->id;
        note(InstallOutcome::Installed, notice->channel, notice->version, "notice " + notice->id);
        log_info("install: notice " + notice->id + " version " + std::to_string(notice->version) + " from " +
                 file.string());
        return out;
    }
    out.kind = FileKind::Pack;
    auto result = context.stores.install(file, now_s, progress);
    if (!result)
        return refused_pack(context, file, result.error(), verified);
    const Manifest& m = result->manifest;
    bool repair = result->kind == InstallKind::Repair;
    note(repair ? InstallOutcome::Repaired : InstallOutcome::Installed, m.channel, m.version, m.signer);
    out.status = repair ? FileStatus::Repaired : FileStatus::Installed;
    out.channel = m.channel;
    out.version = m.version;
    std::string version = std::to_string(m.version);
    if (repair)
        out.message = "Đã sửa gói nội dung " + m.channel + " phiên bản " + version +
                      " (dữ liệu hỏng trên đĩa đã được chép lại).\nRepaired content pack " + m.channel + " version " +
                      version + " (damaged data on the disk was written again).";
    else
        out.message = "Đã cài đặt gói nội dung " + m.channel + " phiên bản " + version +
                      ".\nInstalled content pack " + m.channel + " version " + version + ".";
    out.detail = (repair ? "repaired " : "installed ") + m.channel + " version " + version + " signed by " + m.signer;
    log_info("install: " + out.detail + " from " + file.string());
    return out;
}

const char* status_word_vi(FileStatus status) {
    switch (status) {
    case FileStatus::Installed: return "ĐÃ CÀI ĐẶT";
    case FileStatus::Repaired: return "ĐÃ SỬA";
    case FileStatus::Current: return "ĐÃ CÓ SẴN";
    case FileStatus::Skipped: return "BỎ QUA";
    case FileStatus::Refused: return "BỊ TỪ CHỐI";
    case FileStatus::Found: return "ĐÃ NHẬN";
    }
    return "";
}

const char* status_word_en(FileStatus status) {
    switch (status) {
    case FileStatus::Installed: return "INSTALLED";
    case FileStatus::Repaired: return "REPAIRED";
    case FileStatus::Current: return "ALREADY CURRENT";
    case FileStatus::Skipped: return "SKIPPED";
    case FileStatus::Refused: return "REFUSED";
    case FileStatus::Found: return "RECEIVED";
    }
    return "";
}

} // namespace kiosk
