// Scanning a stick, installing what it holds (keys, then the newest pack per channel, then notices), and
// writing the result back to it.
#include "usb/stick_install.hpp"

#include "base/civil_time.hpp"
#include "base/log.hpp"
#include "notice/notice_install.hpp"
#include "pack/pack_file.hpp"
#include "platform/linux/files.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <ctime>
#include <sys/stat.h>

namespace kiosk {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

bool ends_with(const std::string& s, std::string_view end) {
    return s.size() > end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// Whether path is root or lies under it, by whole components (both canonical).
bool at_or_under(const fs::path& path, const fs::path& root) {
    auto pi = path.begin();
    for (auto ri = root.begin(); ri != root.end(); ++ri, ++pi) {
        if (ri->empty())
            continue;
        if (pi == path.end() || *pi != *ri)
            return false;
    }
    return true;
}

std::string file_name(const fs::path& p) {
    return p.filename().string();
}

} // namespace

StickContents scan_stick(const fs::path& stick) {
    StickContents c;
    std::error_code ec;
    fs::path root = fs::canonical(stick, ec);
    if (ec) {
        c.problems.push_back("cannot read the stick " + stick.string() + ": " + ec.message());
        return c;
    }
    std::size_t taken = 0;
    bool capped = false;
    std::optional<fs::path> folder;
    std::vector<fs::path> key_folders; // keys/ beside the packs, where content-tool usb and editors put certificates
    auto scan = [&](const fs::path& dir, bool top) {
        std::error_code dir_ec;
        std::size_t seen = 0;
        fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, dir_ec);
        for (; !dir_ec && it != fs::directory_iterator(); it.increment(dir_ec)) {
            if (++seen > kStickEntriesCap) {
                c.problems.push_back(dir.string() + " has more than " + std::to_string(kStickEntriesCap) +
                                     " entries; the rest were not looked at");
                break;
            }
            const fs::path& entry = it->path();
            std::string name = file_name(entry), low = lower(name);
            if (name.empty() || name[0] == '.') // hidden files, and the "._x.kpack" a Mac leaves beside each file
                continue;
            bool is_folder = top && low == kStickFolder;
            bool is_keys_folder = low == "keys" && dir.filename() != "keys";
            std::vector<fs::path>* list = nullptr;
            if (ends_with(low, ".kpack"))
                list = &c.packs;
            else if (ends_with(low, ".notice"))
                list = &c.notices;
            else if (ends_with(low, ".kcert") || ends_with(low, ".krevoke"))
                list = &c.key_files;
            if (!is_folder && !is_keys_folder && !list)
                continue;
            std::error_code e;
            fs::path target = entry;
            if (it->is_symlink(e)) {
                target = fs::canonical(entry, e);
                if (e || !at_or_under(target, root)) {
                    c.problems.push_back(name + " is a link that leads off the stick; ignored");
                    continue;
                }
            }
            if (is_folder || is_keys_folder) {
                if (fs::is_directory(target, e) && is_folder)
                    folder = target;
                else if (fs::is_directory(target, e))
                    key_folders.push_back(target);
                continue;
            }
            if (!fs::is_regular_file(target, e))
                continue;
            if (taken >= kStickFilesCap) {
                capped = true;
                continue;
            }
            ++taken;
            list->push_back(entry);
        }
        if (dir_ec)
            c.problems.push_back("cannot list " + dir.string() + ": " + dir_ec.message());
    };
    scan(root, true);
    if (folder)
        scan(*folder, false);
    for (std::size_t i = 0; i < key_folders.size(); ++i) // grows while scanning: a kiosk/keys/ found in kiosk/
        scan(fs::path(key_folders[i]), false);
    if (capped)
        c.problems.push_back("more than " + std::to_string(kStickFilesCap) +
                             " packs, notices and key files are on the stick; only the first were looked at");
    for (auto* list : {&c.key_files, &c.packs, &c.notices})
        std::sort(list->begin(), list->end());
    return c;
}

std::string stick_fingerprint(const fs::path& stick, const StickContents& contents) {
    std::string text;
    for (const auto* list : {&contents.key_files, &contents.packs, &contents.notices})
        for (const auto& file : *list) {
            struct stat st {};
            if (::stat(file.c_str(), &st) != 0)
                continue;
            text += file.lexically_relative(stick).string() + " " + std::to_string(st.st_size) + " " +
                    std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + "\n";
        }
    return text;
}

bool StickReport::any_refused() const {
    return std::any_of(files.begin(), files.end(), [](const FileOutcome& f) { return f.status == FileStatus::Refused; });
}

int StickReport::exit_status() const {
    if (found_nothing())
        return 3;
    return any_refused() ? 1 : 0;
}

void install_key_files(InstallContext& context, const std::vector<fs::path>& files, StickReport& report) {
    // Revocation lists before certificates (a certificate of a key the new list revokes must not count),
    // and both before any pack, so that a pack signed by a newly certified key installs from the same stick.
    std::vector<fs::path> ordered = files;
    std::stable_partition(ordered.begin(), ordered.end(),
                          [](const fs::path& f) { return lower(f.extension().string()) == ".krevoke"; });
    for (const auto& file : ordered) {
        FileOutcome out;
        out.file = file;
        out.kind = FileKind::KeyFile;
        if (!context.keyring) {
            log_info("usb: signing-key file found: " + file.string() + " (no keyring here: only listed)");
            out.status = FileStatus::Found;
            out.message = "Đã ghi nhận tệp khóa ký " + file_name(file) + ".\nSigning-key file " + file_name(file) +
                          " noted.";
            report.files.push_back(std::move(out));
            continue;
        }
        auto added = context.keyring->add_file(file);
        if (context.telemetry && (!added || added->outcome == KeyFileOutcome::Added))
            context.telemetry->record(InstallEvent{
                context.unix_ms ? context.unix_ms() : static_cast<std::int64_t>(std::time(nullptr)) * 1000, "", 0,
                added ? InstallOutcome::Installed : InstallOutcome::Refused,
                added ? added->description : file_name(file) + ": " + added.error().message});
        if (!added) {
            out.status = FileStatus::Refused;
            out.error = added.error().code;
            out.detail = added.error().message;
            out.message = key_file_message(added.error());
            log_warn("usb: key file " + file.string() + " refused: " + added.error().message);
        } else {
            out.status = added->outcome == KeyFileOutcome::Added ? FileStatus::Installed : FileStatus::Current;
            out.detail = added->description;
            out.message = key_file_message(*added);
            log_info("usb: key file " + file.string() + ": " + added->description);
        }
        report.files.push_back(std::move(out));
    }
}

StickReport install_from_stick(InstallContext& context, const fs::path& stick, std::int64_t now_s,
                               const UsbProgressFn& progress) {
    StickReport report;
    report.stick = stick;
    report.station = context.config.station;
    report.station_name = context.config.station_name;
    report.time = now_s;
    auto contents = scan_stick(stick);
    report.problems = contents.problems;
    for (const auto& problem : contents.problems)
        log_warn("usb: " + problem);
    log_info("usb: stick " + stick.string() + ": " + std::to_string(contents.packs.size()) + " packs, " +
             std::to_string(contents.notices.size()) + " notices, " + std::to_string(contents.key_files.size()) +
             " key files");

    install_key_files(context, contents.key_files, report);

    // Packs: the signature over each header and manifest is checked first (cheap), so that a forged pack
    // claiming a higher version cannot push a genuine one aside; per channel the newest genuine one is
    // installed, and older ones are reported skipped.
    struct Candidate {
        fs::path file;
        Manifest manifest;
    };
    std::map<std::string, std::vector<Candidate>> by_channel;
    std::vector<FileOutcome> outcomes; // in the order of the files on the stick
    std::vector<std::size_t> to_install;
    std::map<std::size_t, Candidate> candidates; // outcome index -> pack
    for (const auto& file : contents.packs) {
        auto reader = PackReader::open(file);
        auto manifest = reader ? reader->verify_manifest(context.keys) : Result<Manifest>(reader.error());
        if (!manifest) {
            outcomes.push_back(refused_pack(context, file, manifest.error()));
            continue;
        }
        FileOutcome out;
        out.file = file;
        out.channel = manifest->channel;
        out.version = manifest->version;
        candidates.emplace(outcomes.size(), Candidate{file, std::move(manifest.value())});
        outcomes.push_back(std::move(out));
    }
    std::map<std::string, std::size_t> newest; // channel -> outcome index
    for (const auto& [index, candidate] : candidates) {
        auto [it, fresh] = newest.emplace(candidate.manifest.channel, index);
        if (!fresh && candidates.at(it->second).manifest.version < candidate.manifest.version)
            it->second = index;
    }
    std::uint64_t total = 0, done = 0;
    for (const auto& [index, candidate] : candidates) {
        std::size_t chosen = newest.at(candidate.manifest.channel);
        if (chosen == index) {
            to_install.push_back(index);
            total += candidate.manifest.blob_bytes();
            continue;
        }
        FileOutcome& out = outcomes[index];
        out.status = FileStatus::Skipped;
        std::string newer = std::to_string(candidates.at(chosen).manifest.version);
        std::string self = std::to_string(out.version);
        std::string other = file_name(candidates.at(chosen).file);
        out.message = out.version == candidates.at(chosen).manifest.version
                          ? "Trùng với tệp " + other + " (cùng phiên bản " + self + "), đã cài một lần.\nThe same version " +
                                self + " as " + other + ", installed once."
                          : "Phiên bản " + self + " cũ hơn phiên bản " + newer + " của cùng kênh, cũng có trên USB (tệp " +
                                other + ").\nVersion " + self + " is older than version " + newer +
                                " of the same channel, also on this stick (" + other + ").";
        out.detail = "older than " + other + " on the same stick";
    }
    for (const auto& file : contents.notices) {
        std::error_code ec;
        auto size = fs::file_size(file, ec);
        total += ec ? 0 : size;
    }

    std::size_t count = to_install.size() + contents.notices.size(), number = 0;
    auto report_progress = [&](const fs::path& file, std::uint64_t at) {
        if (progress)
            progress(UsbProgress{at, total, file_name(file), number, count});
    };
    std::set<std::size_t> tried;
    for (std::size_t k = 0; k < to_install.size(); ++k) {
        std::size_t index = to_install[k];
        tried.insert(index);
        const Candidate& candidate = candidates.at(index);
        ++number;
        std::uint64_t base = done;
        report_progress(candidate.file, base);
        FileOutcome out = install_file(context, candidate.file, now_s, [&](std::uint64_t d, std::uint64_t) {
            report_progress(candidate.file, base + d);
        }, &candidate.manifest);
        done = base + candidate.manifest.blob_bytes();
        report_progress(candidate.file, done);
        bool damaged = out.status == FileStatus::Refused &&
                       (out.error == ErrorCode::Hash || out.error == ErrorCode::Truncated ||
                        out.error == ErrorCode::Io || out.error == ErrorCode::Invalid);
        outcomes[index] = std::move(out);
        if (!damaged)
            continue;
        // The newest copy is damaged: the next best genuine pack of the channel on the stick (another
        // copy of the same version, or the newest older one) is tried rather than left skipped.
        std::optional<std::size_t> next;
        for (const auto& [other, c] : candidates)
            if (!tried.count(other) && c.manifest.channel == candidate.manifest.channel &&
                c.manifest.version <= candidate.manifest.version &&
                (!next || candidates.at(*next).manifest.version < c.manifest.version))
                next = other;
        if (next) {
            log_info("usb: " + file_name(candidate.file) + " is damaged; trying " + file_name(candidates.at(*next).file));
            to_install.push_back(*next);
            total += candidates.at(*next).manifest.blob_bytes();
            ++count;
        }
    }
    for (auto& outcome : outcomes)
        report.files.push_back(std::move(outcome));

    // Notices after the packs: a notice may be for the channel of a pack just installed.
    for (const auto& file : contents.notices) {
        ++number;
        report_progress(file, done);
        FileOutcome out = install_file(context, file, now_s);
        if (out.status == FileStatus::Refused && out.error == ErrorCode::Version)
            out.status = FileStatus::Skipped; // older than or the same as one received: nothing to do
        std::error_code ec;
        auto size = fs::file_size(file, ec);
        done += ec ? 0 : size;
        report_progress(file, done);
        report.files.push_back(std::move(out));
    }

    // The result goes back onto the stick; a write-protected or full stick only shows it on screen.
    auto path = stick / result_file_name(report.station);
    auto written = platform::write_file_atomic(path, stick_report_text(report));
    if (written) {
        report.result_file = path;
        log_info("usb: result written to " + path.string());
    } else {
        report.result_problem = written.error().message;
        log_warn("usb: the result could not be written to the stick (" + written.error().message +
                 "); it is shown on the screen only");
    }
    return report;
}

std::string result_file_name(const std::string& station) {
    std::string safe;
    for (char c : station) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_' || c == '.';
        safe += ok ? c : '_';
        if (safe.size() >= 60)
            break;
    }
    if (safe.empty() || safe[0] == '.')
        safe.insert(0, "station");
    return "KIOSK-KET-QUA-RESULT-" + safe + ".txt";
}

std::pair<std::string, std::string> outcome_summary(const FileOutcome& o) {
    std::string vi = std::string(status_word_vi(o.status)) + ": ";
    std::string en = std::string(status_word_en(o.status)) + ": ";
    std::string v = std::to_string(o.version);
    switch (o.kind) {
    case FileKind::Pack:
        vi += "gói nội dung";
        en += "content pack";
        if (!o.channel.empty()) {
            vi += " " + o.channel + " phiên bản " + v;
            en += " " + o.channel + " version " + v;
        }
        break;
    case FileKind::Notice:
        vi += "thông báo khẩn";
        en += "urgent notice";
        if (!o.notice_id.empty()) {
            vi += " " + o.notice_id + " phiên bản " + v;
            en += " " + o.notice_id + " version " + v;
        } else { // refused before its id was read: the file's name
            vi += " " + o.file.filename().string();
            en += " " + o.file.filename().string();
        }
        break;
    case FileKind::KeyFile:
        vi += "tệp khóa ký " + o.file.filename().string();
        en += "signing-key file " + o.file.filename().string();
        if (!o.detail.empty() && o.status != FileStatus::Refused) {
            vi += " (" + o.detail + ")";
            en += " (" + o.detail + ")";
        }
        break;
    }
    return {vi, en};
}

std::string stick_report_text(const StickReport& r) {
    std::string station = r.station + (r.station_name.empty() ? "" : " (" + r.station_name + ")");
    std::string when = format_local_datetime(LocalTime::from_unix(r.time).minute);
    std::string t = "KẾT QUẢ CÀI ĐẶT TỪ USB\nUSB INSTALL RESULT\n\n";
    t += "Trạm: " + station + "\nStation: " + station + "\n";
    t += "Thời gian: " + when + " (giờ của trạm)\nTime: " + when + " (station time)\n\n";
    if (r.found_nothing()) {
        t += "Không tìm thấy gì để cài đặt: USB không có gói nội dung (.kpack), thông báo (.notice) hay tệp khóa "
             "ở thư mục gốc hoặc thư mục kiosk/.\n"
             "Nothing to install was found: the stick has no content pack (.kpack), notice (.notice) or key file "
             "in its top folder or its kiosk/ folder.\n\n";
    }
    std::size_t installed = 0, refused = 0, other = 0;
    for (std::size_t i = 0; i < r.files.size(); ++i) {
        const FileOutcome& o = r.files[i];
        (o.status == FileStatus::Installed || o.status == FileStatus::Repaired ? installed
         : o.status == FileStatus::Refused                                   ? refused
                                                                             : other)++;
        auto [vi, en] = outcome_summary(o);
        t += std::to_string(i + 1) + ". " + file_name(o.file) + "\n   " + vi + "\n   " + en + "\n";
        if (o.status != FileStatus::Installed && o.status != FileStatus::Repaired) {
            std::size_t start = 0;
            while (start < o.message.size()) {
                auto nl = o.message.find('\n', start);
                if (nl == std::string::npos)
                    nl = o.message.size();
                t += "   " + o.message.substr(start, nl - start) + "\n";
                start = nl + 1;
            }
        }
        t += "\n";
    }
    for (const auto& problem : r.problems)
        t += "Lưu ý / Note: " + problem + "\n";
    if (!r.problems.empty())
        t += "\n";
    if (!r.found_nothing())
        t += "Đã cài đặt " + std::to_string(installed) + ", bị từ chối " + std::to_string(refused) + ", khác " +
             std::to_string(other) + ".\nInstalled " + std::to_string(installed) + ", refused " +
             std::to_string(refused) + ", other " + std::to_string(other) + ".\n";
    if (refused)
        t += "Nội dung đang chiếu được giữ nguyên với các tệp bị từ chối. Hãy gửi tệp kết quả này cho Sở.\n"
             "What plays is unchanged by the refused files. Send this result file to the provincial office.\n";
    t += "\nCó thể rút USB ra.\nYou may now remove the stick.\n";
    return t;
}

} // namespace kiosk
